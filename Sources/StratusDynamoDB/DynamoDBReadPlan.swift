import Foundation
import StratusAPIDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit

/// The checked, storage-independent part of a Query or Scan: what to read (table or index), what to return
/// (Select, projection), the filter, and the page rules; ``readPage(fetch:)`` then runs it over any row source.
///
/// Guarantees (DynamoDB's paging rules): `Limit` counts items read before the filter; a page stops after
/// `Limit` items or once the items read reach 1 MB; `LastEvaluatedKey` is the key (table and index attributes)
/// of the last item read whenever the page stopped early; `Count` counts items that passed the filter and
/// `ScannedCount` items read; capacity is charged on the bytes read.
package struct DynamoDBReadPlan: Sendable {
    /// The table.
    package var table: DynamoDBTableRecord
    /// Its keys and indexes.
    package var schema: DynamoDBKeySchema
    /// The index read, if any.
    package var index: DynamoDBKeySchema.Index?
    /// `ALL_ATTRIBUTES`, `ALL_PROJECTED_ATTRIBUTES`, `SPECIFIC_ATTRIBUTES` or `COUNT`.
    package var select: String
    /// The projection paths (SPECIFIC_ATTRIBUTES).
    package var projection: [DynamoDBDocumentPath]?
    /// The filter.
    package var filter: DynamoDBConditionExpression?
    /// `Limit`, if given.
    package var limit: Int?
    /// Whether reads are strongly consistent.
    package var consistent: Bool

    /// The 1 MB page size limit.
    package static let pageBytes = 1024 * 1024

    /// The result of one page.
    package struct Page: Sendable {
        /// The items returned (empty for COUNT).
        package var items: [DynamoDBItem] = []
        /// Items that passed the filter.
        package var count = 0
        /// Items read.
        package var scannedCount = 0
        /// Where the page stopped, when it stopped early.
        package var lastEvaluatedKey: DynamoDBItem?
        /// Bytes read.
        package var bytesRead = 0
    }

    /// Checks Select/projection/index combinations and builds the plan. `operation` is "Query" or "Scan".
    package init(
        table: DynamoDBTableRecord, indexName: String?, select: DynamoDB.Select?, hasProjection: Bool,
        limit: Int?, consistentRead: Bool?, operation: String
    ) throws(AWSServiceError) {
        self.table = table
        schema = DynamoDBKeySchema(table)
        if let limit, limit < 1 {
            throw DynamoDBFailure.constraint(
                value: "'\(limit)'", member: "limit", "Member must have value greater than or equal to 1")
        }
        self.limit = limit
        consistent = consistentRead ?? false
        if let indexName {
            guard let index = schema.index(named: indexName) else {
                throw .validation("The table does not have the specified index: \(indexName)")
            }
            self.index = index
            if index.isGlobal, consistent {
                throw .validation("Consistent reads are not supported on global secondary indexes")
            }
        }
        let selected = select?.rawValue ?? (hasProjection ? "SPECIFIC_ATTRIBUTES" : (indexName == nil ? "ALL_ATTRIBUTES" : "ALL_PROJECTED_ATTRIBUTES"))
        guard ["ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"].contains(selected) else {
            throw DynamoDBFailure.constraint(
                value: "'\(selected)'", member: "select",
                "Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]")
        }
        if hasProjection, selected != "SPECIFIC_ATTRIBUTES" {
            throw .validation("Cannot specify the AttributesToGet when choosing to get \(selected)")
        }
        if selected == "ALL_PROJECTED_ATTRIBUTES", indexName == nil {
            throw .validation("ALL_PROJECTED_ATTRIBUTES can be used only when \(operation == "Query" ? "Querying" : "Scanning") using an IndexName")
        }
        if selected == "ALL_ATTRIBUTES", let index, index.isGlobal, index.projectionType != "ALL" {
            throw DynamoDBFailure.invalidParameter(
                "Select type ALL_ATTRIBUTES is not supported for global secondary index \(index.name) because its projection type is not ALL")
        }
        self.select = selected
    }

    /// Reads one page from `fetch(startAfter, limit)` (rows in read order), starting after `start`.
    package func readPage(
        start: DynamoDBItemPosition?,
        fetch: (DynamoDBItemPosition?, Int) async throws -> [DynamoDBStoredRow]
    ) async throws -> Page {
        var page = Page()
        var position = start
        var lastRow: DynamoDBStoredRow?
        var lastItem: DynamoDBItem?
        var stoppedEarly = false
        reading: while true {
            let want = min(limit.map { $0 - page.scannedCount } ?? 500, 500)
            let rows = try await fetch(position, want)
            for row in rows {
                var item = try DynamoDBService.decode(row.item)
                if let index, !readsWholeItem { item = index.project(item, table: schema) }
                page.scannedCount += 1
                page.bytesRead += index == nil ? row.item.size : DynamoDBItemSize.of(item)
                lastRow = row
                lastItem = item
                let passes: Bool
                do {
                    passes = try filter?.evaluate(on: item) ?? true
                } catch {
                    throw AWSServiceError.validation(error.message)
                }
                if passes {
                    page.count += 1
                    if select != "COUNT" {
                        page.items.append(projection.map { DynamoDBProjectionExpression.project(item, paths: $0) } ?? item)
                    }
                }
                if let limit, page.scannedCount >= limit {
                    stoppedEarly = true
                    break reading
                }
                if page.bytesRead >= Self.pageBytes {
                    stoppedEarly = true
                    break reading
                }
            }
            if rows.count < want { break }
            position = rows.last?.position
        }
        if stoppedEarly, let lastItem, lastRow != nil {
            page.lastEvaluatedKey = schema.key(of: lastItem, index: index)
        }
        return page
    }

    /// Whether an index read returns whole items: always on the table; on an index for ALL_ATTRIBUTES, and on a
    /// local index whose projection lacks an attribute the projection or filter asks for (DynamoDB fetches those
    /// from the table); a global index only ever has its projected attributes.
    var readsWholeItem: Bool {
        guard let index else { return true }
        if select == "ALL_ATTRIBUTES" { return true }
        guard !index.isGlobal else { return false }
        var wanted = Set((projection ?? []).map(\.topLevelAttribute))
        if let filter { wanted.formUnion(filter.topLevelAttributes) }
        return wanted.contains { !index.projects($0, table: schema) }
    }

    /// The read capacity of a page, on the table or on the index read.
    package func usage(of page: Page) -> DynamoDBCapacity.Usage {
        let units = DynamoDBCapacity.readUnits(bytes: page.bytesRead, consistent: consistent)
        var usage = DynamoDBCapacity.Usage()
        if let index {
            if index.isGlobal { usage.globalIndexes[index.name] = units } else { usage.localIndexes[index.name] = units }
        } else {
            usage.table = units
        }
        return usage
    }
}
