import OrderedCollections
import StratusASL
import StratusJSON

/// What an execution knows about itself: the data of the Context object's `Execution` and `StateMachine`.
///
/// Guarantees: plain data; the engine changes only `redriveCount` and `redriveTime`, when the execution is redriven.
package struct ExecutionContext: Sendable {
    /// The execution ARN (`$$.Execution.Id`).
    package var executionARN: String
    /// The execution name.
    package var executionName: String
    /// The state machine ARN (`$$.StateMachine.Id`).
    package var stateMachineARN: String
    /// The state machine name.
    package var stateMachineName: String
    /// The role ARN (`$$.Execution.RoleArn`).
    package var roleARN: String
    /// When the execution started (`$$.Execution.StartTime`).
    package var startTime: RFC3339.Instant
    /// The execution input (`$$.Execution.Input`).
    package var input: JSONValue
    /// `$$.Execution.RedriveCount`.
    package var redriveCount: Int
    /// `$$.Execution.RedriveTime`: when the execution was last redriven (absent until it is).
    package var redriveTime: RFC3339.Instant?
    /// The input as the caller sent it: `ExecutionStarted` shows this text unchanged, as AWS records it (nil: the
    /// compact serialization of ``input``).
    package var inputText: String?

    /// Creates a context.
    package init(executionARN: String, executionName: String, stateMachineARN: String, stateMachineName: String,
                 roleARN: String, startTime: RFC3339.Instant, input: JSONValue, redriveCount: Int = 0) {
        self.executionARN = executionARN
        self.executionName = executionName
        self.stateMachineARN = stateMachineARN
        self.stateMachineName = stateMachineName
        self.roleARN = roleARN
        self.startTime = startTime
        self.input = input
        self.redriveCount = redriveCount
    }
}
