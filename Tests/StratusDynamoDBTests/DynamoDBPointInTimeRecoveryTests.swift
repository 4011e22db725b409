import Foundation
import StratusAPIDynamoDB
import StratusServiceKit
import StratusStoreSQLite
import StratusTesting
import Testing

@testable import StratusDynamoDB

@Suite("DynamoDB point-in-time recovery")
struct DynamoDBPointInTimeRecoveryTests {
    private func enable(_ fixture: DynamoDBFixture, _ table: String, days: Int? = nil) async throws
        -> DynamoDB.PointInTimeRecoveryDescription?
    {
        try await fixture.service.updateContinuousBackups(
            DynamoDB.UpdateContinuousBackupsInput(
                tableName: table,
                pointInTimeRecoverySpecification: DynamoDB.PointInTimeRecoverySpecification(
                    pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: days)),
            context: fixture.context
        ).continuousBackupsDescription?.pointInTimeRecoveryDescription
    }

    private func restore(_ fixture: DynamoDBFixture, _ table: String, at time: Date?, to target: String) async throws {
        _ = try await fixture.service.restoreTableToPointInTime(
            DynamoDB.RestoreTableToPointInTimeInput(
                sourceTableName: table, targetTableName: target, useLatestRestorableTime: time == nil ? true : nil,
                restoreDateTime: time),
            context: fixture.context)
    }

    /// The `v` of every item of `table`, by `sk`.
    private func contents(_ fixture: DynamoDBFixture, _ table: String) async throws -> [String: String] {
        let items = try await fixture.service.scan(DynamoDB.ScanInput(tableName: table), context: fixture.context).items ?? []
        return Dictionary(uniqueKeysWithValues: items.map { ($0["sk"]!.n!, $0["v"]?.s ?? "") })
    }

    @Test func aRestoreRebuildsTheTableAsItWasAtAnyMomentSinceEnabling() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("history", globalIndexes: [(name: "by-g", hash: "g", projection: "ALL")])
        try await fixture.put("history", ["pk": s("a"), "sk": n("1"), "v": s("one"), "g": s("x")])
        try await fixture.put("history", ["pk": s("a"), "sk": n("2"), "v": s("two"), "g": s("x")])
        let enabledAt = fixture.clock.now()
        let described = try await enable(fixture, "history")
        #expect(described?.pointInTimeRecoveryStatus == "ENABLED" && described?.recoveryPeriodInDays == 35)
        #expect(described?.earliestRestorableDateTime == enabledAt)

        fixture.clock.advance(seconds: 10)
        try await fixture.put("history", ["pk": s("a"), "sk": n("1"), "v": s("one, changed"), "g": s("x")])
        fixture.clock.advance(seconds: 10)
        _ = try await fixture.service.deleteItem(
            DynamoDB.DeleteItemInput(tableName: "history", key: ["pk": s("a"), "sk": n("2")]), context: fixture.context)
        fixture.clock.advance(seconds: 10)
        _ = try await fixture.service.batchWriteItem(
            DynamoDB.BatchWriteItemInput(requestItems: [
                "history": [DynamoDB.WriteRequest(putRequest: DynamoDB.PutRequest(item: ["pk": s("a"), "sk": n("3"), "v": s("three")]))]
            ]),
            context: fixture.context)
        fixture.clock.advance(seconds: 10)
        _ = try await fixture.service.transactWriteItems(
            DynamoDB.TransactWriteItemsInput(transactItems: [
                DynamoDB.TransactWriteItem(update: DynamoDB.Update(
                    key: ["pk": s("a"), "sk": n("3")], updateExpression: "SET v = :v", tableName: "history",
                    expressionAttributeValues: [":v": s("three, changed")]))
            ]),
            context: fixture.context)
        fixture.clock.advance(seconds: 10)

