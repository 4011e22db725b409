import Crypto
import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusAWSCore
import StratusDynamoDBExpressions
import StratusServiceKit

extension DynamoDBService {
    /// The most actions one transaction may hold.
    static let transactionLimit = 100

    /// `TransactWriteItems`: up to 100 puts, updates, deletes and condition checks, each item at most once, all
    /// checked then applied in one store transaction (all or nothing). A failed condition cancels the whole
    /// transaction with `TransactionCanceledException` and one reason per action, in order. A
    /// `ClientRequestToken` makes a repeat within 10 minutes a no-op (or `IdempotentParameterMismatchException`
    /// when the parameters differ).
    package func transactWriteItems(_ input: DynamoDB.TransactWriteItemsInput, context: RequestContext) async throws
        -> DynamoDB.TransactWriteItemsOutput
    {
        try Self.checkTransactionSize(input.transactItems.count)
        var writes: [(write: DynamoDBItemWrite, returnOnFailure: Bool)] = []
        var tables: [String: DynamoDBTableRecord] = [:]
        for action in input.transactItems {
            let count = [action.put != nil, action.update != nil, action.delete != nil, action.conditionCheck != nil]
                .filter { $0 }.count
            guard count == 1 else {
                throw AWSServiceError.validation("TransactItems can only contain one of Check, Put, Update or Delete")
            }
            let tableName = action.put?.tableName ?? action.update?.tableName ?? action.delete?.tableName
                ?? action.conditionCheck!.tableName
            let table: DynamoDBTableRecord
            if let known = tables[tableName] {
                table = known
            } else {
                table = try await itemTable(tableName, context: context)
                tables[tableName] = table
            }
            let schema = DynamoDBKeySchema(table)
            if let put = action.put {
                let item = try DynamoDBValue.item(wire: put.item)
                let condition = try Self.writeCondition(
                    expression: put.conditionExpression, expected: nil, conditionalOperator: nil,
                    names: put.expressionAttributeNames, values: put.expressionAttributeValues)
                let key = try schema.storedKey(ofItem: item)
                if DynamoDBItemSize.of(item) > DynamoDBItemSize.maximumItemSize { throw DynamoDBFailure.itemTooLarge() }
                _ = try schema.indexEntries(of: item)
                var write = DynamoDBItemWrite(
                    tableID: table.id, tableName: table.name, schema: schema, key: key, condition: condition,
                    change: .put(item))
                write.itemCollectionKey = DynamoDBItemCollectionMetrics.key(
                    of: item, schema: schema, request: input.returnItemCollectionMetrics)
                writes.append((write, put.returnValuesOnConditionCheckFailure?.rawValue == "ALL_OLD"))
            } else if let update = action.update {
                let keyItem = try DynamoDBValue.item(wire: update.key)
                let parsed = try Self.updateExpressions(DynamoDB.UpdateItemInput(
                    tableName: update.tableName, key: update.key, updateExpression: update.updateExpression,
                    conditionExpression: update.conditionExpression, expressionAttributeNames: update.expressionAttributeNames,
                    expressionAttributeValues: update.expressionAttributeValues))
                let key = try schema.storedKey(ofKey: keyItem)
                if let expression = parsed.update {
                    for name in schema.keyNames where expression.writtenTopLevelAttributes.contains(name) {
                        throw DynamoDBFailure.invalidParameter("Cannot update attribute \(name). This attribute is part of the key")
                    }
                }
                let expression = parsed.update
                let change: DynamoDBItemWrite.Change = .update { old throws in
                    guard let expression else { return old ?? keyItem }
                    // An update that only removes attributes does not create a missing item (as in DynamoDB).
                    if old == nil, expression.actions.allSatisfy(DynamoDBService.onlyRemoves) { return nil }
                    do throws(DynamoDBValidationError) {
                        return try expression.apply(to: old ?? keyItem, itemExists: old != nil).item
                    } catch {
                        throw AWSServiceError.validation(error.message)
                    }
                }
                var write = DynamoDBItemWrite(
                    tableID: table.id, tableName: table.name, schema: schema, key: key, condition: parsed.condition,
                    change: change)
                write.itemCollectionKey = DynamoDBItemCollectionMetrics.key(
                    of: keyItem, schema: schema, request: input.returnItemCollectionMetrics)
                writes.append((write, update.returnValuesOnConditionCheckFailure?.rawValue == "ALL_OLD"))
            } else if let delete = action.delete {
                let keyItem = try DynamoDBValue.item(wire: delete.key)
                let condition = try Self.writeCondition(
                    expression: delete.conditionExpression, expected: nil, conditionalOperator: nil,
                    names: delete.expressionAttributeNames, values: delete.expressionAttributeValues)
                var write = DynamoDBItemWrite(
                    tableID: table.id, tableName: table.name, schema: schema, key: try schema.storedKey(ofKey: keyItem),
                    condition: condition, change: .delete)
                write.itemCollectionKey = DynamoDBItemCollectionMetrics.key(
                    of: keyItem, schema: schema, request: input.returnItemCollectionMetrics)
                writes.append((write, delete.returnValuesOnConditionCheckFailure?.rawValue == "ALL_OLD"))
            } else if let check = action.conditionCheck {
                let keyItem = try DynamoDBValue.item(wire: check.key)
                let condition = try Self.writeCondition(
                    expression: check.conditionExpression, expected: nil, conditionalOperator: nil,
                    names: check.expressionAttributeNames, values: check.expressionAttributeValues)
                writes.append((
                    DynamoDBItemWrite(
                        tableID: table.id, tableName: table.name, schema: schema, key: try schema.storedKey(ofKey: keyItem),
                        condition: condition, change: .check),
                    check.returnValuesOnConditionCheckFailure?.rawValue == "ALL_OLD"
                ))
            }
        }
        var seen = Set<String>()
        for (write, _) in writes {
            let identity = "\(write.tableID)\u{0}\(write.key.hash.base64EncodedString())\u{0}\(write.key.range.base64EncodedString())"
            guard seen.insert(identity).inserted else {
                throw AWSServiceError.validation("Transaction request cannot include multiple operations on one item")
            }
        }
        let token = try input.clientRequestToken.map { token throws(AWSServiceError) -> (String, String) in
            if token.isEmpty || token.count > 36 {
                throw DynamoDBFailure.constraint(
                    value: "'\(token)'", member: "clientRequestToken",
                    token.isEmpty ? "Member must have length greater than or equal to 1"
                        : "Member must have length less than or equal to 36")
            }
            var fingerprintInput = input
            fingerprintInput.clientRequestToken = nil
            fingerprintInput.returnConsumedCapacity = nil
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let data = (try? encoder.encode(fingerprintInput)) ?? Data()
            let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            return (token, digest)
        }
        let now = nowMilliseconds()
        let changedAt = clock.now()
        let scope = "\(context.accountID)/\(context.region)"
        let all = writes
        let result: Result<[DynamoDBItemWrite.Outcome]?, DynamoDBTransactionCancelled>
        do {
            result = .success(try await store.write { transaction -> [DynamoDBItemWrite.Outcome]? in
                if let (token, fingerprint) = token {
                    if let earlier = try transaction.clientToken(scope: scope, token: token),
                        earlier.createdAt > now - Self.clientTokenLifetime
                    {
                        guard earlier.fingerprint == fingerprint else {
                            throw AWSServiceError(
                                DynamoDBErrors.idempotentParameterMismatchException,
                                "The request uses the same client token as a previous, but non-identical request.")
                        }
                        return nil
                    }
                }
                var reads: [(DynamoDBItem?, DynamoDBStoredItem?)] = []
                var reasons: [DynamoDB.CancellationReason] = []
                var cancelled = false
                for (write, returnOnFailure) in all {
                    do {
                        reads.append(try write.check(in: transaction))
                        reasons.append(DynamoDB.CancellationReason(code: "None"))
                    } catch let failure as DynamoDBItemWrite.ConditionFailed {
                        cancelled = true
                        reads.append((nil, nil))
                        reasons.append(DynamoDB.CancellationReason(
                            item: returnOnFailure ? failure.item.map(DynamoDBValue.wire(item:)) : nil,
                            code: "ConditionalCheckFailed", message: "The conditional request failed"))
                    }
                }
                if cancelled { throw DynamoDBTransactionCancelled(reasons: reasons) }
                var outcomes: [DynamoDBItemWrite.Outcome] = []
                for (index, (write, _)) in all.enumerated() {
                    do {
                        outcomes.append(
                            try write.apply(old: reads[index].0, stored: reads[index].1, in: transaction, at: changedAt))
                    } catch let error as AWSServiceError where error.code == .validation {
                        var reasons = all.map { _ in DynamoDB.CancellationReason(code: "None") }
                        reasons[index] = DynamoDB.CancellationReason(code: "ValidationError", message: error.message)
                        throw DynamoDBTransactionCancelled(reasons: reasons)
                    }
                }
                if let (token, fingerprint) = token {
                    try transaction.saveClientToken(
                        scope: scope, token: token, DynamoDBClientTokenRecord(fingerprint: fingerprint, createdAt: now),
                        forgetBefore: now - Self.clientTokenLifetime)
                }
                return outcomes
            })
        } catch let cancelled as DynamoDBTransactionCancelled {
            result = .failure(cancelled)
        }
        let outcomes: [DynamoDBItemWrite.Outcome]
        switch result {
        case let .failure(cancelled): throw cancelled.error
        case let .success(done): outcomes = done ?? []
        }
        var usage: [String: DynamoDBCapacity.Usage] = [:]
        for (pair, outcome) in zip(writes, outcomes) {
            var doubled = outcome.usage
            doubled.table *= 2
            doubled.globalIndexes = doubled.globalIndexes.mapValues { $0 * 2 }
            doubled.localIndexes = doubled.localIndexes.mapValues { $0 * 2 }
            usage[pair.write.tableName, default: .init()].add(doubled)
        }
        let capacities = usage.keys.sorted().compactMap {
            DynamoDBCapacity.consumed(input.returnConsumedCapacity, table: $0, usage: usage[$0]!, isRead: false)
        }
        return DynamoDB.TransactWriteItemsOutput(
            consumedCapacity: capacities.isEmpty ? nil : capacities,
            itemCollectionMetrics: DynamoDBItemCollectionMetrics.byTable(writes.map(\.write), outcomes))
    }

