import Foundation
import StratusAPIDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit

/// One checked item write (put, update, delete or condition check) ready to run inside a store transaction.
///
/// Guarantees: ``run(in:at:)`` reads the current item, evaluates the condition against it, computes the new item
/// with `change` and writes it with its index entries, all in the caller's transaction; it throws before writing
/// anything when the condition fails or the new item breaks a rule (size, index key types). The one write that does
/// not read the current item is a put without condition on a table without indexes whose caller said it needs
/// neither the old item nor the capacity it consumed (``reportsOldItem`` false): the store's upsert replaces the
/// item either way, and the outcome's `old` is then nil and its usage counts the new item only.
package struct DynamoDBItemWrite: Sendable {
    /// What the write does to the current item.
    package enum Change: Sendable {
        /// Replace the item with this one.
        case put(DynamoDBItem)
        /// Delete the item.
        case delete
        /// Compute the new item from the current one (nil in: the item does not exist; nil out: it still
        /// does not, nothing is written).
        case update(@Sendable (DynamoDBItem?) throws -> DynamoDBItem?)
        /// Only check the condition.
        case check
    }

    /// The outcome of a write.
    package struct Outcome: Sendable {
        /// The item before.
        package var old: DynamoDBItem?
        /// The item after (nil when deleted or absent).
        package var new: DynamoDBItem?
        /// Units consumed (before any transactional doubling).
        package var usage: DynamoDBCapacity.Usage
        /// The metrics of the item's collection after the write, when ``DynamoDBItemWrite/itemCollectionKey``
        /// asked for them and the table has local secondary indexes.
        package var itemCollectionMetrics: DynamoDB.ItemCollectionMetrics? = nil
    }

    /// A failed condition: the item at that time (when it existed).
    package struct ConditionFailed: Error, Sendable {
        /// The current item, if any.
        package var item: DynamoDBItem?
    }

    /// The table's store id.
    package var tableID: Int64
    /// The table's name (for messages and capacity).
    package var tableName: String
    /// The table's keys and indexes.
    package var schema: DynamoDBKeySchema
    /// The item's key.
    package var key: DynamoDBStoredKey
    /// The condition, if any.
    package var condition: DynamoDBConditionExpression?
    /// What to do.
    package var change: Change
    /// Whether the caller uses the item as it was before the write or the capacity the write consumed (which
    /// counts the larger of the old and new item): `ReturnValues` other than NONE, `ReturnConsumedCapacity`
    /// other than NONE. True unless the caller sets it.
    package var reportsOldItem = true
    /// The item's partition key value when the outcome is to carry its collection's metrics
    /// (`ReturnItemCollectionMetrics` SIZE; only tables with local secondary indexes have item collections). Nil
    /// (nothing measured) unless the caller sets it.
    package var itemCollectionKey: DynamoDBValue?

    /// Creates a write.
    package init(
        tableID: Int64, tableName: String, schema: DynamoDBKeySchema, key: DynamoDBStoredKey,
        condition: DynamoDBConditionExpression?, change: Change
    ) {
        self.tableID = tableID
        self.tableName = tableName
        self.schema = schema
        self.key = key
        self.condition = condition
        self.change = change
    }

    /// Reads the current item and evaluates the condition.
    /// - Throws: ``ConditionFailed`` when the condition is false.
    package func check(in transaction: any DynamoDBStoreTransaction) throws -> (DynamoDBItem?, DynamoDBStoredItem?) {
        let stored = try transaction.item(tableID: tableID, key: key)
        let old = try stored.map(DynamoDBService.decode)
        if let condition {
            let satisfied: Bool
            do {
                satisfied = try condition.evaluate(on: old ?? [:])
            } catch {
                throw AWSServiceError.validation(error.message)
            }
            if !satisfied { throw ConditionFailed(item: old) }
        }
        return (old, stored)
    }

    /// Checks, then applies the change (without reading the current item when nothing depends on it); `now` is the
    /// time of the change (for the table's point-in-time recovery history).
    package func run(in transaction: any DynamoDBStoreTransaction, at now: Date) throws -> Outcome {
        if !reportsOldItem, condition == nil, schema.indexes.isEmpty, case let .put(item) = change {
            // No condition to evaluate, no index entries to replace and nothing to report about the old item.
            let size = try write(item, replacing: .unreadWithoutIndexEntries, in: transaction, at: now)
            return Outcome(old: nil, new: item, usage: DynamoDBCapacity.writeUsage(tableBytes: size, indexSizes: []))
        }
        let (old, stored) = try check(in: transaction)
        return try apply(old: old, stored: stored, in: transaction, at: now)
    }

    /// Applies the change to an item already read (and checked) in this transaction, as of `now`.
    package func apply(
        old: DynamoDBItem?, stored: DynamoDBStoredItem?, in transaction: any DynamoDBStoreTransaction, at now: Date
    ) throws -> Outcome {
        let new: DynamoDBItem?
        switch change {
        case let .put(item): new = item
        case .delete: new = nil
        case let .update(compute): new = try compute(old)
        case .check:
            let bytes = stored?.size ?? 0
            return Outcome(old: old, new: old, usage: DynamoDBCapacity.Usage(table: DynamoDBCapacity.readUnits(bytes: bytes, consistent: true)))
        }
        var newSize = 0
        if let new {
            newSize = try write(new, replacing: .read(stored), in: transaction, at: now)
        } else if stored != nil {
            try transaction.deleteItem(tableID: tableID, key: key, changedAt: now)
        }
        let sizes = schema.indexes.map { index -> (name: String, isGlobal: Bool, old: Int?, new: Int?) in
            func projected(_ item: DynamoDBItem?) -> Int? {
                guard let item, item[index.hash.name] != nil, index.range.map({ item[$0.name] != nil }) ?? true else {
                    return nil
                }
                return DynamoDBItemSize.of(index.project(item, table: schema))
            }
            return (index.name, index.isGlobal, projected(old), projected(new))
        }
        let usage = DynamoDBCapacity.writeUsage(tableBytes: max(newSize, stored?.size ?? 0), indexSizes: sizes)
        var outcome = Outcome(old: old, new: new, usage: usage)
        let localIndexes = schema.indexes.filter { !$0.isGlobal }.map(\.name)
        if let itemCollectionKey, !localIndexes.isEmpty {
            let bytes = try transaction.itemCollectionBytes(tableID: tableID, key: key, localIndexes: localIndexes)
            outcome.itemCollectionMetrics = DynamoDBItemCollectionMetrics.metrics(
                attribute: schema.hash.name, value: itemCollectionKey, bytes: bytes)
        }
        return outcome
    }

    /// Stores `new` with its index entries in place of the item `replacing` describes; returns its size. Throws
    /// before writing when it is too large or an index key has the wrong type.
    private func write(
        _ new: DynamoDBItem, replacing: DynamoDBReplacedItem, in transaction: any DynamoDBStoreTransaction, at now: Date
    ) throws -> Int {
        let size = DynamoDBItemSize.of(new)
        if size > DynamoDBItemSize.maximumItemSize {
            if case .update = change {
                throw AWSServiceError.validation("Item size to update has exceeded the maximum allowed size")
            }
            throw DynamoDBFailure.itemTooLarge()
        }
        let entries = try schema.indexEntries(of: new)
        try transaction.putItem(
            tableID: tableID,
            DynamoDBStoredItem(key: key, body: DynamoDBItemCodec.encode(new), size: size, expiresAt: schema.expiry(of: new)),
            indexEntries: entries, replaced: replacing, changedAt: now)
        return size
    }
}
