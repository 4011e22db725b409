import Foundation
import ServiceLifecycle
import StratusAWSCore
import StratusServiceKit

/// Writes the S3 Inventory reports that are due (``S3Service/writeInventoryReports(now:dueOnly:)``: a configuration's
/// first report, then one a day or a week after the last) when Stratus starts and then every `interval` (an hour by
/// default), with the service's clock.
///
/// Guarantees: a report falls due at most `interval` before it is written; a failed run is tried again at the next;
/// runs until graceful shutdown.
package struct S3InventoryWorker: Service {
    /// The service whose buckets' inventory configurations are reported on.
    package let service: S3Service
    /// How often due reports are looked for.
    package let interval: Duration

    /// A worker for `service`.
    package init(service: S3Service, interval: Duration = .seconds(3_600)) {
        self.service = service
        self.interval = interval
    }

    package func run() async throws {
        await PeriodicWork.run(every: interval) {
            _ = try? await service.writeInventoryReports(now: service.clock.now(), dueOnly: true)
            return false
        }
    }
}