    /// `TransactGetItems`: up to 100 items, each at most once, read from one consistent snapshot.
    package func transactGetItems(_ input: DynamoDB.TransactGetItemsInput, context: RequestContext) async throws
        -> DynamoDB.TransactGetItemsOutput
    {
        try Self.checkTransactionSize(input.transactItems.count)
        var reads: [(tableID: Int64, tableName: String, key: DynamoDBStoredKey, projection: [DynamoDBDocumentPath]?)] = []
        var seen = Set<String>()
        for action in input.transactItems {
            let get = action.get
            var expressions = try DynamoDBRequestExpressions(
                names: get.expressionAttributeNames, values: nil, hasExpressions: get.projectionExpression != nil)
            let projection = try get.projectionExpression.map { text throws(AWSServiceError) in
                try expressions.projection(text)
            }
            try expressions.checkAllUsed()
            let keyItem = try DynamoDBValue.item(wire: get.key)
            let table = try await itemTable(get.tableName, context: context)
            let key = try DynamoDBKeySchema(table).storedKey(ofKey: keyItem)
            let identity = "\(table.id)\u{0}\(key.hash.base64EncodedString())\u{0}\(key.range.base64EncodedString())"
            guard seen.insert(identity).inserted else {
                throw AWSServiceError.validation("Transaction request cannot include multiple operations on one item")
            }
            reads.append((table.id, table.name, key, projection))
        }
        let requests = reads
        // Read inside the store's exclusive transaction: one snapshot across tables.
        let items = try await store.write { transaction in
            try requests.map { try transaction.item(tableID: $0.tableID, key: $0.key) }
        }
        var responses: [DynamoDB.ItemResponse] = []
        var usage: [String: DynamoDBCapacity.Usage] = [:]
        for (read, stored) in zip(reads, items) {
            var response = DynamoDB.ItemResponse()
            if let stored {
                var item = try Self.decode(stored)
                if let projection = read.projection { item = DynamoDBProjectionExpression.project(item, paths: projection) }
                response.item = DynamoDBValue.wire(item: item)
            }
            responses.append(response)
            usage[read.tableName, default: .init()].add(
                DynamoDBCapacity.Usage(table: 2 * DynamoDBCapacity.readUnits(bytes: stored?.size ?? 0, consistent: true)))
        }
        let capacities = usage.keys.sorted().compactMap {
            DynamoDBCapacity.consumed(input.returnConsumedCapacity, table: $0, usage: usage[$0]!, isRead: true)
        }
        return DynamoDB.TransactGetItemsOutput(consumedCapacity: capacities.isEmpty ? nil : capacities, responses: responses)
    }

    static func checkTransactionSize(_ count: Int) throws(AWSServiceError) {
        if count < 1 || count > transactionLimit {
            throw DynamoDBFailure.constraint(
                value: "'[…]'", member: "transactItems",
                count < 1 ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to 100")
        }
    }
}
