import Foundation
import StratusAPIDynamoDB

/// DynamoDB's capacity-unit arithmetic and the `ConsumedCapacity` answers built from it.
///
/// Guarantees: writes cost 1 WCU per started KB (at least 1), reads 1 RCU per started 4 KB (at least 1), halved
/// for eventually consistent reads; transactional operations cost twice that. `ConsumedCapacity` is nil unless
/// the request asked for TOTAL or INDEXES, and only INDEXES breaks it down by table and index.
package enum DynamoDBCapacity {
    /// Write units of an item of `bytes` bytes.
    package static func writeUnits(bytes: Int) -> Double { Double(max(1, (bytes + 1023) / 1024)) }

    /// Read units of `bytes` bytes read together.
    package static func readUnits(bytes: Int, consistent: Bool) -> Double {
        Double(max(1, (bytes + 4095) / 4096)) * (consistent ? 1 : 0.5)
    }

    /// Units used by one table operation, split by table and index.
    package struct Usage: Sendable {
        /// Units on the table itself.
        package var table: Double = 0
        /// Units per global secondary index.
        package var globalIndexes: [String: Double] = [:]
        /// Units per local secondary index.
        package var localIndexes: [String: Double] = [:]

        /// An empty usage.
        package init(table: Double = 0) { self.table = table }

        /// All units.
        package var total: Double { table + globalIndexes.values.reduce(0, +) + localIndexes.values.reduce(0, +) }

        /// Adds another usage.
        package mutating func add(_ other: Usage) {
            table += other.table
            globalIndexes.merge(other.globalIndexes, uniquingKeysWith: +)
            localIndexes.merge(other.localIndexes, uniquingKeysWith: +)
        }
    }

    /// The write usage of replacing `old` (projected sizes per index) with `new`, for an item of `tableBytes`
    /// (the larger of old and new) on a table with `indexes`.
    package static func writeUsage(
        tableBytes: Int, indexSizes: [(name: String, isGlobal: Bool, old: Int?, new: Int?)], factor: Double = 1
    ) -> Usage {
        var usage = Usage(table: writeUnits(bytes: tableBytes) * factor)
        for index in indexSizes {
            var units = 0.0
            if let old = index.old { units += writeUnits(bytes: old) }
            if let new = index.new { units += writeUnits(bytes: new) }
            if index.old != nil, index.new != nil { units = max(writeUnits(bytes: index.old!), writeUnits(bytes: index.new!)) }
            guard units > 0 else { continue }
            if index.isGlobal {
                usage.globalIndexes[index.name, default: 0] += units * factor
            } else {
                usage.localIndexes[index.name, default: 0] += units * factor
            }
        }
        return usage
    }

    /// The `ConsumedCapacity` answer for `usage`, or nil when `mode` is nil or NONE.
    package static func consumed(
        _ mode: DynamoDB.ReturnConsumedCapacity?, table: String, usage: Usage, isRead: Bool
    ) -> DynamoDB.ConsumedCapacity? {
        guard let mode = mode?.rawValue, mode == "TOTAL" || mode == "INDEXES" else { return nil }
        var consumed = DynamoDB.ConsumedCapacity(tableName: table, capacityUnits: usage.total)
        if isRead { consumed.readCapacityUnits = usage.total } else { consumed.writeCapacityUnits = usage.total }
        if mode == "INDEXES" {
            func capacity(_ units: Double) -> DynamoDB.Capacity {
                isRead ? DynamoDB.Capacity(readCapacityUnits: units, capacityUnits: units)
                    : DynamoDB.Capacity(writeCapacityUnits: units, capacityUnits: units)
            }
            consumed.table = capacity(usage.table)
            if !usage.globalIndexes.isEmpty { consumed.globalSecondaryIndexes = usage.globalIndexes.mapValues(capacity) }
            if !usage.localIndexes.isEmpty { consumed.localSecondaryIndexes = usage.localIndexes.mapValues(capacity) }
        }
        return consumed
    }
}
