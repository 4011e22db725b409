import Foundation
import StratusAPIDynamoDB
import StratusAWSCore
import StratusServiceKit

extension DynamoDBService {
    /// `CreateBackup`: a full copy of the table's items and definition, taken in one store transaction; available
    /// once the call returns (the answer says CREATING, as DynamoDB's does). Backups outlive their table.
    package func createBackup(_ input: DynamoDB.CreateBackupInput, context: RequestContext) async throws
        -> DynamoDB.CreateBackupOutput
    {
        let table = try await backupSourceTable(input.tableName, context: context)
        let now = clock.now()
        let milliseconds = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let suffix = String(ids.next().lowercased().filter(\.isHexDigit).prefix(8))
        let tableArn = Self.tableArn(accountID: table.accountID, region: table.region, name: table.name)
        let arn = "\(tableArn)/backup/\(String(format: "%014lld", milliseconds))-\(suffix)"
        let backup = DynamoDBBackupRecord(
            arn: arn, accountID: table.accountID, region: table.region, name: input.backupName, createdAt: now, table: table)
        let tableID = table.id
        let name = input.tableName
        let stored = try await store.write { transaction in
            // The table as this transaction sees it (a concurrent UpdateTable or DeleteTable is either before or after).
            guard let current = try transaction.table(id: tableID) else { throw DynamoDBFailure.backupTableNotFound(name) }
            var backup = backup
            backup.table = current
            return try transaction.createBackup(backup, tableID: tableID)
        }
        var details = Self.backupDetails(stored)
        details.backupStatus = "CREATING"
        return DynamoDB.CreateBackupOutput(backupDetails: details)
    }

    /// `DescribeBackup`: the backup, its source table as it was, and the features the backup restores.
    package func describeBackup(_ input: DynamoDB.DescribeBackupInput, context: RequestContext) async throws
        -> DynamoDB.DescribeBackupOutput
    {
        DynamoDB.DescribeBackupOutput(backupDescription: Self.backupDescription(try await ownBackup(input.backupArn, context)))
    }

    /// `DeleteBackup`: removes the backup and its items; answers with its description in status DELETED.
    package func deleteBackup(_ input: DynamoDB.DeleteBackupInput, context: RequestContext) async throws
        -> DynamoDB.DeleteBackupOutput
    {
        _ = try await ownBackup(input.backupArn, context)
        let arn = input.backupArn
        guard let deleted = try await store.write({ transaction in try transaction.deleteBackup(arn: arn) }) else {
            throw DynamoDBFailure.backupNotFound(arn)
        }
        var description = Self.backupDescription(deleted)
        description.backupDetails?.backupStatus = "DELETED"
        return DynamoDB.DeleteBackupOutput(backupDescription: description)
    }

    /// `ListBackups`: the caller's backups in this region, oldest first, filtered by table (name or ARN), creation
    /// time (lower bound inclusive, upper exclusive) and type (only `USER` backups exist here), `Limit` per page
    /// with `ExclusiveStartBackupArn`/`LastEvaluatedBackupArn`.
    package func listBackups(_ input: DynamoDB.ListBackupsInput, context: RequestContext) async throws
        -> DynamoDB.ListBackupsOutput
    {
        let type = input.backupType?.rawValue ?? "USER"
        var backups = try await store.backups(accountID: context.accountID, region: context.region)
        if let table = input.tableName {
            let name = table.hasPrefix("arn:") ? Self.parseTableArn(table)?.2 ?? table : table
            backups = backups.filter { $0.table.name == name }
        }
        if let lower = input.timeRangeLowerBound { backups = backups.filter { $0.createdAt >= lower } }
        if let upper = input.timeRangeUpperBound { backups = backups.filter { $0.createdAt < upper } }
        if type != "USER", type != "ALL" { backups = [] }
        if let start = input.exclusiveStartBackupArn {
            guard let position = backups.firstIndex(where: { $0.arn == start }) else {
                throw AWSServiceError.validation("Invalid ExclusiveStartBackupArn: \(start)")
            }
            backups.removeFirst(position + 1)
        }
        let limit = input.limit ?? 100
        let page = backups.prefix(limit)
        return DynamoDB.ListBackupsOutput(
            backupSummaries: page.map(Self.backupSummary),
            lastEvaluatedBackupArn: backups.count > limit ? page.last?.arn : nil)
    }

