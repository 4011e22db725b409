import Foundation
import StratusASL
import StratusAWSCore
import StratusStatesEngine

/// Runs an execution to its end on the wall clock: the same loop as ``VirtualTimeDriver``, but each timer (Wait
/// state, retry back-off, timeout) is awaited with `Task.sleep` until the wall clock reaches its `fireAt`.
///
/// Guarantees: timers fire in `fireAt` order (ties in creation order), never before their time; the engine sees
/// the wall-clock time of each event, never going backwards; task answers are requested in the order the engine
/// asks for them; a task answered `.pending` only ends through its timeout (or never, and then the run returns
/// with the execution still running). Cancelling the surrounding task ends the run with `CancellationError`.
struct SfnRealTimeDriver {
    /// The clock read for every event.
    let clock: any WallClock
    private var last: RFC3339.Instant?

    /// Creates a driver reading `clock`.
    init(clock: any WallClock) { self.clock = clock }

    /// The current time (never earlier than the last time handed to the engine).
    mutating func now() -> RFC3339.Instant {
        var instant = Self.instant(clock.now())
        if let last, instant < last { instant = last }
        last = instant
        return instant
    }

    /// Runs `machine` (already created, not started) until it finishes or nothing is left to happen.
    mutating func run(_ machine: inout ExecutionMachine,
                      answer: (TaskInvocation) -> VirtualTimeDriver.TaskAnswer) async throws {
        var agenda = HostAgenda()
        agenda.absorb(machine.start(at: now()), answer: answer)
        while !machine.status.isFinished {
            if let event = agenda.nextEvent() {
                agenda.absorb(machine.handle(event, at: now()), answer: answer)
            } else if let timer = agenda.nextTimer {
                agenda.removeNextTimer()
                var time = now()
                while time < timer.fireAt {
                    try await Task.sleep(for: Self.duration(from: time, to: timer.fireAt))
                    time = now()
                }
                agenda.absorb(machine.handle(.timerFired(timerID: timer.id), at: time), answer: answer)
            } else {
                return
            }
        }
    }

    /// `date` as an instant (nanoseconds rounded down).
    static func instant(_ date: Date) -> RFC3339.Instant {
        let interval = date.timeIntervalSince1970
        let seconds = interval.rounded(.down)
        let nanoseconds = min(999_999_999, max(0, Int32(((interval - seconds) * 1e9).rounded(.down))))
        return RFC3339.Instant(seconds: Int64(seconds), nanoseconds: nanoseconds)
    }

    /// The time from `start` to `end` (positive when `end` is later).
    static func duration(from start: RFC3339.Instant, to end: RFC3339.Instant) -> Duration {
        .seconds(end.seconds - start.seconds) + .nanoseconds(Int64(end.nanoseconds) - Int64(start.nanoseconds))
    }
}
