import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit

extension DynamoDBService {
    /// `BatchExecuteStatement`: up to 25 statements, all reads or all writes (DynamoDB refuses a mix). Each
    /// SELECT names one item by its full key (its WHERE must hold for the item to be returned); each write runs
    /// on its own like ExecuteStatement. A statement's failure is reported in its response's `Error` (`Code`
    /// without the `Exception` suffix, `ValidationError` for validation failures) and does not stop the others.
    package func batchExecuteStatement(_ input: DynamoDB.BatchExecuteStatementInput, context: RequestContext)
        async throws -> DynamoDB.BatchExecuteStatementOutput
    {
        if input.statements.isEmpty || input.statements.count > 25 {
            throw DynamoDBFailure.constraint(
                value: "'[…]'", member: "statements",
                input.statements.isEmpty ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to 25")
        }
        var parsed: [Result<DynamoDBPartiQLStatement, AWSServiceError>] = []
        for request in input.statements {
            do {
                parsed.append(.success(try Self.partiQLStatement(request.statement, parameters: request.parameters)))
            } catch {
                parsed.append(.failure(error))
            }
        }
        let statements = parsed.compactMap { try? $0.get() }
        if statements.contains(where: \.isRead), statements.contains(where: { !$0.isRead }) {
            throw AWSServiceError.validation(
                "Unsupported operation: A batch must contain either only read statements or only write statements")
        }
        var responses: [DynamoDB.BatchStatementResponse] = []
        var usage: [String: DynamoDBCapacity.Usage] = [:]
        for (request, result) in zip(input.statements, parsed) {
            var response = DynamoDB.BatchStatementResponse()
            do {
                let statement = try result.get()
                response.tableName = statement.table
                switch statement {
                case let .select(select):
                    let (item, units) = try await batchRead(
                        select, consistent: request.consistentRead ?? false, context: context)
                    response.item = item
                    usage[statement.table, default: .init()].add(DynamoDBCapacity.Usage(table: units))
                case .exists:
                    throw AWSServiceError.validation("Unsupported operation: EXISTS can only be used in ExecuteTransaction")
                case .insert, .update, .delete:
                    let result = try await runWrite(
                        statement, returnOnFailure: request.returnValuesOnConditionCheckFailure,
                        returnConsumedCapacity: input.returnConsumedCapacity == nil ? nil : "INDEXES", context: context)
                    if let consumed = result.consumedCapacity {
                        var units = DynamoDBCapacity.Usage(table: consumed.table?.capacityUnits ?? consumed.capacityUnits ?? 0)
                        units.globalIndexes = (consumed.globalSecondaryIndexes ?? [:]).mapValues { $0.capacityUnits ?? 0 }
                        units.localIndexes = (consumed.localSecondaryIndexes ?? [:]).mapValues { $0.capacityUnits ?? 0 }
                        usage[statement.table, default: .init()].add(units)
                    }
                }
            } catch let error as AWSServiceError {
                response.error = Self.batchStatementError(error)
            }
            responses.append(response)
        }
        let reads = statements.contains(where: \.isRead)
        let capacities = usage.keys.sorted().compactMap {
            DynamoDBCapacity.consumed(input.returnConsumedCapacity, table: $0, usage: usage[$0]!, isRead: reads)
        }
        return DynamoDB.BatchExecuteStatementOutput(
            responses: responses, consumedCapacity: capacities.isEmpty ? nil : capacities)
    }

    /// One SELECT of a batch: the item its full key names, if it exists and the WHERE holds, projected; and the
    /// read units.
    func batchRead(_ select: DynamoDBPartiQLStatement.Select, consistent: Bool, context: RequestContext) async throws
        -> ([String: DynamoDB.AttributeValue]?, Double)
    {
        guard select.index == nil else {
            throw AWSServiceError.validation("Unsupported operation: batch and transaction SELECTs cannot read an index")
        }
        let table = try await itemTable(select.table, context: context)
        let schema = DynamoDBKeySchema(table.description)
        guard let condition = select.condition else {
            throw AWSServiceError.validation(DynamoDBPartiQLSyntax.missingKeyEquality.message)
        }
        let key = try schema.storedKey(ofKey: try Self.partiQLKey(condition, schema: schema))
        let stored = try await store.items(tableID: table.id, keys: [key])[0]
        let units = DynamoDBCapacity.readUnits(bytes: stored?.size ?? 0, consistent: consistent)
        guard let stored else { return (nil, units) }
        var item = try Self.decode(stored)
        guard DynamoDBPartiQLCondition.holds(condition, on: item) else { return (nil, units) }
        if let projection = select.projection { item = DynamoDBProjectionExpression.project(item, paths: projection) }
        return (DynamoDBValue.wire(item: item), units)
    }

    /// A statement's error as BatchExecuteStatement reports it.
    static func batchStatementError(_ error: AWSServiceError) -> DynamoDB.BatchStatementError {
        var code = error.code.code
        if code.hasSuffix("Exception") { code.removeLast("Exception".count) }
        if code == "Validation" { code = "ValidationError" }
        var item: [String: DynamoDB.AttributeValue]?
        if let value = error.fields["Item"] {
            item = try? AWSValueDecoder().decode([String: DynamoDB.AttributeValue].self, from: value)
        }
        return DynamoDB.BatchStatementError(
            code: DynamoDB.BatchStatementErrorCodeEnum(rawValue: code), message: error.message, item: item)
    }

    /// `ExecuteTransaction`: up to 100 statements, all SELECTs (read together from one snapshot, like
    /// TransactGetItems) or all writes and EXISTS checks (run like TransactWriteItems: all or nothing, with
    /// `TransactionCanceledException` and one reason per statement; an INSERT whose key exists is cancelled with
    /// `DuplicateItem`). `ClientRequestToken` makes a repeat within 10 minutes a no-op.
    package func executeTransaction(_ input: DynamoDB.ExecuteTransactionInput, context: RequestContext) async throws
        -> DynamoDB.ExecuteTransactionOutput
    {
        try Self.checkTransactionSize(input.transactStatements.count)
        var statements: [DynamoDBPartiQLStatement] = []
        for request in input.transactStatements {
            statements.append(try Self.partiQLStatement(request.statement, parameters: request.parameters))
        }
        if statements.allSatisfy(\.isRead) {
            // SDKs fill ClientRequestToken in on every call; a read changes nothing, so it has nothing to repeat.
            var gets: [DynamoDB.TransactGetItem] = []
            for statement in statements {
                guard case let .select(select) = statement else { continue }
                guard select.index == nil else {
                    throw AWSServiceError.validation("Unsupported operation: transaction SELECTs cannot read an index")
                }
                guard let condition = select.condition else {
                    throw AWSServiceError.validation(DynamoDBPartiQLSyntax.missingKeyEquality.message)
                }
                let table = try await itemTable(select.table, context: context)
                let key = try Self.partiQLKey(condition, schema: DynamoDBKeySchema(table.description))
                var renderer = DynamoDBPartiQLRenderer()
                let projection = select.projection.map { renderer.projection($0) }
                gets.append(DynamoDB.TransactGetItem(get: DynamoDB.Get(
                    key: DynamoDBValue.wire(item: key), tableName: select.table, projectionExpression: projection,
                    expressionAttributeNames: renderer.namesOrNil)))
            }
            let output = try await transactGetItems(
                DynamoDB.TransactGetItemsInput(transactItems: gets, returnConsumedCapacity: input.returnConsumedCapacity),
                context: context)
            return DynamoDB.ExecuteTransactionOutput(responses: output.responses, consumedCapacity: output.consumedCapacity)
        }
        guard !statements.contains(where: \.isRead) else {
            throw AWSServiceError.validation(
                "Unsupported operation: A transaction must contain either only read statements or only write statements")
        }
        var actions: [DynamoDB.TransactWriteItem] = []
        for (statement, request) in zip(statements, input.transactStatements) {
            let write = try await partiQLWrite(statement, context: context)
            if write.returning != nil {
                throw AWSServiceError.validation("Unsupported operation: RETURNING is not supported in transactions")
            }
            let onFailure = request.returnValuesOnConditionCheckFailure
            switch write.kind {
            case .put:
                actions.append(DynamoDB.TransactWriteItem(put: DynamoDB.Put(
                    item: write.item, tableName: write.table, conditionExpression: write.conditionExpression,
                    expressionAttributeNames: write.names, expressionAttributeValues: write.values,
                    returnValuesOnConditionCheckFailure: onFailure)))
            case .update:
                actions.append(DynamoDB.TransactWriteItem(update: DynamoDB.Update(
                    key: write.item, updateExpression: write.updateExpression ?? "", tableName: write.table,
                    conditionExpression: write.conditionExpression, expressionAttributeNames: write.names,
                    expressionAttributeValues: write.values, returnValuesOnConditionCheckFailure: onFailure)))
            case .delete:
                actions.append(DynamoDB.TransactWriteItem(delete: DynamoDB.Delete(
                    key: write.item, tableName: write.table, conditionExpression: write.conditionExpression,
                    expressionAttributeNames: write.names, expressionAttributeValues: write.values,
                    returnValuesOnConditionCheckFailure: onFailure)))
            case .check:
                actions.append(DynamoDB.TransactWriteItem(conditionCheck: DynamoDB.ConditionCheck(
                    key: write.item, tableName: write.table, conditionExpression: write.conditionExpression,
                    expressionAttributeNames: write.names, expressionAttributeValues: write.values,
                    returnValuesOnConditionCheckFailure: onFailure)))
            }
        }
        do {
            let output = try await transactWriteItems(
                DynamoDB.TransactWriteItemsInput(
                    transactItems: actions, returnConsumedCapacity: input.returnConsumedCapacity,
                    clientRequestToken: input.clientRequestToken),
                context: context)
            return DynamoDB.ExecuteTransactionOutput(consumedCapacity: output.consumedCapacity)
        } catch let error as AWSServiceError where error.code == DynamoDBErrors.transactionCanceledException {
            guard let value = error.fields["CancellationReasons"],
                var reasons = try? AWSValueDecoder().decode([DynamoDB.CancellationReason].self, from: value)
            else { throw error }
            for (index, statement) in statements.enumerated() where index < reasons.count {
                if case .insert = statement, reasons[index].code == "ConditionalCheckFailed" {
                    reasons[index] = DynamoDB.CancellationReason(
                        item: reasons[index].item, code: "DuplicateItem", message: "Duplicate primary key exists in table")
                }
            }
            throw DynamoDBTransactionCancelled(reasons: reasons).error
        }
    }
}