    /// `RestoreTableFromBackup`: a new table with the backup's key schema, attribute definitions, billing and
    /// indexes (or the overrides) and every item of the backup, created in one store transaction. Like DynamoDB,
    /// it does not restore tags, TTL, streams or deletion protection. The answer says CREATING with a restore in
    /// progress; the table is ACTIVE once the call returns.
    package func restoreTableFromBackup(_ input: DynamoDB.RestoreTableFromBackupInput, context: RequestContext)
        async throws -> DynamoDB.RestoreTableFromBackupOutput
    {
        let backup = try await ownBackup(input.backupArn, context)
        let overrides = DynamoDBRestoreOverrides(input)
        let arn = backup.arn
        var answered = try await restoreTable(
            from: backup.table.description, named: input.targetTableName, overrides: overrides, backupArn: arn,
            context: context
        ) { transaction in try transaction.backupItems(arn: arn) }
        answered.itemCount = backup.itemCount
        answered.tableSizeBytes = backup.sizeBytes
        return DynamoDB.RestoreTableFromBackupOutput(tableDescription: answered)
    }

    /// Creates table `name` as `source` defines it with `overrides` applied (CreateTable's checks), then writes into
    /// it the items `items` reads, with their index entries, all in one store transaction (nothing is left when it
    /// fails; TableAlreadyExistsException when the name is taken). Answers the new table's description as
    /// DynamoDB answers a restore: CREATING, with its `RestoreSummary` in progress.
    func restoreTable(
        from source: DynamoDB.TableDescription, named name: String, overrides: DynamoDBRestoreOverrides,
        backupArn: String?, context: RequestContext,
        items: @escaping @Sendable (any DynamoDBStoreTransaction) throws -> [DynamoDBStoredItem]
    ) async throws -> DynamoDB.TableDescription {
        var record = try newTableRecord(Self.restoredDefinition(source, name: name, overrides), context: context)
        let now = record.description.creationDateTime ?? clock.now()
        record.description.restoreSummary = DynamoDB.RestoreSummary(
            sourceBackupArn: backupArn, sourceTableArn: source.tableArn, restoreDateTime: now, restoreInProgress: false)
        let schema = DynamoDBKeySchema(record.description)
        let newRecord = record
        try await store.write { transaction in
            guard let created = try transaction.createTable(newRecord) else { throw DynamoDBFailure.restoreTargetExists(name) }
            for stored in try items(transaction) {
                let item = try Self.decode(stored)
                // As in a backfill, an index whose key attribute has another type in an item leaves that item out.
                let entries = schema.indexes.flatMap { index -> [DynamoDBIndexEntry] in
                    var single = schema
                    single.indexes = [index]
                    return (try? single.indexEntries(of: item)) ?? []
                }
                try transaction.putItem(
                    tableID: created.id,
                    DynamoDBStoredItem(key: stored.key, body: stored.body, size: stored.size, expiresAt: nil),
                    indexEntries: entries, replaced: .read(nil), changedAt: now)
            }
        }
        var answered = Self.creating(record.description)
        answered.restoreSummary?.restoreInProgress = true
        return answered
    }

    // MARK: Pieces

    /// The backup `arn` names, if it belongs to the caller's account and region; else BackupNotFoundException.
    private func ownBackup(_ arn: String, _ context: RequestContext) async throws -> DynamoDBBackupRecord {
        guard let backup = try await store.backup(arn: arn), backup.accountID == context.accountID,
            backup.region == context.region
        else { throw DynamoDBFailure.backupNotFound(arn) }
        return backup
    }

