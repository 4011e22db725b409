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

    /// Creates a driver whose clock starts at `start`.
    package init(start: RFC3339.Instant) { self.now = start }

    /// Runs `machine` (already created, not started) until it finishes or nothing is left to happen.
    package mutating func run(_ machine: inout ExecutionMachine, answer: (TaskInvocation) -> TaskAnswer) {
        var agenda = HostAgenda()
        agenda.absorb(machine.start(at: now), answer: answer)
        while !machine.status.isFinished {
            if let event = agenda.nextEvent() {
                agenda.absorb(machine.handle(event, at: now), answer: answer)
            } else if let timer = agenda.nextTimer {
                agenda.removeNextTimer()
                if timer.fireAt > now { now = timer.fireAt }
                agenda.absorb(machine.handle(.timerFired(timerID: timer.id), at: now), answer: answer)
            } else {
                return
            }
        }
    }
}
