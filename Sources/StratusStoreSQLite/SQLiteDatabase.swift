// SQLiteDatabase: one service's SQLite database (WAL file or in-memory) with migrations, group commit and reset.
import Foundation
import GRDB
import Logging

/// One service's database: `<dataDir>/<service>.sqlite` as a GRDB `DatabasePool` in WAL mode, or an in-memory
/// `DatabaseQueue` with the same API.
///
/// Guarantees:
/// - File databases use `journal_mode=WAL`; a write acknowledged by ``write(_:)`` survives `kill -9` and power loss:
///   its COMMIT appended it to the WAL and a ``WALSyncer`` `fdatasync`ed the WAL after that, before the answer
///   (`synchronous=NORMAL` on the connection, so the sync happens off the writer, shared by batches; the same
///   guarantee as `synchronous=FULL`). Migrations and resets are synced before they return too. Foreign keys are
///   enforced; a busy database is retried for up to 5 seconds. Reads may see a committed transaction up to one
///   sync (a fraction of a millisecond) before its writers are answered.
/// - Opened with `syncsWrites: false`, writers are answered once their COMMIT returned: an acknowledged write
///   survives `kill -9` of the process (it is in the WAL, in the OS's page cache) but not an OS crash or power
///   loss, which can lose the writes of the last `backgroundSyncDelay` (the WAL is synced that soon after a
///   commit, in the background; SQLite's checkpoints sync too), never corrupting the database.
/// - Writes go through one ``GroupCommitWriter`` (concurrent writes share transactions, each closure in its own
///   savepoint). Reads run concurrently with each other and with the writer (WAL snapshot isolation); in-memory
///   databases serialise reads with writes.
/// - ``migrate(_:)`` refuses a database migrated by a newer build.
package final class SQLiteDatabase: Sendable {
    /// The service this database belongs to (also the file's base name).
    package let name: String
    /// The database file, or nil when in memory.
    package let fileURL: URL?
    private let writer: any DatabaseWriter
    private let groupCommit: GroupCommitWriter
    private let syncer: WALSyncer?
    private let logger: Logger

    /// The table GRDB records applied migrations in; never touched by ``reset()``.
    package static let migrationsTable = "grdb_migrations"

    private init(
        name: String, fileURL: URL?, syncsWrites: Bool, backgroundSyncDelay: Duration, writer: any DatabaseWriter,
        logger: Logger
    ) {
        self.name = name
        self.fileURL = fileURL
        self.writer = writer
        let syncer = fileURL.map {
            WALSyncer(databasePath: $0.path, label: "stratus.\(name).wal-sync", backgroundDelay: backgroundSyncDelay)
        }
        self.syncer = syncer
        self.groupCommit = GroupCommitWriter(writer: writer, syncer: syncer, answersAfterSync: syncsWrites)
        self.logger = logger
    }

    private static func configuration(label: String) -> Configuration {
        var configuration = Configuration()
        configuration.label = label
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        return configuration
    }

    /// Opens (creating if needed) the WAL database file at `url` for service `name`; with `syncsWrites` (the
    /// default) writes are on stable storage before they are acknowledged, without only in the WAL (synced within
    /// `backgroundSyncDelay`).
    package static func open(
        name: String, at url: URL, syncsWrites: Bool = true, backgroundSyncDelay: Duration = .milliseconds(10),
        logger: Logger = Logger(label: "stratus.store.sqlite")
    ) throws -> SQLiteDatabase {
        // GRDB sets synchronous=NORMAL on the writer connection when it enables WAL: COMMIT appends to the WAL
        // without an fsync; the database's WALSyncer makes each batch durable before its callers are answered.
        let pool = try DatabasePool(path: url.path, configuration: configuration(label: "stratus.\(name)"))
        logger.debug("opened database", metadata: ["service": "\(name)", "path": "\(url.path)"])
        return SQLiteDatabase(
            name: name, fileURL: url, syncsWrites: syncsWrites, backgroundSyncDelay: backgroundSyncDelay, writer: pool,
            logger: logger)
    }

    /// Opens a private in-memory database for service `name` (gone when closed or released).
    package static func inMemory(name: String, logger: Logger = Logger(label: "stratus.store.sqlite")) throws -> SQLiteDatabase {
        let queue = try DatabaseQueue(configuration: configuration(label: "stratus.\(name)"))
        return SQLiteDatabase(
            name: name, fileURL: nil, syncsWrites: false, backgroundSyncDelay: .zero, writer: queue, logger: logger)
    }

    /// Applies, in order, the migrations not yet applied, each in its own transaction.
    ///
    /// Throws `.invalidMigrations` for duplicate or empty names and `.migratedByNewerBuild` when the database
    /// has applied a migration name that is not in `migrations` (nothing is applied then). Errors from the SQL
    /// are rethrown; migrations before the failing one stay applied.
    package func migrate(_ migrations: [SchemaMigration]) async throws {
        var seen = Set<String>()
        for migration in migrations {
            guard !migration.name.isEmpty else { throw SQLiteStoreError(.invalidMigrations, "A migration of \(name) has an empty name") }
            guard seen.insert(migration.name).inserted else {
                throw SQLiteStoreError(.invalidMigrations, "Migration '\(migration.name)' of \(name) is listed twice")
            }
        }
        let known = seen
        let unknown = try await writer.read { database -> [String] in
            guard try database.tableExists(Self.migrationsTable) else { return [] }
            return try String.fetchAll(database, sql: "SELECT identifier FROM \(Self.migrationsTable) ORDER BY rowid")
                .filter { !known.contains($0) }
        }
        guard unknown.isEmpty else {
            throw SQLiteStoreError(.migratedByNewerBuild,
                                   "The \(name) database was migrated by a newer Stratus (unknown migrations: \(unknown.joined(separator: ", "))); refusing to open it")
        }
        var migrator = DatabaseMigrator()
        for migration in migrations {
            let sql = migration.sql
            migrator.registerMigration(migration.name) { database in try database.execute(sql: sql) }
        }
        let finalMigrator = migrator
        let _: Void = try await withCheckedThrowingContinuation { continuation in
            finalMigrator.asyncMigrate(writer) { result in
                switch result {
                case .success: continuation.resume()
                case .failure(let error): continuation.resume(throwing: error)
                }
            }
        }
        try await syncer?.sync()
        logger.debug("migrated database", metadata: ["service": "\(name)", "migrations": "\(migrations.count)"])
    }

    /// The names of the migrations applied to this database, in the order they were applied.
    package func appliedMigrations() async throws -> [String] {
        try await writer.read { database in
            guard try database.tableExists(Self.migrationsTable) else { return [] }
            return try String.fetchAll(database, sql: "SELECT identifier FROM \(Self.migrationsTable) ORDER BY rowid")
        }
    }

    /// Runs `body` through group commit; returns after the transaction containing it committed durably.
    /// Rethrows `body`'s error (with only `body`'s changes rolled back) or the transaction's error.
    package func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await groupCommit.write(body)
    }

    /// Runs `body` on a read-only snapshot of the last committed state.
    package func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        try await writer.read(body)
    }

    /// How many times the WAL was synced to stable storage (`nil` for in-memory databases), for tests and metrics.
    package var walSyncCount: Int? { syncer?.syncCount }

    /// Group-commit counters (transactions vs. writes), for tests and metrics.
    package var writeStatistics: GroupCommitStatistics { groupCommit.statistics }

    /// Writes waiting for the transaction in flight (see ``GroupCommitWriter/queuedWrites``).
    package var queuedWrites: Int { groupCommit.queuedWrites }

    /// Deletes every row of every table except the migrations table, in one transaction (the `/_stratus/reset`
    /// admin call). AUTOINCREMENT counters restart; the schema is kept. Foreign keys are checked at commit.
    package func reset() async throws {
        try await writer.write { database in
            try database.execute(sql: "PRAGMA defer_foreign_keys = ON")
            let tables = try Row.fetchAll(database, sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> ?
                ORDER BY name
                """, arguments: [Self.migrationsTable])
            let virtualTables = tables.filter { ($0["sql"] as String? ?? "").uppercased().hasPrefix("CREATE VIRTUAL TABLE") }
                .map { $0["name"] as String }
            for row in tables {
                let table: String = row["name"]
                // Shadow tables of virtual tables (FTS and the like) are emptied through their virtual table.
                if virtualTables.contains(where: { table != $0 && table.hasPrefix($0 + "_") }) { continue }
                try database.execute(sql: "DELETE FROM \(table.quotedDatabaseIdentifier)")
            }
            if try database.tableExists("sqlite_sequence") {
                try database.execute(sql: "DELETE FROM sqlite_sequence")
            }
        }
        try await syncer?.sync()
    }

    /// Closes the database; later calls fail. Waits for running work to finish. Logs the group-commit counters
    /// (transactions, writes, largest batch) at debug level.
    package func close() throws {
        let statistics = groupCommit.statistics
        logger.debug("closing database", metadata: [
            "service": "\(name)", "transactions": "\(statistics.transactions)", "writes": "\(statistics.writes)",
            "largestBatch": "\(statistics.largestBatch)",
        ])
        try writer.close()
        syncer?.close()
    }

    /// The effective `journal_mode` and `synchronous` pragmas of the writer connection (for tests and diagnostics).
    package func durabilitySettings() async throws -> (journalMode: String, synchronous: Int) {
        try await writer.write { database in
            (try String.fetchOne(database, sql: "PRAGMA journal_mode") ?? "", try Int.fetchOne(database, sql: "PRAGMA synchronous") ?? -1)
        }
    }
}
