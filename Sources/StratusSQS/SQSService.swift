import Foundation
import StratusAPISQS
import StratusAWSCore
import StratusServiceKit

/// The SQS service: every operation of the `sqs` model over an ``SQSStore``.
///
/// Guarantees: AWS's validation rules, error codes and messages; each operation makes at most one write to
/// the store (so a failed request changes nothing and an answered send is durable); time comes from `clock`,
/// message ids and receipt tokens from `ids`; long polls wait on ``SQSArrivalSignals`` (no polling loop).
package struct SQSService: SQSHandler {
    /// Where queues and messages live.
    package let store: any SQSStore
    /// The source of "now".
    package let clock: any WallClock
    /// The source of message ids, receipt tokens and task ids.
    package let ids: any RequestIDGenerator
    /// Long-poll wake-ups.
    package let signals: SQSArrivalSignals

    /// A service over `store`.
    package init(
        store: any SQSStore, clock: any WallClock = SystemWallClock(),
        ids: any RequestIDGenerator = RandomRequestIDGenerator(), signals: SQSArrivalSignals = SQSArrivalSignals()
    ) {
        self.store = store
        self.clock = clock
        self.ids = ids
        self.signals = signals
    }

    /// Deduplication window of FIFO queues.
    static let deduplicationWindow: Int64 = 5 * 60 * 1000
    /// Minimum time between two purges of a queue.
    static let purgeInterval: Int64 = 60 * 1000
    /// Time a deleted queue's name stays blocked.
    static let deletedNameInterval: Int64 = 60 * 1000

    /// Now in milliseconds since the epoch.
    func nowMilliseconds() -> Int64 { Self.milliseconds(clock.now()) }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    /// The queue a URL names, in the caller's region.
    func queue(url: String, context: RequestContext) async throws -> SQSQueueRecord {
        guard let address = SQSQueueAddress(url: url) else {
            if url.isEmpty { throw SQSFailure.missingParameter("QueueUrl") }
            throw AWSServiceError(SQSErrors.invalidAddress, "The address \(url) is not valid for this endpoint.")
        }
        guard let queue = try await store.queue(accountID: address.accountID, region: context.region, name: address.name)
        else { throw SQSFailure.queueDoesNotExist() }
        return queue
    }

    /// The queue an ARN names, if it exists.
    func queue(arn: String) async throws -> SQSQueueRecord? {
        guard let (region, address) = SQSQueueAddress.parse(arn: arn) else { return nil }
        return try await store.queue(accountID: address.accountID, region: region, name: address.name)
    }

    /// The URL of `queue` as seen by the caller.
    func url(of queue: SQSQueueRecord, context: RequestContext) -> String {
        SQSQueueAddress.url(accountID: queue.accountID, name: queue.name, context: context)
    }

    /// Messages sent at or before this instant have outlived the queue's retention period.
    func retentionCutoff(of queue: SQSQueueRecord, now: Int64) -> Int64 {
        now - Int64(SQSQueueAttributes.integer("MessageRetentionPeriod", of: queue)) * 1000
    }
}
