import Logging
import ServiceLifecycle

/// The background work of SQS, run in the server's `ServiceGroup`: once a second it deletes messages past
/// their retention period (and stale deduplication records) and advances message-move tasks.
///
/// Guarantees: stops at graceful shutdown; a failing round is logged and retried next round. Correctness
/// never depends on it (receives and counts already ignore expired messages); it only reclaims space and
/// drives move tasks.
package struct SQSMaintenanceService: Service {
    /// The service whose store is maintained.
    package let service: SQSService
    /// Time between rounds.
    package let interval: Duration
    private let logger: Logger

    /// A maintenance loop over `service`.
    package init(service: SQSService, interval: Duration = .seconds(1), logger: Logger = Logger(label: "stratus.sqs")) {
        self.service = service
        self.interval = interval
        self.logger = logger
    }

    /// Runs rounds until graceful shutdown or cancellation.
    package func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await runOnce()
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("SQS maintenance round failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One round: expiry, then move tasks.
    package func runOnce() async throws {
        let store = service.store
        let now = service.nowMilliseconds()
        for queue in try await store.allQueues() {
            _ = try await store.deleteExpired(
                queueID: queue.id, retentionCutoff: service.retentionCutoff(of: queue, now: now),
                deduplicationCutoff: now - SQSService.deduplicationWindow)
        }
        let seconds = max(1, Int(interval.components.seconds))
        try await service.advanceMoveTasks(seconds: seconds)
    }
}
