// ActivityTaskHandout: what GetActivityTask answers a worker.

/// A task handed to a worker: what `GetActivityTask` answers.
///
/// Guarantees: `task.token` is a fresh UUID text that `SendTaskSuccess`/`SendTaskFailure`/`SendTaskHeartbeat`
/// accept for this task until it closes; `input` is the task's effective input as JSON text.
package struct ActivityTaskHandout: Sendable, Equatable {
    /// The token and the task it answers.
    package var task: StartedActivityTask
    /// The input, as JSON text.
    package var input: String

    /// The task token.
    package var token: String { task.token }

    /// Creates one.
    package init(task: StartedActivityTask, input: String) {
        self.task = task
        self.input = input
    }
}
