import ServiceLifecycle
import StratusServiceKit

/// Works off SNS's queued deliveries to HTTP(S) endpoints and mailboxes: claims those due, attempts up to
/// `concurrency` at once, and sleeps until more are queued (or a retry may be due).
///
/// Guarantees: every stored delivery is attempted once due, until it is made or its retries are used up — also
/// after a restart (deliveries claimed by a run that ended are due again at once); a slow endpoint holds only its
/// own slot; runs until graceful shutdown, letting attempts under way finish.
package struct SNSDeliveryWorker: Service {
    /// The service whose deliveries are made.
    package let service: SNSService
    /// The most attempts under way at once.
    package let concurrency: Int
    /// The longest sleep while nothing is due (retries become due by the clock, without a signal).
    package let idleCheck: Duration

    /// A worker for `service`.
    package init(service: SNSService, concurrency: Int = 16, idleCheck: Duration = .milliseconds(250)) {
        precondition(concurrency > 0, "concurrency must be positive")
        self.service = service
        self.concurrency = concurrency
        self.idleCheck = idleCheck
    }

    package func run() async throws {
        await service.releaseClaimedDeliveries()
        await ClaimedWorkLoop(
            concurrency: concurrency, idleCheck: idleCheck, signal: service.endpointDeliveries,
            claim: { [service] limit in await service.claimDueDeliveries(limit: limit) },
            attempt: { [service] delivery in await service.attempt(delivery) }
        ).run()
    }
}
