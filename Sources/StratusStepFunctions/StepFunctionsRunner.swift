// StepFunctionsRunner: runs executions on the states engine and holds their timers.
import Foundation
import ServiceLifecycle
import StratusASL
import StratusAWSCore
import StratusJSON
import StratusStatesEngine

/// Runs executions on ``ExecutionMachine``s and keeps them (in memory, in this slice), as a `Service` of the
/// server's `ServiceGroup`.
///
/// Guarantees: one scheduler for every timer (Wait states, retry back-offs, timeouts): a single sleeping task
/// waits for the earliest deadline and is replaced when an earlier one arrives, so nothing polls; a timer never
/// fires before its `fireAt` by `clock`. Task states are answered at once with the error
/// ``unsupportedIntegrationError`` (a cause naming the resource), which Retry and Catch see like any error.
/// Executions do not survive a restart yet.
package actor StepFunctionsRunner: Service {
    /// The error every Task state gets until service integrations exist.
    package static let unsupportedIntegrationError = "Stratus.UnsupportedIntegration"

    struct Run {
        var record: ExecutionRecord
        var machine: ExecutionMachine
    }

    struct Timer {
        var fireAt: Int64
        var executionArn: String
        var timerID: Int
    }

    let clock: any WallClock
    private var runs: [String: Run] = [:]
    private var byStateMachine: [String: [String]] = [:]
    private var timers: [Timer] = []
    private var sleeper: Task<Void, Never>?
    private var sleeperDeadline: Int64?
    private var automaticTimers: Bool

    /// A runner on `clock`. With `automaticTimers: false` timers fire only through ``fireDueTimers()`` (tests
    /// on a manual clock).
    package init(clock: any WallClock = SystemWallClock(), automaticTimers: Bool = true) {
        self.clock = clock
        self.automaticTimers = automaticTimers
    }

    /// Waits for graceful shutdown, then stops the scheduler.
    package func run() async throws {
        try? await gracefulShutdown()
        stopScheduler()
    }

    private func stopScheduler() {
        automaticTimers = false
        sleeper?.cancel()
        sleeper = nil
        sleeperDeadline = nil
    }

    func nowMilliseconds() -> Int64 { Int64((clock.now().timeIntervalSince1970 * 1000).rounded(.down)) }

    // MARK: Executions

    /// Starts an execution; returns its record after the engine ran until it waits (or finished).
    package func start(record: ExecutionRecord, definition: StateMachineDefinition, context: ExecutionContext)
        -> ExecutionRecord
    {
        var machine = ExecutionMachine(definition: definition, context: context)
        let actions = machine.start(at: RFC3339.Instant(milliseconds: record.startedAt))
        runs[record.arn] = Run(record: record, machine: machine)
        byStateMachine[record.stateMachineArn, default: []].append(record.arn)
        apply(actions, to: record.arn)
        return runs[record.arn]?.record ?? record
    }

    /// The record of an execution, if it exists.
    package func execution(arn: String) -> ExecutionRecord? { runs[arn]?.record }

    /// The history of an execution, as `GetExecutionHistory` elements in event order.
    package func history(arn: String) -> [JSONValue]? { runs[arn]?.machine.history.map(\.jsonValue) }

    /// Executions of a state machine, newest first.
    package func executions(stateMachineArn: String) -> [ExecutionRecord] {
        (byStateMachine[stateMachineArn] ?? []).reversed().compactMap { runs[$0]?.record }
    }

    /// Stops a running execution (`ExecutionAborted`); a finished one is left as it is. `nil` if unknown.
    package func stop(arn: String, error: String?, cause: String?) -> ExecutionRecord? {
        guard var run = runs[arn] else { return nil }
        guard run.record.status == "RUNNING" else { return run.record }
        let actions = run.machine.handle(.stop(error: error, cause: cause), at: RFC3339.Instant(milliseconds: nowMilliseconds()))
        runs[arn] = run
        apply(actions, to: arn)
        run = runs[arn] ?? run
        return run.record
    }

    /// Forgets every execution and timer (`/_stratus/reset`).
    package func reset() {
        runs.removeAll()
        byStateMachine.removeAll()
        timers.removeAll()
        sleeper?.cancel()
        sleeper = nil
        sleeperDeadline = nil
    }

    /// Fires every timer whose deadline has passed by `clock`.
    package func fireDueTimers() {
        let now = nowMilliseconds()
        while let first = timers.first, first.fireAt <= now {
            timers.removeFirst()
            guard var run = runs[first.executionArn] else { continue }
            let actions = run.machine.handle(.timerFired(timerID: first.timerID), at: RFC3339.Instant(milliseconds: max(now, first.fireAt)))
            runs[first.executionArn] = run
            apply(actions, to: first.executionArn)
        }
        armScheduler()
    }

    /// Carries out the engine's actions for one execution, feeding task answers back until it waits.
    private func apply(_ actions: [EngineAction], to arn: String) {
        var pending = actions
        while !pending.isEmpty, var run = runs[arn] {
            var events: [EngineEvent] = []
            for action in pending {
                switch action {
                case .invokeTask(let invocation):
                    events.append(.taskFailed(
                        taskID: invocation.taskID, error: Self.unsupportedIntegrationError,
                        cause: "Stratus does not run the Task resource '\(invocation.resource)' yet: service integrations are not implemented."))
                case .startTimer(let timerID, let fireAt):
                    let timer = Timer(fireAt: fireAt.milliseconds, executionArn: arn, timerID: timerID)
                    let position = timers.firstIndex { $0.fireAt > timer.fireAt } ?? timers.count
                    timers.insert(timer, at: position)
                case .cancelTimer(let timerID):
                    timers.removeAll { $0.executionArn == arn && $0.timerID == timerID }
                case .cancelTask:
                    break
                case .finished:
                    timers.removeAll { $0.executionArn == arn }
                }
            }
            pending = []
            let now = RFC3339.Instant(milliseconds: nowMilliseconds())
            for event in events { pending += run.machine.handle(event, at: now) }
            Self.update(&run)
            runs[arn] = run
        }
        armScheduler()
    }

    /// Copies the machine's status into the record.
    private static func update(_ run: inout Run) {
        let status = run.machine.status
        run.record.status = status.name
        guard status.isFinished, run.record.stoppedAt == nil else { return }
        run.record.stoppedAt = run.machine.history.last?.timestamp.milliseconds ?? run.record.startedAt
        switch status {
        case .running: break
        case .succeeded(let output): run.record.output = output.serializedString()
        case .failed(let error, let cause), .timedOut(let error, let cause):
            run.record.error = error
            run.record.cause = cause
        case .aborted(let error, let cause):
            run.record.error = error
            run.record.cause = cause
        }
    }

    /// Makes the one sleeping task wait for the earliest deadline.
    private func armScheduler() {
        guard automaticTimers, let deadline = timers.first?.fireAt else {
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

    private func wake(deadline: Int64) {
        if sleeperDeadline == deadline {
            sleeper = nil
            sleeperDeadline = nil
        }
        fireDueTimers()
    }
}
