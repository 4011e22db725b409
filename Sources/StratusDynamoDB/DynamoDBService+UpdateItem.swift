import Foundation
import StratusAPIDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit

extension DynamoDBService {
    /// `UpdateItem`: applies `UpdateExpression` (or legacy `AttributeUpdates`) to the item, creating it from its
    /// key when absent, atomically with the condition; every ReturnValues mode.
    package func updateItem(_ input: DynamoDB.UpdateItemInput, context: RequestContext) async throws
        -> DynamoDB.UpdateItemOutput
    {
        let keyItem = try DynamoDBValue.item(wire: input.key)
        try Self.checkReturnValues(
            input.returnValues, allowed: ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"], operation: "UpdateItem")
        let update = try Self.updateExpressions(input)
        let table = try await itemTable(input.tableName, context: context)
        let schema = DynamoDBKeySchema(table)
        let key = try schema.storedKey(ofKey: keyItem)
        if let expression = update.update {
            for name in schema.keyNames where expression.writtenTopLevelAttributes.contains(name) {
                throw DynamoDBFailure.invalidParameter("Cannot update attribute \(name). This attribute is part of the key")
            }
        }
        let change: DynamoDBItemWrite.Change = .update { old throws in
            guard let expression = update.update else { return old ?? keyItem }
            // An update that only removes attributes does not create a missing item (as in DynamoDB).
            if old == nil, expression.actions.allSatisfy(DynamoDBService.onlyRemoves) { return nil }
            do throws(DynamoDBValidationError) {
                return try expression.apply(to: old ?? keyItem, itemExists: old != nil).item
            } catch {
                throw AWSServiceError.validation(error.message)
            }
        }
        var write = DynamoDBItemWrite(
            tableID: table.id, tableName: table.name, schema: schema, key: key, condition: update.condition, change: change)
        write.itemCollectionKey = DynamoDBItemCollectionMetrics.key(
            of: keyItem, schema: schema, request: input.returnItemCollectionMetrics)
        let outcome = try await perform(write, returnOnFailure: input.returnValuesOnConditionCheckFailure)
        var output = DynamoDB.UpdateItemOutput()
        output.itemCollectionMetrics = outcome.itemCollectionMetrics
        let paths = update.update?.actions.map(\.path) ?? []
        switch input.returnValues?.rawValue ?? "NONE" {
        case "ALL_OLD":
            if let old = outcome.old { output.attributes = DynamoDBValue.wire(item: old) }
        case "ALL_NEW":
            if let new = outcome.new { output.attributes = DynamoDBValue.wire(item: new) }
        case "UPDATED_OLD":
            if let old = outcome.old {
                let projected = DynamoDBProjectionExpression.project(old, paths: paths)
                if !projected.isEmpty { output.attributes = DynamoDBValue.wire(item: projected) }
            }
        case "UPDATED_NEW":
            if let new = outcome.new {
                let projected = DynamoDBProjectionExpression.project(new, paths: paths)
                if !projected.isEmpty { output.attributes = DynamoDBValue.wire(item: projected) }
            }
        default: break
        }
        output.consumedCapacity = DynamoDBCapacity.consumed(
            input.returnConsumedCapacity, table: table.name, usage: outcome.usage, isRead: false)
        return output
    }

    /// Whether an update action only takes something away (REMOVE, or DELETE from a set).
    static func onlyRemoves(_ action: DynamoDBUpdateAction) -> Bool {
        switch action {
        case .remove, .delete: true
        case .set, .add: false
        }
    }

    /// The parsed update and condition of an UpdateItem request, from expressions or legacy parameters.
    static func updateExpressions(_ input: DynamoDB.UpdateItemInput) throws(AWSServiceError)
        -> (update: DynamoDBUpdateExpression?, condition: DynamoDBConditionExpression?)
    {
        var legacyNames: [String] = []
        if input.attributeUpdates != nil { legacyNames.append("AttributeUpdates") }
        if input.expected != nil { legacyNames.append("Expected") }
        var expressionNames: [String] = []
        if input.updateExpression != nil { expressionNames.append("UpdateExpression") }
        if input.conditionExpression != nil { expressionNames.append("ConditionExpression") }
        try DynamoDBRequestExpressions.checkNotMixed(nonExpression: legacyNames, expression: expressionNames)
        if !legacyNames.isEmpty {
            var legacy = DynamoDBLegacyParameters(prefix: "legacy")
            let updateText = try input.attributeUpdates.map { updates throws(AWSServiceError) in
                try legacy.attributeUpdates(updates)
            }
            let conditionText = try input.expected.map { expected throws(AWSServiceError) in
                try legacy.expected(expected, conditionalOperator: input.conditionalOperator)
            }
            var expressions = try legacy.expressions()
            let update = try updateText.flatMap { text throws(AWSServiceError) in
                text.isEmpty ? nil : try expressions.update(text)
            }
            let condition = try conditionText.flatMap { text throws(AWSServiceError) in
                text.isEmpty ? nil : try expressions.condition(text, kind: .condition)
            }
            return (update, condition)
        }
        var expressions = try DynamoDBRequestExpressions(
            names: input.expressionAttributeNames, values: input.expressionAttributeValues,
            hasExpressions: !expressionNames.isEmpty)
        let update = try input.updateExpression.map { text throws(AWSServiceError) in try expressions.update(text) }
        let condition = try input.conditionExpression.map { text throws(AWSServiceError) in
            try expressions.condition(text, kind: .condition)
        }
        try expressions.checkAllUsed()
        return (update, condition)
    }
}