    /// The CreateTable input a restore starts from: the source's definition with the request's overrides.
    private static func restoredDefinition(
        _ source: DynamoDB.TableDescription, name: String, _ overrides: DynamoDBRestoreOverrides
    ) -> DynamoDB.CreateTableInput {
        let billing = overrides.billingMode ?? source.billingModeSummary?.billingMode ?? "PROVISIONED"
        let sourceThroughput = throughput(source.provisionedThroughput)
        let provisioned = billing.rawValue == "PROVISIONED"
        let localIndexes = overrides.localSecondaryIndexes ?? source.localSecondaryIndexes?.map {
            DynamoDB.LocalSecondaryIndex(
                indexName: $0.indexName ?? "", keySchema: $0.keySchema ?? [], projection: $0.projection ?? DynamoDB.Projection())
        }
        let globalIndexes = overrides.globalSecondaryIndexes ?? source.globalSecondaryIndexes?.map { index in
            DynamoDB.GlobalSecondaryIndex(
                indexName: index.indexName ?? "", keySchema: index.keySchema ?? [],
                projection: index.projection ?? DynamoDB.Projection(),
                provisionedThroughput: provisioned ? throughput(index.provisionedThroughput) : nil)
        }
        // Only the attributes the restored keys and indexes use are defined (an index left out takes its own along).
        var used = Set((source.keySchema ?? []).map(\.attributeName))
        for index in localIndexes ?? [] { used.formUnion(index.keySchema.map(\.attributeName)) }
        for index in globalIndexes ?? [] { used.formUnion(index.keySchema.map(\.attributeName)) }
        var definition = DynamoDB.CreateTableInput(
            attributeDefinitions: (source.attributeDefinitions ?? []).filter { used.contains($0.attributeName) },
            tableName: name, keySchema: source.keySchema ?? [],
            localSecondaryIndexes: localIndexes?.isEmpty == false ? localIndexes : nil,
            globalSecondaryIndexes: globalIndexes?.isEmpty == false ? globalIndexes : nil,
            billingMode: billing,
            provisionedThroughput: provisioned ? overrides.provisionedThroughput ?? sourceThroughput : nil,
            sseSpecification: overrides.sseSpecification)
        definition.tableClass = source.tableClassSummary?.tableClass
        return definition
    }

    /// The throughput a table or index description reports, as a request sets it.
    private static func throughput(_ description: DynamoDB.ProvisionedThroughputDescription?)
        -> DynamoDB.ProvisionedThroughput?
    {
        description.map {
            DynamoDB.ProvisionedThroughput(
                readCapacityUnits: $0.readCapacityUnits ?? 0, writeCapacityUnits: $0.writeCapacityUnits ?? 0)
        }
    }

    private static func backupDetails(_ backup: DynamoDBBackupRecord) -> DynamoDB.BackupDetails {
        DynamoDB.BackupDetails(
            backupArn: backup.arn, backupName: backup.name, backupSizeBytes: backup.sizeBytes, backupStatus: "AVAILABLE",
            backupType: "USER", backupCreationDateTime: backup.createdAt)
    }

    private static func backupSummary(_ backup: DynamoDBBackupRecord) -> DynamoDB.BackupSummary {
        DynamoDB.BackupSummary(
            tableName: backup.table.name, tableId: backup.table.description.tableId,
            tableArn: backup.table.description.tableArn, backupArn: backup.arn, backupName: backup.name,
            backupCreationDateTime: backup.createdAt, backupStatus: "AVAILABLE", backupType: "USER",
            backupSizeBytes: backup.sizeBytes)
    }

    private static func backupDescription(_ backup: DynamoDBBackupRecord) -> DynamoDB.BackupDescription {
        let table = backup.table.description
        let sourceTable = DynamoDB.SourceTableDetails(
            tableName: backup.table.name, tableId: table.tableId ?? "", tableArn: table.tableArn,
            tableSizeBytes: backup.sizeBytes, keySchema: table.keySchema ?? [],
            tableCreationDateTime: table.creationDateTime ?? backup.createdAt,
            provisionedThroughput: throughput(table.provisionedThroughput)
                ?? DynamoDB.ProvisionedThroughput(readCapacityUnits: 0, writeCapacityUnits: 0),
            itemCount: backup.itemCount, billingMode: table.billingModeSummary?.billingMode ?? "PROVISIONED")
        var features = DynamoDB.SourceTableFeatureDetails()
        features.localSecondaryIndexes = table.localSecondaryIndexes?.map {
            DynamoDB.LocalSecondaryIndexInfo(indexName: $0.indexName, keySchema: $0.keySchema, projection: $0.projection)
        }
        features.globalSecondaryIndexes = table.globalSecondaryIndexes?.map {
            DynamoDB.GlobalSecondaryIndexInfo(
                indexName: $0.indexName, keySchema: $0.keySchema, projection: $0.projection,
                provisionedThroughput: throughput($0.provisionedThroughput))
        }
        features.streamDescription = table.streamSpecification
        features.timeToLiveDescription = backup.table.timeToLiveAttribute.map {
            DynamoDB.TimeToLiveDescription(timeToLiveStatus: "ENABLED", attributeName: $0)
        }
        features.sseDescription = table.sseDescription
        return DynamoDB.BackupDescription(
            backupDetails: backupDetails(backup), sourceTableDetails: sourceTable, sourceTableFeatureDetails: features)
    }
}
