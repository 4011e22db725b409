import Foundation
import StratusAPIDynamoDB
import StratusDynamoDB
import StratusStoreSQLite
import Testing

/// The SQLite adapter on a WAL file, where short reads (items, queries, table lookups) run on the caller's thread
/// through their own read-only connections: they must see every write that returned, from one snapshot.
@Suite struct DynamoDBFileStoreTests {
    static func withStore(_ body: (SQLiteDynamoDBStore, Int64) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("stratus-dynamodb-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SQLiteDatabase.open(name: "dynamodb", at: directory.appendingPathComponent("dynamodb.sqlite"))
        defer { try? database.close() }
        let store = SQLiteDynamoDBStore(database: database)
        let table = try #require(try await store.createTable(DynamoDBTableRecord(
            accountID: "000000000000", region: "us-east-1", name: "raw", description: DynamoDB.TableDescription())))
        try await body(store, table.id)
    }

    static func key(_ hash: String, _ range: UInt8) -> DynamoDBStoredKey {
        DynamoDBStoredKey(hash: Data(hash.utf8), range: Data([range]))
    }

    static func put(_ store: SQLiteDynamoDBStore, table: Int64, _ hash: String, _ range: UInt8, body: UInt8) async throws {
        try await store.write { transaction in
            try transaction.putItem(
                tableID: table, DynamoDBStoredItem(key: key(hash, range), body: Data([body]), size: 10 + Int(body)),
                indexEntries: [DynamoDBIndexEntry(indexName: "ix", hash: Data("all".utf8), range: Data([range]))],
                changedAt: testChangeTime)
        }
    }

    @Test func readsSeeEveryReturnedWrite() async throws {
        try await Self.withStore { store, table in
            let found = try await store.table(accountID: "000000000000", region: "us-east-1", name: "raw")
            #expect(found?.id == table)
            #expect(try await store.items(tableID: table, keys: [Self.key("a", 1)]) == [nil])
            for round: UInt8 in 1...20 {
                try await Self.put(store, table: table, "a", 1, body: round)
                try await Self.put(store, table: table, "b", round, body: round)
                let items = try await store.items(tableID: table, keys: [Self.key("a", 1), Self.key("b", round), Self.key("c", 1)])
                #expect(items.map { $0?.body } == [Data([round]), Data([round]), nil])
                let rows = try await store.query(DynamoDBItemQuery(tableID: table, indexName: nil, hash: Data("b".utf8), limit: 100))
                #expect(rows.count == Int(round))
                let indexed = try await store.query(DynamoDBItemQuery(
                    tableID: table, indexName: "ix", hash: Data("all".utf8), forward: false, limit: 1))
                #expect(indexed.first?.item.key == Self.key("b", round))
            }
            try await store.write { transaction in try transaction.deleteItem(tableID: table, key: Self.key("a", 1), changedAt: testChangeTime) }
            #expect(try await store.items(tableID: table, keys: [Self.key("a", 1)]) == [nil])
        }
    }

    @Test func concurrentReadsAndWrites() async throws {
        try await Self.withStore { store, table in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer: UInt8 in 0..<8 {
                    group.addTask {
                        for round: UInt8 in 0..<10 { try await Self.put(store, table: table, "w\(writer)", round, body: round) }
                    }
                    group.addTask {
                        for _ in 0..<40 {
                            let rows = try await store.query(DynamoDBItemQuery(
                                tableID: table, indexName: nil, hash: Data("w\(writer)".utf8), limit: 100))
                            // Writes of one writer commit in order: a snapshot holds a prefix of them.
                            #expect(rows.map { $0.item.key.range } == (0..<UInt8(rows.count)).map { Data([$0]) })
                        }
                    }
                }
                try await group.waitForAll()
            }
            let statistics = try await store.statistics(tableID: table)
            #expect(statistics.itemCount == 80)
        }
    }
}
