import ServiceLifecycle
import StratusServiceKit

/// Sends the event notifications the requests that caused them could not (their destination failed, or Stratus
/// stopped between the change and the send): every `interval`, those due.
///
/// Guarantees: an event notification stored with an object change is sent at least once, also after a crash of
/// Stratus (within about ``S3Service/eventRetryMilliseconds`` of its change, or of the restart), unless its
/// destination refuses it ``S3Service/eventAttempts`` times; runs until graceful shutdown.
package struct S3EventSweeper: Service {
    /// The service whose stored events are sent.
    package let service: S3Service
    /// How often due events are looked for.
    package let interval: Duration

    /// A sweeper for `service`.
    package init(service: S3Service, interval: Duration = .seconds(2)) {
        self.service = service
        self.interval = interval
    }

    package func run() async throws {
        // A full page means more may be due at once.
        await PeriodicWork.run(every: interval) { await service.dispatchDueEvents() == 100 }
    }
}
