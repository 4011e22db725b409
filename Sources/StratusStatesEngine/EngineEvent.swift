import OrderedCollections
import StratusJSON

/// Something that happened outside the engine and that it must react to.
package enum EngineEvent: Sendable {
    /// A task the engine asked for returned a result.
    case taskSucceeded(taskID: Int, output: JSONValue)
    /// A task failed with an error name and cause.
    case taskFailed(taskID: Int, error: String, cause: String?)
    /// An activity worker took the task (`GetActivityTask`); records `ActivityStarted` with the worker's name.
    /// Ignored for tasks that are not activities.
    case taskStarted(taskID: Int, workerName: String)
    /// The request of a callback task (`.waitForTaskToken`) went out and the service answered `output`; records
    /// `TaskSubmitted` with it while the task waits for its token. Ignored for tasks that are not service
    /// integrations or no longer open.
    case taskSubmitted(taskID: Int, output: JSONValue)
    /// A task sent a heartbeat (`SendTaskHeartbeat`).
    case taskHeartbeat(taskID: Int)
    /// A timer the engine started has fired.
    case timerFired(timerID: Int)
    /// `StopExecution`.
    case stop(error: String?, cause: String?)
    /// `UpdateMapRun`: new settings for a running Map Run (`nil` = unchanged); ignored for an unknown or finished run.
    case updateMapRun(mapRunARN: String, maxConcurrency: Int?, toleratedFailureCount: Int?, toleratedFailurePercentage: Double?)
    /// `RedriveExecution`: restarts an execution that ended `FAILED`, `TIMED_OUT` or `ABORTED` from the states that
    /// did not succeed (ignored otherwise). The client token is kept for the host's idempotency check.
    case redrive(clientToken: String?)
}
