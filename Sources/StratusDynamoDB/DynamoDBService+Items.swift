import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusAWSCore
import StratusDynamoDBExpressions
import StratusServiceKit

extension DynamoDBService {
    /// `PutItem`: replaces the item atomically with its condition; ReturnValues NONE or ALL_OLD.
    package func putItem(_ input: DynamoDB.PutItemInput, context: RequestContext) async throws -> DynamoDB.PutItemOutput {
        try await putItem(try DynamoDBValue.item(wire: input.item), input: input, context: context)
    }

    /// `PutItem` of `item` (already checked by ``DynamoDBValue/item(wire:)`` or read by ``DynamoDBPutItemBody``),
    /// with every other member from `input` (whose own `item` is not read).
    func putItem(_ item: DynamoDBItem, input: DynamoDB.PutItemInput, context: RequestContext) async throws
        -> DynamoDB.PutItemOutput
    {
        try Self.checkReturnValues(input.returnValues, allowed: ["NONE", "ALL_OLD"], operation: "PutItem")
        let condition = try Self.writeCondition(
            expression: input.conditionExpression, expected: input.expected, conditionalOperator: input.conditionalOperator,
            names: input.expressionAttributeNames, values: input.expressionAttributeValues)
        let table = try await itemTable(input.tableName, context: context)
        let schema = DynamoDBKeySchema(table)
        let key = try schema.storedKey(ofItem: item)
        if DynamoDBItemSize.of(item) > DynamoDBItemSize.maximumItemSize { throw DynamoDBFailure.itemTooLarge() }
        _ = try schema.indexEntries(of: item)
        var write = DynamoDBItemWrite(
            tableID: table.id, tableName: table.name, schema: schema, key: key, condition: condition, change: .put(item))
        write.reportsOldItem = Self.reports(input.returnValues) || Self.reports(input.returnConsumedCapacity)
        write.itemCollectionKey = DynamoDBItemCollectionMetrics.key(
            of: item, schema: schema, request: input.returnItemCollectionMetrics)
        let outcome = try await perform(write, returnOnFailure: input.returnValuesOnConditionCheckFailure)
        var output = DynamoDB.PutItemOutput()
        if input.returnValues?.rawValue == "ALL_OLD", let old = outcome.old { output.attributes = DynamoDBValue.wire(item: old) }
        output.itemCollectionMetrics = outcome.itemCollectionMetrics
        output.consumedCapacity = DynamoDBCapacity.consumed(
            input.returnConsumedCapacity, table: table.name, usage: outcome.usage, isRead: false)
        return output
    }

    /// `DeleteItem`: deletes the item atomically with its condition; ReturnValues NONE or ALL_OLD.
    package func deleteItem(_ input: DynamoDB.DeleteItemInput, context: RequestContext) async throws
        -> DynamoDB.DeleteItemOutput
    {
        let keyItem = try DynamoDBValue.item(wire: input.key)
        try Self.checkReturnValues(input.returnValues, allowed: ["NONE", "ALL_OLD"], operation: "DeleteItem")
        let condition = try Self.writeCondition(
            expression: input.conditionExpression, expected: input.expected, conditionalOperator: input.conditionalOperator,
            names: input.expressionAttributeNames, values: input.expressionAttributeValues)
        let table = try await itemTable(input.tableName, context: context)
        let schema = DynamoDBKeySchema(table)
        let key = try schema.storedKey(ofKey: keyItem)
        var write = DynamoDBItemWrite(
            tableID: table.id, tableName: table.name, schema: schema, key: key, condition: condition, change: .delete)
        write.itemCollectionKey = DynamoDBItemCollectionMetrics.key(
            of: keyItem, schema: schema, request: input.returnItemCollectionMetrics)
        let outcome = try await perform(write, returnOnFailure: input.returnValuesOnConditionCheckFailure)
        var output = DynamoDB.DeleteItemOutput()
        if input.returnValues?.rawValue == "ALL_OLD", let old = outcome.old { output.attributes = DynamoDBValue.wire(item: old) }
        output.itemCollectionMetrics = outcome.itemCollectionMetrics
        output.consumedCapacity = DynamoDBCapacity.consumed(
            input.returnConsumedCapacity, table: table.name, usage: outcome.usage, isRead: false)
        return output
    }

    /// `GetItem`: the item (projected) or nothing; consistent and eventually consistent reads both see the
    /// last committed write.
    package func getItem(_ input: DynamoDB.GetItemInput, context: RequestContext) async throws -> DynamoDB.GetItemOutput {
        let keyItem = try DynamoDBValue.item(wire: input.key)
        try DynamoDBRequestExpressions.checkNotMixed(
            nonExpression: input.attributesToGet == nil ? [] : ["AttributesToGet"],
            expression: input.projectionExpression == nil ? [] : ["ProjectionExpression"])
        var expressions = try DynamoDBRequestExpressions(
            names: input.expressionAttributeNames, values: nil, hasExpressions: input.projectionExpression != nil)
        let projection = try Self.projectionPaths(
            expression: input.projectionExpression, attributesToGet: input.attributesToGet, expressions: &expressions)
        try expressions.checkAllUsed()
        let (table, stored) = try await storedItem(tableName: input.tableName, key: keyItem, context: context)
        var output = DynamoDB.GetItemOutput()
        if let stored {
            var item = try Self.decode(stored)
            if let projection { item = DynamoDBProjectionExpression.project(item, paths: projection) }
            output.item = DynamoDBValue.wire(item: item)
        }
        output.consumedCapacity = DynamoDBCapacity.consumed(
            input.returnConsumedCapacity, table: table.name,
            usage: DynamoDBCapacity.Usage(
                table: DynamoDBCapacity.readUnits(bytes: stored?.size ?? 0, consistent: input.consistentRead ?? false)),
            isRead: true)
        return output
    }

