// PreparedSQLiteStore: what every service store on one SQLite database shares — migrate once, then read and write.
import Foundation
import GRDB
import Synchronization

/// A service store on one ``SQLiteDatabase`` whose schema must be migrated before first use.
///
/// Guarantees: ``write(_:)`` and ``read(_:)`` prepare the store first (``prepare()``, idempotent), then run the body
/// through the database's group commit or on a committed snapshot.
protocol PreparedSQLiteStore: Sendable {
    /// The database.
    var database: SQLiteDatabase { get }
    /// Migrates the schema (and whatever else first use needs); safe to call repeatedly.
    func prepare() async throws
}

extension PreparedSQLiteStore {
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await prepare()
        return try await database.write(body)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await prepare()
        return try await database.read(body)
    }
}

/// Applies a schema's migrations to a database once per process (later calls return at once).
final class MigrationOnce: Sendable {
    private let migrated = Mutex(false)
    private let migrations: [SchemaMigration]

    /// Runs `migrations` on first use.
    init(_ migrations: [SchemaMigration]) {
        self.migrations = migrations
    }

    /// Migrates `database` unless done already.
    func run(on database: SQLiteDatabase) async throws {
        if migrated.withLock({ $0 }) { return }
        try await database.migrate(migrations)
        migrated.withLock { $0 = true }
    }
}

/// Records as the stores keep them: JSON documents with sorted keys (equal records are equal text).
enum StoredJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
