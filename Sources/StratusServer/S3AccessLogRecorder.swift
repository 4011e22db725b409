// S3AccessLogRecorder: buffers S3 server access log records and delivers them into their target buckets.
import Logging
import ServiceLifecycle
import StratusAPIS3
import StratusS3
import StratusServiceKit

/// Keeps the access log records of requests to buckets with logging on until the next delivery, and delivers them:
/// every `interval` while the server runs (its ``run()`` is a `Service` of the server's group), when
/// `POST /_stratus/s3/access-logs` asks, and once more at shutdown.
///
/// Guarantees: records of one source bucket and target are delivered in the order they were recorded, as one log
/// object a delivery; records are kept in memory only (S3's delivery is best-effort too: a crash loses the records of
/// the current interval); a delivery the target cannot take (deleted, another owner, Requester Pays, a default
/// retention) drops its records; a failed write is logged and drops them too.
actor S3AccessLogRecorder: Service {
    private let s3: S3Service
    private let interval: Duration
    private let logger: Logger
    private var pending: [(destination: S3AccessLogDestination, records: [S3AccessLogRecord])] = []

    init(s3: S3Service, interval: Duration = .seconds(5), logger: Logger = Logger(label: "stratus.s3.access-logs")) {
        self.s3 = s3
        self.interval = interval
        self.logger = logger
    }

    /// Keeps `records` for the next delivery to `destination`.
    func record(_ records: [S3AccessLogRecord], for destination: S3AccessLogDestination) {
        guard !records.isEmpty else { return }
        if let index = pending.firstIndex(where: { $0.destination == destination }) {
            pending[index].records += records
        } else {
            pending.append((destination, records))
        }
    }

    /// Records waiting for delivery.
    var pendingRecords: Int { pending.reduce(0) { $0 + $1.records.count } }

    /// Delivers everything recorded so far; answers the log objects written and the records they hold.
    @discardableResult
    func deliver() async -> (objects: Int, records: Int) {
        let batches = pending
        pending = []
        var objects = 0, records = 0
        for batch in batches {
            do {
                if try await s3.deliverAccessLogs(batch.records, to: batch.destination) {
                    objects += 1
                    records += batch.records.count
                }
            } catch {
                logger.warning("S3 access log delivery failed", metadata: [
                    "bucket": "\(batch.destination.bucket)", "target": "\(batch.destination.target.targetBucket)",
                    "error": "\(error)",
                ])
            }
        }
        return (objects, records)
    }

    /// Delivers every `interval` until the server shuts down, then once more.
    nonisolated func run() async throws {
        await PeriodicWork.run(every: interval) {
            await self.deliver()
            return false
        }
        await deliver()
    }
}
