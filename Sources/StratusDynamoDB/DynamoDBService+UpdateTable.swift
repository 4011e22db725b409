import Foundation
import StratusAPIDynamoDB
import StratusAWSCore
import StratusDynamoDBExpressions
import StratusServiceKit

extension DynamoDBService {
    /// `UpdateTable`: billing mode and throughput, GSI creation (backfilled from the existing items in the same
    /// transaction), GSI throughput updates and deletion, streams, SSE, table class and deletion protection.
    /// The answer shows the table UPDATING, new indexes CREATING and removed ones DELETING; the stored table
    /// is ACTIVE once the change committed.
    package func updateTable(_ input: DynamoDB.UpdateTableInput, context: RequestContext) async throws
        -> DynamoDB.UpdateTableOutput
    {
        let table = try await describedTable(input.tableName, context: context)
        if input.billingMode == nil, input.provisionedThroughput == nil, input.globalSecondaryIndexUpdates == nil,
            input.streamSpecification == nil, input.sseSpecification == nil, input.tableClass == nil,
            input.deletionProtectionEnabled == nil, input.replicaUpdates == nil, input.onDemandThroughput == nil,
            input.warmThroughput == nil
        {
            throw AWSServiceError.validation(
                "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required")
        }
        if input.replicaUpdates != nil {
            throw AWSServiceError(.notImplemented, "Stratus does not support global table replicas (ReplicaUpdates).")
        }
        let now = clock.now()
        var updated = table
        var description = table.description
        var created: [String] = []
        var deleted: [DynamoDB.GlobalSecondaryIndexDescription] = []
        let currentMode = description.billingModeSummary?.billingMode?.rawValue ?? "PROVISIONED"
        let billingMode = input.billingMode?.rawValue ?? currentMode
        guard billingMode == "PROVISIONED" || billingMode == "PAY_PER_REQUEST" else {
            throw DynamoDBFailure.constraint(
                value: "'\(billingMode)'", member: "billingMode", "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]")
        }
        if billingMode == "PAY_PER_REQUEST" {
            if input.provisionedThroughput != nil {
                throw DynamoDBFailure.invalidParameter(
                    "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
            }
            if currentMode != "PAY_PER_REQUEST" {
                description.billingModeSummary = DynamoDB.BillingModeSummary(
                    billingMode: "PAY_PER_REQUEST", lastUpdateToPayPerRequestDateTime: now)
                description.provisionedThroughput = Self.throughputDescription(nil)
                description.globalSecondaryIndexes = description.globalSecondaryIndexes?.map {
                    var index = $0
                    index.provisionedThroughput = Self.throughputDescription(nil)
                    return index
                }
            }
        } else {
            if currentMode == "PAY_PER_REQUEST" {
                guard input.provisionedThroughput != nil else {
                    throw DynamoDBFailure.invalidParameter(
                        "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
                }
                description.billingModeSummary = DynamoDB.BillingModeSummary(billingMode: "PROVISIONED")
            }
            if let throughput = input.provisionedThroughput {
                try DynamoDBTableRules.checkThroughput(throughput, member: "provisionedThroughput")
                description.provisionedThroughput = Self.changedThroughput(
                    description.provisionedThroughput, to: throughput, at: now)
            }
        }
        var definitions = description.attributeDefinitions ?? []
        for definition in input.attributeDefinitions ?? [] {
            if let existing = definitions.first(where: { $0.attributeName == definition.attributeName }) {
                if existing.attributeType != definition.attributeType {
                    throw DynamoDBFailure.invalidParameter(
                        "Cannot change the type of an existing key attribute: \(definition.attributeName)")
                }
            } else {
                definitions.append(definition)
            }
        }
        var globals = description.globalSecondaryIndexes ?? []
        for update in input.globalSecondaryIndexUpdates ?? [] {
            if let create = update.create {
                try DynamoDBTableRules.checkGlobalIndex(
                    name: create.indexName, keySchema: create.keySchema, projection: create.projection,
                    throughput: create.provisionedThroughput, billingMode: billingMode, definitions: definitions)
                let taken = globals.contains { $0.indexName == create.indexName }
                    || (description.localSecondaryIndexes ?? []).contains { $0.indexName == create.indexName }
                if taken {
                    throw DynamoDBFailure.invalidParameter("Index already exists: \(create.indexName)")
                }
                globals.append(DynamoDB.GlobalSecondaryIndexDescription(
                    indexName: create.indexName, keySchema: create.keySchema, projection: create.projection,
                    indexStatus: "ACTIVE", provisionedThroughput: Self.throughputDescription(create.provisionedThroughput),
                    indexSizeBytes: 0, itemCount: 0, indexArn: "\(description.tableArn ?? "")/index/\(create.indexName)"))
                created.append(create.indexName)
            } else if let change = update.update {
                guard let position = globals.firstIndex(where: { $0.indexName == change.indexName }) else {
                    throw AWSServiceError(
                        DynamoDBErrors.resourceNotFoundException, "Requested resource not found: Index: \(change.indexName) not found")
                }
                if let throughput = change.provisionedThroughput {
                    if billingMode == "PAY_PER_REQUEST" {
                        throw DynamoDBFailure.invalidParameter(
                            "ProvisionedThroughput should not be specified for index: \(change.indexName) when BillingMode is PAY_PER_REQUEST")
                    }
                    try DynamoDBTableRules.checkThroughput(throughput, member: "provisionedThroughput")
                    globals[position].provisionedThroughput = Self.changedThroughput(
                        globals[position].provisionedThroughput, to: throughput, at: now)
                }
            } else if let delete = update.delete {
                guard let position = globals.firstIndex(where: { $0.indexName == delete.indexName }) else {
                    throw AWSServiceError(
                        DynamoDBErrors.resourceNotFoundException, "Requested resource not found: Index: \(delete.indexName) not found")
                }
                deleted.append(globals.remove(at: position))
            } else {
                throw AWSServiceError.validation("One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate Create, Update or Delete must be specified")
            }
        }
        if globals.count > 20 {
            throw DynamoDBFailure.invalidParameter("GlobalSecondaryIndex count exceeds the per-table limit of 20")
        }
        // Definitions no key uses any more are dropped, as DynamoDB does.
        var used = Set((description.keySchema ?? []).map(\.attributeName))
        for index in description.localSecondaryIndexes ?? [] { used.formUnion((index.keySchema ?? []).map(\.attributeName)) }
        for index in globals { used.formUnion((index.keySchema ?? []).map(\.attributeName)) }
        description.attributeDefinitions = definitions.filter { used.contains($0.attributeName) }
        description.globalSecondaryIndexes = globals.isEmpty && description.globalSecondaryIndexes == nil ? nil : globals
        if let stream = input.streamSpecification {
            let enabled = description.streamSpecification?.streamEnabled == true
            if stream.streamEnabled {
                if enabled {
                    throw DynamoDBFailure.resourceInUse("Table already has an enabled stream: \(description.latestStreamArn ?? "")")
                }
                guard stream.streamViewType != nil else {
                    throw DynamoDBFailure.invalidParameter("StreamViewType must be specified when StreamEnabled is true")
                }
                let label = Self.streamLabel(now)
                description.streamSpecification = stream
                description.latestStreamLabel = label
                description.latestStreamArn = "\(description.tableArn ?? "")/stream/\(label)"
                // A new stream starts without the old one's resource policy.
                updated.streamResourcePolicy = nil
            } else {
                guard enabled else { throw AWSServiceError.validation("Table already has no enabled stream") }
                description.streamSpecification = nil
            }
        }
        if let sse = input.sseSpecification {
            description.sseDescription = sseDescription(sse, context: context)
        }
        if let tableClass = input.tableClass {
            description.tableClassSummary = DynamoDB.TableClassSummary(tableClass: tableClass, lastUpdateDateTime: now)
        }
        if let protection = input.deletionProtectionEnabled { description.deletionProtectionEnabled = protection }
        updated.description = description
        let schema = DynamoDBKeySchema(description)
        let newIndexes = schema.indexes.filter { created.contains($0.name) }
        let removed = deleted.compactMap(\.indexName)
        // A removed index's Contributor Insights setting goes with it.
        for name in removed { updated.contributorInsights?[name] = nil }
        let finalRecord = updated
        let streamChanged = input.streamSpecification != nil
        let tableID = table.id
        try await store.write { transaction in
            guard try transaction.table(id: tableID) != nil else { throw DynamoDBFailure.tableNotFound(input.tableName) }
            try transaction.saveTable(finalRecord)
            if streamChanged {
                try transaction.closeStream(tableID: tableID, at: now)
                if let stream = Self.enabledStream(of: finalRecord, at: now) { try transaction.openStream(stream) }
            }
            for name in removed { try transaction.removeIndex(tableID: tableID, indexName: name) }
            guard !newIndexes.isEmpty else { return }
            var partial = schema
            partial.indexes = newIndexes
            for stored in try transaction.allItems(tableID: tableID) {
                let item = try Self.decode(stored)
                // Items whose index key attributes have another type are not indexed (a backfill violation).
                guard let entries = try? partial.indexEntries(of: item), !entries.isEmpty else { continue }
                try transaction.addIndexEntries(tableID: tableID, key: stored.key, entries)
            }
        }
        var answered = try await currentDescription(of: finalRecord)
        answered.tableStatus = "UPDATING"
        answered.globalSecondaryIndexes = answered.globalSecondaryIndexes.map { indexes in
            indexes.map { index in
                var index = index
                if created.contains(index.indexName ?? "") {
                    index.indexStatus = "CREATING"
                    index.backfilling = false
                }
                return index
            } + deleted.map { index in
                var index = index
                index.indexStatus = "DELETING"
                return index
            }
        }
        return DynamoDB.UpdateTableOutput(tableDescription: answered)
    }

    /// A throughput description after a change, with the increase/decrease bookkeeping.
    static func changedThroughput(
        _ current: DynamoDB.ProvisionedThroughputDescription?, to new: DynamoDB.ProvisionedThroughput, at now: Date
    ) -> DynamoDB.ProvisionedThroughputDescription {
        var description = current ?? throughputDescription(nil)
        let oldRead = description.readCapacityUnits ?? 0, oldWrite = description.writeCapacityUnits ?? 0
        if new.readCapacityUnits > oldRead || new.writeCapacityUnits > oldWrite { description.lastIncreaseDateTime = now }
        if new.readCapacityUnits < oldRead || new.writeCapacityUnits < oldWrite {
            description.lastDecreaseDateTime = now
            description.numberOfDecreasesToday = (description.numberOfDecreasesToday ?? 0) + 1
        }
        description.readCapacityUnits = new.readCapacityUnits
        description.writeCapacityUnits = new.writeCapacityUnits
        return description
    }
}
