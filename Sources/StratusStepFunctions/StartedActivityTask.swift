// StartedActivityTask: the token an activity task was handed to a worker with.

/// An activity task a worker took with `GetActivityTask`: the token it got and the task the token answers.
///
/// Guarantees: `token` is a UUID text unique to this hand-out; (`executionArn`, `taskID`) names the engine's task.
package struct StartedActivityTask: Sendable, Equatable {
    /// The task token the worker got.
    package var token: String
    /// The execution the task belongs to.
    package var executionArn: String
    /// The engine's task id within that execution.
    package var taskID: Int
    /// The activity it was queued on.
    package var activityArn: String

    /// Creates one.
    package init(token: String, executionArn: String, taskID: Int, activityArn: String) {
        self.token = token
        self.executionArn = executionArn
        self.taskID = taskID
        self.activityArn = activityArn
    }
}
