// StepFunctionsService+TestState: TestState, one state evaluated once by the engine's StateTester.
import Foundation
import OrderedCollections
import StratusAPIStepFunctions
import StratusASL
import StratusAWSCore
import StratusJSON
import StratusServiceKit
import StratusStatesEngine

extension StepFunctionsService {
    /// Evaluates one state (the whole `definition` as a single state, or the state `stateName` of a whole machine)
    /// with `input`, `variables` and `context`, as AWS's TestState does: `status`, `output`, `error`/`cause`,
    /// `nextState`, and at `DEBUG`/`TRACE` the `inspectionData` of each data-flow step. A Task state without a
    /// `mock` calls its integration (SQS `sendMessage`; other resources fail with `Stratus.UnsupportedIntegration`,
    /// as in executions); with a mock, nothing is called. Map and Parallel states need a mock. Nothing is stored.
    package func testState(
        _ input: StepFunctions.TestStateInput, context: RequestContext
    ) async throws -> StepFunctions.TestStateOutput {
        let prepared = try prepareStateTest(input, context: context)
        var tester = StateTester(prepared.request)
        let outcome: StateTestOutcome
        switch tester.start() {
        case .finished(let finished):
            outcome = finished
        case .invokeTask(let invocation):
            outcome = await runTestTask(invocation, tester: &tester, executionArn: prepared.request.executionARN)
        }
        return Self.testStateOutput(outcome)
    }

    /// Runs a tested Task's work through the runner's integrations and hands the answer to the tester.
    private func runTestTask(_ invocation: TaskInvocation, tester: inout StateTester, executionArn: String) async -> StateTestOutcome {
        let integrations = runner.integrations
        guard let kind = StepFunctionsIntegrations.kind(of: invocation.resource), integrations.invoker != nil else {
            // The same error and cause the runner gives a Task of an execution.
            return tester.taskFailed(
                error: StepFunctionsRunner.unsupportedIntegrationError,
                cause: StepFunctionsIntegrations.unsupportedCause(resource: invocation.resource))
        }
        switch await integrations.invoke(invocation, kind: kind, executionArn: executionArn, now: clock.now()) {
        case .succeeded(let result):
            return tester.taskSucceeded(result)
        case .failed(let error, let cause):
            return tester.taskFailed(error: error, cause: cause)
        case .awaitingCallback, .awaitingExecution:
            // Refused before the call (prepareStateTest: callbacks and `.sync` run only with a mock); kept total.
            return tester.taskFailed(error: StatesError.runtime, cause: "TestState does not wait for a task token or a job.")
        }
    }

    /// The API answer of an outcome: JSON values as JSON text.
    static func testStateOutput(_ outcome: StateTestOutcome) -> StepFunctions.TestStateOutput {
        var output = StepFunctions.TestStateOutput(
            output: outcome.output?.serializedString(), error: outcome.error, cause: outcome.cause,
            nextState: outcome.nextState, status: StepFunctions.TestExecutionStatus(rawValue: outcome.status.rawValue))
        if let inspection = outcome.inspection {
            var data = StepFunctions.InspectionData(
                input: inspection.input?.serializedString(),
                afterArguments: inspection.afterArguments?.serializedString(),
                afterInputPath: inspection.afterInputPath?.serializedString(),
                afterParameters: inspection.afterParameters?.serializedString(),
                result: inspection.result?.serializedString(),
                afterResultSelector: inspection.afterResultSelector?.serializedString(),
                afterResultPath: inspection.afterResultPath?.serializedString(),
                variables: inspection.variables?.serializedString(),
                afterItemsPath: inspection.afterItemsPath?.serializedString(),
                afterItemSelector: inspection.afterItemSelector?.serializedString(),
                afterItemBatcher: inspection.afterItemBatcher?.serializedString(),
                toleratedFailureCount: inspection.toleratedFailureCount,
                toleratedFailurePercentage: inspection.toleratedFailurePercentage,
                maxConcurrency: inspection.maxConcurrency)
            if inspection.hasErrorDetails {
                data.errorDetails = StepFunctions.InspectionErrorDetails(
                    catchIndex: inspection.catchIndex, retryIndex: inspection.retryIndex,
                    retryBackoffIntervalSeconds: inspection.retryBackoffIntervalSeconds)
            }
            output.inspectionData = data
        }
        return output
    }
}
