import Foundation
import GRDB
import StratusStoreSQLite
import Testing

@Suite("Open, reset, durability, factory")
struct DatabaseLifecycleTests {
    static let schema = [
        SchemaMigration(name: "001", sql: """
            CREATE TABLE parents (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);
            CREATE TABLE children (id INTEGER PRIMARY KEY, parent INTEGER NOT NULL REFERENCES parents(id));
            """),
    ]

    @Test func fileDatabasesUseWALAndSyncEveryAcknowledgedWrite() async throws {
        try await TemporaryDirectory.with { directory in
            let database = try SQLiteDatabase.open(name: "sns", at: directory.appendingPathComponent("sns.sqlite"))
            let settings = try await database.durabilitySettings()
            #expect(settings.journalMode == "wal")
            // NORMAL: COMMIT does not fsync; the database's WAL syncer does, before any writer is answered.
            #expect(settings.synchronous == 1)
            try await database.migrate(Self.schema)
            let afterMigrations = try #require(database.walSyncCount)
            #expect(afterMigrations >= 1)
            for round in 1...3 {
                try await database.write { db in try db.execute(sql: "INSERT INTO parents (name) VALUES (?)", arguments: ["p\(round)"]) }
                #expect(try #require(database.walSyncCount) >= afterMigrations + round)
            }
            let foreignKeys = try await database.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
            #expect(foreignKeys == 1)
            try database.close()
        }
    }

