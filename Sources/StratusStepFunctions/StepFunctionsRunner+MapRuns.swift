// StepFunctionsRunner+MapRuns: the Map Runs of the executions the runner holds, and UpdateMapRun.
import StratusStatesEngine

extension StepFunctionsRunner {
    /// How ``updateMapRun(arn:maxConcurrency:toleratedFailureCount:toleratedFailurePercentage:)`` went.
    package enum MapRunUpdate: Sendable {
        /// The settings changed (and the event is journaled for a Standard execution).
        case updated
        /// No execution holds a Map Run with this ARN.
        case notFound
        /// The Map Run has finished; nothing changed.
        case finished
    }

    /// The top-level Map Runs of an execution, oldest first; `nil` if the execution is unknown.
    package func mapRuns(executionArn: String) async throws -> [MapRun]? {
        try await recovered()
        return runs[executionArn]?.machine.topLevelMapRuns
    }

    /// The Map Run with this ARN and the execution that started it, if any.
    package func mapRun(arn: String) async throws -> (executionArn: String, run: MapRun)? {
        try await recovered()
        return findMapRun(arn: arn)
    }

    /// The child execution of a Map Run that `executionArn` (`…:execution:<machine>/<label>:<name>`) names, with
    /// its run and the parent execution's ARN; `nil` if none (children not started yet do not exist).
    package func mapRunChild(
        executionArn: String
    ) async throws -> (parentExecutionArn: String, run: MapRun, child: MapRun.Child)? {
        try await recovered()
        for arn in runs.keys.sorted() {
            if let found = runs[arn]?.machine.mapRunChild(executionARN: executionArn) {
                return (arn, found.run, found.child)
            }
        }
        return nil
    }

    /// Applies `UpdateMapRun` to a running Map Run as a journaled engine event; answers once it is durable.
    package func updateMapRun(
        arn: String, maxConcurrency: Int?, toleratedFailureCount: Int?, toleratedFailurePercentage: Double?
    ) async throws -> MapRunUpdate {
        try await recovered()
        guard let found = findMapRun(arn: arn) else { return .notFound }
        guard found.run.status == .running, runs[found.executionArn]?.record.status == "RUNNING" else {
            return .finished
        }
        handle(
            .updateMapRun(
                mapRunARN: arn, maxConcurrency: maxConcurrency, toleratedFailureCount: toleratedFailureCount,
                toleratedFailurePercentage: toleratedFailurePercentage),
            for: found.executionArn)
        try await committed(for: found.executionArn)
        return .updated
    }

    private func findMapRun(arn: String) -> (executionArn: String, run: MapRun)? {
        for executionArn in runs.keys.sorted() {
            if let run = runs[executionArn]?.machine.mapRun(arn: arn) { return (executionArn, run) }
        }
        return nil
    }
}
