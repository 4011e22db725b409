import Foundation
import StratusAPIDynamoDB
import StratusAWSCore
import StratusDynamoDBExpressions
import StratusServiceKit

extension DynamoDBService {
    /// `CreateTable`: validates the definition, stores the table (ACTIVE once committed) with its stream, if it
    /// asks for one, and answers with its description in status CREATING.
    package func createTable(_ input: DynamoDB.CreateTableInput, context: RequestContext) async throws
        -> DynamoDB.CreateTableOutput
    {
        let record = try newTableRecord(input, context: context)
        let createdAt = record.description.creationDateTime ?? clock.now()
        let created = try await store.write { transaction -> Bool in
            guard let created = try transaction.createTable(record) else { return false }
            if let stream = Self.enabledStream(of: created, at: createdAt) { try transaction.openStream(stream) }
            return true
        }
        guard created else { throw DynamoDBFailure.tableExists(input.tableName) }
        return DynamoDB.CreateTableOutput(tableDescription: Self.creating(record.description))
    }

    /// A description as CreateTable (and RestoreTableFromBackup) answer it: the table and its global indexes CREATING.
    static func creating(_ description: DynamoDB.TableDescription) -> DynamoDB.TableDescription {
        var answered = description
        answered.tableStatus = "CREATING"
        answered.globalSecondaryIndexes = answered.globalSecondaryIndexes?.map {
            var index = $0
            index.indexStatus = "CREATING"
            index.backfilling = false
            return index
        }
        return answered
    }

    /// The record of a new ACTIVE table as `input` defines it, after CreateTable's checks (not stored yet).
    func newTableRecord(_ input: DynamoDB.CreateTableInput, context: RequestContext) throws -> DynamoDBTableRecord {
        try DynamoDBTableRules.checkCreateTable(input)
        let now = clock.now()
        let arn = Self.tableArn(accountID: context.accountID, region: context.region, name: input.tableName)
        let billingMode = input.billingMode?.rawValue ?? "PROVISIONED"
        var description = DynamoDB.TableDescription()
        description.attributeDefinitions = input.attributeDefinitions
        description.tableName = input.tableName
        description.keySchema = input.keySchema
        description.tableStatus = "ACTIVE"
        description.creationDateTime = now
        description.provisionedThroughput = Self.throughputDescription(input.provisionedThroughput)
        description.tableSizeBytes = 0
        description.itemCount = 0
        description.tableArn = arn
        description.tableId = ids.next()
        if billingMode == "PAY_PER_REQUEST" {
            description.billingModeSummary = DynamoDB.BillingModeSummary(
                billingMode: "PAY_PER_REQUEST", lastUpdateToPayPerRequestDateTime: now)
        }
        description.localSecondaryIndexes = input.localSecondaryIndexes?.map { index in
            DynamoDB.LocalSecondaryIndexDescription(
                indexName: index.indexName, keySchema: index.keySchema, projection: index.projection, indexSizeBytes: 0,
                itemCount: 0, indexArn: "\(arn)/index/\(index.indexName)")
        }
        description.globalSecondaryIndexes = input.globalSecondaryIndexes?.map { index in
            DynamoDB.GlobalSecondaryIndexDescription(
                indexName: index.indexName, keySchema: index.keySchema, projection: index.projection,
                indexStatus: "ACTIVE", provisionedThroughput: Self.throughputDescription(index.provisionedThroughput),
                indexSizeBytes: 0, itemCount: 0, indexArn: "\(arn)/index/\(index.indexName)")
        }
        if let stream = input.streamSpecification, stream.streamEnabled {
            let label = Self.streamLabel(now)
            description.streamSpecification = stream
            description.latestStreamLabel = label
            description.latestStreamArn = "\(arn)/stream/\(label)"
        }
        description.sseDescription = sseDescription(input.sseSpecification, context: context)
        if let tableClass = input.tableClass {
            guard ["STANDARD", "STANDARD_INFREQUENT_ACCESS"].contains(tableClass.rawValue) else {
                throw DynamoDBFailure.constraint(
                    value: "'\(tableClass.rawValue)'", member: "tableClass",
                    "Member must satisfy enum value set: [STANDARD, STANDARD_INFREQUENT_ACCESS]")
            }
            description.tableClassSummary = DynamoDB.TableClassSummary(tableClass: tableClass)
        }
        description.deletionProtectionEnabled = input.deletionProtectionEnabled ?? false
        let tags = try Self.checkedTags(input.tags ?? [])
        var record = DynamoDBTableRecord(
            accountID: context.accountID, region: context.region, name: input.tableName, description: description,
            tags: tags)
        if let document = input.resourcePolicy {
            try DynamoDBResourcePolicy.check(document, forStream: false)
            record.resourcePolicy = DynamoDBResourcePolicy(document: document, revisionID: String(nowMilliseconds()))
        }
        return record
    }

    /// `DescribeTable`: the stored description with current item counts and sizes.
    package func describeTable(_ input: DynamoDB.DescribeTableInput, context: RequestContext) async throws
        -> DynamoDB.DescribeTableOutput
    {
        let table = try await describedTable(input.tableName, context: context)
        return DynamoDB.DescribeTableOutput(table: try await currentDescription(of: table))
    }

