import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit

extension DynamoDBService {
    /// `ExecuteStatement`: one PartiQL statement. SELECT reads one partition when the WHERE pins the partition key
    /// with `=` (else it scans), filtered by the whole WHERE, paged with `Limit`/`NextToken`; INSERT fails with
    /// `DuplicateItemException` when the key exists; UPDATE needs the item to exist and the WHERE to hold; DELETE
    /// of a missing item succeeds. UPDATE and DELETE must pin every key attribute with `=`.
    package func executeStatement(_ input: DynamoDB.ExecuteStatementInput, context: RequestContext) async throws
        -> DynamoDB.ExecuteStatementOutput
    {
        let statement = try DynamoDBPartiQLRewrite.parse(input.statement, parameters: input.parameters ?? [])
        if statement.kind == .select {
            return try await select(statement, input: input, context: context)
        }
        let items = try await write(statement, returnOnFailure: input.returnValuesOnConditionCheckFailure, context: context)
        return DynamoDB.ExecuteStatementOutput(items: items)
    }

    /// `BatchExecuteStatement`: up to 25 statements, each run on its own (SELECTs must name one item by its full
    /// key); failures are reported per statement.
    package func batchExecuteStatement(_ input: DynamoDB.BatchExecuteStatementInput, context: RequestContext)
        async throws -> DynamoDB.BatchExecuteStatementOutput
    {
        if input.statements.isEmpty || input.statements.count > 25 {
            throw DynamoDBFailure.constraint(
                value: "'[…]'", member: "statements",
                input.statements.isEmpty ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to 25")
        }
        var responses: [DynamoDB.BatchStatementResponse] = []
        for request in input.statements {
            var response = DynamoDB.BatchStatementResponse()
            do {
                let statement = try DynamoDBPartiQLRewrite.parse(request.statement, parameters: request.parameters ?? [])
                response.tableName = statement.table
                if statement.kind == .select {
                    let (table, key, projection) = try await singleItemRead(statement, context: context)
                    if let stored = try await store.items(tableID: table.id, keys: [key])[0] {
                        var item = try Self.decode(stored)
                        if let projection { item = DynamoDBProjectionExpression.project(item, paths: projection) }
                        response.item = DynamoDBValue.wire(item: item)
                    }
                } else {
                    _ = try await write(statement, returnOnFailure: request.returnValuesOnConditionCheckFailure, context: context)
                }
            } catch let error as AWSServiceError {
                let code = error.code.code.replacingOccurrences(of: "Exception", with: "")
                response.error = DynamoDB.BatchStatementError(
                    code: DynamoDB.BatchStatementErrorCodeEnum(rawValue: code == "Validation" ? "ValidationError" : code),
                    message: error.message, item: Self.item(inFailure: error))
            }
            responses.append(response)
        }
        return DynamoDB.BatchExecuteStatementOutput(responses: responses)
    }

    /// `ExecuteTransaction`: up to 100 statements, all writes (run as TransactWriteItems: all or nothing) or all
    /// single-item SELECTs (run as TransactGetItems).
    package func executeTransaction(_ input: DynamoDB.ExecuteTransactionInput, context: RequestContext) async throws
        -> DynamoDB.ExecuteTransactionOutput
    {
        try Self.checkTransactionSize(input.transactStatements.count)
        let statements = try input.transactStatements.map { request throws(AWSServiceError) in
            (try DynamoDBPartiQLRewrite.parse(request.statement, parameters: request.parameters ?? []), request)
        }
        let selects = statements.filter { $0.0.kind == .select }.count
        if selects == statements.count {
            var gets: [DynamoDB.TransactGetItem] = []
            for (statement, _) in statements {
                let (_, _, _) = try await singleItemRead(statement, context: context)
                let table = try await itemTable(statement.table, context: context)
                let key = try await keyItem(of: statement, table: table)
                gets.append(DynamoDB.TransactGetItem(get: DynamoDB.Get(
                    key: DynamoDBValue.wire(item: key), tableName: statement.table,
                    projectionExpression: statement.projection,
                    expressionAttributeNames: statement.projection == nil ? nil : Self.names(statement, in: statement.projection!))))
            }
            let output = try await transactGetItems(DynamoDB.TransactGetItemsInput(transactItems: gets), context: context)
            return DynamoDB.ExecuteTransactionOutput(responses: output.responses)
        }
        guard selects == 0 else {
            throw AWSServiceError.validation("Transactions cannot mix SELECT statements with INSERT, UPDATE or DELETE statements")
        }
        var actions: [DynamoDB.TransactWriteItem] = []
        for (statement, request) in statements {
            let table = try await itemTable(statement.table, context: context)
            let onFailure = request.returnValuesOnConditionCheckFailure
            switch statement.kind {
            case .insert:
                let hash = DynamoDBKeySchema(table.description).hash.name
                actions.append(DynamoDB.TransactWriteItem(put: DynamoDB.Put(
                    item: statement.item ?? [:], tableName: statement.table,
                    conditionExpression: "attribute_not_exists(#partitionKey)",
                    expressionAttributeNames: ["#partitionKey": hash], returnValuesOnConditionCheckFailure: onFailure)))
            case .update:
                let key = try await keyItem(of: statement, table: table)
                actions.append(DynamoDB.TransactWriteItem(update: DynamoDB.Update(
                    key: DynamoDBValue.wire(item: key), updateExpression: statement.update ?? "", tableName: statement.table,
                    conditionExpression: statement.condition, expressionAttributeNames: Self.nonEmpty(statement.names),
                    expressionAttributeValues: Self.nonEmpty(statement.values), returnValuesOnConditionCheckFailure: onFailure)))
            case .delete:
                let key = try await keyItem(of: statement, table: table)
                var names = statement.names
                names["#partitionKey"] = DynamoDBKeySchema(table.description).hash.name
                actions.append(DynamoDB.TransactWriteItem(delete: DynamoDB.Delete(
                    key: DynamoDBValue.wire(item: key), tableName: statement.table,
                    conditionExpression: "attribute_not_exists(#partitionKey) OR (\(statement.condition ?? ""))",
                    expressionAttributeNames: names, expressionAttributeValues: Self.nonEmpty(statement.values),
                    returnValuesOnConditionCheckFailure: onFailure)))
            case .select:
                break
            }
        }
        _ = try await transactWriteItems(
            DynamoDB.TransactWriteItemsInput(transactItems: actions, clientRequestToken: input.clientRequestToken),
            context: context)
        return DynamoDB.ExecuteTransactionOutput(responses: actions.map { _ in DynamoDB.ItemResponse() })
    }

    // MARK: Pieces

    static func nonEmpty<Value>(_ map: [String: Value]) -> [String: Value]? { map.isEmpty ? nil : map }

    /// The generated names a projection text uses.
    static func names(_ statement: DynamoDBPartiQLRewrite, in text: String) -> [String: String] {
        statement.names.filter { text.contains($0.key) }
    }

    /// The item carried by a ConditionalCheckFailedException, if any.
    static func item(inFailure error: AWSServiceError) -> [String: DynamoDB.AttributeValue]? {
        guard let value = error.fields["Item"] else { return nil }
        return try? AWSValueDecoder().decode([String: DynamoDB.AttributeValue].self, from: value)
    }

    /// The WHERE clause parsed as a condition over the statement's generated placeholders.
    func whereCondition(_ statement: DynamoDBPartiQLRewrite) throws(AWSServiceError) -> DynamoDBConditionExpression? {
        guard let text = statement.condition else { return nil }
        var expressions = try DynamoDBRequestExpressions(
            names: Self.nonEmpty(statement.names), values: Self.nonEmpty(statement.values), hasExpressions: true)
        return try expressions.condition(text, kind: .condition)
    }

    /// The `attribute = value` conjuncts at the top of a condition.
    static func equalities(_ condition: DynamoDBCondition) -> [String: DynamoDBValue] {
        switch condition {
        case let .and(left, right):
            return equalities(left).merging(equalities(right)) { first, _ in first }
        case let .compare(.path(path), .equal, .value(value)) where path.isTopLevel,
            let .compare(.value(value), .equal, .path(path)) where path.isTopLevel:
            return [path.topLevelAttribute: value]
        default:
            return [:]
        }
    }

    /// The full primary key a WHERE pins with `=`, or DynamoDB's error.
    func keyItem(of statement: DynamoDBPartiQLRewrite, table: DynamoDBTableRecord) async throws -> DynamoDBItem {
        let schema = DynamoDBKeySchema(table.description)
        let pinned = try whereCondition(statement).map { Self.equalities($0.condition) } ?? [:]
        var key: DynamoDBItem = [:]
        for name in schema.keyNames {
            guard let value = pinned[name] else {
                throw AWSServiceError.validation("Where clause does not contain a mandatory equality on all key attributes")
            }
            key[name] = value
        }
        return key
    }

    /// A SELECT that names one item by its full key (batches and transactions).
    func singleItemRead(_ statement: DynamoDBPartiQLRewrite, context: RequestContext) async throws
        -> (DynamoDBTableRecord, DynamoDBStoredKey, [DynamoDBDocumentPath]?)
    {
        guard statement.index == nil else {
            throw AWSServiceError.validation("Batch and transaction SELECT statements cannot read an index")
        }
        let table = try await itemTable(statement.table, context: context)
        let key = try await keyItem(of: statement, table: table)
        var expressions = try DynamoDBRequestExpressions(
            names: Self.nonEmpty(statement.names), values: nil, hasExpressions: true)
        let projection = try statement.projection.map { text throws(AWSServiceError) in try expressions.projection(text) }
        return (table, try DynamoDBKeySchema(table.description).storedKey(ofKey: key), projection)
    }

    /// INSERT, UPDATE or DELETE through the item operations; returns the RETURNING items.
    func write(
        _ statement: DynamoDBPartiQLRewrite, returnOnFailure: DynamoDB.ReturnValuesOnConditionCheckFailure?,
        context: RequestContext
    ) async throws -> [[String: DynamoDB.AttributeValue]] {
        let table = try await itemTable(statement.table, context: context)
        let hash = DynamoDBKeySchema(table.description).hash.name
        switch statement.kind {
        case .insert:
            do {
                _ = try await putItem(
                    DynamoDB.PutItemInput(
                        tableName: statement.table, item: statement.item ?? [:],
                        conditionExpression: "attribute_not_exists(#partitionKey)",
                        expressionAttributeNames: ["#partitionKey": hash]),
                    context: context)
            } catch let error as AWSServiceError where error.code == DynamoDBErrors.conditionalCheckFailedException {
                throw AWSServiceError(DynamoDBErrors.duplicateItemException, "Duplicate primary key exists in table")
            }
            return []
        case .update:
            let key = try await keyItem(of: statement, table: table)
            let output = try await updateItem(
                DynamoDB.UpdateItemInput(
                    tableName: statement.table, key: DynamoDBValue.wire(item: key),
                    returnValues: statement.returning.map { DynamoDB.ReturnValue(rawValue: $0) },
                    updateExpression: statement.update, conditionExpression: statement.condition,
                    expressionAttributeNames: Self.nonEmpty(statement.names),
                    expressionAttributeValues: Self.nonEmpty(statement.values),
                    returnValuesOnConditionCheckFailure: returnOnFailure),
                context: context)
            return output.attributes.map { [$0] } ?? []
        case .delete:
            let key = try await keyItem(of: statement, table: table)
            var names = statement.names
            names["#partitionKey"] = hash
            let output = try await deleteItem(
                DynamoDB.DeleteItemInput(
                    tableName: statement.table, key: DynamoDBValue.wire(item: key),
                    returnValues: statement.returning == nil ? nil : "ALL_OLD",
                    conditionExpression: "attribute_not_exists(#partitionKey) OR (\(statement.condition ?? ""))",
                    expressionAttributeNames: names, expressionAttributeValues: Self.nonEmpty(statement.values),
                    returnValuesOnConditionCheckFailure: returnOnFailure),
                context: context)
            return output.attributes.map { [$0] } ?? []
        case .select:
            return []
        }
    }

    /// A SELECT: one partition when the WHERE pins the (index) partition key, else a scan; the WHERE filters.
    func select(_ statement: DynamoDBPartiQLRewrite, input: DynamoDB.ExecuteStatementInput, context: RequestContext)
        async throws -> DynamoDB.ExecuteStatementOutput
    {
        let table = try await itemTable(statement.table, context: context)
        var plan = try DynamoDBReadPlan(
            table: table, indexName: statement.index, select: nil, hasProjection: statement.projection != nil,
            limit: input.limit, consistentRead: input.consistentRead, operation: "Scan")
        var expressions = try DynamoDBRequestExpressions(
            names: Self.nonEmpty(statement.names), values: Self.nonEmpty(statement.values), hasExpressions: true)
        plan.filter = try statement.condition.map { text throws(AWSServiceError) in try expressions.condition(text, kind: .filter) }
        plan.projection = try statement.projection.map { text throws(AWSServiceError) in try expressions.projection(text) }
        var start: DynamoDBItemPosition?
        if let token = input.nextToken {
            guard let data = Data(base64Encoded: token),
                let key = try? JSONDecoder().decode([String: DynamoDB.AttributeValue].self, from: data)
            else { throw AWSServiceError.validation("Invalid NextToken") }
            start = try plan.schema.position(of: try DynamoDBValue.item(wire: key), index: plan.index)
        }
        let hashKey = plan.index?.hash ?? plan.schema.hash
        let pinned = plan.filter.map { Self.equalities($0.condition) } ?? [:]
        let tableID = table.id
        let indexName = plan.index?.name
        let finalPlan = plan
        let page: DynamoDBReadPlan.Page
        if let value = pinned[hashKey.name], value.typeName == hashKey.type {
            let hash = DynamoDBKeySchema.bytes(of: value)
            page = try await finalPlan.readPage(start: start) { after, limit in
                try await store.query(
                    DynamoDBItemQuery(tableID: tableID, indexName: indexName, hash: hash, startAfter: after, limit: limit))
            }
        } else {
            page = try await finalPlan.readPage(start: start) { after, limit in
                try await store.scan(DynamoDBItemScan(tableID: tableID, indexName: indexName, startAfter: after, limit: limit))
            }
        }
        var output = DynamoDB.ExecuteStatementOutput(items: page.items.map(DynamoDBValue.wire(item:)))
        if let last = page.lastEvaluatedKey {
            let wire = DynamoDBValue.wire(item: last)
            output.lastEvaluatedKey = wire
            output.nextToken = (try? JSONEncoder().encode(wire))?.base64EncodedString()
        }
        output.consumedCapacity = DynamoDBCapacity.consumed(
            input.returnConsumedCapacity, table: table.name, usage: finalPlan.usage(of: page), isRead: true)
        return output
    }
}
