import Foundation
import ServiceLifecycle
import StratusAWSCore
import StratusServiceKit

/// S3's scheduled work, with the service's clock, when Stratus starts and then every `interval` (an hour by default):
/// the buckets' lifecycle rules (``S3Service/applyLifecycle(now:)``; S3 itself runs them about once a day) and the
/// inventory reports that are due (``S3Service/writeInventoryReports(now:dueOnly:)``: a configuration's first report,
/// then one a day or a week after the last).
///
/// Guarantees: an object whose expiration fell due is expired, and a report that fell due is written, within
/// `interval` (or at the next start); a failed run is tried again at the next; runs until graceful shutdown.
package struct S3ScheduledWorker: Service {
    /// The service whose buckets' rules and inventory configurations are run.
    package let service: S3Service
    /// How often the work runs.
    package let interval: Duration

    /// A worker for `service`.
    package init(service: S3Service, interval: Duration = .seconds(3_600)) {
        self.service = service
        self.interval = interval
    }

    package func run() async throws {
        await PeriodicWork.run(every: interval) {
            let now = service.clock.now()
            _ = try? await service.applyLifecycle(now: now)
            _ = try? await service.writeInventoryReports(now: now, dueOnly: true)
            return false
        }
    }
}
