import Foundation
import StratusAPIDynamoDB
import StratusAWSCore
import StratusDynamoDBExpressions
import StratusServiceKit

extension DynamoDBService {
    /// The most keys one BatchGetItem may ask for.
    static let batchGetLimit = 100
    /// The most requests one BatchWriteItem may hold.
    static let batchWriteLimit = 25
    /// The response size after which BatchGetItem leaves the remaining keys unprocessed.
    static let batchGetResponseBytes = 16 * 1024 * 1024

    /// `BatchGetItem`: up to 100 keys over several tables; keys beyond the 16 MB response limit come back in
    /// `UnprocessedKeys` (empty when everything was read).
    package func batchGetItem(_ input: DynamoDB.BatchGetItemInput, context: RequestContext) async throws
        -> DynamoDB.BatchGetItemOutput
    {
        if input.requestItems.isEmpty {
            throw DynamoDBFailure.constraint(
                value: "'{}'", member: "requestItems", "Member must have length greater than or equal to 1")
        }
        let total = input.requestItems.values.reduce(0) { $0 + $1.keys.count }
        if total > Self.batchGetLimit { throw AWSServiceError.validation("Too many items requested for the BatchGetItem call") }
        struct TableRead {
            var name: String
            var table: DynamoDBTableRecord
            var keys: [(item: DynamoDBItem, stored: DynamoDBStoredKey)]
            var projection: [DynamoDBDocumentPath]?
            var request: DynamoDB.KeysAndAttributes
        }
        var reads: [TableRead] = []
        for name in input.requestItems.keys.sorted() {
            let request = input.requestItems[name]!
            if request.keys.isEmpty {
                throw DynamoDBFailure.constraint(
                    value: "'[]'", member: "requestItems.\(name).member.keys", "Member must have length greater than or equal to 1")
            }
            try DynamoDBRequestExpressions.checkNotMixed(
                nonExpression: request.attributesToGet == nil ? [] : ["AttributesToGet"],
                expression: request.projectionExpression == nil ? [] : ["ProjectionExpression"])
            var expressions = try DynamoDBRequestExpressions(
                names: request.expressionAttributeNames, values: nil, hasExpressions: request.projectionExpression != nil)
            let projection = try Self.projectionPaths(
                expression: request.projectionExpression, attributesToGet: request.attributesToGet, expressions: &expressions)
            try expressions.checkAllUsed()
            let table = try await itemTable(name, context: context)
            let schema = DynamoDBKeySchema(table)
            var keys: [(item: DynamoDBItem, stored: DynamoDBStoredKey)] = []
            var seen = Set<DynamoDBStoredKey>()
            for wireKey in request.keys {
                let item = try DynamoDBValue.item(wire: wireKey)
                let stored = try schema.storedKey(ofKey: item)
                guard seen.insert(stored).inserted else {
                    throw AWSServiceError.validation("Provided list of item keys contains duplicates")
                }
                keys.append((item, stored))
            }
            reads.append(TableRead(name: name, table: table, keys: keys, projection: projection, request: request))
        }
        var responses: [String: [[String: DynamoDB.AttributeValue]]] = [:]
        var unprocessed: [String: DynamoDB.KeysAndAttributes] = [:]
        var capacities: [DynamoDB.ConsumedCapacity] = []
        var responseBytes = 0
        for read in reads {
            var found: [[String: DynamoDB.AttributeValue]] = []
            var left: [[String: DynamoDB.AttributeValue]] = []
            var bytes = 0
            let items = try await store.items(tableID: read.table.id, keys: read.keys.map(\.stored))
            for (position, stored) in items.enumerated() {
                if responseBytes >= Self.batchGetResponseBytes {
                    left.append(DynamoDBValue.wire(item: read.keys[position].item))
                    continue
                }
                guard let stored else { continue }
                var item = try Self.decode(stored)
                if let projection = read.projection { item = DynamoDBProjectionExpression.project(item, paths: projection) }
                bytes += stored.size
                responseBytes += stored.size
                found.append(DynamoDBValue.wire(item: item))
            }
            responses[read.name] = found
            if !left.isEmpty {
                var request = read.request
                request.keys = left
                unprocessed[read.name] = request
            }
            let units = DynamoDBCapacity.readUnits(bytes: bytes, consistent: read.request.consistentRead ?? false)
            if let consumed = DynamoDBCapacity.consumed(
                input.returnConsumedCapacity, table: read.table.name, usage: DynamoDBCapacity.Usage(table: units), isRead: true)
            {
                capacities.append(consumed)
            }
        }
        return DynamoDB.BatchGetItemOutput(
            responses: responses, unprocessedKeys: unprocessed, consumedCapacity: capacities.isEmpty ? nil : capacities)
    }

