import OrderedCollections
import StratusASL
import StratusJSON

/// One running `States` graph: the top level, a Parallel branch or a Map iteration.
struct Frame: Sendable {
    /// Why a frame is not progressing on its own.
    enum Waiting: Sendable {
        /// Ready to enter `stateName`, or in the middle of a synchronous step.
        case nothing
        /// A Task's work is out; timers guard its timeout and heartbeat.
        case task(taskID: Int, timeoutTimer: Int?, heartbeatTimer: Int?, heartbeatSeconds: Int?)
        /// A Wait state's timer.
        case wait(timerID: Int)
        /// A retry back-off timer; when it fires the state runs again.
        case retry(timerID: Int)
        /// The branches or iterations of a Parallel or Map state.
        case children
        /// A Distributed Map's items being read, or its results being written (``MapRunStorage``).
        case storage(taskID: Int)
    }

    let id: Int
    let graph: StateGraph
    /// The current state's name; setting it looks the state up once (``state``).
    var stateName: String {
        didSet { state = graph.states[stateName]! }
    }
    /// The current state (kept with its name, so reading it costs no lookup).
    private(set) var state: State
    /// The current state's raw input.
    var stateInput: JSONValue
    /// `stateInput` as JSON text when the previous state's exit already printed it (history on).
    var stateInputText: String?
    var enteredAt: RFC3339.Instant
    /// Id of the current state's `…StateEntered` event (AWS cites it in run-time error causes).
    var enteredEventID = 0
    /// The `previousEventId` of that event (`EvaluationFailed` links to it, as AWS records it).
    var enteredPreviousID = 0
    /// Distributed Map children: their events belong to child executions, not to this history.
    var isSilent = false
    /// The child execution whose own history a silent frame's events go to (``ChildHistorySpace``).
    var historySpace: ChildHistorySpace?
    /// Attempts used per retrier of the current state.
    var retryAttempts: [Int] = []
    /// Retries of the current state so far (`$$.State.RetryCount`).
    var retryCount = 0
    /// Variables visible in this frame (inherited ones included).
    var variables: [String: JSONValue]
    /// Serialized size of each variable, for the 10 MiB quota.
    var variableBytes: [String: Int] = [:]
    /// Id of the last event of this frame's thread (the next event's `previousEventId`).
    var lastEventID: Int
    /// Highest event id published by this frame or its children.
    var lastPublishedID: Int
    /// The parent frame and this frame's index among its siblings.
    var parent: (frameID: Int, index: Int)?
    var waiting: Waiting = .nothing
    /// Waits for nothing: between two states (or before its first), so no state of it is entered and running.
    var isBetweenStates: Bool {
        if case .nothing = waiting { return true }
        return false
    }
    /// The effective input of the current Task/Parallel/Map attempt (after InputPath/Parameters/Arguments).
    var effectiveInput: JSONValue = .null
    /// The Task state's token, when its resource waits for one.
    var taskToken: String?

    init(id: Int, graph: StateGraph, input: JSONValue, variables: [String: JSONValue], lastEventID: Int,
         parent: (frameID: Int, index: Int)?, now: RFC3339.Instant) {
        self.id = id
        self.graph = graph
        self.stateName = graph.startAt
        self.state = graph.states[graph.startAt]!
        self.stateInput = input
        self.enteredAt = now
        self.variables = variables
        self.lastEventID = lastEventID
        self.lastPublishedID = lastEventID
        self.parent = parent
    }

}

/// The branches of a running Parallel state or the iterations of a running Map state.
struct ChildGroup: Sendable {
    enum Kind: Sendable { case parallel, map }

    let kind: Kind
    /// Input of each child (Parallel: the same for every branch; Map: the selected item).
    var inputs: [JSONValue]
    /// Output of each finished child.
    var results: [JSONValue?]
    /// The next child to start (children start in index order).
    var nextPending = 0
    /// Frame ids of running children, by child index.
    var running: [Int: Int] = [:]
    var succeeded = 0
    var failed = 0
    /// 0 = unlimited.
    var maxConcurrency: Int
    var toleratedFailureCount: Int?
    var toleratedFailurePercentage: Double?
    /// Set when the group has failed and its children are being dropped.
    var isFinished = false
    /// A Distributed Map: iterations run as child executions outside this history.
    var isDistributed = false
    /// Children a redrive restarts where they stopped (before those not started yet), in index order.
    var redrivePending: [Int] = []

    var total: Int { inputs.count }
}