        let moments: [(offset: Double, expected: [String: String])] = [
            (0, ["1": "one", "2": "two"]), (5, ["1": "one", "2": "two"]), (10, ["1": "one, changed", "2": "two"]),
            (15, ["1": "one, changed", "2": "two"]), (25, ["1": "one, changed"]), (35, ["1": "one, changed", "3": "three"]),
            (45, ["1": "one, changed", "3": "three, changed"]),
        ]
        for (index, moment) in moments.enumerated() {
            try await restore(fixture, "history", at: enabledAt.addingTimeInterval(moment.offset), to: "at-\(index)")
            #expect(try await contents(fixture, "at-\(index)") == moment.expected, "at +\(moment.offset) s")
        }
        try await restore(fixture, "history", at: nil, to: "latest")
        #expect(try await contents(fixture, "latest") == ["1": "one, changed", "3": "three, changed"])
        // The restored table's indexes are built from the restored items.
        let byG = try await fixture.service.query(
            DynamoDB.QueryInput(
                tableName: "at-1", indexName: "by-g", keyConditionExpression: "g = :g", expressionAttributeValues: [":g": s("x")]),
            context: fixture.context)
        #expect(byG.count == 2)
    }

    @Test func restoreTimesOutsideTheWindowAndTablesWithoutRecoveryAreRefused() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("window")
        await #expect { try await restore(fixture, "window", at: nil, to: "none") } throws: { error in
            (error as? AWSServiceError)?.code.code == "PointInTimeRecoveryUnavailableException"
        }
        let enabledAt = fixture.clock.now()
        _ = try await enable(fixture, "window", days: 1)
        fixture.clock.advance(seconds: 2 * 86_400)
        let description = try await fixture.service.describeContinuousBackups(
            DynamoDB.DescribeContinuousBackupsInput(tableName: "window"), context: fixture.context
        ).continuousBackupsDescription?.pointInTimeRecoveryDescription
        // One day of recovery: the window starts a day ago, not at the enabling two days ago.
        #expect(description?.earliestRestorableDateTime == fixture.clock.now().addingTimeInterval(-86_400))
        #expect(description?.latestRestorableDateTime == fixture.clock.now())
        for time in [enabledAt, fixture.clock.now().addingTimeInterval(1)] {
            await #expect { try await restore(fixture, "window", at: time, to: "outside") } throws: { error in
                (error as? AWSServiceError)?.code.code == "InvalidRestoreTimeException"
            }
        }
        _ = try await fixture.service.updateContinuousBackups(
            DynamoDB.UpdateContinuousBackupsInput(
                tableName: "window",
                pointInTimeRecoverySpecification: DynamoDB.PointInTimeRecoverySpecification(pointInTimeRecoveryEnabled: false)),
            context: fixture.context)
        await #expect { try await restore(fixture, "window", at: nil, to: "off") } throws: { error in
            (error as? AWSServiceError)?.code.code == "PointInTimeRecoveryUnavailableException"
        }
        let tables = try await fixture.service.listTables(DynamoDB.ListTablesInput(), context: fixture.context)
        #expect(tables.tableNames == ["window"])
    }

    @Test func historyBeyondTheRecoveryPeriodIsForgottenWithoutChangingReachableStates() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("aging")
        try await fixture.put("aging", ["pk": s("a"), "sk": n("1"), "v": s("v0")])
        try await fixture.put("aging", ["pk": s("a"), "sk": n("2"), "v": s("gone soon")])
        _ = try await enable(fixture, "aging", days: 1)  // history: 1 → v0, 2 → gone soon
        for version in 1...3 {
            fixture.clock.advance(seconds: 3_600)
            try await fixture.put("aging", ["pk": s("a"), "sk": n("1"), "v": s("v\(version)")])
        }
        _ = try await fixture.service.deleteItem(
            DynamoDB.DeleteItemInput(tableName: "aging", key: ["pk": s("a"), "sk": n("2")]), context: fixture.context)
        let lastWrite = fixture.clock.now()
        fixture.clock.advance(seconds: 86_400 + 60)
        // Nothing to forget until the window has moved past the enabling; then, before the earliest restorable
        // time, key 1 keeps only v3 and key 2 (deleted) nothing: 3 + 2 changes go.
        #expect(try await fixture.service.forgetUnreachableHistory() == 5)
        #expect(try await fixture.service.forgetUnreachableHistory() == 0)
        try await restore(fixture, "aging", at: fixture.clock.now().addingTimeInterval(-86_400), to: "earliest")
        #expect(try await contents(fixture, "earliest") == ["1": "v3"])
        #expect(lastWrite < fixture.clock.now().addingTimeInterval(-86_400))
        try await fixture.put("aging", ["pk": s("a"), "sk": n("3"), "v": s("new")])
        try await restore(fixture, "aging", at: nil, to: "latest")
        #expect(try await contents(fixture, "latest") == ["1": "v3", "3": "new"])
    }

    @Test func reEnablingOnlyChangesTheRecoveryPeriod() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("period")
        let enabledAt = fixture.clock.now()
        _ = try await enable(fixture, "period", days: 3)
        fixture.clock.advance(seconds: 60)
        let again = try await enable(fixture, "period", days: 7)
        #expect(again?.recoveryPeriodInDays == 7 && again?.earliestRestorableDateTime == enabledAt)
    }
}
