import Foundation
import StratusAPIDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit

extension DynamoDBService {
    /// `Query`: one partition of the table or an index in sort-key order, with the key condition, filter,
    /// projection, Select, Limit, the 1 MB page rule and ExclusiveStartKey/LastEvaluatedKey.
    package func query(_ input: DynamoDB.QueryInput, context: RequestContext) async throws -> DynamoDB.QueryOutput {
        var legacyNames: [String] = []
        if input.keyConditions != nil { legacyNames.append("KeyConditions") }
        if input.queryFilter != nil { legacyNames.append("QueryFilter") }
        if input.attributesToGet != nil { legacyNames.append("AttributesToGet") }
        var expressionNames: [String] = []
        if input.keyConditionExpression != nil { expressionNames.append("KeyConditionExpression") }
        if input.filterExpression != nil { expressionNames.append("FilterExpression") }
        if input.projectionExpression != nil { expressionNames.append("ProjectionExpression") }
        try DynamoDBRequestExpressions.checkNotMixed(nonExpression: legacyNames, expression: expressionNames)
        if input.keyConditions == nil, input.keyConditionExpression == nil {
            throw AWSServiceError.validation(
                "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
        }
        let startKey = try input.exclusiveStartKey.map { key throws(AWSServiceError) in try DynamoDBValue.item(wire: key) }
        let table = try await itemTable(input.tableName, context: context)
        var plan = try DynamoDBReadPlan(
            table: table, indexName: input.indexName, select: input.select,
            hasProjection: input.projectionExpression != nil || input.attributesToGet != nil, limit: input.limit,
            consistentRead: input.consistentRead, operation: "Query")
        let hashKey = plan.index?.hash ?? plan.schema.hash
        let rangeKey = plan.index.map { $0.range } ?? plan.schema.range
        var expressions: DynamoDBRequestExpressions
        let keyCondition: DynamoDBKeyConditionExpression
        if let keyConditions = input.keyConditions {
            var legacy = DynamoDBLegacyParameters(prefix: "key")
            let keyText = try legacy.conditions(keyConditions, conditionalOperator: nil)
            var legacyFilter = DynamoDBLegacyParameters(prefix: "filter")
            let filterText = try input.queryFilter.map { filter throws(AWSServiceError) in
                try legacyFilter.conditions(filter, conditionalOperator: input.conditionalOperator)
            }
            var keyExpressions = try legacy.expressions()
            keyCondition = try keyExpressions.keyCondition(keyText, hashKey: hashKey.name, rangeKey: rangeKey?.name)
            expressions = try legacyFilter.expressions()
            plan.filter = try filterText.flatMap { text throws(AWSServiceError) in
                text.isEmpty ? nil : try expressions.condition(text, kind: .filter)
            }
            plan.projection = input.attributesToGet.map { $0.map { DynamoDBDocumentPath(attribute: $0) } }
        } else {
            expressions = try DynamoDBRequestExpressions(
                names: input.expressionAttributeNames, values: input.expressionAttributeValues, hasExpressions: true)
            keyCondition = try expressions.keyCondition(
                input.keyConditionExpression!, hashKey: hashKey.name, rangeKey: rangeKey?.name)
            plan.filter = try input.filterExpression.map { text throws(AWSServiceError) in
                try expressions.condition(text, kind: .filter)
            }
            plan.projection = try input.projectionExpression.map { text throws(AWSServiceError) in
                try expressions.projection(text)
            }
            try expressions.checkAllUsed()
        }
        if let filter = plan.filter {
            for key in [hashKey.name] + (rangeKey.map { [$0.name] } ?? []) where filter.topLevelAttributes.contains(key) {
                throw AWSServiceError.validation(
                    "Filter Expression can only contain non-primary key attributes: Primary key attribute: \(key)")
            }
        }
        guard keyCondition.hashKeyValue.typeName == hashKey.type else {
            throw DynamoDBFailure.invalidParameter("Condition parameter type does not match schema type")
        }
        let hashBytes = DynamoDBKeySchema.bytes(of: keyCondition.hashKeyValue)
        var lower: DynamoDBRangeBound?
        var upper: DynamoDBRangeBound?
        if let sort = keyCondition.sortKeyCondition, let rangeKey {
            for operand in sort.operands where operand.typeName != rangeKey.type {
                throw DynamoDBFailure.invalidParameter("Condition parameter type does not match schema type")
            }
            switch sort.kind {
            case let .compare(comparator, value):
                let bytes = DynamoDBKeySchema.bytes(of: value)
                switch comparator {
                case .equal:
                    lower = DynamoDBRangeBound(bytes, inclusive: true)
                    upper = DynamoDBRangeBound(bytes, inclusive: true)
                case .less: upper = DynamoDBRangeBound(bytes, inclusive: false)
                case .lessOrEqual: upper = DynamoDBRangeBound(bytes, inclusive: true)
                case .greater: lower = DynamoDBRangeBound(bytes, inclusive: false)
                case .greaterOrEqual: lower = DynamoDBRangeBound(bytes, inclusive: true)
                case .notEqual: throw AWSServiceError.validation("Invalid operator used in KeyConditionExpression: <>")
                }
            case let .between(low, high):
                if let order = DynamoDBValueOrdering.compare(low, high), order > 0 {
                    throw AWSServiceError.validation(
                        "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: \(low), upper bound operand: AttributeValue: \(high)")
                }
                lower = DynamoDBRangeBound(DynamoDBKeySchema.bytes(of: low), inclusive: true)
                upper = DynamoDBRangeBound(DynamoDBKeySchema.bytes(of: high), inclusive: true)
            case let .beginsWith(prefix):
                if rangeKey.type == "N" {
                    throw AWSServiceError.validation(
                        "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N")
                }
                let bytes = DynamoDBKeySchema.bytes(of: prefix)
                lower = DynamoDBRangeBound(bytes, inclusive: true)
                upper = Self.prefixSuccessor(bytes).map { DynamoDBRangeBound($0, inclusive: false) }
            }
        }
        let start = try startKey.map { key throws(AWSServiceError) in try plan.schema.position(of: key, index: plan.index) }
        if let start {
            let startHash = plan.index == nil ? start.key.hash : start.indexHash
            if startHash != hashBytes {
                throw AWSServiceError.validation("The provided starting key is outside query boundaries based on provided conditions")
            }
        }
        let tableID = table.id
        let indexName = plan.index?.name
        let forward = input.scanIndexForward ?? true
        let finalPlan = plan
        let page = try await finalPlan.readPage(start: start) { after, limit in
            try await store.query(
                DynamoDBItemQuery(
                    tableID: tableID, indexName: indexName, hash: hashBytes, lower: lower, upper: upper, forward: forward,
                    startAfter: after, limit: limit))
        }
        return DynamoDB.QueryOutput(
            items: finalPlan.select == "COUNT" ? nil : page.items.map(DynamoDBValue.wire(item:)), count: page.count,
            scannedCount: page.scannedCount, lastEvaluatedKey: page.lastEvaluatedKey.map(DynamoDBValue.wire(item:)),
            consumedCapacity: DynamoDBCapacity.consumed(
                input.returnConsumedCapacity, table: table.name, usage: finalPlan.usage(of: page), isRead: true))
    }

    /// The smallest byte string greater than every string starting with `prefix`, or nil when there is none.
    static func prefixSuccessor(_ prefix: Data) -> Data? {
        var bytes = [UInt8](prefix)
        while let last = bytes.last {
            if last < 0xFF {
                bytes[bytes.count - 1] = last + 1
                return Data(bytes)
            }
            bytes.removeLast()
        }
        return nil
    }

    /// `Scan`: the table or an index in scan order, optionally one segment of a parallel scan, with the same
    /// filter, projection, Select, Limit and paging rules as Query.
    package func scan(_ input: DynamoDB.ScanInput, context: RequestContext) async throws -> DynamoDB.ScanOutput {
        var legacyNames: [String] = []
        if input.scanFilter != nil { legacyNames.append("ScanFilter") }
        if input.attributesToGet != nil { legacyNames.append("AttributesToGet") }
        var expressionNames: [String] = []
        if input.filterExpression != nil { expressionNames.append("FilterExpression") }
        if input.projectionExpression != nil { expressionNames.append("ProjectionExpression") }
        try DynamoDBRequestExpressions.checkNotMixed(nonExpression: legacyNames, expression: expressionNames)
        var partitions: ClosedRange<UInt32> = 0...UInt32.max
        switch (input.segment, input.totalSegments) {
        case (nil, nil): break
        case (_?, nil):
            throw AWSServiceError.validation(
                "The TotalSegments parameter is required but was not present in the request when parameter Segment is present")
        case (nil, _?):
            throw AWSServiceError.validation(
                "The Segment parameter is required but was not present in the request when parameter TotalSegments is present")
        case let (segment?, total?):
            if total < 1 || total > 1_000_000 {
                throw DynamoDBFailure.constraint(
                    value: "'\(total)'", member: "totalSegments",
                    total < 1 ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 1000000")
            }
            if segment < 0 {
                throw DynamoDBFailure.constraint(
                    value: "'\(segment)'", member: "segment", "Member must have value greater than or equal to 0")
            }
            if segment >= total {
                throw AWSServiceError.validation(
                    "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: \(segment) is not less than TotalSegments: \(total)")
            }
            let span = UInt64(1) << 32
            let low = UInt64(segment) * span / UInt64(total)
            let high = UInt64(segment + 1) * span / UInt64(total) - 1
            partitions = UInt32(low)...UInt32(high)
        }
        let startKey = try input.exclusiveStartKey.map { key throws(AWSServiceError) in try DynamoDBValue.item(wire: key) }
        let table = try await itemTable(input.tableName, context: context)
        var plan = try DynamoDBReadPlan(
            table: table, indexName: input.indexName, select: input.select,
            hasProjection: input.projectionExpression != nil || input.attributesToGet != nil, limit: input.limit,
            consistentRead: input.consistentRead, operation: "Scan")
        if let scanFilter = input.scanFilter {
            var legacy = DynamoDBLegacyParameters(prefix: "filter")
            let text = try legacy.conditions(scanFilter, conditionalOperator: input.conditionalOperator)
            var expressions = try legacy.expressions()
            plan.filter = text.isEmpty ? nil : try expressions.condition(text, kind: .filter)
            plan.projection = input.attributesToGet.map { $0.map { DynamoDBDocumentPath(attribute: $0) } }
        } else {
            var expressions = try DynamoDBRequestExpressions(
                names: input.expressionAttributeNames, values: input.expressionAttributeValues,
                hasExpressions: !expressionNames.isEmpty)
            plan.filter = try input.filterExpression.map { text throws(AWSServiceError) in
                try expressions.condition(text, kind: .filter)
            }
            plan.projection = try input.projectionExpression.map { text throws(AWSServiceError) in
                try expressions.projection(text)
            }
            if plan.projection == nil, let attributes = input.attributesToGet {
                plan.projection = attributes.map { DynamoDBDocumentPath(attribute: $0) }
            }
            try expressions.checkAllUsed()
        }
        let start = try startKey.map { key throws(AWSServiceError) in try plan.schema.position(of: key, index: plan.index) }
        let tableID = table.id
        let indexName = plan.index?.name
        let finalPlan = plan
        let segment = partitions
        let page = try await finalPlan.readPage(start: start) { after, limit in
            try await store.scan(
                DynamoDBItemScan(tableID: tableID, indexName: indexName, partitions: segment, startAfter: after, limit: limit))
        }
        return DynamoDB.ScanOutput(
            items: finalPlan.select == "COUNT" ? nil : page.items.map(DynamoDBValue.wire(item:)), count: page.count,
            scannedCount: page.scannedCount, lastEvaluatedKey: page.lastEvaluatedKey.map(DynamoDBValue.wire(item:)),
            consumedCapacity: DynamoDBCapacity.consumed(
                input.returnConsumedCapacity, table: table.name, usage: finalPlan.usage(of: page), isRead: true))
    }
}
