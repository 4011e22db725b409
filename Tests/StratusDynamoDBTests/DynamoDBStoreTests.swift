import Foundation
import StratusAPIDynamoDB
import StratusDynamoDB
import StratusStoreSQLite
import Testing

/// The SQLite adapter against the port's guarantees, with raw keys.
@Suite struct DynamoDBStoreTests {
    func makeStore() async throws -> (SQLiteDynamoDBStore, Int64) {
        let store = SQLiteDynamoDBStore(database: try SQLiteDatabase.inMemory(name: "dynamodb"))
        let table = try #require(try await store.createTable(DynamoDBTableRecord(
            accountID: "000000000000", region: "us-east-1", name: "raw", description: DynamoDB.TableDescription())))
        return (store, table.id)
    }

    func item(_ hash: String, _ range: UInt8, index: String? = nil) -> (DynamoDBStoredItem, [DynamoDBIndexEntry]) {
        let key = DynamoDBStoredKey(hash: Data(hash.utf8), range: Data([range]))
        let entries = index.map { [DynamoDBIndexEntry(indexName: "ix", hash: Data($0.utf8), range: Data([range]))] } ?? []
        return (DynamoDBStoredItem(key: key, body: Data([range]), size: 10 + Int(range)), entries)
    }

    @Test func createTableRefusesATakenName() async throws {
        let (store, _) = try await makeStore()
        let again = try await store.createTable(DynamoDBTableRecord(
            accountID: "000000000000", region: "us-east-1", name: "raw", description: DynamoDB.TableDescription()))
        #expect(again == nil)
        let elsewhere = try await store.createTable(DynamoDBTableRecord(
            accountID: "000000000000", region: "eu-west-1", name: "raw", description: DynamoDB.TableDescription()))
        #expect(elsewhere != nil)
    }

    @Test func queryBoundsDirectionAndStart() async throws {
        let (store, table) = try await makeStore()
        try await store.write { transaction in
            for range: UInt8 in [5, 1, 9, 3, 7] {
                let (stored, entries) = self.item("p", range)
                try transaction.putItem(tableID: table, stored, indexEntries: entries, changedAt: testChangeTime)
            }
            let (other, _) = self.item("q", 4)
            try transaction.putItem(tableID: table, other, indexEntries: [], changedAt: testChangeTime)
        }
        func ranges(_ query: DynamoDBItemQuery) async throws -> [UInt8] {
            try await store.query(query).map { $0.item.key.range.first! }
        }
        let hash = Data("p".utf8)
        #expect(try await ranges(DynamoDBItemQuery(tableID: table, indexName: nil, hash: hash, limit: 10)) == [1, 3, 5, 7, 9])
        #expect(try await ranges(DynamoDBItemQuery(
            tableID: table, indexName: nil, hash: hash, lower: DynamoDBRangeBound(Data([3]), inclusive: false),
            upper: DynamoDBRangeBound(Data([9]), inclusive: false), limit: 10)) == [5, 7])
        #expect(try await ranges(DynamoDBItemQuery(
            tableID: table, indexName: nil, hash: hash, forward: false,
            startAfter: DynamoDBItemPosition(key: DynamoDBStoredKey(hash: hash, range: Data([7]))), limit: 2)) == [5, 3])
    }

    @Test func indexEntriesFollowTheirItem() async throws {
        let (store, table) = try await makeStore()
        try await store.write { transaction in
            let (first, entries) = self.item("a", 1, index: "red")
            try transaction.putItem(tableID: table, first, indexEntries: entries, changedAt: testChangeTime)
            let (second, more) = self.item("b", 2, index: "red")
            try transaction.putItem(tableID: table, second, indexEntries: more, changedAt: testChangeTime)
        }
        func red() async throws -> [String] {
            try await store.query(DynamoDBItemQuery(tableID: table, indexName: "ix", hash: Data("red".utf8), limit: 10))
                .map { String(decoding: $0.item.key.hash, as: UTF8.self) }
        }
        #expect(try await red() == ["a", "b"])
        try await store.write { transaction in
            let (moved, entries) = self.item("a", 1, index: "blue")
            try transaction.putItem(tableID: table, moved, indexEntries: entries, changedAt: testChangeTime)
            try transaction.deleteItem(tableID: table, key: DynamoDBStoredKey(hash: Data("b".utf8), range: Data([2])), changedAt: testChangeTime)
        }
        #expect(try await red() == [])
        let statistics = try await store.statistics(tableID: table)
        #expect(statistics.itemCount == 1 && statistics.indexes["ix"]?.itemCount == 1)
    }

    @Test func aThrowingWriteLeavesNothing() async throws {
        let (store, table) = try await makeStore()
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await store.write { transaction in
                let (stored, entries) = self.item("x", 1, index: "i")
                try transaction.putItem(tableID: table, stored, indexEntries: entries, changedAt: testChangeTime)
                throw Refused()
            }
        }
        #expect(try await store.statistics(tableID: table) == DynamoDBTableStatistics(itemCount: 0, sizeBytes: 0))
    }

    @Test func scanSegmentsAndDeleteTable() async throws {
        let (store, table) = try await makeStore()
        try await store.write { transaction in
            for i: UInt8 in 0..<50 {
                let (stored, _) = self.item("k\(i)", 0)
                try transaction.putItem(tableID: table, stored, indexEntries: [], changedAt: testChangeTime)
            }
        }
        let half = UInt32.max / 2
        let low = try await store.scan(DynamoDBItemScan(tableID: table, indexName: nil, partitions: 0...half, limit: 100))
        let high = try await store.scan(DynamoDBItemScan(tableID: table, indexName: nil, partitions: (half + 1)...UInt32.max, limit: 100))
        #expect(low.count + high.count == 50)
        #expect(low.allSatisfy { DynamoDBStoredKey.partitionHash($0.item.key.hash) <= half })
        var position: DynamoDBItemPosition?
        var paged = 0
        repeat {
            let page = try await store.scan(DynamoDBItemScan(tableID: table, indexName: nil, startAfter: position, limit: 7))
            paged += page.count
            position = page.count == 7 ? page.last?.position : nil
        } while position != nil
        #expect(paged == 50)
        try await store.deleteTable(id: table, at: Date(timeIntervalSince1970: 1_000))
        #expect(try await store.table(accountID: "000000000000", region: "us-east-1", name: "raw") == nil)
        #expect(try await store.statistics(tableID: table).itemCount == 0)
    }
}
