import OrderedCollections
import StratusASL
import StratusJSON
import StratusJSONPath

/// One execution of a state machine as a deterministic step function: ``start(at:)`` and ``handle(_:at:)`` take
/// events (with the time they happen) and return the actions the host must perform.
///
/// Guarantees: no clock reads, no I/O, no unseeded randomness — the same definition, context, options and
/// sequence of events produce the same history, actions and outcome, so an execution is persisted by storing
/// its events and resumed by replaying them. History events follow AWS's types, ids and `previousEventId` links.
package struct ExecutionMachine: Sendable {
    package let definition: StateMachineDefinition
    /// The execution's context (a redrive raises its `redriveCount` and sets its `redriveTime`).
    package internal(set) var context: ExecutionContext
    package let options: EngineOptions

    /// The history so far (empty when ``EngineOptions/recordHistory`` is off).
    package internal(set) var history: [HistoryEvent] = []
    /// Where the execution stands.
    package internal(set) var status: ExecutionStatus = .running
    /// State transitions performed (states entered plus retries), for benchmarks and billing-like counts.
    package internal(set) var transitions = 0
    /// Every Distributed Map run so far, oldest first (see ExecutionMachine+MapRuns.swift).
    package internal(set) var mapRuns: [MapRun] = []

    var eventCount = 0
    /// Set when an event could not be recorded because only the final event's slot was left.
    var historyExhausted = false
    var frames = FrameTable()
    /// Children of running Parallel/Map states, by the state's frame id.
    var groups: [Int: ChildGroup] = [:]
    var ready: [Int] = []
    var readyHead = 0
    var nextFrameID = 0
    var nextTaskID = 1
    var nextTimerID = 1
    var tasks: [Int: Int] = [:]
    /// Distributed Maps waiting for their items or for their results to be written, by frame id.
    var storage: [Int: MapRunStorage] = [:]
    var timers: [Int: Int] = [:]
    var executionTimeoutTimer: Int?
    /// What a redrive needs once the execution has ended without success.
    var redrive = RedriveState()
    var actions: [EngineAction] = []
    var openTasks: [Int: TaskInvocation] = [:]
    /// Tasks whose `TaskSubmitted` is recorded: a task called again (after a restart) is submitted once.
    var submittedTasks: Set<Int> = []
    var openTimers: [Int: RFC3339.Instant] = [:]
    var now: RFC3339.Instant
    let random: DeterministicRandom
    /// The Context object every state sees instead of the one built from ``context`` (TestState's `context`).
    var contextOverride: JSONValue?

    /// Creates an execution that has not started yet.
    package init(definition: StateMachineDefinition, context: ExecutionContext, options: EngineOptions = .init()) {
        self.definition = definition
        self.context = context
        self.options = options
        self.now = context.startTime
        self.random = DeterministicRandom(seed: options.randomSeed)
    }

    /// Starts the execution: records `ExecutionStarted` and runs until every thread waits for the host.
    package mutating func start(at time: RFC3339.Instant) -> [EngineAction] {
        now = time
        record(frameID: nil, "ExecutionStarted", detailsKey: "executionStartedEventDetails", [
            ("input", .string(context.inputText ?? context.input.serializedString())),
            ("inputDetails", Self.notTruncated),
            ("roleArn", .string(context.roleARN)),
        ])
        if let seconds = definition.timeoutSeconds {
            let timer = newTimer(frameID: -1)
            executionTimeoutTimer = timer
            actions.append(.startTimer(timerID: timer, fireAt: time.adding(seconds: Double(seconds))))
        }
        let root = makeFrame(graph: definition.graph, input: context.input, variables: [:], lastEventID: 0, parent: nil)
        if !options.recordHistory { frames[root]!.lastEventID = 0 }
        schedule(root)
        drain()
        return takeActions()
    }

    /// Reacts to one event from the host.
    package mutating func handle(_ event: EngineEvent, at time: RFC3339.Instant) -> [EngineAction] {
        now = time
        if case .redrive(let clientToken) = event { return redrive(clientToken: clientToken, at: time) }
        guard !status.isFinished else { return [] }
        switch event {
        case .taskSucceeded(let taskID, _), .taskFailed(let taskID, _, _):
            openTasks.removeValue(forKey: taskID)
            submittedTasks.remove(taskID)
        case .timerFired(let timerID): openTimers.removeValue(forKey: timerID)
        case .taskHeartbeat, .taskStarted, .taskSubmitted, .stop, .updateMapRun, .redrive: break
        }
        switch event {
        case .taskSucceeded(let taskID, let output):
            if let frameID = tasks.removeValue(forKey: taskID) {
                if case .storage? = frames[frameID]?.waiting {
                    mapRunStorageSucceeded(frameID: frameID, output: output)
                } else {
                    taskSucceeded(frameID: frameID, output: output)
                }
            }
        case .taskFailed(let taskID, let error, let cause):
            if let frameID = tasks.removeValue(forKey: taskID) {
                if case .storage? = frames[frameID]?.waiting {
                    mapRunStorageFailed(frameID: frameID, error: error, cause: cause)
                    break
                }
                taskFailed(frameID: frameID, error: StatesError(name: error, cause: cause ?? ""), hasCause: cause != nil)
            }
        case .taskStarted(let taskID, let workerName):
            if let frameID = tasks[taskID] { activityStarted(frameID: frameID, workerName: workerName) }
        case .taskSubmitted(let taskID, let output):
            if let frameID = tasks[taskID], submittedTasks.insert(taskID).inserted {
                taskSubmitted(frameID: frameID, output: output)
            }
        case .taskHeartbeat(let taskID):
            if let frameID = tasks[taskID] { heartbeat(frameID: frameID) }
        case .timerFired(let timerID):
            if let frameID = timers.removeValue(forKey: timerID) { timerFired(timerID: timerID, frameID: frameID) }
        case .stop(let error, let cause):
            abort(error: error, cause: cause)
        case .updateMapRun(let arn, let maxConcurrency, let count, let percentage):
            updateMapRun(arn: arn, maxConcurrency: maxConcurrency, toleratedFailureCount: count, toleratedFailurePercentage: percentage)
        case .redrive:
            break
        }
        drain()
        return takeActions()
    }

    mutating func takeActions() -> [EngineAction] {
        defer { actions.removeAll(keepingCapacity: true) }
        for action in actions {
            switch action {
            case .invokeTask(let invocation): openTasks[invocation.taskID] = invocation
            case .cancelTask(let taskID): openTasks.removeValue(forKey: taskID)
            case .startTimer(let timerID, let fireAt): openTimers[timerID] = fireAt
            case .cancelTimer(let timerID): openTimers.removeValue(forKey: timerID)
            case .finished:
                openTasks.removeAll()
                openTimers.removeAll()
            }
        }
        return actions
    }

    /// The work the host must have in flight right now: every task asked for and not yet answered or cancelled,
    /// and every timer started and not yet fired or cancelled, in id order. After a restart, the host replays the
    /// stored events into a new machine (``replay(definition:context:options:events:)``) and re-arms these.
    package var outstandingActions: [EngineAction] {
        openTasks.keys.sorted().map { .invokeTask(openTasks[$0]!) }
            + openTimers.keys.sorted().map { .startTimer(timerID: $0, fireAt: openTimers[$0]!) }
    }

    /// Rebuilds an execution from its journal: the start time and every event handled since, with its time.
    /// Because the machine is deterministic, the result is the machine as it was after the last event.
    package static func replay(definition: StateMachineDefinition, context: ExecutionContext, options: EngineOptions = .init(),
                               startedAt: RFC3339.Instant, events: [(EngineEvent, RFC3339.Instant)]) -> ExecutionMachine {
        var machine = ExecutionMachine(definition: definition, context: context, options: options)
        _ = machine.start(at: startedAt)
        for (event, time) in events { _ = machine.handle(event, at: time) }
        return machine
    }

    // MARK: frames and scheduling

    mutating func makeFrame(graph: StateGraph, input: JSONValue, variables: [String: JSONValue], lastEventID: Int,
                            parent: (frameID: Int, index: Int)?) -> Int {
        let id = nextFrameID
        nextFrameID += 1
        frames[id] = Frame(id: id, graph: graph, input: input, variables: variables, lastEventID: lastEventID, parent: parent, now: now)
        return id
    }

    mutating func schedule(_ frameID: Int) {
        ready.append(frameID)
    }

    /// Enters states of ready frames until every frame waits for the host (or the execution ends).
    mutating func drain() {
        while readyHead < ready.count {
            let frameID = ready[readyHead]
            readyHead += 1
            if readyHead > 1024 && readyHead * 2 > ready.count {
                ready.removeFirst(readyHead)
                readyHead = 0
            }
            guard !status.isFinished else { break }
            guard frames.contains(frameID) else { continue }
            enterState(frameID: frameID)
            if historyExhausted && !status.isFinished { failForHistoryLimit() }
        }
        if historyExhausted && !status.isFinished { failForHistoryLimit() }
        ready.removeAll(keepingCapacity: true)
        readyHead = 0
    }

    mutating func newTimer(frameID: Int) -> Int {
        let id = nextTimerID
        nextTimerID += 1
        timers[id] = frameID
        return id
    }

    mutating func cancelTimer(_ timerID: Int?) {
        guard let timerID else { return }
        if timers.removeValue(forKey: timerID) != nil { actions.append(.cancelTimer(timerID: timerID)) }
    }

    // MARK: ending

    mutating func succeedExecution(output: JSONValue, frameID: Int) {
        let text = output.serializedString()
        if text.utf8.count > options.maximumPayloadBytes {
            failExecution(StatesError(name: StatesError.dataLimitExceeded, cause: Self.dataLimitCause(what: "output")), frameID: frameID)
            return
        }
        record(frameID: frameID, "ExecutionSucceeded", detailsKey: "executionSucceededEventDetails", [
            ("output", .string(text)), ("outputDetails", Self.notTruncated),
        ])
        finish(.succeeded(output: output))
    }

    mutating func failExecution(_ error: StatesError, frameID: Int?, hasCause: Bool = true) {
        var details: [(String, JSONValue)] = error.isUnnamed ? [] : [("error", .string(error.name))]
        if hasCause { details.append(("cause", .string(error.cause))) }
        record(frameID: frameID, "ExecutionFailed", detailsKey: "executionFailedEventDetails", details)
        finish(.failed(error: error.name, cause: hasCause ? error.cause : nil))
    }

    mutating func abort(error: String?, cause: String?) {
        var details: [(String, JSONValue)] = []
        if let error { details.append(("error", .string(error))) }
        if let cause { details.append(("cause", .string(cause))) }
        record(frameID: 0, "ExecutionAborted", detailsKey: "executionAbortedEventDetails", details)
        finish(.aborted(error: error, cause: cause))
    }

    mutating func finish(_ outcome: ExecutionStatus) {
        status = outcome
        retainForRedrive()
        for (taskID, _) in tasks { actions.append(.cancelTask(taskID: taskID)) }
        for (timerID, _) in timers { actions.append(.cancelTimer(timerID: timerID)) }
        tasks.removeAll()
        timers.removeAll()
        abortRunningMapRuns()
        frames.removeAll()
        groups.removeAll()
        actions.append(.finished)
    }

    mutating func failForHistoryLimit() {
        failExecution(StatesError(name: StatesError.runtime,
                                  cause: "The execution reached the maximum number of history events (\(options.maximumHistoryEvents))."),
                      frameID: 0)
    }

    static func dataLimitCause(what: String) -> String {
        "The state/task '\(what)' returned a result with a size exceeding the maximum number of bytes service limit."
    }
}

extension RFC3339.Instant {
    /// This instant plus a number of seconds (fractions kept to the nanosecond).
    package func adding(seconds: Double) -> RFC3339.Instant {
        let whole = seconds.rounded(.down)
        var nanos = Int64(nanoseconds) + Int64(((seconds - whole) * 1e9).rounded())
        var secs = self.seconds + Int64(whole)
        if nanos >= 1_000_000_000 { secs += 1; nanos -= 1_000_000_000 }
        return RFC3339.Instant(seconds: secs, nanoseconds: Int32(nanos))
    }
}
