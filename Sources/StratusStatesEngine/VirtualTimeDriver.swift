import OrderedCollections
import StratusASL
import StratusJSON

/// Runs an execution to its end on a virtual clock, answering tasks synchronously: Wait states, retry
/// back-offs and timeouts take no real time (`stratus sfn run --fast-forward`, tests, benchmarks).
///
/// Guarantees: pure and deterministic — timers fire in `fireAt` order (ties in creation order) and the clock
/// jumps to each; task answers are requested in the order the engine asks for them; a task answered `.pending`
/// only ends through its timeout (or never, in which case the run stops with the execution still running).
package struct VirtualTimeDriver {
    /// A task's answer.
    package enum TaskAnswer: Sendable {
        case success(JSONValue)
        case failure(error: String, cause: String?)
        /// No answer (a callback that never comes): only `TimeoutSeconds` can end the task.
        case pending
    }

    /// The virtual clock's time.
    package private(set) var now: RFC3339.Instant
    private var timers: [(fireAt: RFC3339.Instant, id: Int)] = []

    /// Creates a driver whose clock starts at `start`.
    package init(start: RFC3339.Instant) { self.now = start }

    /// Runs `machine` (already created, not started) until it finishes or nothing is left to happen.
    package mutating func run(_ machine: inout ExecutionMachine, answer: (TaskInvocation) -> TaskAnswer) {
        var queue = machine.start(at: now)
        var events: [EngineEvent] = []
        while true {
            for action in queue {
                switch action {
                case .invokeTask(let invocation):
                    switch answer(invocation) {
                    case .success(let output): events.append(.taskSucceeded(taskID: invocation.taskID, output: output))
                    case .failure(let error, let cause): events.append(.taskFailed(taskID: invocation.taskID, error: error, cause: cause))
                    case .pending: break
                    }
                case .startTimer(let id, let fireAt):
                    let position = timers.firstIndex { $0.fireAt > fireAt } ?? timers.count
                    timers.insert((fireAt, id), at: position)
                case .cancelTimer(let id):
                    timers.removeAll { $0.id == id }
                case .cancelTask, .finished:
                    break
                }
            }
            queue.removeAll(keepingCapacity: true)
            if machine.status.isFinished { return }
            if !events.isEmpty {
                let event = events.removeFirst()
                queue = machine.handle(event, at: now)
                continue
            }
            guard !timers.isEmpty else { return }
            let timer = timers.removeFirst()
            if timer.fireAt > now { now = timer.fireAt }
            queue = machine.handle(.timerFired(timerID: timer.id), at: now)
        }
    }
}