    /// `GetItem` of a body read by ``DynamoDBGetItemBody`` (no projection, no consumed capacity), answered as the
    /// output's ``AWSValue``: equal to what the generic path's `GetItemOutput` encodes to, with the same errors.
    func getItem(_ request: DynamoDBGetItemBody, context: RequestContext) async throws -> AWSValue {
        let (_, stored) = try await storedItem(tableName: request.tableName, key: request.key, context: context)
        guard let stored else { return .emptyObject }
        return .object(["Item": DynamoDBValue.awsValue(item: try Self.decode(stored))])
    }

    /// The table named `tableName` and its stored item under `key` (checked against the table's key schema).
    private func storedItem(tableName: String, key: DynamoDBItem, context: RequestContext) async throws
        -> (DynamoDBTableRecord, DynamoDBStoredItem?)
    {
        let table = try await itemTable(tableName, context: context)
        let storedKey = try DynamoDBKeySchema(table).storedKey(ofKey: key)
        return (table, try await store.items(tableID: table.id, keys: [storedKey])[0])
    }

    /// Runs one write in its own transaction, turning a failed condition into ConditionalCheckFailedException
    /// (with the item when `returnOnFailure` is ALL_OLD).
    func perform(
        _ write: DynamoDBItemWrite, returnOnFailure: DynamoDB.ReturnValuesOnConditionCheckFailure?
    ) async throws -> DynamoDBItemWrite.Outcome {
        do {
            let now = clock.now()
            return try await store.write { transaction in try write.run(in: transaction, at: now) }
        } catch let failure as DynamoDBItemWrite.ConditionFailed {
            let item = returnOnFailure?.rawValue == "ALL_OLD" ? failure.item.map(DynamoDBValue.wire(item:)) : nil
            throw DynamoDBFailure.conditionalCheckFailed(item: item)
        }
    }

    /// Whether the request asks for values back (`ReturnValues` other than NONE).
    static func reports(_ returnValues: DynamoDB.ReturnValue?) -> Bool {
        (returnValues?.rawValue ?? "NONE") != "NONE"
    }

    /// Whether the request asks for the capacity it consumed (`ReturnConsumedCapacity` other than NONE).
    static func reports(_ returnConsumedCapacity: DynamoDB.ReturnConsumedCapacity?) -> Bool {
        (returnConsumedCapacity?.rawValue ?? "NONE") != "NONE"
    }

    /// Checks `ReturnValues` against the operation's allowed values.
    static func checkReturnValues(_ value: DynamoDB.ReturnValue?, allowed: [String], operation: String)
        throws(AWSServiceError)
    {
        guard let value = value?.rawValue else { return }
        let all = ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"]
        guard all.contains(value) else {
            throw DynamoDBFailure.constraint(
                value: "'\(value)'", member: "returnValues",
                "Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]")
        }
        guard allowed.contains(value) else { throw .validation("ReturnValues can only be ALL_OLD or NONE") }
    }

    /// The condition of a single-item write from `ConditionExpression` or legacy `Expected` (never both), with
    /// every placeholder check done.
    static func writeCondition(
        expression: String?, expected: [String: DynamoDB.ExpectedAttributeValue]?,
        conditionalOperator: DynamoDB.ConditionalOperator?, names: [String: String]?,
        values: [String: DynamoDB.AttributeValue]?
    ) throws(AWSServiceError) -> DynamoDBConditionExpression? {
        try DynamoDBRequestExpressions.checkNotMixed(
            nonExpression: expected == nil ? [] : ["Expected"], expression: expression == nil ? [] : ["ConditionExpression"])
        if let expected {
            var legacy = DynamoDBLegacyParameters(prefix: "expected")
            let text = try legacy.expected(expected, conditionalOperator: conditionalOperator)
            guard !text.isEmpty else { return nil }
            var expressions = try legacy.expressions()
            return try expressions.condition(text, kind: .condition)
        }
        var expressions = try DynamoDBRequestExpressions(names: names, values: values, hasExpressions: expression != nil)
        let condition = try expression.map { text throws(AWSServiceError) in try expressions.condition(text, kind: .condition) }
        try expressions.checkAllUsed()
        return condition
    }

    /// The paths of a projection (`ProjectionExpression` or legacy `AttributesToGet`), or nil for the whole item.
    static func projectionPaths(
        expression: String?, attributesToGet: [String]?, expressions: inout DynamoDBRequestExpressions
    ) throws(AWSServiceError) -> [DynamoDBDocumentPath]? {
        if let attributesToGet {
            if attributesToGet.isEmpty {
                throw DynamoDBFailure.constraint(
                    value: "'[]'", member: "attributesToGet", "Member must have length greater than or equal to 1")
            }
            if Set(attributesToGet).count != attributesToGet.count {
                throw .validation("One or more parameter values were invalid: Duplicate value in attribute name: \(attributesToGet)")
            }
            return attributesToGet.map { DynamoDBDocumentPath(attribute: $0) }
        }
        guard let expression else { return nil }
        return try expressions.projection(expression)
    }
}
