// StepFunctionsService+MapRuns: ListMapRuns, DescribeMapRun, UpdateMapRun, and the child executions of a Map Run.
import Foundation
import OrderedCollections
import StratusAPIStepFunctions
import StratusASL
import StratusAWSCore
import StratusJSON
import StratusServiceKit
import StratusStatesEngine

extension StepFunctionsService {
    /// The Map Runs an execution started (Distributed Map states; nested ones excluded), oldest first, paginated.
    package func listMapRuns(
        _ input: StepFunctions.ListMapRunsInput, context: RequestContext
    ) async throws -> StepFunctions.ListMapRunsOutput {
        let record = try await execution(arn: input.executionArn)
        let limit = try Self.pageSize(input.maxResults)
        let offset = try input.nextToken.map { try Self.decodeOffset($0, kind: "mr") } ?? 0
        guard let runs = try await runner.mapRuns(executionArn: record.arn) else {
            throw Self.executionDoesNotExist(input.executionArn)
        }
        let page = runs.dropFirst(offset).prefix(limit)
        let next = offset + page.count < runs.count ? Self.encodeOffset(offset + page.count, kind: "mr") : nil
        return StepFunctions.ListMapRunsOutput(
            mapRuns: page.map {
                StepFunctions.MapRunListItem(
                    executionArn: record.arn, mapRunArn: $0.arn, stateMachineArn: $0.stateMachineARN,
                    startDate: Self.date($0.startDate.milliseconds), stopDate: $0.stopDate.map { Self.date($0.milliseconds) })
            },
            nextToken: next)
    }

    /// A Map Run's status, dates, settings and counts, as the engine ran it.
    package func describeMapRun(
        _ input: StepFunctions.DescribeMapRunInput, context: RequestContext
    ) async throws -> StepFunctions.DescribeMapRunOutput {
        let (executionArn, run) = try await mapRun(arn: input.mapRunArn)
        return StepFunctions.DescribeMapRunOutput(
            mapRunArn: run.arn, executionArn: executionArn,
            status: StepFunctions.MapRunStatus(rawValue: run.status.rawValue),
            startDate: Self.date(run.startDate.milliseconds), stopDate: run.stopDate.map { Self.date($0.milliseconds) },
            maxConcurrency: run.maxConcurrency, toleratedFailurePercentage: run.toleratedFailurePercentage ?? 0,
            toleratedFailureCount: run.toleratedFailureCount ?? 0,
            itemCounts: Self.itemCounts(run.itemCounts), executionCounts: Self.executionCounts(run.executionCounts),
            redriveCount: 0)
    }

    /// Changes a running Map Run's `maxConcurrency` and tolerances; answers once the change is durable.
    package func updateMapRun(
        _ input: StepFunctions.UpdateMapRunInput, context: RequestContext
    ) async throws -> StepFunctions.UpdateMapRunOutput {
        try Self.checkMapRunArn(input.mapRunArn)
        guard input.maxConcurrency != nil || input.toleratedFailureCount != nil || input.toleratedFailurePercentage != nil
        else {
            throw Self.mapRunValidation(
                "Must provide at least one of maxConcurrency, toleratedFailurePercentage or toleratedFailureCount",
                reason: "MISSING_REQUIRED_PARAMETER")
        }
        if let value = input.maxConcurrency, value < 0 {
            throw Self.constraint(value: "\(value)", member: "maxConcurrency", "greater than or equal to 0")
        }
        if let value = input.toleratedFailureCount, value < 0 {
            throw Self.constraint(value: "\(value)", member: "toleratedFailureCount", "greater than or equal to 0")
        }
        if let value = input.toleratedFailurePercentage {
            guard value.isFinite, value >= 0 else {
                throw Self.constraint(value: "\(value)", member: "toleratedFailurePercentage", "greater than or equal to 0")
            }
            guard value <= 100 else {
                throw Self.constraint(value: "\(value)", member: "toleratedFailurePercentage", "less than or equal to 100")
            }
        }
        let outcome = try await runner.updateMapRun(
            arn: input.mapRunArn, maxConcurrency: input.maxConcurrency,
            toleratedFailureCount: input.toleratedFailureCount, toleratedFailurePercentage: input.toleratedFailurePercentage)
        switch outcome {
        case .updated: return StepFunctions.UpdateMapRunOutput()
        case .notFound: throw Self.resourceNotFound(input.mapRunArn)
        case .finished:
            throw Self.mapRunValidation(
                "Map Run has already completed: '\(input.mapRunArn)'", reason: "CANNOT_UPDATE_COMPLETED_MAP_RUN")
        }
    }

    // MARK: Child executions

