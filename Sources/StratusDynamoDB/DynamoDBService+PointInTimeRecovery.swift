import Foundation
import StratusAPIDynamoDB
import StratusAWSCore
import StratusServiceKit

extension DynamoDBService {
    /// The recovery period when `UpdateContinuousBackups` names none.
    static let defaultRecoveryPeriodInDays = 35

    /// `DescribeContinuousBackups`: backups are available for every table (`ENABLED`); point-in-time recovery is
    /// `ENABLED` with its restorable window and recovery period, or `DISABLED`.
    package func describeContinuousBackups(_ input: DynamoDB.DescribeContinuousBackupsInput, context: RequestContext)
        async throws -> DynamoDB.DescribeContinuousBackupsOutput
    {
        let table = try await backupSourceTable(input.tableName, context: context)
        let settings = try await store.pointInTimeRecovery(tableID: table.id)
        return DynamoDB.DescribeContinuousBackupsOutput(
            continuousBackupsDescription: Self.continuousBackups(settings, now: clock.now()))
    }

    /// `UpdateContinuousBackups`: turns point-in-time recovery on (the table's items from now on are kept with
    /// every later change, so a restore can rebuild any moment of the recovery period) or off (forgetting that
    /// history); on an enabled table it only changes `RecoveryPeriodInDays`.
    package func updateContinuousBackups(_ input: DynamoDB.UpdateContinuousBackupsInput, context: RequestContext)
        async throws -> DynamoDB.UpdateContinuousBackupsOutput
    {
        let table = try await backupSourceTable(input.tableName, context: context)
        let specification = input.pointInTimeRecoverySpecification
        let settings = DynamoDBPointInTimeRecovery(
            enabledAt: clock.now(), recoveryPeriodInDays: specification.recoveryPeriodInDays ?? Self.defaultRecoveryPeriodInDays)
        let tableID = table.id
        let name = input.tableName
        try await store.write { transaction in
            guard try transaction.table(id: tableID) != nil else { throw DynamoDBFailure.backupTableNotFound(name) }
            if specification.pointInTimeRecoveryEnabled {
                try transaction.enablePointInTimeRecovery(tableID: tableID, settings)
            } else {
                try transaction.disablePointInTimeRecovery(tableID: tableID)
            }
        }
        let current = try await store.pointInTimeRecovery(tableID: tableID)
        return DynamoDB.UpdateContinuousBackupsOutput(
            continuousBackupsDescription: Self.continuousBackups(current, now: clock.now()))
    }

    /// `RestoreTableToPointInTime`: a new table with the source's current definition (or the overrides) holding
    /// the items the source held at `RestoreDateTime` (or now, with `UseLatestRestorableTime`), which must lie
    /// between the earliest and latest restorable times; tags, TTL, streams and deletion protection are not
    /// restored (as with a backup).
    package func restoreTableToPointInTime(_ input: DynamoDB.RestoreTableToPointInTimeInput, context: RequestContext)
        async throws -> DynamoDB.RestoreTableToPointInTimeOutput
    {
        guard let source = input.sourceTableArn ?? input.sourceTableName else {
            throw AWSServiceError.validation("Either SourceTableArn or SourceTableName must be provided")
        }
        if input.sourceTableArn != nil, input.sourceTableName != nil {
            throw AWSServiceError.validation("Only one of SourceTableArn or SourceTableName may be provided")
        }
        let useLatest = input.useLatestRestorableTime ?? false
        if useLatest, input.restoreDateTime != nil {
            throw AWSServiceError.validation("Only one of RestoreDateTime or UseLatestRestorableTime may be provided")
        }
        let table = try await backupSourceTable(source, context: context)
        guard let settings = try await store.pointInTimeRecovery(tableID: table.id) else {
            throw AWSServiceError(
                DynamoDBErrors.pointInTimeRecoveryUnavailableException,
                "Point in time recovery is not enabled for table '\(table.name)'")
        }
        let now = clock.now()
        guard let time = useLatest ? now : input.restoreDateTime else {
            throw AWSServiceError.validation("Either RestoreDateTime or UseLatestRestorableTime must be provided")
        }
        guard time >= settings.earliestRestorableTime(now: now), time <= now else {
            throw AWSServiceError(
                DynamoDBErrors.invalidRestoreTimeException,
                "RestoreDateTime must be between EarliestRestorableDateTime and LatestRestorableDateTime")
        }
        let overrides = DynamoDBRestoreOverrides(input)
        let tableID = table.id
        let answered = try await restoreTable(
            from: table.description, named: input.targetTableName, overrides: overrides, backupArn: nil, context: context
        ) { transaction in try transaction.items(tableID: tableID, asOf: time) }
        return DynamoDB.RestoreTableToPointInTimeOutput(tableDescription: answered)
    }

    /// Forgets, for every table with point-in-time recovery on, the history older than its recovery period allows
    /// a restore to reach (each key keeps its state at the earliest restorable time). Returns how many changes were
    /// forgotten. Run periodically by ``DynamoDBTimeToLiveService``.
    package func forgetUnreachableHistory() async throws -> Int {
        let now = clock.now()
        var forgotten = 0
        for table in try await store.allTables() {
            guard let settings = try await store.pointInTimeRecovery(tableID: table.id) else { continue }
            let earliest = settings.earliestRestorableTime(now: now)
            guard earliest > settings.enabledAt else { continue }
            let tableID = table.id
            forgotten += try await store.write { transaction in
                try transaction.forgetHistory(tableID: tableID, before: earliest)
            }
        }
        return forgotten
    }

    /// The table a backup or recovery operation names (name or ARN), or its TableNotFoundException.
    func backupSourceTable(_ nameOrArn: String, context: RequestContext) async throws -> DynamoDBTableRecord {
        guard let table = try await findTable(nameOrArn, context: context) else {
            throw DynamoDBFailure.backupTableNotFound(nameOrArn)
        }
        return table
    }

    /// The continuous-backups description for `settings` (nil: recovery off) at `now`.
    static func continuousBackups(_ settings: DynamoDBPointInTimeRecovery?, now: Date)
        -> DynamoDB.ContinuousBackupsDescription
    {
        guard let settings else {
            return DynamoDB.ContinuousBackupsDescription(
                continuousBackupsStatus: "ENABLED",
                pointInTimeRecoveryDescription: DynamoDB.PointInTimeRecoveryDescription(pointInTimeRecoveryStatus: "DISABLED"))
        }
        return DynamoDB.ContinuousBackupsDescription(
            continuousBackupsStatus: "ENABLED",
            pointInTimeRecoveryDescription: DynamoDB.PointInTimeRecoveryDescription(
                pointInTimeRecoveryStatus: "ENABLED", recoveryPeriodInDays: settings.recoveryPeriodInDays,
                earliestRestorableDateTime: settings.earliestRestorableTime(now: now), latestRestorableDateTime: now))
    }
}