    /// `BatchWriteItem`: up to 25 puts and deletes over several tables, no key twice, applied in one transaction;
    /// `UnprocessedItems` is empty (every request was applied).
    package func batchWriteItem(_ input: DynamoDB.BatchWriteItemInput, context: RequestContext) async throws
        -> DynamoDB.BatchWriteItemOutput
    {
        if input.requestItems.isEmpty {
            throw DynamoDBFailure.constraint(
                value: "'{}'", member: "requestItems", "Member must have length greater than or equal to 1")
        }
        let total = input.requestItems.values.reduce(0) { $0 + $1.count }
        if total > Self.batchWriteLimit {
            throw AWSServiceError.validation("Too many items requested for the BatchWriteItem call")
        }
        var writes: [DynamoDBItemWrite] = []
        for name in input.requestItems.keys.sorted() {
            let requests = input.requestItems[name]!
            if requests.isEmpty {
                throw DynamoDBFailure.constraint(
                    value: "'[]'", member: "requestItems", "Map value must satisfy constraint: [Member must have length greater than or equal to 1]")
            }
            var prepared: [(DynamoDBItem?, DynamoDBItem?)] = []
            for request in requests {
                switch (request.putRequest, request.deleteRequest) {
                case let (put?, nil): prepared.append((try DynamoDBValue.item(wire: put.item), nil))
                case let (nil, delete?): prepared.append((nil, try DynamoDBValue.item(wire: delete.key)))
                default:
                    throw DynamoDBFailure.invalidParameter(
                        "A WriteRequest must contain exactly one of PutRequest or DeleteRequest")
                }
            }
            let table = try await itemTable(name, context: context)
            let schema = DynamoDBKeySchema(table)
            var seen = Set<DynamoDBStoredKey>()
            for (put, delete) in prepared {
                var write: DynamoDBItemWrite
                if let put {
                    let key = try schema.storedKey(ofItem: put)
                    if DynamoDBItemSize.of(put) > DynamoDBItemSize.maximumItemSize { throw DynamoDBFailure.itemTooLarge() }
                    _ = try schema.indexEntries(of: put)
                    write = DynamoDBItemWrite(
                        tableID: table.id, tableName: table.name, schema: schema, key: key, condition: nil, change: .put(put))
                    write.reportsOldItem = Self.reports(input.returnConsumedCapacity)
                } else {
                    let key = try schema.storedKey(ofKey: delete!)
                    write = DynamoDBItemWrite(
                        tableID: table.id, tableName: table.name, schema: schema, key: key, condition: nil, change: .delete)
                }
                write.itemCollectionKey = DynamoDBItemCollectionMetrics.key(
                    of: put ?? delete!, schema: schema, request: input.returnItemCollectionMetrics)
                guard seen.insert(write.key).inserted else {
                    throw AWSServiceError.validation("Provided list of item keys contains duplicates")
                }
                writes.append(write)
            }
        }
        let all = writes
        let now = clock.now()
        let outcomes = try await store.write { transaction in try all.map { try $0.run(in: transaction, at: now) } }
        var usage: [String: DynamoDBCapacity.Usage] = [:]
        for (write, outcome) in zip(writes, outcomes) { usage[write.tableName, default: .init()].add(outcome.usage) }
        let capacities = usage.keys.sorted().compactMap {
            DynamoDBCapacity.consumed(input.returnConsumedCapacity, table: $0, usage: usage[$0]!, isRead: false)
        }
        return DynamoDB.BatchWriteItemOutput(
            unprocessedItems: [:], itemCollectionMetrics: DynamoDBItemCollectionMetrics.byTable(writes, outcomes),
            consumedCapacity: capacities.isEmpty ? nil : capacities)
    }
}