    /// `ListExecutions(mapRunArn:)`: the child executions a Map Run started (children still waiting for a slot do
    /// not exist yet), newest first, with `mapRunArn` and `itemCount`; `statusFilter`, `maxResults`, `nextToken`.
    func listMapRunExecutions(
        _ input: StepFunctions.ListExecutionsInput, mapRunArn: String
    ) async throws -> StepFunctions.ListExecutionsOutput {
        if input.stateMachineArn != nil {
            throw AWSServiceError.validation("Must provide either a StateMachine ARN or a MapRun ARN, not both")
        }
        if input.redriveFilter != nil { throw StepFunctionsFailure.unsupported("redrive filters") }
        let (_, run) = try await mapRun(arn: mapRunArn)
        let limit = try Self.pageSize(input.maxResults)
        let offset = try input.nextToken.map { try Self.decodeOffset($0, kind: "mx") } ?? 0
        var children = run.children.filter { $0.startDate != nil }
            .sorted { ($0.startDate!.milliseconds, $0.index) > ($1.startDate!.milliseconds, $1.index) }
        if let filter = input.statusFilter?.rawValue { children = children.filter { $0.status.name == filter } }
        let page = children.dropFirst(offset).prefix(limit)
        let next = offset + page.count < children.count ? Self.encodeOffset(offset + page.count, kind: "mx") : nil
        return StepFunctions.ListExecutionsOutput(
            executions: page.map { child in
                StepFunctions.ExecutionListItem(
                    executionArn: run.childExecutionARN(child), stateMachineArn: run.stateMachineARN, name: child.name,
                    status: StepFunctions.ExecutionStatus(rawValue: child.status.name),
                    startDate: Self.date(child.startDate!.milliseconds),
                    stopDate: child.stopDate.map { Self.date($0.milliseconds) }, mapRunArn: run.arn,
                    itemCount: child.itemCount)
            },
            nextToken: next)
    }

    /// `DescribeExecution` of a Map Run's child execution (`…:execution:<machine>/<label>:<name>`); `nil` when the
    /// ARN is not of that form (a regular execution). A child ARN that matches no started child →
    /// `ExecutionDoesNotExist`.
    func describeMapRunChild(arn: String) async throws -> StepFunctions.DescribeExecutionOutput? {
        guard Self.isMapRunChildArn(arn) else { return nil }
        guard let found = try await runner.mapRunChild(executionArn: arn), let startDate = found.child.startDate else {
            throw Self.executionDoesNotExist(arn)
        }
        let child = found.child
        var output: String?
        var error: String?
        var cause: String?
        switch child.status {
        case .succeeded(let value): output = value.serializedString()
        case .failed(let name, let text):
            error = name
            cause = text
        case .pending, .running, .aborted: break
        }
        return StepFunctions.DescribeExecutionOutput(
            executionArn: arn, stateMachineArn: found.run.stateMachineARN, name: child.name,
            status: StepFunctions.ExecutionStatus(rawValue: child.status.name), startDate: Self.date(startDate.milliseconds),
            stopDate: child.stopDate.map { Self.date($0.milliseconds) }, input: child.input.serializedString(),
            inputDetails: StepFunctions.CloudWatchEventsExecutionDataDetails(included: true), output: output,
            outputDetails: output == nil ? nil : StepFunctions.CloudWatchEventsExecutionDataDetails(included: true),
            mapRunArn: found.run.arn, error: error, cause: cause, redriveCount: 0)
    }

    /// Refuses operations Stratus does not offer on a Map Run's child executions (`StopExecution`: a child runs
    /// inside its parent's engine and cannot be stopped on its own yet).
    func refuseMapRunChild(_ arn: String, operation: String) throws {
        guard Self.isMapRunChildArn(arn) else { return }
        throw StepFunctionsFailure.unsupported("\(operation) on the child executions of a Map Run")
    }

    // MARK: Helpers

    /// Whether an execution ARN names a Map Run child (`…:execution:<machine>/<label>:<name>`).
    static func isMapRunChildArn(_ arn: String) -> Bool {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 8 && parts[0] == "arn" && parts[2] == "states" && parts[5] == "execution"
            && parts[6].contains("/")
    }

    /// The Map Run an ARN names, with its execution: malformed → `InvalidArn`, unknown → `ResourceNotFound`.
    func mapRun(arn: String) async throws -> (executionArn: String, run: MapRun) {
        try Self.checkMapRunArn(arn)
        guard let found = try await runner.mapRun(arn: arn) else { throw Self.resourceNotFound(arn) }
        return found
    }

    /// `arn:<partition>:states:<region>:<account>:mapRun:<machine>/<label>:<id>`, else `InvalidArn`.
    static func checkMapRunArn(_ arn: String) throws {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 8, parts[0] == "arn", parts[2] == "states", parts[5] == "mapRun",
            parts[6].split(separator: "/", omittingEmptySubsequences: false).count == 2,
            !parts[6].hasPrefix("/"), !parts[6].hasSuffix("/"), !parts[7].isEmpty
        else { throw StepFunctionsFailure.invalidArn(arn, reason: "Resource type not valid in this context") }
    }

    static func mapRunValidation(_ message: String, reason: String) -> AWSServiceError {
        AWSServiceError(StepFunctionsErrors.validationException, message, fields: ["reason": .string(reason)])
    }

    static func constraint(value: String, member: String, _ requirement: String) -> AWSServiceError {
        AWSServiceError.validation(
            "1 validation error detected: Value '\(value)' at '\(member)' failed to satisfy constraint: "
                + "Member must have value \(requirement)")
    }

    static func itemCounts(_ counts: MapRun.Counts) -> StepFunctions.MapRunItemCounts {
        StepFunctions.MapRunItemCounts(
            pending: counts.pending, running: counts.running, succeeded: counts.succeeded, failed: counts.failed,
            timedOut: counts.timedOut, aborted: counts.aborted, total: counts.total,
            resultsWritten: counts.resultsWritten, failuresNotRedrivable: 0, pendingRedrive: 0)
    }

    static func executionCounts(_ counts: MapRun.Counts) -> StepFunctions.MapRunExecutionCounts {
        StepFunctions.MapRunExecutionCounts(
            pending: counts.pending, running: counts.running, succeeded: counts.succeeded, failed: counts.failed,
            timedOut: counts.timedOut, aborted: counts.aborted, total: counts.total,
            resultsWritten: counts.resultsWritten, failuresNotRedrivable: 0, pendingRedrive: 0)
    }
}
