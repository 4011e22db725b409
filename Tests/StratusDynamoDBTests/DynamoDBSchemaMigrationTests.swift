import Foundation
import GRDB
import StratusDynamoDB
import StratusStoreSQLite
import Testing

/// A data directory written by a build before `ddb-003` (items keyed without their partition hash, a separate Scan
/// index) keeps every item and index entry once the store migrates it.
@Suite struct DynamoDBSchemaMigrationTests {
    static func key(_ hash: String, _ range: UInt8) -> DynamoDBStoredKey {
        DynamoDBStoredKey(hash: Data(hash.utf8), range: Data([range]))
    }

    @Test func itemsAndIndexEntriesSurviveTheMoveToPartitionKeyedItems() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("stratus-dynamodb-migration-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("dynamodb.sqlite")
        let table: Int64 = 1
        let hashes = (0..<40).map { "k\($0)" }

        // The schema as `ddb-002` left it, filled the way that build wrote it.
        let old = try SQLiteDatabase.open(name: "dynamodb", at: url)
        try await old.migrate(Array(SQLiteDynamoDBSchema.migrations.prefix(2)))
        try await old.write { database in
            for (number, hash) in hashes.enumerated() {
                for range: UInt8 in 0..<2 {
                    let key = Self.key(hash, range)
                    try database.execute(
                        sql: """
                            INSERT INTO ddb_items (table_id, hash_key, range_key, partition, size, body, expires_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            table, key.hash, key.range, Int64(DynamoDBStoredKey.partitionHash(key.hash)), 10,
                            Data([UInt8(number), range]), range == 1 ? Int64(1_000 + number) : nil,
                        ])
                    try database.execute(
                        sql: """
                            INSERT INTO ddb_index_entries
                                (table_id, index_name, index_hash, index_range, partition, hash_key, range_key)
                            VALUES (?, 'ix', ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            table, Data("all".utf8), Data([UInt8(number), range]),
                            Int64(DynamoDBStoredKey.partitionHash(Data("all".utf8))), key.hash, key.range,
                        ])
                }
            }
        }
        try old.close()

        let database = try SQLiteDatabase.open(name: "dynamodb", at: url)
        defer { try? database.close() }
        let store = SQLiteDynamoDBStore(database: database)
        try await store.prepare()
        #expect(try await database.appliedMigrations() == SQLiteDynamoDBSchema.migrations.map(\.name))

        let found = try await store.items(tableID: table, keys: [Self.key("k7", 1), Self.key("k39", 0), Self.key("k40", 0)])
        #expect(found.map { $0?.body } == [Data([7, 1]), Data([39, 0]), nil])
        let partition = try await store.query(DynamoDBItemQuery(tableID: table, indexName: nil, hash: Data("k3".utf8), limit: 10))
        #expect(partition.map(\.item.key) == [Self.key("k3", 0), Self.key("k3", 1)])
        let indexed = try await store.query(DynamoDBItemQuery(
            tableID: table, indexName: "ix", hash: Data("all".utf8), limit: 100))
        #expect(indexed.count == 80)
        #expect(indexed.first?.item.body == Data([0, 0]))
        #expect(indexed.last?.item.body == Data([39, 1]))

        let scanned = try await store.scan(DynamoDBItemScan(tableID: table, indexName: nil, limit: 1_000))
        #expect(scanned.count == 80)
        let order = scanned.map { (DynamoDBStoredKey.partitionHash($0.item.key.hash), $0.item.key.hash, $0.item.key.range) }
        #expect(order.map(\.0) == order.map(\.0).sorted())
        let indexScan = try await store.scan(DynamoDBItemScan(tableID: table, indexName: "ix", limit: 1_000))
        #expect(indexScan.count == 80)
        #expect(try await store.expiringKeys(tableID: table, in: 0...1_004, limit: 10)
            == (0...4).map { Self.key("k\($0)", 1) })
        #expect(try await store.statistics(tableID: table).itemCount == 80)
        #expect(try await store.statistics(tableID: table).indexes["ix"]?.0 == 80)

        // Writes after the migration replace, delete and re-index items in the new layout.
        try await store.write { transaction in
            try transaction.putItem(
                tableID: table, DynamoDBStoredItem(key: Self.key("k7", 1), body: Data([70]), size: 11),
                indexEntries: [DynamoDBIndexEntry(indexName: "ix", hash: Data("all".utf8), range: Data([200]))],
                replaced: .unknown, changedAt: testChangeTime)
            try transaction.deleteItem(tableID: table, key: Self.key("k8", 0), changedAt: testChangeTime)
        }
        #expect(try await store.items(tableID: table, keys: [Self.key("k7", 1), Self.key("k8", 0)]).map { $0?.body }
            == [Data([70]), nil])
        let reindexed = try await store.query(DynamoDBItemQuery(
            tableID: table, indexName: "ix", hash: Data("all".utf8), forward: false, limit: 1))
        #expect(reindexed.first?.item.body == Data([70]))
        #expect(try await store.statistics(tableID: table).itemCount == 79)
    }
}