    /// `ListTables`: names in order, `Limit` 1–100 (default 100), paged by `ExclusiveStartTableName`.
    package func listTables(_ input: DynamoDB.ListTablesInput, context: RequestContext) async throws
        -> DynamoDB.ListTablesOutput
    {
        let limit = input.limit ?? 100
        if limit < 1 {
            throw DynamoDBFailure.constraint(
                value: "'\(limit)'", member: "limit", "Member must have value greater than or equal to 1")
        }
        if limit > 100 {
            throw DynamoDBFailure.constraint(
                value: "'\(limit)'", member: "limit", "Member must have value less than or equal to 100")
        }
        let names = try await store.tableNames(
            accountID: context.accountID, region: context.region, afterName: input.exclusiveStartTableName,
            limit: limit + 1)
        let page = Array(names.prefix(limit))
        return DynamoDB.ListTablesOutput(tableNames: page, lastEvaluatedTableName: names.count > limit ? page.last : nil)
    }

    /// `DeleteTable`: refuses protected tables; deletes the table with its items (closing its stream, which stays
    /// readable for 24 hours) and answers with its last description in status DELETING.
    package func deleteTable(_ input: DynamoDB.DeleteTableInput, context: RequestContext) async throws
        -> DynamoDB.DeleteTableOutput
    {
        let table = try await describedTable(input.tableName, context: context)
        if table.description.deletionProtectionEnabled == true {
            throw AWSServiceError.validation(
                "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")
        }
        var description = try await currentDescription(of: table)
        try await store.deleteTable(id: table.id, at: clock.now())
        description.tableStatus = "DELETING"
        return DynamoDB.DeleteTableOutput(tableDescription: description)
    }

    /// The stored description with item counts and sizes filled in.
    func currentDescription(of table: DynamoDBTableRecord) async throws -> DynamoDB.TableDescription {
        let statistics = try await store.statistics(tableID: table.id)
        var description = table.description
        description.itemCount = statistics.itemCount
        description.tableSizeBytes = statistics.sizeBytes
        description.localSecondaryIndexes = description.localSecondaryIndexes?.map {
            var index = $0
            let counts = statistics.indexes[index.indexName ?? ""]
            index.itemCount = counts?.itemCount ?? 0
            index.indexSizeBytes = counts?.sizeBytes ?? 0
            return index
        }
        description.globalSecondaryIndexes = description.globalSecondaryIndexes?.map {
            var index = $0
            let counts = statistics.indexes[index.indexName ?? ""]
            index.itemCount = counts?.itemCount ?? 0
            index.indexSizeBytes = counts?.sizeBytes ?? 0
            return index
        }
        return description
    }

    static func throughputDescription(_ throughput: DynamoDB.ProvisionedThroughput?) -> DynamoDB.ProvisionedThroughputDescription {
        DynamoDB.ProvisionedThroughputDescription(
            numberOfDecreasesToday: 0, readCapacityUnits: throughput?.readCapacityUnits ?? 0,
            writeCapacityUnits: throughput?.writeCapacityUnits ?? 0)
    }

    /// DynamoDB's stream label: the creation time as `yyyy-MM-dd'T'HH:mm:ss.SSS` (UTC).
    static func streamLabel(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS"
        return formatter.string(from: date)
    }

    /// The SSE description of a specification (nil when SSE is the default, AWS-owned key).
    func sseDescription(_ specification: DynamoDB.SSESpecification?, context: RequestContext) -> DynamoDB.SSEDescription? {
        guard let specification, specification.enabled == true else { return nil }
        let key = specification.kmsMasterKeyId ?? "alias/aws/dynamodb"
        let arn = key.hasPrefix("arn:") ? key : "arn:aws:kms:\(context.region):\(context.accountID):key/\(key)"
        return DynamoDB.SSEDescription(status: "ENABLED", sseType: "KMS", kmsMasterKeyArn: arn)
    }

    /// Checks tags (keys 1–128, values 0–256 characters, no key twice) and keeps the last value of each key.
    static func checkedTags(_ tags: [DynamoDB.Tag]) throws(AWSServiceError) -> [DynamoDB.Tag] {
        var result: [DynamoDB.Tag] = []
        for tag in tags {
            if tag.key.isEmpty || tag.key.count > 128 {
                throw DynamoDBFailure.constraint(
                    value: "'\(tag.key)'", member: "tags.member.key",
                    tag.key.isEmpty ? "Member must have length greater than or equal to 1"
                        : "Member must have length less than or equal to 128")
            }
            if tag.value.count > 256 {
                throw DynamoDBFailure.constraint(
                    value: "'\(tag.value)'", member: "tags.member.value", "Member must have length less than or equal to 256")
            }
            if let existing = result.firstIndex(where: { $0.key == tag.key }) {
                result[existing] = tag
            } else {
                result.append(tag)
            }
        }
        return result
    }
}
