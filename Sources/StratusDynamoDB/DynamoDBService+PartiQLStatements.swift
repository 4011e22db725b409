import Foundation
import StratusAPIDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit

extension DynamoDBService {
    /// `ExecuteStatement`: one PartiQL statement.
    ///
    /// SELECT reads only the partitions its WHERE pins the partition key to (`=`, `IN`, an OR of those; DynamoDB's
    /// rule), else it scans; the whole WHERE filters, `Limit` counts items read, and `NextToken` continues a page.
    /// INSERT fails with `DuplicateItemException` when the key exists. UPDATE and DELETE need `key = value` for
    /// every key attribute; UPDATE of a missing item or one the WHERE does not match, and DELETE of an item the
    /// WHERE does not match, fail with `ConditionalCheckFailedException` (DELETE of a missing item succeeds, as in
    /// DynamoDB). Writes go through PutItem, UpdateItem and DeleteItem, so all their rules apply.
    package func executeStatement(_ input: DynamoDB.ExecuteStatementInput, context: RequestContext) async throws
        -> DynamoDB.ExecuteStatementOutput
    {
        let statement = try Self.partiQLStatement(input.statement, parameters: input.parameters)
        switch statement {
        case let .select(select):
            return try await runSelect(select, input: input, context: context)
        case .exists:
            throw AWSServiceError.validation("Unsupported operation: EXISTS can only be used in ExecuteTransaction")
        case .insert, .update, .delete:
            let result = try await runWrite(
                statement, returnOnFailure: input.returnValuesOnConditionCheckFailure,
                returnConsumedCapacity: input.returnConsumedCapacity, context: context)
            return DynamoDB.ExecuteStatementOutput(
                items: result.item.map { [$0] } ?? [], consumedCapacity: result.consumedCapacity)
        }
    }

    // MARK: Parsing

