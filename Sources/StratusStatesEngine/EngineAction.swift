import OrderedCollections
import StratusASL
import StratusJSON

/// Something the engine asks its host to do. The host answers with ``EngineEvent``s.
package enum EngineAction: Sendable {
    /// Run a Task state's work (call a service, a Lambda, a mock…); answer with `taskSucceeded`/`taskFailed`.
    case invokeTask(TaskInvocation)
    /// Stop work started for a task (timeout, heartbeat missed, execution stopped, sibling branch failed).
    case cancelTask(taskID: Int)
    /// Fire `timerFired(timerID)` at (or after) `fireAt`.
    case startTimer(timerID: Int, fireAt: RFC3339.Instant)
    /// Forget a timer.
    case cancelTimer(timerID: Int)
    /// The execution has ended; ``ExecutionMachine/status`` says how.
    case finished
}

/// The work a Task state asks for.
///
/// Guarantees: `taskID` is unique within the execution; `input` is the effective task input (after
/// InputPath/Parameters or Arguments); `taskToken` is set for `.waitForTaskToken` resources.
package struct TaskInvocation: Sendable {
    /// Id to answer with.
    package var taskID: Int
    /// The Task state's name.
    package var stateName: String
    /// `Resource` as written.
    package var resource: String
    /// The effective input (the service request parameters).
    package var input: JSONValue
    /// Effective `TimeoutSeconds`, if any.
    package var timeoutSeconds: Int?
    /// Effective `HeartbeatSeconds`, if any.
    package var heartbeatSeconds: Int?
    /// The evaluated `Credentials`, if any.
    package var credentials: JSONValue?
    /// The task token, for callback integrations.
    package var taskToken: String?
    /// 0 for the first attempt, then the retry number.
    package var retryCount: Int
    /// For a Distributed Map's `ItemReader` of an S3 Inventory report (`InputType` `MANIFEST`): the host reads the
    /// `manifest.json` the input names and answers `{"fileSchema": <its schema>, "files": [<each data file's CSV
    /// text, decompressed>]}` instead of the object's own text.
    package var readsInventoryManifest = false
}
