import Foundation
import Logging
import ServiceLifecycle
import StratusAWSCore
import StratusDynamoDBExpressions

/// The background TTL sweeper of DynamoDB, run in the server's `ServiceGroup`: every round (a second by
/// default) it deletes, from every table with TTL enabled, the items whose TTL attribute is a number of epoch
/// seconds in the past. It finds them by the expiry the store records with each item (an index lookup, not a
/// table read); every `fullScanEvery` rounds it reads the whole tables instead. Every `historyEvery` rounds it
/// also forgets the point-in-time recovery history no restore can reach any more
/// (``DynamoDBService/forgetUnreachableHistory()``) and the stream records older than 24 hours
/// (``DynamoDBService/trimStreams()``). Its deletions join the table's stream as time-to-live deletions.
///
/// Guarantees: an item is deleted only if, inside the deleting transaction, it still has an expired TTL
/// attribute (a concurrent rewrite that extends it wins); items whose TTL attribute is missing, not a number,
/// or more than five years in the past are kept (DynamoDB's rule); stops at graceful shutdown; a failing round
/// is logged and retried next round.
package struct DynamoDBTimeToLiveService: Service {
    /// The service whose tables are swept.
    package let service: DynamoDBService
    /// Time between rounds.
    package let interval: Duration
    /// Rounds between full scans (see ``runOnce(fullScan:)``).
    package let fullScanEvery: Int
    /// Rounds between point-in-time history clean-ups.
    package let historyEvery: Int
    private let logger: Logger

    /// A sweeper over `service`.
    package init(
        service: DynamoDBService, interval: Duration = .seconds(1), fullScanEvery: Int = 300, historyEvery: Int = 60,
        logger: Logger = Logger(label: "stratus.dynamodb")
    ) {
        self.service = service
        self.interval = interval
        self.fullScanEvery = max(1, fullScanEvery)
        self.historyEvery = max(1, historyEvery)
        self.logger = logger
    }

    /// Runs rounds until graceful shutdown or cancellation.
    package func run() async throws {
        await cancelWhenGracefulShutdown {
            var round = 0
            while !Task.isCancelled {
                do {
                    defer { round &+= 1 }
                    _ = try await runOnce(fullScan: round % fullScanEvery == fullScanEvery - 1)
                    if round % historyEvery == historyEvery - 1 {
                        _ = try await service.forgetUnreachableHistory()
                        _ = try await service.trimStreams()
                    }
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("DynamoDB TTL round failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Whether an item with this TTL value has expired at `now` (seconds since the epoch).
    package static func isExpired(_ value: DynamoDBValue?, now: Double) -> Bool {
        guard case let .number(number)? = value, let seconds = Double(number.description) else { return false }
        return seconds <= now && seconds > now - Double(maximumAge)
    }

    /// DynamoDB ignores TTL values more than five years in the past.
    static let maximumAge: Int64 = 5 * 365 * 24 * 3600

    /// One round over every table with TTL enabled: the items the store lists as due (by their recorded expiry),
    /// or, with `fullScan`, every item (which also catches an item written by a request that read the table
    /// just before TTL was enabled, so it has no recorded expiry). Returns how many items were deleted.
    package func runOnce(fullScan: Bool = false) async throws -> Int {
        let now = service.clock.now().timeIntervalSince1970
        let nowSeconds = Int64(now.rounded(.down))
        var deleted = 0
        for table in try await service.store.allTables() {
            guard let attribute = table.timeToLiveAttribute else { continue }
            var due: [DynamoDBStoredKey] = []
            if fullScan {
                var position: DynamoDBItemPosition?
                repeat {
                    let rows = try await service.store.scan(
                        DynamoDBItemScan(tableID: table.id, indexName: nil, startAfter: position, limit: 1000))
                    for row in rows where Self.isExpired(try DynamoDBService.decode(row.item)[attribute], now: now) {
                        due.append(row.item.key)
                    }
                    position = rows.count == 1000 ? rows.last?.position : nil
                } while position != nil
            } else {
                due = try await service.store.expiringKeys(
                    tableID: table.id, in: (nowSeconds - Self.maximumAge)...nowSeconds, limit: 1000)
            }
            guard !due.isEmpty else { continue }
            let tableID = table.id
            let keys = due
            deleted += try await service.store.write { transaction in
                guard let current = try transaction.table(id: tableID), current.timeToLiveAttribute == attribute else {
                    return 0
                }
                var count = 0
                for key in keys {
                    // Re-checked inside the transaction: a rewrite since the lookup may have extended the item.
                    guard let stored = try transaction.item(tableID: tableID, key: key),
                        Self.isExpired(try DynamoDBService.decode(stored)[attribute], now: now)
                    else { continue }
                    try transaction.deleteItem(
                        tableID: tableID, key: key, changedAt: Date(timeIntervalSince1970: now), expired: true)
                    count += 1
                }
                return count
            }
        }
        return deleted
    }
}
