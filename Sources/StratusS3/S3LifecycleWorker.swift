import Foundation
import ServiceLifecycle
import StratusAWSCore
import StratusServiceKit

/// Applies the buckets' lifecycle rules (``S3Service/applyLifecycle(now:)``) when Stratus starts and then every
/// `interval` (an hour by default; S3 itself runs them about once a day), with the service's clock.
///
/// Guarantees: an object whose expiration fell due is expired within `interval` (or at the next start); a failed
/// run is tried again at the next; runs until graceful shutdown.
package struct S3LifecycleWorker: Service {
    /// The service whose buckets' rules are applied.
    package let service: S3Service
    /// How often the rules are applied.
    package let interval: Duration

    /// A worker for `service`.
    package init(service: S3Service, interval: Duration = .seconds(3_600)) {
        self.service = service
        self.interval = interval
    }

    package func run() async throws {
        await PeriodicWork.run(every: interval) {
            _ = try? await service.applyLifecycle(now: service.clock.now())
            return false
        }
    }
}
