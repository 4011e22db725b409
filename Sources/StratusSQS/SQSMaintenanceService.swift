import Logging
import ServiceLifecycle

/// The background work of SQS, run in the server's `ServiceGroup`: every round (a second) it advances
/// message-move tasks; every `expiryEvery` rounds it deletes messages past their retention period (at least
/// 60 s by AWS's rules) and stale deduplication records.
///
/// Guarantees: stops at graceful shutdown; a failing round is logged and retried next round. Correctness
/// never depends on it (receives and counts already ignore expired messages); it only reclaims space and
/// drives move tasks.
package struct SQSMaintenanceService: Service {
    /// The service whose store is maintained.
    package let service: SQSService
    /// Time between rounds.
    package let interval: Duration
    /// Rounds between expiry sweeps.
    package let expiryEvery: Int
    private let logger: Logger

    /// A maintenance loop over `service`.
    package init(
        service: SQSService, interval: Duration = .seconds(1), expiryEvery: Int = 30,
        logger: Logger = Logger(label: "stratus.sqs")
    ) {
        self.service = service
        self.interval = interval
        self.expiryEvery = max(1, expiryEvery)
        self.logger = logger
    }

    /// Runs rounds until graceful shutdown or cancellation.
    package func run() async throws {
        await cancelWhenGracefulShutdown {
            var round = 0
            while !Task.isCancelled {
                do {
                    defer { round &+= 1 }
                    try await runOnce(expire: round % expiryEvery == 0)
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("SQS maintenance round failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One round: expiry (when `expire`), then move tasks.
    package func runOnce(expire: Bool = true) async throws {
        let store = service.store
        let now = service.nowMilliseconds()
        for queue in try await store.allQueues() where expire {
            _ = try await store.deleteExpired(
                queueID: queue.id, retentionCutoff: service.retentionCutoff(of: queue, now: now),
                deduplicationCutoff: now - SQSService.deduplicationWindow)
        }
        let seconds = max(1, Int(interval.components.seconds))
        try await service.advanceMoveTasks(seconds: seconds)
    }
}
