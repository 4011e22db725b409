import ServiceLifecycle
import Synchronization

/// The loop of a worker over queued work that is claimed before it is done (SNS endpoint deliveries, EventBridge
/// API destination calls): claims what is due, up to `concurrency` items under way at once, runs each in its own
/// task, and sleeps on `signal` (at most `idleCheck`) while nothing is due.
///
/// Guarantees: never more than `concurrency` attempts under way; a slow item holds only its own slot; every end of an
/// attempt signals, so a freed slot is filled at once; returns on graceful shutdown or cancellation once the
/// attempts under way have finished.
package struct ClaimedWorkLoop<Item: Sendable>: Sendable {
    /// The most attempts under way at once.
    package let concurrency: Int
    /// The longest sleep while nothing is due (retries become due by the clock, without a signal).
    package let idleCheck: Duration
    /// Signalled when work is queued (and by the loop itself when an attempt ends).
    package let signal: WakeupSignal
    /// Claims up to the given number of due items.
    package let claim: @Sendable (Int) async -> [Item]
    /// Makes one attempt of an item.
    package let attempt: @Sendable (Item) async -> Void

    /// A loop over `claim` and `attempt`.
    package init(concurrency: Int, idleCheck: Duration, signal: WakeupSignal,
                 claim: @escaping @Sendable (Int) async -> [Item], attempt: @escaping @Sendable (Item) async -> Void) {
        precondition(concurrency > 0, "concurrency must be positive")
        self.concurrency = concurrency
        self.idleCheck = idleCheck
        self.signal = signal
        self.claim = claim
        self.attempt = attempt
    }

    /// Runs until graceful shutdown or cancellation.
    package func run() async {
        let inFlight = InFlight()
        await withDiscardingTaskGroup { group in
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                let free = concurrency - inFlight.count
                let due = free > 0 ? await claim(free) : []
                if due.isEmpty {
                    await signal.wait(timeout: idleCheck)
                    continue
                }
                for item in due {
                    inFlight.add(1)
                    group.addTask {
                        await attempt(item)
                        inFlight.add(-1)
                        signal.signal()
                    }
                }
            }
        }
    }

    /// The number of attempts under way.
    private final class InFlight: Sendable {
        private let value = Mutex(0)
        var count: Int { value.withLock { $0 } }
        func add(_ delta: Int) { value.withLock { $0 += delta } }
    }
}
