import StratusASL
import StratusJSON

/// What a host that answers tasks synchronously has to do next: the events it owes the engine (task answers) and
/// the timers it holds, in firing order. Shared by the virtual-time and the wall-clock drivers.
///
/// Guarantees: pure; events come out in the order the tasks were asked for; timers in `fireAt` order, ties in
/// the order they were started; a cancelled timer never comes out.
package struct HostAgenda {
    /// A task's answer.
    package typealias Answer = VirtualTimeDriver.TaskAnswer

    private var events: [EngineEvent] = []
    private var eventHead = 0
    private var timers: [(fireAt: RFC3339.Instant, id: Int)] = []

    /// An empty agenda.
    package init() {}

    /// Takes in the engine's actions, asking `answer` for each task.
    package mutating func absorb(_ actions: [EngineAction], answer: (TaskInvocation) -> Answer) {
        for action in actions {
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
    }

    /// The next task answer owed to the engine, if any.
    package mutating func nextEvent() -> EngineEvent? {
        guard eventHead < events.count else {
            events.removeAll(keepingCapacity: true)
            eventHead = 0
            return nil
        }
        defer { eventHead += 1 }
        return events[eventHead]
    }

    /// The earliest timer, without removing it.
    package var nextTimer: (fireAt: RFC3339.Instant, id: Int)? { timers.first }

    /// Removes the earliest timer.
    package mutating func removeNextTimer() { if !timers.isEmpty { timers.removeFirst() } }
}
