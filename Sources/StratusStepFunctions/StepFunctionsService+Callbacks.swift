// StepFunctionsService+Callbacks: SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat.
import StratusAPIStepFunctions
import StratusJSON
import StratusServiceKit
import StratusStatesEngine

extension StepFunctionsService {
    /// Completes the `.waitForTaskToken` task a token names with `output` (JSON); answers once that is durable.
    package func sendTaskSuccess(
        _ input: StepFunctions.SendTaskSuccessInput, context: RequestContext
    ) async throws -> StepFunctions.SendTaskSuccessOutput {
        try StepFunctionsRunner.checkTaskTokenFormat(input.taskToken)
        let output: JSONValue
        do {
            output = try JSONValue.parse(input.output)
        } catch {
            throw AWSServiceError(StepFunctionsErrors.invalidOutput, "Invalid Output: '\(error.description)'")
        }
        try await runner.callback(token: input.taskToken, { .taskSucceeded(taskID: $0, output: output) }, closes: true)
        return StepFunctions.SendTaskSuccessOutput()
    }

    /// Fails the `.waitForTaskToken` task a token names with `error`/`cause`; answers once that is durable. Without
    /// `error` the failure has no name (``StatesError/isUnnamed``; its history event carries no `error`).
    package func sendTaskFailure(
        _ input: StepFunctions.SendTaskFailureInput, context: RequestContext
    ) async throws -> StepFunctions.SendTaskFailureOutput {
        let error = input.error ?? ""
        let cause = input.cause
        try await runner.callback(
            token: input.taskToken, { .taskFailed(taskID: $0, error: error, cause: cause) }, closes: true)
        return StepFunctions.SendTaskFailureOutput()
    }

    /// Records a heartbeat of the task a token names (restarting its `HeartbeatSeconds` clock).
    package func sendTaskHeartbeat(
        _ input: StepFunctions.SendTaskHeartbeatInput, context: RequestContext
    ) async throws -> StepFunctions.SendTaskHeartbeatOutput {
        try await runner.callback(token: input.taskToken, { .taskHeartbeat(taskID: $0) }, closes: false)
        return StepFunctions.SendTaskHeartbeatOutput()
    }
}
