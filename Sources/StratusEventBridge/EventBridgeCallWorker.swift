import ServiceLifecycle
import StratusServiceKit

/// Makes EventBridge's queued API destination calls: claims those due, attempts up to `concurrency` at once
/// (``EventBridgeService/attempt(_:)``), and sleeps until more are queued (or a retry may be due).
///
/// Guarantees: every queued call is attempted once due, until it is made, given up or failed for good — also after
/// a restart (calls claimed by a run that ended are due again at once); a slow endpoint holds only its own slot;
/// runs until graceful shutdown, letting attempts under way finish.
package struct EventBridgeCallWorker: Service {
    /// The service whose calls are made.
    package let service: EventBridgeService
    /// The most attempts under way at once.
    package let concurrency: Int
    /// The longest sleep while nothing is due (retries become due by the clock, without a signal).
    package let idleCheck: Duration

    /// A worker for `service`.
    package init(service: EventBridgeService, concurrency: Int = 16, idleCheck: Duration = .milliseconds(250)) {
        precondition(concurrency > 0, "concurrency must be positive")
        self.service = service
        self.concurrency = concurrency
        self.idleCheck = idleCheck
    }

    package func run() async throws {
        await service.releaseClaimedCalls()
        await ClaimedWorkLoop(
            concurrency: concurrency, idleCheck: idleCheck, signal: service.pendingCalls,
            claim: { [service] limit in await service.claimDueCalls(limit: limit) },
            attempt: { [service] call in await service.attempt(call) }
        ).run()
    }
}
