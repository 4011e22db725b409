// StepFunctionsRunner+Tasks: Task states on service integrations, and the task-token callbacks.
import Foundation
import StratusAWSCore
import StratusAPIStepFunctions
import StratusServiceKit
import StratusStatesEngine

extension StepFunctionsRunner {
    /// Starts the integration call of a Task state; its answer re-enters the runner as a task event.
    func launch(_ invocation: TaskInvocation, kind: StepFunctionsIntegrations.Kind, arn: String) {
        let key = TaskKey(executionArn: arn, taskID: invocation.taskID)
        open(key, token: invocation.taskToken)
        let integrations = self.integrations
        let now = clock.now()
        Task {
            let outcome = await integrations.invoke(invocation, kind: kind, executionArn: arn, now: now)
            self.answered(key, outcome: outcome)
        }
    }

    /// Handles the answer of an integration call, unless its task was closed meanwhile.
    private func answered(_ key: TaskKey, outcome: StepFunctionsIntegrations.Outcome) {
        guard isActive(key) else { return }
        switch outcome {
        case .awaitingCallback(let submitted):
            // The task stays open for its token; the service's answer is recorded as TaskSubmitted.
            handle(.taskSubmitted(taskID: key.taskID, output: submitted), for: key.executionArn)
        case .awaitingExecution(let submitted, let child, let jsonData):
            // A `.sync` execution: the task stays open (a callback of its token may still end it) until `child` ends.
            syncChildren[key] = child
            handle(.taskSubmitted(taskID: key.taskID, output: submitted), for: key.executionArn)
            let integrations = self.integrations
            Task {
                _ = try? await self.finished(arn: child)
                let outcome = await integrations.executionOutcome(
                    executionArn: child, jsonData: jsonData, parentExecutionArn: key.executionArn, now: self.clock.now())
                self.answered(key, outcome: outcome)
            }
        case .succeeded(let output):
            close(key)
            handle(.taskSucceeded(taskID: key.taskID, output: output), for: key.executionArn)
        case .failed(let error, let cause):
            close(key)
            handle(.taskFailed(taskID: key.taskID, error: error, cause: cause), for: key.executionArn)
        }
    }

    /// Refuses a task token this service cannot have issued, as AWS words it (`Invalid Token: 'Invalid token'`,
    /// recorded); checked before anything else of a callback request.
    package static func checkTaskTokenFormat(_ token: String) throws {
        guard UUID(uuidString: token) != nil else {
            throw AWSServiceError(StepFunctionsErrors.invalidToken, "Invalid Token: 'Invalid token'")
        }
    }

    /// Closes a task its execution gave up on (timed out, dropped, the execution ended), stopping the execution a
    /// `.sync` task started if it still waits for one.
    func cancel(_ key: TaskKey) {
        if let child = syncChildren[key] {
            Task { _ = try? await self.stop(arn: child, error: nil, cause: nil) }
        }
        close(key)
    }

    /// `SendTaskSuccess`, `SendTaskFailure`, `SendTaskHeartbeat`: the event for the task a token names; returns
    /// once its journal entry committed.
    /// - Throws: `InvalidToken` for a token this service cannot have issued, `TaskTimedOut` for the token of a
    ///   task that has closed (timed out, answered, stopped), `TaskDoesNotExist` for an unknown one.
    package func callback(token: String, _ event: (Int) -> EngineEvent, closes: Bool) async throws {
        try await recovered()
        try Self.checkTaskTokenFormat(token)
        guard let key = taskKey(token: token) else {
            if isClosed(token: token) {
                throw AWSServiceError(StepFunctionsErrors.taskTimedOut, "Task Timed Out: '\(token)'")
            }
            throw AWSServiceError(StepFunctionsErrors.taskDoesNotExist, "Task does not exist: '\(token)'")
        }
        if closes { close(key) }
        handle(event(key.taskID), for: key.executionArn)
        try await committed(for: key.executionArn)
    }
}
