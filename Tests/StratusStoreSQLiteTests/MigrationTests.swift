import Foundation
import GRDB
import StratusStoreSQLite
import Testing

@Suite("Migrations")
struct MigrationTests {
    static let v1 = [
        SchemaMigration(name: "001-create-queues", sql: "CREATE TABLE queues (name TEXT PRIMARY KEY, created INTEGER NOT NULL)"),
        SchemaMigration(name: "002-create-messages", sql: """
            CREATE TABLE messages (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                queue TEXT NOT NULL REFERENCES queues(name) ON DELETE CASCADE,
                body TEXT NOT NULL
            );
            CREATE INDEX messages_queue ON messages(queue);
            """),
    ]
    static let v2 = v1 + [SchemaMigration(name: "003-add-visibility", sql: "ALTER TABLE messages ADD COLUMN visible_at INTEGER NOT NULL DEFAULT 0")]

    @Test func applyOnceAndInOrder() async throws {
        let database = try SQLiteDatabase.inMemory(name: "sqs")
        try await database.migrate(Self.v1)
        try await database.migrate(Self.v1)  // second run is a no-op
        #expect(try await database.appliedMigrations() == ["001-create-queues", "002-create-messages"])
        try await database.migrate(Self.v2)
        #expect(try await database.appliedMigrations() == ["001-create-queues", "002-create-messages", "003-add-visibility"])
        let columns = try await database.read { db in try db.columns(in: "messages").map(\.name) }
        #expect(columns == ["id", "queue", "body", "visible_at"])
    }

    @Test func aLaterMigrationSeesEarlierOnes() async throws {
        // 002 references the table of 001: order matters, and a failure keeps the earlier ones applied.
        let database = try SQLiteDatabase.inMemory(name: "sqs")
        let broken = Self.v1 + [SchemaMigration(name: "003-broken", sql: "ALTER TABLE nowhere ADD COLUMN x")]
        await #expect(throws: DatabaseError.self) { try await database.migrate(broken) }
        #expect(try await database.appliedMigrations() == ["001-create-queues", "002-create-messages"])
    }

    @Test func refusesADatabaseMigratedByANewerBuild() async throws {
        try await TemporaryDirectory.with { directory in
            let url = directory.appendingPathComponent("sqs.sqlite")
            let newer = try SQLiteDatabase.open(name: "sqs", at: url)
            try await newer.migrate(Self.v2)
            try newer.close()

            let older = try SQLiteDatabase.open(name: "sqs", at: url)
            await #expect(throws: SQLiteStoreError.self) { try await older.migrate(Self.v1) }
            do {
                try await older.migrate(Self.v1)
            } catch let error as SQLiteStoreError {
                #expect(error.code == .migratedByNewerBuild)
                #expect(error.message.contains("003-add-visibility"))
            }
            try older.close()
        }
    }

    @Test func rejectsDuplicateNames() async throws {
        let database = try SQLiteDatabase.inMemory(name: "sqs")
        let duplicate = [Self.v1[0], Self.v1[0]]
        await #expect(throws: SQLiteStoreError(.invalidMigrations, "Migration '001-create-queues' of sqs is listed twice")) {
            try await database.migrate(duplicate)
        }
        #expect(try await database.appliedMigrations() == [])
    }
}