    @Test func withoutSyncingWritesAreAnsweredAfterTheCommitAndSyncedSoonAfter() async throws {
        try await TemporaryDirectory.with { directory in
            let url = directory.appendingPathComponent("sns.sqlite")
            // A background sync an hour after the commit: a write that waited for it would never return.
            let database = try SQLiteDatabase.open(name: "sns", at: url, syncsWrites: false, backgroundSyncDelay: .seconds(3600))
            #expect(try await database.durabilitySettings().journalMode == "wal")
            try await database.migrate(Self.schema)
            let afterMigrations = try #require(database.walSyncCount)
            try await database.write { db in try db.execute(sql: "INSERT INTO parents (name) VALUES ('kept')") }
            #expect(database.walSyncCount == afterMigrations)
            try database.close()
            // With a short delay the background sync follows the commit by itself.
            let soon = try SQLiteDatabase.open(name: "sns", at: url, syncsWrites: false, backgroundSyncDelay: .milliseconds(1))
            try await soon.write { db in try db.execute(sql: "INSERT INTO parents (name) VALUES ('synced')") }
            let deadline = ContinuousClock.now + .seconds(10)
            while soon.walSyncCount == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(2)) }
            #expect(soon.walSyncCount == 1)
            try soon.close()
            let reopened = try SQLiteDatabase.open(name: "sns", at: url, syncsWrites: false)
            let names = try await reopened.read { db in try String.fetchAll(db, sql: "SELECT name FROM parents ORDER BY id") }
            #expect(names == ["kept", "synced"])
            try reopened.close()
        }
    }

    @Test func foreignKeysAreEnforced() async throws {
        let database = try SQLiteDatabase.inMemory(name: "sns")
        try await database.migrate(Self.schema)
        await #expect(throws: DatabaseError.self) {
            try await database.write { db in try db.execute(sql: "INSERT INTO children (id, parent) VALUES (1, 42)") }
        }
    }

    @Test func reopenKeepsData() async throws {
        try await TemporaryDirectory.with { directory in
            let url = directory.appendingPathComponent("events.sqlite")
            do {
                let database = try SQLiteDatabase.open(name: "events", at: url)
                try await database.migrate(Self.schema)
                try await database.write { db in try db.execute(sql: "INSERT INTO parents (name) VALUES ('kept')") }
                try database.close()
            }
            let reopened = try SQLiteDatabase.open(name: "events", at: url)
            try await reopened.migrate(Self.schema)
            #expect(try await reopened.appliedMigrations() == ["001"])
            let names = try await reopened.read { db in try String.fetchAll(db, sql: "SELECT name FROM parents") }
            #expect(names == ["kept"])
            try reopened.close()
        }
    }

    @Test func acknowledgedWriteIsOnDiskWithoutClose() async throws {
        // After write returns, a second, independent connection sees the row: it is in the WAL file, not only
        // in this process' memory.
        try await TemporaryDirectory.with { directory in
            let url = directory.appendingPathComponent("lambda.sqlite")
            let database = try SQLiteDatabase.open(name: "lambda", at: url)
            try await database.migrate(Self.schema)
            try await database.write { db in try db.execute(sql: "INSERT INTO parents (name) VALUES ('durable')") }
            let independent = try DatabaseQueue(path: url.path)
            let names = try await independent.read { db in try String.fetchAll(db, sql: "SELECT name FROM parents") }
            #expect(names == ["durable"])
            try independent.close()
            try database.close()
        }
    }

    @Test func resetEmptiesEveryTableButKeepsSchemaAndMigrations() async throws {
        let database = try SQLiteDatabase.inMemory(name: "states")
        try await database.migrate(Self.schema)
        try await database.write { db in
            try db.execute(sql: "INSERT INTO parents (name) VALUES ('a'), ('b')")
            try db.execute(sql: "INSERT INTO children (id, parent) VALUES (1, 1), (2, 2)")
        }
        try await database.reset()
        let counts = try await database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM parents"), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM children"))
        }
        #expect(counts.0 == 0 && counts.1 == 0)
        #expect(try await database.appliedMigrations() == ["001"])
        // AUTOINCREMENT restarts.
        let id = try await database.write { db -> Int64 in
            try db.execute(sql: "INSERT INTO parents (name) VALUES ('c')")
            return db.lastInsertedRowID
        }
        #expect(id == 1)
    }

    @Test func resetEmptiesFullTextTablesThroughTheVirtualTable() async throws {
        let database = try SQLiteDatabase.inMemory(name: "events")
        try await database.migrate([SchemaMigration(name: "001", sql: "CREATE VIRTUAL TABLE notes USING fts5(body)")])
        try await database.write { db in try db.execute(sql: "INSERT INTO notes (body) VALUES ('hello world')") }
        try await database.reset()
        let after = try await database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notes"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notes WHERE notes MATCH 'hello'"))
        }
        #expect(after.0 == 0 && after.1 == 0)
        try await database.write { db in try db.execute(sql: "INSERT INTO notes (body) VALUES ('hello again')") }
        #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notes WHERE notes MATCH 'hello'") } == 1)
    }

    @Test func factoryCreatesThePrivateDirectoryAndCachesDatabases() async throws {
        try await TemporaryDirectory.with { parent in
            let dataDirectory = parent.appendingPathComponent("nested/.stratus")
            let factory = try SQLiteStoreFactory(dataDirectory: dataDirectory, inMemory: false)
            let attributes = try FileManager.default.attributesOfItem(atPath: dataDirectory.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
            let sqs = try factory.database(for: "sqs")
            #expect(try factory.database(for: "sqs") === sqs)
            #expect(sqs.fileURL?.lastPathComponent == "sqs.sqlite")
            #expect(FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("sqs.sqlite").path))
            #expect(throws: SQLiteStoreError.self) { try factory.database(for: "../etc") }
            #expect(throws: SQLiteStoreError.self) { try factory.database(for: "SQS") }

            try await sqs.migrate(Self.schema)
            try await sqs.write { db in try db.execute(sql: "INSERT INTO parents (name) VALUES ('x')") }
            let s3 = try factory.database(for: "s3")
            try await s3.migrate(Self.schema)
            try await s3.write { db in try db.execute(sql: "INSERT INTO parents (name) VALUES ('y')") }
            try await factory.resetAll()
            #expect(try await sqs.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM parents") } == 0)
            #expect(try await s3.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM parents") } == 0)
            try factory.close()
            #expect(throws: SQLiteStoreError(.closed, "The store factory is closed")) { try factory.database(for: "sqs") }
        }
    }

    @Test func inMemoryFactoryNeedsNoDirectoryAndKeepsServicesApart() async throws {
        let factory = try SQLiteStoreFactory(dataDirectory: nil, inMemory: true)
        let a = try factory.database(for: "sqs")
        let b = try factory.database(for: "sns")
        try await a.migrate(Self.schema)
        #expect(try await b.read { db in try db.tableExists("parents") } == false)
        #expect(a.fileURL == nil)
        try factory.close()
        #expect(throws: SQLiteStoreError.self) { try SQLiteStoreFactory(dataDirectory: nil, inMemory: false) }
    }
}