    /// A statement parsed with its wire parameters; every failure is a `ValidationException`.
    static func partiQLStatement(_ text: String, parameters: [DynamoDB.AttributeValue]?) throws(AWSServiceError)
        -> DynamoDBPartiQLStatement
    {
        if text.isEmpty || text.count > 8192 {
            throw DynamoDBFailure.constraint(
                value: "'\(text)'", member: "statement",
                text.isEmpty ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to 8192")
        }
        if let parameters, parameters.isEmpty {
            throw DynamoDBFailure.constraint(
                value: "'[]'", member: "parameters", "Member must have length greater than or equal to 1")
        }
        var values: [DynamoDBValue] = []
        for parameter in parameters ?? [] { values.append(try DynamoDBValue(wire: parameter)) }
        do {
            return try DynamoDBPartiQLStatement.parse(text, parameters: values)
        } catch {
            throw .validation(error.message)
        }
    }

    /// The full primary key a WHERE pins with `=`, or DynamoDB's error.
    static func partiQLKey(_ condition: DynamoDBCondition, schema: DynamoDBKeySchema) throws(AWSServiceError)
        -> DynamoDBItem
    {
        let pinned = DynamoDBPartiQLKeys.equalities(in: condition)
        var key: DynamoDBItem = [:]
        for name in schema.keyNames {
            guard let value = pinned[name] else { throw .validation(DynamoDBPartiQLSyntax.missingKeyEquality.message) }
            key[name] = value
        }
        return key
    }

    /// The path of a table's partition key.
    static func partitionKeyPath(_ schema: DynamoDBKeySchema) -> DynamoDBDocumentPath {
        DynamoDBDocumentPath(attribute: schema.hash.name)
    }

    // MARK: Writes

    /// The wire request an INSERT, UPDATE, DELETE or EXISTS becomes: its table, key and expressions.
    struct PartiQLWrite {
        /// INSERT (put), UPDATE, DELETE or EXISTS (condition check).
        enum Kind { case put, update, delete, check }

        var kind: Kind
        var table: String
        /// The item (put) or the key (the others), on the wire.
        var item: [String: DynamoDB.AttributeValue]
        var updateExpression: String?
        var conditionExpression: String
        var names: [String: String]?
        var values: [String: DynamoDB.AttributeValue]?
        var returning: DynamoDBPartiQLStatement.Returning?
    }

    /// Rewrites a write statement as the item operation that runs it. The conditions: INSERT needs the key to be
    /// free; UPDATE and EXISTS need the item to exist and the WHERE to hold; DELETE needs the WHERE to hold when
    /// the item exists.
    func partiQLWrite(_ statement: DynamoDBPartiQLStatement, context: RequestContext) async throws -> PartiQLWrite {
        let table = try await itemTable(statement.table, context: context)
        let schema = DynamoDBKeySchema(table.description)
        var renderer = DynamoDBPartiQLRenderer()
        var write: PartiQLWrite
        switch statement {
        case let .insert(insert):
            let condition = renderer.condition(.attributeNotExists(Self.partitionKeyPath(schema)))
            write = PartiQLWrite(
                kind: .put, table: insert.table, item: DynamoDBValue.wire(item: insert.item), conditionExpression: condition)
        case let .update(update):
            let key = try Self.partiQLKey(update.condition, schema: schema)
            let text = renderer.update(update.actions)
            let condition = renderer.condition(.and(.attributeExists(Self.partitionKeyPath(schema)), update.condition))
            write = PartiQLWrite(
                kind: .update, table: update.table, item: DynamoDBValue.wire(item: key), updateExpression: text,
                conditionExpression: condition, returning: update.returning)
        case let .delete(delete):
            let key = try Self.partiQLKey(delete.condition, schema: schema)
            let condition = renderer.condition(.or(.attributeNotExists(Self.partitionKeyPath(schema)), delete.condition))
            write = PartiQLWrite(
                kind: .delete, table: delete.table, item: DynamoDBValue.wire(item: key), conditionExpression: condition,
                returning: delete.returning)
        case let .exists(select):
            guard select.index == nil else {
                throw AWSServiceError.validation("Unsupported operation: EXISTS cannot read an index")
            }
            guard let whereCondition = select.condition else {
                throw AWSServiceError.validation(DynamoDBPartiQLSyntax.missingKeyEquality.message)
            }
            let key = try Self.partiQLKey(whereCondition, schema: schema)
            let condition = renderer.condition(.and(.attributeExists(Self.partitionKeyPath(schema)), whereCondition))
            write = PartiQLWrite(
                kind: .check, table: select.table, item: DynamoDBValue.wire(item: key), conditionExpression: condition)
        case .select:
            throw AWSServiceError.validation("Unsupported operation: a SELECT is not a write")
        }
        write.names = renderer.namesOrNil
        write.values = renderer.valuesOrNil?.mapValues(\.wire)
        return write
    }

    /// Runs one INSERT, UPDATE or DELETE; returns the RETURNING item, if any, and the capacity.
    func runWrite(
        _ statement: DynamoDBPartiQLStatement, returnOnFailure: DynamoDB.ReturnValuesOnConditionCheckFailure?,
        returnConsumedCapacity: DynamoDB.ReturnConsumedCapacity?, context: RequestContext
    ) async throws -> (item: [String: DynamoDB.AttributeValue]?, consumedCapacity: DynamoDB.ConsumedCapacity?) {
        let write = try await partiQLWrite(statement, context: context)
        switch write.kind {
        case .put:
            do {
                let output = try await putItem(
                    DynamoDB.PutItemInput(
                        tableName: write.table, item: write.item, returnConsumedCapacity: returnConsumedCapacity,
                        conditionExpression: write.conditionExpression, expressionAttributeNames: write.names,
                        expressionAttributeValues: write.values),
                    context: context)
                return (nil, output.consumedCapacity)
            } catch let error as AWSServiceError where error.code == DynamoDBErrors.conditionalCheckFailedException {
                throw AWSServiceError(DynamoDBErrors.duplicateItemException, "Duplicate primary key exists in table")
            }
        case .update:
            let output = try await updateItem(
                DynamoDB.UpdateItemInput(
                    tableName: write.table, key: write.item,
                    returnValues: write.returning.map { DynamoDB.ReturnValue(rawValue: $0.rawValue) },
                    returnConsumedCapacity: returnConsumedCapacity, updateExpression: write.updateExpression,
                    conditionExpression: write.conditionExpression, expressionAttributeNames: write.names,
                    expressionAttributeValues: write.values, returnValuesOnConditionCheckFailure: returnOnFailure),
                context: context)
            return (output.attributes, output.consumedCapacity)
        case .delete:
            let output = try await deleteItem(
                DynamoDB.DeleteItemInput(
                    tableName: write.table, key: write.item,
                    returnValues: write.returning.map { DynamoDB.ReturnValue(rawValue: $0.rawValue) },
                    returnConsumedCapacity: returnConsumedCapacity, conditionExpression: write.conditionExpression,
                    expressionAttributeNames: write.names, expressionAttributeValues: write.values,
                    returnValuesOnConditionCheckFailure: returnOnFailure),
                context: context)
            return (output.attributes, output.consumedCapacity)
        case .check:
            throw AWSServiceError.validation("Unsupported operation: EXISTS can only be used in ExecuteTransaction")
        }
    }
}
