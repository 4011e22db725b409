// StepFunctionsService+SyncExecutions: StartSyncExecution and DescribeStateMachineForExecution.
import Foundation
import StratusAPIStepFunctions
import StratusAWSCore
import StratusServiceKit

extension StepFunctionsService {
    /// Express Workflows bill memory in 64 MB units; Stratus reports one unit.
    static let billedMemoryInMB = 64
    /// Express Workflows bill duration rounded up to 100 ms.
    static let billingIncrementMilliseconds: Int64 = 100

    /// Runs an execution of an EXPRESS state machine (or of a version or alias of one) to its end (in memory, on
    /// the runner) and answers its result; a STANDARD machine answers `StateMachineTypeNotSupported`.
    package func startSyncExecution(
        _ input: StepFunctions.StartSyncExecutionInput, context: RequestContext
    ) async throws -> StepFunctions.StartSyncExecutionOutput {
        let (machine, versionArn, aliasArn) = try await executable(arn: input.stateMachineArn)
        guard machine.type == "EXPRESS" else {
            throw AWSServiceError(
                StepFunctionsErrors.stateMachineTypeNotSupported,
                "This operation is not supported by this type of state machine")
        }
        let name = input.name ?? ids.next()
        let inputText = input.input ?? "{}"
        var prepared = try prepareExecution(of: machine, name: name, input: inputText)
        prepared.stored.record.stateMachineVersionArn = versionArn
        prepared.stored.record.stateMachineAliasArn = aliasArn
        let started = try await runner.start(
            prepared.stored, isDurable: false, definition: prepared.definition, context: prepared.context)
        guard started.isNew else {
            throw AWSServiceError(
                StepFunctionsErrors.executionAlreadyExists, "Execution Already Exists: '\(started.record.arn)'")
        }
        guard let record = try await runner.finished(arn: started.record.arn), let stoppedAt = record.stoppedAt else {
            throw AWSServiceError(
                StepFunctionsErrors.executionDoesNotExist,
                "Execution Does Not Exist: '\(started.record.arn)' (forgotten by a reset while it ran)")
        }
        let includeData = input.includedData != .metadataOnly
        let duration = max(stoppedAt - record.startedAt, 1)
        let increments = (duration + Self.billingIncrementMilliseconds - 1) / Self.billingIncrementMilliseconds
        return StepFunctions.StartSyncExecutionOutput(
            executionArn: record.arn, stateMachineArn: record.stateMachineArn, name: record.name,
            startDate: Self.date(record.startedAt), stopDate: Self.date(stoppedAt),
            status: Self.syncStatus(record.status), error: record.error, cause: record.cause,
            input: includeData ? record.input : nil,
            inputDetails: StepFunctions.CloudWatchEventsExecutionDataDetails(included: includeData),
            output: includeData ? record.output : nil,
            outputDetails: record.output == nil
                ? nil : StepFunctions.CloudWatchEventsExecutionDataDetails(included: includeData),
            billingDetails: StepFunctions.BillingDetails(
                billedMemoryUsedInMB: Self.billedMemoryInMB,
                billedDurationInMilliseconds: Int(increments * Self.billingIncrementMilliseconds)))
    }

    /// A finished execution's status as `StartSyncExecution` reports it (an aborted one counts as failed).
    static func syncStatus(_ status: String) -> StepFunctions.SyncExecutionStatus {
        switch status {
        case "SUCCEEDED": .succeeded
        case "TIMED_OUT": .timedOut
        default: .failed
        }
    }

    /// The state machine definition and configuration an execution runs with (its definition as of its start).
    package func describeStateMachineForExecution(
        _ input: StepFunctions.DescribeStateMachineForExecutionInput, context: RequestContext
    ) async throws -> StepFunctions.DescribeStateMachineForExecutionOutput {
        let record = try await execution(arn: input.executionArn)
        guard let source = try await runner.source(arn: record.arn) else {
            throw Self.executionDoesNotExist(record.arn)
        }
        let machine = try await store.stateMachine(arn: record.stateMachineArn)
        let updated = machine.map { $0.updatedAt ?? $0.createdAt } ?? record.startedAt
        return StepFunctions.DescribeStateMachineForExecutionOutput(
            stateMachineArn: record.stateMachineArn, name: source.stateMachineName, definition: source.definition,
            roleArn: source.roleArn, updateDate: Self.date(updated),
            loggingConfiguration: Self.describedLogging(machine?.loggingConfiguration),
            tracingConfiguration: machine?.tracingConfiguration ?? StepFunctions.TracingConfiguration(enabled: false),
            revisionId: machine.flatMap(Self.shownRevision), encryptionConfiguration: Self.ownedKeyEncryption,
            variableReferences: Self.variableReferences(in: source.definition))
    }
}
