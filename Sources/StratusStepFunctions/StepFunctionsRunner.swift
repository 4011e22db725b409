// StepFunctionsRunner: runs executions on the states engine and holds their timers.
import Foundation
import ServiceLifecycle
import StratusASL
import StratusAWSCore
import StratusJSON
import StratusStatesEngine

/// Runs executions on ``ExecutionMachine``s, as a `Service` of the server's `ServiceGroup`.
///
/// Guarantees: one scheduler for every timer (Wait states, retry back-offs, timeouts): a single sleeping task
/// waits for the earliest deadline and is replaced when an earlier one arrives, so nothing polls; a timer never
/// fires before its `fireAt` by `clock`. Task states whose resource ``StepFunctionsIntegrations`` supports call it
/// (when an invoker is wired) and their answer re-enters as a task event; `.waitForTaskToken` tasks wait for
/// ``callback(token:_:closes:)`` (a token of a closed task answers `TaskTimedOut`), and `states:startExecution.sync`
/// tasks for the execution they started to finish (or for such a callback, whichever comes first); a `.sync` task
/// cancelled before that (timed out, its branch dropped, its execution stopped) stops the execution it started, as
/// Step Functions' `StopExecution` permission for `.sync` implies. Any other Task is answered at
/// once with ``unsupportedIntegrationError`` (a cause naming the resource), which Retry and Catch see like any error.
/// Integration calls are at least once: after a restart, a Task that had not been answered is called again.
/// Standard executions (with a `store`) are durable: the execution row and every handled event are written in
/// handling order, and ``start(_:definition:context:)`` and ``stop(arn:error:cause:)`` return only after their
/// writes committed; after a restart the first call (or ``run()``) replays every stored journal and re-arms the
/// outstanding timers with their original deadlines. Express executions live in memory only. A failed write
/// fails every later acknowledgement (the journal must stay gap-free).
package actor StepFunctionsRunner: Service {
    /// The error every Task state gets until service integrations exist.
    package static let unsupportedIntegrationError = "Stratus.UnsupportedIntegration"

    struct Run {
        var record: ExecutionRecord
        var machine: ExecutionMachine
        /// Whether its journal is written to the store.
        var isDurable: Bool
        /// The definition text, role and state machine name it runs with (`DescribeStateMachineForExecution`).
        var source: ExecutionSource
        var nextSequence = 0
    }

    struct Timer {
        var fireAt: Int64
        var executionArn: String
        var timerID: Int
    }

    /// One task in flight: its execution and the engine's task id.
    struct TaskKey: Hashable {
        var executionArn: String
        var taskID: Int
    }

    let clock: any WallClock
    let store: (any StepFunctionsStore)?
    let integrations: StepFunctionsIntegrations
    private var activeTasks: Set<TaskKey> = []
    private var tokens: [String: TaskKey] = [:]
    private var closedTokens: Set<String> = []
    private var recovery: Task<Void, any Error>?
    /// Pending store writes, one chain per execution: the writes of one execution commit in order, chains of
    /// different executions run concurrently (so the database's group commit batches them).
    private var writeChains: [String: WriteChain] = [:]
    private var writeGeneration: UInt64 = 0

    struct WriteChain {
        var generation: UInt64
        var tail: Task<Void, any Error>
    }
    /// Every execution by ARN (read by the `+Facet` extensions, e.g. Map Runs).
    var runs: [String: Run] = [:]
    private var byStateMachine: [String: [String]] = [:]
    private var timers: [Timer] = []
    private var sleeper: Task<Void, Never>?
    private var sleeperDeadline: Int64?
    private var automaticTimers: Bool
    /// Fast-forward mode: an execution that waits only for timers jumps its clock to the next one.
    private let fastForward: Bool
    /// How far each execution's clock runs ahead of `clock` (fast-forward mode, milliseconds).
    private var clockOffsets: [String: Int64] = [:]
    private var finishWaiters: [String: [CheckedContinuation<ExecutionRecord?, Never>]] = [:]
    /// The execution each open `.sync` `states:startExecution` task waits for (stopped when the task is cancelled).
    var syncChildren: [TaskKey: String] = [:]
    /// Activities, their queued tasks and waiting polls (StepFunctionsRunner+Activities.swift).
    var activityDispatcher = ActivityDispatcher()

    /// A runner on `clock`, durable when given a `store`. With `automaticTimers: false` timers fire only through
    /// ``fireDueTimers()`` (tests on a manual clock). With `fastForward`, an execution with no task in flight does
    /// not wait for its next timer: its own clock jumps to the timer's deadline (Wait states, retry back-offs and
    /// execution timeouts pass at once; history shows the waited time); a task's timeout or heartbeat clock still
    /// runs in real time while the task is in flight.
    package init(
        clock: any WallClock = SystemWallClock(), store: (any StepFunctionsStore)? = nil, automaticTimers: Bool = true,
        integrations: StepFunctionsIntegrations = StepFunctionsIntegrations(invoker: nil), fastForward: Bool = false
    ) {
        self.fastForward = fastForward
        self.clock = clock
        self.store = store
        self.integrations = integrations
        self.automaticTimers = automaticTimers
    }

    /// Recovers stored executions, waits for graceful shutdown, then stops the scheduler.
    package func run() async throws {
        try? await recovered()
        try? await gracefulShutdown()
        stopScheduler()
        endAllActivityPolls()
    }

    /// Completes once the stored executions were replayed (once per runner).
    func recovered() async throws {
        guard let store else { return }
        if recovery == nil {
            recovery = Task { try await self.recover(from: store) }
        }
        try await recovery?.value
    }

    private func recover(from store: any StepFunctionsStore) async throws {
        try await recoverActivities(from: store)
        defer { finishActivityRecovery() }
        for stored in try await store.storedExecutions() where runs[stored.record.arn] == nil {
            let parsed = ASLParser.parse(text: stored.definition, options: .checkingJSONata(isExpress: false))
            guard let definition = parsed.definition, let input = try? JSONValue.parse(stored.record.input) else {
                continue
            }
            var context = ExecutionContext(
                executionARN: stored.record.arn, executionName: stored.record.name,
                stateMachineARN: stored.record.stateMachineArn, stateMachineName: stored.stateMachineName,
                roleARN: stored.roleArn, startTime: RFC3339.Instant(milliseconds: stored.record.startedAt), input: input)
            context.inputText = stored.record.input
            let events = stored.journal.compactMap { entry in
                JournalCoding.decode(entry.event).map { ($0, RFC3339.Instant(milliseconds: entry.at)) }
            }
            let machine = ExecutionMachine.replay(
                definition: definition, context: context, options: EngineOptions(randomSeed: stored.randomSeed),
                startedAt: context.startTime, events: events)
            var run = Run(
                record: stored.record, machine: machine, isDurable: true, source: ExecutionSource(stored))
            run.nextSequence = (stored.journal.last?.sequence ?? -1) + 1
            if let last = stored.journal.last?.at, last > nowMilliseconds() {
                clockOffsets[stored.record.arn] = last - nowMilliseconds()
            }
            Self.update(&run)
            runs[stored.record.arn] = run
            byStateMachine[stored.record.stateMachineArn, default: []].append(stored.record.arn)
            if !machine.status.isFinished { apply(machine.outstandingActions, to: stored.record.arn) }
        }
    }

    /// Queues a store write of the execution `arn` behind its earlier ones. A failed write fails every later one
    /// of that execution (its journal must stay gap-free).
    func enqueue(for arn: String, _ work: @escaping @Sendable () async throws -> Void) {
        writeGeneration &+= 1
        let generation = writeGeneration
        let previous = writeChains[arn]?.tail
        let tail = Task {
            try await previous?.value
            try await work()
            self.chainSettled(arn, generation: generation)
        }
        writeChains[arn] = WriteChain(generation: generation, tail: tail)
    }

    /// Forgets a chain whose last write committed (a failed one stays, failing later writes).
    private func chainSettled(_ arn: String, generation: UInt64) {
        if writeChains[arn]?.generation == generation { writeChains.removeValue(forKey: arn) }
    }

    /// Completes once every write queued so far for the execution `arn` committed.
    func committed(for arn: String) async throws { try await writeChains[arn]?.tail.value }

    /// Completes once every write queued so far committed.
    func committed() async throws {
        for chain in Array(writeChains.values) { try await chain.tail.value }
    }

    private func stopScheduler() {
        automaticTimers = false
        sleeper?.cancel()
        sleeper = nil
        sleeperDeadline = nil
    }

    func nowMilliseconds() -> Int64 { Int64((clock.now().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Now by an execution's own clock (ahead of `clock` once fast-forwarded).
    func nowMilliseconds(of arn: String) -> Int64 { nowMilliseconds() + (clockOffsets[arn] ?? 0) }

    // MARK: Executions

    /// Starts an execution (stored when `isDurable` and the runner has a store); returns its record once the engine
    /// waits (or finished) and its writes committed, and `true`. If an execution with its ARN exists already
    /// (a concurrent start of the same name), returns that one's record and `false`, starting nothing.
    package func start(
        _ execution: StoredExecution, isDurable: Bool, definition: StateMachineDefinition, context: ExecutionContext
    ) async throws -> (record: ExecutionRecord, isNew: Bool) {
        try await recovered()
        let record = execution.record
        if let existing = runs[record.arn] { return (existing.record, false) }
        var machine = ExecutionMachine(
            definition: definition, context: context, options: EngineOptions(randomSeed: execution.randomSeed))
        let actions = machine.start(at: RFC3339.Instant(milliseconds: record.startedAt))
        let durable = isDurable && store != nil
        runs[record.arn] = Run(
            record: record, machine: machine, isDurable: durable, source: ExecutionSource(execution))
        byStateMachine[record.stateMachineArn, default: []].append(record.arn)
        if durable, let store { enqueue(for: record.arn) { try await store.insertExecution(execution) } }
        apply(actions, to: record.arn)
        try await committed(for: record.arn)
        return (runs[record.arn]?.record ?? record, true)
    }

    /// The record of an execution, if it exists.
    package func execution(arn: String) async throws -> ExecutionRecord? {
        try await recovered()
        return runs[arn]?.record
    }

    /// The definition, role and state machine name an execution runs with, if it exists.
    package func source(arn: String) async throws -> ExecutionSource? {
        try await recovered()
        return runs[arn]?.source
    }

    /// The record of an execution once it has finished (at once if it has); `nil` if unknown or forgotten by
    /// ``reset()`` while waiting.
    package func finished(arn: String) async throws -> ExecutionRecord? {
        try await recovered()
        guard let record = runs[arn]?.record else { return nil }
        if record.status != "RUNNING" { return record }
        return await withCheckedContinuation { finishWaiters[arn, default: []].append($0) }
    }

    /// Resumes whoever waits for `arn` to finish, if it has.
    private func notifyIfFinished(_ arn: String) {
        guard let record = runs[arn]?.record, record.status != "RUNNING",
            let waiters = finishWaiters.removeValue(forKey: arn)
        else { return }
        for waiter in waiters { waiter.resume(returning: record) }
    }

    /// The history of an execution, as `GetExecutionHistory` elements in event order.
    package func history(arn: String) async throws -> [JSONValue]? {
        try await recovered()
        return runs[arn]?.machine.history.map(\.jsonValue)
    }

    /// Executions of a state machine, newest first.
    package func executions(stateMachineArn: String) async throws -> [ExecutionRecord] {
        try await recovered()
        return (byStateMachine[stateMachineArn] ?? []).reversed().compactMap { runs[$0]?.record }
    }

    /// Stops a running execution (`ExecutionAborted`); a finished one is left as it is. `nil` if unknown.
    package func stop(arn: String, error: String?, cause: String?) async throws -> ExecutionRecord? {
        try await recovered()
        guard runs[arn] != nil else { return nil }
        if runs[arn]?.record.status == "RUNNING" {
            apply([], to: arn, event: (.stop(error: error, cause: cause), nowMilliseconds(of: arn)))
        }
        try await committed(for: arn)
        return runs[arn]?.record
    }

    /// Forgets every execution and timer (`/_stratus/reset`; the store is wiped separately).
    package func reset() {
        for waiters in finishWaiters.values { for waiter in waiters { waiter.resume(returning: nil) } }
        finishWaiters.removeAll()
        runs.removeAll()
        clockOffsets.removeAll()
        activeTasks.removeAll()
        tokens.removeAll()
        closedTokens.removeAll()
        byStateMachine.removeAll()
        timers.removeAll()
        sleeper?.cancel()
        sleeper = nil
        sleeperDeadline = nil
        resetActivities()
    }

    /// Fires every timer whose deadline has passed by `clock`; returns once the resulting journal writes committed.
    package func fireDueTimers() async throws {
        fireDue()
        try await committed()
    }

    private func fireDue() {
        while let index = firstDueTimer() {
            let timer = timers.remove(at: index)
            guard runs[timer.executionArn] != nil else { continue }
            let now = nowMilliseconds(of: timer.executionArn)
            apply([], to: timer.executionArn, event: (.timerFired(timerID: timer.timerID), max(now, timer.fireAt)))
        }
        armScheduler()
    }

    /// The position of the first timer due by its execution's clock. In fast-forward mode the earliest timer of an
    /// execution with no task in flight is due too: its execution's clock jumps to the deadline.
    private func firstDueTimer() -> Int? {
        let now = nowMilliseconds()
        for (index, timer) in timers.enumerated() {
            let offset = clockOffsets[timer.executionArn] ?? 0
            if timer.fireAt <= now + offset { return index }
            if fastForward, !hasTaskInFlight(timer.executionArn) {
                clockOffsets[timer.executionArn] = timer.fireAt - now
                return index
            }
        }
        return nil
    }

    private func hasTaskInFlight(_ arn: String) -> Bool { activeTasks.contains { $0.executionArn == arn } }

    /// Handles `event` (if any), then carries out the engine's actions for one execution, feeding task answers
    /// back until it waits; journals every handled event of a durable execution.
    func apply(_ actions: [EngineAction], to arn: String, event first: (EngineEvent, Int64)? = nil) {
        var pending = actions
        var handled: [(EngineEvent, Int64)] = []
        if let first, var run = runs[arn] {
            pending += run.machine.handle(first.0, at: RFC3339.Instant(milliseconds: first.1))
            handled.append(first)
            Self.update(&run)
            runs[arn] = run
        }
        while !pending.isEmpty, var run = runs[arn] {
            var events: [EngineEvent] = []
            for action in pending {
                switch action {
                case .invokeTask(let invocation) where ActivityRecord.isActivityResource(invocation.resource):
                    if let event = scheduleActivity(invocation, executionArn: arn, history: run.machine.history) {
                        events.append(event)
                    }
                case .invokeTask(let invocation):
                    if let kind = StepFunctionsIntegrations.kind(of: invocation.resource), integrations.invoker != nil {
                        launch(invocation, kind: kind, arn: arn)
                    } else {
                        events.append(.taskFailed(
                            taskID: invocation.taskID, error: Self.unsupportedIntegrationError,
                            cause: StepFunctionsIntegrations.unsupportedCause(resource: invocation.resource)))
                    }
                case .startTimer(let timerID, let fireAt):
                    let timer = Timer(fireAt: fireAt.milliseconds, executionArn: arn, timerID: timerID)
                    let position = timers.firstIndex { $0.fireAt > timer.fireAt } ?? timers.count
                    timers.insert(timer, at: position)
                case .cancelTimer(let timerID):
                    timers.removeAll { $0.executionArn == arn && $0.timerID == timerID }
                case .cancelTask(let taskID):
                    cancel(TaskKey(executionArn: arn, taskID: taskID))
                case .finished:
                    timers.removeAll { $0.executionArn == arn }
                    for key in activeTasks where key.executionArn == arn { cancel(key) }
                }
            }
            pending = []
            let now = nowMilliseconds(of: arn)
            for event in events {
                pending += run.machine.handle(event, at: RFC3339.Instant(milliseconds: now))
                handled.append((event, now))
            }
            Self.update(&run)
            runs[arn] = run
        }
        journal(handled, of: arn)
        notifyIfFinished(arn)
        armScheduler()
    }

    /// Queues the journal entries of handled events (and the record they led to) of a durable execution.
    private func journal(_ handled: [(EngineEvent, Int64)], of arn: String) {
        guard !handled.isEmpty, var run = runs[arn], run.isDurable, let store else { return }
        var entries: [JournalEntry] = []
        for (event, at) in handled {
            entries.append(JournalEntry(sequence: run.nextSequence, event: JournalCoding.encode(event), at: at))
            run.nextSequence += 1
        }
        runs[arn] = run
        let record = run.record
        let written = entries
        enqueue(for: arn) { try await store.appendJournal(executionArn: arn, entries: written, record: record) }
    }

    /// Copies the machine's status into the record.
    private static func update(_ run: inout Run) {
        let status = run.machine.status
        run.record.status = status.name
        refreshRedrive(&run)
        guard status.isFinished, run.record.stoppedAt == nil else { return }
        run.record.stoppedAt = run.machine.history.last?.timestamp.milliseconds ?? run.record.startedAt
        switch status {
        case .running: break
        case .succeeded(let output): run.record.output = output.serializedString()
        case .failed(let error, let cause), .timedOut(let error, let cause):
            // A failure without an error name (SendTaskFailure with no `error`) has no `error` to describe.
            run.record.error = error.isEmpty ? nil : error
            run.record.cause = cause
        case .aborted(let error, let cause):
            run.record.error = error
            run.record.cause = cause
        }
    }

    // MARK: Tasks in flight

    /// Records a task whose integration call started (and its callback token).
    func open(_ key: TaskKey, token: String?) {
        activeTasks.insert(key)
        if let token { tokens[token] = key }
    }

    /// Forgets a task: its token now answers `TaskTimedOut`.
    func close(_ key: TaskKey) {
        activeTasks.remove(key)
        syncChildren.removeValue(forKey: key)
        activityDispatcher.forget(key)
        for (token, owner) in tokens where owner == key {
            tokens.removeValue(forKey: token)
            closedTokens.insert(token)
        }
    }

    func isActive(_ key: TaskKey) -> Bool { activeTasks.contains(key) }
    /// Whether an execution's events are journaled.
    func isDurable(_ arn: String) -> Bool { runs[arn]?.isDurable ?? false }
    func taskKey(token: String) -> TaskKey? { tokens[token] }
    func isClosed(token: String) -> Bool { closedTokens.contains(token) }

    /// Handles one event of a running execution now.
    func handle(_ event: EngineEvent, for arn: String) {
        guard runs[arn]?.record.status == "RUNNING" else { return }
        apply([], to: arn, event: (event, nowMilliseconds(of: arn)))
    }

    /// Makes the one sleeping task wait for the earliest deadline.
    private func armScheduler() {
        guard automaticTimers, let deadline = earliestDeadline() else {
            if timers.isEmpty {
                sleeper?.cancel()
                sleeper = nil
                sleeperDeadline = nil
            }
            return
        }
        if let current = sleeperDeadline, current <= deadline, sleeper != nil { return }
        sleeper?.cancel()
        sleeperDeadline = deadline
        let delay = max(0, deadline - nowMilliseconds())
        sleeper = Task { [weak self] in
            do { try await Task.sleep(for: .milliseconds(delay)) } catch { return }
            await self?.wake(deadline: deadline)
        }
    }

    /// When the next timer is due by the wall clock (now, for a fast-forwarded one).
    private func earliestDeadline() -> Int64? {
        var earliest: Int64?
        for timer in timers {
            let offset = clockOffsets[timer.executionArn] ?? 0
            var due = timer.fireAt - offset
            if fastForward, !hasTaskInFlight(timer.executionArn) { due = min(due, nowMilliseconds()) }
            if earliest.map({ due < $0 }) ?? true { earliest = due }
        }
        return earliest
    }

    private func wake(deadline: Int64) {
        if sleeperDeadline == deadline {
            sleeper = nil
            sleeperDeadline = nil
        }
        // Nobody waits for a timer's writes: a crash before they commit replays the timer after the restart.
        fireDue()
    }
}
