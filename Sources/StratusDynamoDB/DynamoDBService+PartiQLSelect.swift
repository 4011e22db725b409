import Foundation
import StratusAPIDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit

extension DynamoDBService {
    /// Where a SELECT's page ended: the partition (of the values its WHERE pins, or nil for a scan) and the key of
    /// the last item read there.
    struct PartiQLPageToken: Codable {
        var partition: Int?
        var key: [String: DynamoDB.AttributeValue]?

        var encoded: String { (try? JSONEncoder().encode(self))?.base64EncodedString() ?? "" }

        static func decode(_ text: String) throws(AWSServiceError) -> PartiQLPageToken {
            guard let data = Data(base64Encoded: text), let token = try? JSONDecoder().decode(Self.self, from: data) else {
                throw .validation("Invalid NextToken")
            }
            return token
        }
    }

    /// A SELECT of ExecuteStatement: Query on each pinned partition key value in turn, or a Scan.
    func runSelect(
        _ select: DynamoDBPartiQLStatement.Select, input: DynamoDB.ExecuteStatementInput, context: RequestContext
    ) async throws -> DynamoDB.ExecuteStatementOutput {
        let table = try await itemTable(select.table, context: context)
        var plan = try DynamoDBReadPlan(
            table: table, indexName: select.index, select: nil, hasProjection: select.projection != nil,
            limit: input.limit, consistentRead: input.consistentRead, operation: "Scan")
        plan.projection = select.projection
        plan.filter = select.condition.map(DynamoDBPartiQLCondition.expression)
        let hashKey = plan.index?.hash ?? plan.schema.hash
        let rangeKey = plan.index == nil ? plan.schema.range : plan.index?.range
        // DynamoDB reads only the partitions the WHERE pins (values of another type match nothing).
        var partitions = select.condition
            .flatMap { DynamoDBPartiQLKeys.values(of: hashKey.name, in: $0) }?
            .filter { $0.typeName == hashKey.type }
        var forward = true
        if !select.orderBy.isEmpty {
            guard partitions != nil else {
                throw AWSServiceError.validation("Must have WHERE clause in the statement when using ORDER BY clause.")
            }
            for order in select.orderBy {
                if order.attribute == hashKey.name {
                    partitions?.sort { left, right in
                        let (first, second) = order.ascending ? (left, right) : (right, left)
                        return DynamoDBKeySchema.bytes(of: first).lexicographicallyPrecedes(DynamoDBKeySchema.bytes(of: second))
                    }
                } else if order.attribute == rangeKey?.name {
                    forward = order.ascending
                } else {
                    throw AWSServiceError.validation(
                        "Unsupported operation: ORDER BY \(order.attribute): only the key attributes of the table or index read can order results")
                }
            }
        }
        var token = PartiQLPageToken(partition: partitions == nil ? nil : 0, key: nil)
        if let text = input.nextToken {
            token = try PartiQLPageToken.decode(text)
            if (token.partition == nil) != (partitions == nil) { throw AWSServiceError.validation("Invalid NextToken") }
        }
        let start = try token.key.map { key throws(AWSServiceError) in
            try plan.schema.position(of: try DynamoDBValue.item(wire: key), index: plan.index)
        }
        let tableID = table.id
        let indexName = plan.index?.name
        var output = DynamoDB.ExecuteStatementOutput(items: [])
        var usage = DynamoDBCapacity.Usage()
        guard let partitions else {
            let scanPlan = plan
            let page = try await scanPlan.readPage(start: start) { after, limit in
                try await store.scan(DynamoDBItemScan(tableID: tableID, indexName: indexName, startAfter: after, limit: limit))
            }
            output.items = page.items.map(DynamoDBValue.wire(item:))
            if let last = page.lastEvaluatedKey {
                output.lastEvaluatedKey = DynamoDBValue.wire(item: last)
                output.nextToken = PartiQLPageToken(partition: nil, key: output.lastEvaluatedKey).encoded
            }
            usage.add(scanPlan.usage(of: page))
            output.consumedCapacity = DynamoDBCapacity.consumed(
                input.returnConsumedCapacity, table: table.name, usage: usage, isRead: true)
            return output
        }
        let (lower, upper) = rangeKey.map { key in
            Self.partiQLSortKeyRange(
                select.condition.map { DynamoDBPartiQLKeys.sortKeyConditions(of: key.name, in: $0) } ?? [], type: key.type)
        } ?? (nil, nil)
        var partition = token.partition ?? 0
        var position = start
        var remaining = input.limit
        var bytesRead = 0
        var items: [[String: DynamoDB.AttributeValue]] = []
        while partition < partitions.count {
            var partitionPlan = plan
            partitionPlan.limit = remaining
            let hash = DynamoDBKeySchema.bytes(of: partitions[partition])
            let after = position
            let page = try await partitionPlan.readPage(start: after) { after, limit in
                try await store.query(DynamoDBItemQuery(
                    tableID: tableID, indexName: indexName, hash: hash, lower: lower, upper: upper, forward: forward,
                    startAfter: after, limit: limit))
            }
            items += page.items.map(DynamoDBValue.wire(item:))
            usage.add(partitionPlan.usage(of: page))
            if let last = page.lastEvaluatedKey {
                output.lastEvaluatedKey = DynamoDBValue.wire(item: last)
                output.nextToken = PartiQLPageToken(partition: partition, key: output.lastEvaluatedKey).encoded
                break
            }
            partition += 1
            position = nil
            bytesRead += page.bytesRead
            // One page reads at most about 1 MB, across partitions too.
            if bytesRead >= DynamoDBReadPlan.pageBytes, partition < partitions.count {
                output.nextToken = PartiQLPageToken(partition: partition, key: nil).encoded
                break
            }
            if let limit = remaining {
                remaining = limit - page.scannedCount
                if remaining! <= 0 {
                    if partition < partitions.count {
                        output.nextToken = PartiQLPageToken(partition: partition, key: nil).encoded
                    }
                    break
                }
            }
        }
        output.items = items
        output.consumedCapacity = DynamoDBCapacity.consumed(
            input.returnConsumedCapacity, table: table.name, usage: usage, isRead: true)
        return output
    }

