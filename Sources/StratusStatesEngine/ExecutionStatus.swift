import OrderedCollections
import StratusJSON

/// Where an execution stands.
package enum ExecutionStatus: Sendable {
    /// Still running (waiting for task results or timers).
    case running
    /// Succeeded with this output.
    case succeeded(output: JSONValue)
    /// Failed with this error and cause.
    case failed(error: String, cause: String?)
    /// Ran past the machine's `TimeoutSeconds`.
    case timedOut(error: String, cause: String?)
    /// Stopped from outside (`StopExecution`).
    case aborted(error: String?, cause: String?)

    /// AWS's `ExecutionStatus` name.
    package var name: String {
        switch self {
        case .running: "RUNNING"
        case .succeeded: "SUCCEEDED"
        case .failed: "FAILED"
        case .timedOut: "TIMED_OUT"
        case .aborted: "ABORTED"
        }
    }

    /// `true` once the execution has ended.
    package var isFinished: Bool {
        if case .running = self { return false }
        return true
    }
}
