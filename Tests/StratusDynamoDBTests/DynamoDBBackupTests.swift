import Foundation
import StratusAPIDynamoDB
import StratusServiceKit
import StratusStoreSQLite
import StratusTesting
import Testing

@testable import StratusDynamoDB

@Suite("DynamoDB backups")
struct DynamoDBBackupTests {
    private func backup(_ fixture: DynamoDBFixture, _ table: String, _ name: String) async throws -> String {
        try await fixture.service.createBackup(
            DynamoDB.CreateBackupInput(tableName: table, backupName: name), context: fixture.context
        ).backupDetails!.backupArn
    }

    private func restore(_ fixture: DynamoDBFixture, _ arn: String, to target: String) async throws
        -> DynamoDB.TableDescription
    {
        try await fixture.service.restoreTableFromBackup(
            DynamoDB.RestoreTableFromBackupInput(targetTableName: target, backupArn: arn), context: fixture.context
        ).tableDescription!
    }

    @Test func aBackupKeepsTheItemsOfItsMomentWhateverHappensToTheTable() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("source", globalIndexes: [(name: "by-g", hash: "g", projection: "KEYS_ONLY")])
        for index in 0..<4 { try await fixture.put("source", ["pk": s("a"), "sk": n("\(index)"), "g": s("x")]) }
        let arn = try await backup(fixture, "source", "moment")
        try await fixture.put("source", ["pk": s("a"), "sk": n("9"), "g": s("x")])
        _ = try await fixture.service.deleteItem(
            DynamoDB.DeleteItemInput(tableName: "source", key: ["pk": s("a"), "sk": n("0")]), context: fixture.context)
        _ = try await fixture.service.deleteTable(DynamoDB.DeleteTableInput(tableName: "source"), context: fixture.context)

        let restored = try await restore(fixture, arn, to: "source")
        #expect(restored.tableStatus == "CREATING" && restored.restoreSummary?.restoreInProgress == true)
        #expect(restored.itemCount == 4)
        for index in 0..<4 { #expect(try await fixture.get("source", ["pk": s("a"), "sk": n("\(index)")]) != nil) }
        #expect(try await fixture.get("source", ["pk": s("a"), "sk": n("9")]) == nil)
        let query = try await fixture.service.query(
            DynamoDB.QueryInput(
                tableName: "source", indexName: "by-g", keyConditionExpression: "g = :g", expressionAttributeValues: [":g": s("x")]),
            context: fixture.context)
        #expect(query.count == 4)
        let described = try await fixture.service.describeTable(DynamoDB.DescribeTableInput(tableName: "source"), context: fixture.context)
        #expect(described.table?.tableStatus == "ACTIVE" && described.table?.restoreSummary?.restoreInProgress == false)
    }

    @Test func aRestoreOntoATakenNameWritesNothing() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("source")
        try await fixture.put("source", ["pk": s("a"), "sk": n("1"), "v": s("old")])
        let arn = try await backup(fixture, "source", "first")
        try await fixture.put("source", ["pk": s("a"), "sk": n("1"), "v": s("new")])
        await #expect { try await restore(fixture, arn, to: "source") } throws: { error in
            (error as? AWSServiceError)?.code.code == "TableAlreadyExistsException"
        }
        #expect(try await fixture.get("source", ["pk": s("a"), "sk": n("1")])?["v"] == s("new"))
        let tables = try await fixture.service.listTables(DynamoDB.ListTablesInput(), context: fixture.context)
        #expect(tables.tableNames == ["source"])
    }

    @Test func listingFiltersByCreationTimeWithAnInclusiveLowerAndExclusiveUpperBound() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("timed")
        var times: [Date] = []
        var arns: [String] = []
        for index in 0..<3 {
            times.append(fixture.clock.now())
            arns.append(try await backup(fixture, "timed", "backup-\(index)"))
            fixture.clock.advance(seconds: 60)
        }
        func listed(from lower: Date?, to upper: Date?) async throws -> [String] {
            try await fixture.service.listBackups(
                DynamoDB.ListBackupsInput(tableName: "timed", timeRangeLowerBound: lower, timeRangeUpperBound: upper),
                context: fixture.context
            ).backupSummaries?.compactMap(\.backupArn) ?? []
        }
        #expect(try await listed(from: times[1], to: nil) == Array(arns[1...]))
        #expect(try await listed(from: nil, to: times[1]) == [arns[0]])
        #expect(try await listed(from: times[0], to: times[2]) == Array(arns[..<2]))
        let details = try await fixture.service.describeBackup(
            DynamoDB.DescribeBackupInput(backupArn: arns[1]), context: fixture.context
        ).backupDescription?.backupDetails
        #expect(details?.backupCreationDateTime == times[1] && details?.backupName == "backup-1")
        // The ARN carries the creation time in milliseconds, zero-padded to 14 digits.
        let milliseconds = Int64(times[0].timeIntervalSince1970 * 1000)
        #expect(arns[0].contains("/backup/\(String(format: "%014lld", milliseconds))-"))
    }
}