    /// The tightest sort-key range the WHERE's sort key conditions allow (conditions on values of another type are
    /// left to the filter, which they fail).
    static func partiQLSortKeyRange(_ conditions: [DynamoDBSortKeyCondition], type: String)
        -> (lower: DynamoDBRangeBound?, upper: DynamoDBRangeBound?)
    {
        var lower: DynamoDBRangeBound?
        var upper: DynamoDBRangeBound?
        func raise(_ bound: DynamoDBRangeBound) {
            guard let current = lower else {
                lower = bound
                return
            }
            if current.value.lexicographicallyPrecedes(bound.value) {
                lower = bound
            } else if current.value == bound.value {
                lower = DynamoDBRangeBound(bound.value, inclusive: current.inclusive && bound.inclusive)
            }
        }
        func lowerTo(_ bound: DynamoDBRangeBound) {
            guard let current = upper else {
                upper = bound
                return
            }
            if bound.value.lexicographicallyPrecedes(current.value) {
                upper = bound
            } else if current.value == bound.value {
                upper = DynamoDBRangeBound(bound.value, inclusive: current.inclusive && bound.inclusive)
            }
        }
        for condition in conditions where condition.operands.allSatisfy({ $0.typeName == type }) {
            switch condition.kind {
            case let .compare(comparator, value):
                let bytes = DynamoDBKeySchema.bytes(of: value)
                switch comparator {
                case .equal:
                    raise(DynamoDBRangeBound(bytes, inclusive: true))
                    lowerTo(DynamoDBRangeBound(bytes, inclusive: true))
                case .less: lowerTo(DynamoDBRangeBound(bytes, inclusive: false))
                case .lessOrEqual: lowerTo(DynamoDBRangeBound(bytes, inclusive: true))
                case .greater: raise(DynamoDBRangeBound(bytes, inclusive: false))
                case .greaterOrEqual: raise(DynamoDBRangeBound(bytes, inclusive: true))
                case .notEqual: break
                }
            case let .between(low, high):
                raise(DynamoDBRangeBound(DynamoDBKeySchema.bytes(of: low), inclusive: true))
                lowerTo(DynamoDBRangeBound(DynamoDBKeySchema.bytes(of: high), inclusive: true))
            case let .beginsWith(prefix):
                guard type != "N" else { continue }
                let bytes = DynamoDBKeySchema.bytes(of: prefix)
                raise(DynamoDBRangeBound(bytes, inclusive: true))
                if let successor = prefixSuccessor(bytes) { lowerTo(DynamoDBRangeBound(successor, inclusive: false)) }
            }
        }
        return (lower, upper)
    }
}
