import OrderedCollections
import StratusJSON

/// Something that happened outside the engine and that it must react to.
package enum EngineEvent: Sendable {
    /// A task the engine asked for returned a result.
    case taskSucceeded(taskID: Int, output: JSONValue)
    /// A task failed with an error name and cause.
    case taskFailed(taskID: Int, error: String, cause: String?)
    /// A task sent a heartbeat (`SendTaskHeartbeat`).
    case taskHeartbeat(taskID: Int)
    /// A timer the engine started has fired.
    case timerFired(timerID: Int)
    /// `StopExecution`.
    case stop(error: String?, cause: String?)
}
