// SQLiteLambdaStore: the Lambda storage port on one SQLite database (functions and layers here, the rest in extensions).
import Foundation
import GRDB
import StratusLambda
import Synchronization

/// ``LambdaStore`` on a ``SQLiteDatabase`` (normally `SQLiteStoreFactory.database(for: "lambda")`).
///
/// Guarantees: every write goes through the database's group commit, one savepoint per call, so a returned call
/// is durable and a failed one changed nothing; the schema is migrated on first use. Function records are cached
/// in memory (this process is the database's only writer); every function write invalidates the cache after it
/// commits, and a lookup racing with a write never caches the older record. Call ``invalidateCaches()`` after
/// wiping the database behind the store's back (`/_stratus/reset`).
package final class SQLiteLambdaStore: PreparedSQLiteStore, LambdaStore {
    let database: SQLiteDatabase
    private let migration = MigrationOnce(SQLiteLambdaSchema.migrations)
    private struct FunctionCache {
        var records: [String: LambdaFunctionRecord] = [:]
        var version: UInt64 = 0
    }
    private let functionCache = Mutex(FunctionCache())

    /// A store on `database`.
    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Applies the schema migrations (done automatically on first use; call it to fail early).
    package func prepare() async throws {
        try await migration.run(on: database)
    }

    /// Forgets every cached function record.
    package func invalidateCaches() {
        functionCache.withLock { cache in
            cache.records.removeAll(keepingCapacity: true)
            cache.version &+= 1
        }
    }

    private func functionWrite<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        defer { invalidateCaches() }
        return try await write(body)
    }

    private static func cacheKey(_ accountID: String, _ region: String, _ name: String) -> String {
        "\(accountID)\u{0}\(region)\u{0}\(name)"
    }

    private static func fetchFunction(_ database: Database, _ accountID: String, _ region: String, _ name: String)
        throws -> LambdaFunctionRecord?
    {
        guard let text = try String.fetchOne(
            database, sql: "SELECT record FROM lambda_functions WHERE account_id = ? AND region = ? AND name = ?",
            arguments: [accountID, region, name])
        else { return nil }
        return try StoredJSON.decode(LambdaFunctionRecord.self, text)
    }

    // MARK: Functions

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func createFunction(_ function: LambdaFunctionRecord) async throws -> Bool {
        let text = try StoredJSON.encode(function)
        return try await functionWrite { database in
            try database.execute(
                sql: "INSERT OR IGNORE INTO lambda_functions (account_id, region, name, record) VALUES (?, ?, ?, ?)",
                arguments: [function.accountID, function.region, function.name, text])
            return database.changesCount > 0
        }
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func function(accountID: String, region: String, name: String) async throws -> LambdaFunctionRecord? {
        let key = Self.cacheKey(accountID, region, name)
        let (cached, version) = functionCache.withLock { ($0.records[key], $0.version) }
        if let cached { return cached }
        let found = try await read { database in try Self.fetchFunction(database, accountID, region, name) }
        if let found {
            functionCache.withLock { cache in
                if cache.version == version { cache.records[key] = found }
            }
        }
        return found
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func functions(accountID: String, region: String) async throws -> [LambdaFunctionRecord] {
        try await read { database in
            try String.fetchAll(
                database, sql: "SELECT record FROM lambda_functions WHERE account_id = ? AND region = ? ORDER BY name",
                arguments: [accountID, region]
            ).map { try StoredJSON.decode(LambdaFunctionRecord.self, $0) }
        }
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func allFunctions() async throws -> [LambdaFunctionRecord] {
        try await read { database in
            try String.fetchAll(database, sql: "SELECT record FROM lambda_functions ORDER BY account_id, region, name")
                .map { try StoredJSON.decode(LambdaFunctionRecord.self, $0) }
        }
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func updateFunction(
        accountID: String, region: String, name: String,
        _ change: @escaping @Sendable (inout LambdaFunctionRecord) throws -> Void
    ) async throws -> LambdaFunctionRecord? {
        try await functionWrite { database in
            guard var record = try Self.fetchFunction(database, accountID, region, name) else { return nil }
            try change(&record)
            try database.execute(
                sql: "UPDATE lambda_functions SET record = ? WHERE account_id = ? AND region = ? AND name = ?",
                arguments: [try StoredJSON.encode(record), accountID, region, name])
            return record
        }
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func deleteFunction(accountID: String, region: String, name: String) async throws -> LambdaFunctionRecord? {
        try await functionWrite { database in
            guard let record = try Self.fetchFunction(database, accountID, region, name) else { return nil }
            try database.execute(
                sql: "DELETE FROM lambda_functions WHERE account_id = ? AND region = ? AND name = ?",
                arguments: [accountID, region, name])
            return record
        }
    }

    // MARK: Layers

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func publishLayerVersion(
        accountID: String, region: String, layerName: String,
        _ make: @escaping @Sendable (Int) -> LambdaLayerVersionRecord
    ) async throws -> LambdaLayerVersionRecord {
        try await write { database in
            let last = try Int.fetchOne(
                database,
                sql: "SELECT last_version FROM lambda_layer_counters WHERE account_id = ? AND region = ? AND layer_name = ?",
                arguments: [accountID, region, layerName]) ?? 0
            let record = make(last + 1)
            try database.execute(
                sql: """
                    INSERT INTO lambda_layer_counters (account_id, region, layer_name, last_version) VALUES (?, ?, ?, ?)
                    ON CONFLICT (account_id, region, layer_name) DO UPDATE SET last_version = excluded.last_version
                    """,
                arguments: [accountID, region, layerName, last + 1])
            try database.execute(
                sql: """
                    INSERT INTO lambda_layer_versions (account_id, region, layer_name, version, record)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [accountID, region, layerName, last + 1, try StoredJSON.encode(record)])
            return record
        }
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func layerVersion(accountID: String, region: String, layerName: String, version: Int) async throws
        -> LambdaLayerVersionRecord?
    {
        try await read { database in
            try String.fetchOne(
                database,
                sql: """
                    SELECT record FROM lambda_layer_versions
                    WHERE account_id = ? AND region = ? AND layer_name = ? AND version = ?
                    """,
                arguments: [accountID, region, layerName, version]
            ).map { try StoredJSON.decode(LambdaLayerVersionRecord.self, $0) }
        }
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func layerVersions(accountID: String, region: String) async throws -> [LambdaLayerVersionRecord] {
        try await read { database in
            try String.fetchAll(
                database,
                sql: """
                    SELECT record FROM lambda_layer_versions WHERE account_id = ? AND region = ?
                    ORDER BY layer_name, version DESC
                    """,
                arguments: [accountID, region]
            ).map { try StoredJSON.decode(LambdaLayerVersionRecord.self, $0) }
        }
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func deleteLayerVersion(accountID: String, region: String, layerName: String, version: Int) async throws
        -> LambdaLayerVersionRecord?
    {
        try await write { database in
            guard let text = try String.fetchOne(
                database,
                sql: """
                    SELECT record FROM lambda_layer_versions
                    WHERE account_id = ? AND region = ? AND layer_name = ? AND version = ?
                    """,
                arguments: [accountID, region, layerName, version])
            else { return nil }
            try database.execute(
                sql: """
                    DELETE FROM lambda_layer_versions
                    WHERE account_id = ? AND region = ? AND layer_name = ? AND version = ?
                    """,
                arguments: [accountID, region, layerName, version])
            return try StoredJSON.decode(LambdaLayerVersionRecord.self, text)
        }
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction. Package ids are SHA-256 hex digests,
    /// so a text search of the stored documents finds exactly the records that name one.
    package func isCodeReferenced(_ codeID: String) async throws -> Bool {
        try await read { database in
            let functions = try Int.fetchOne(
                database, sql: "SELECT count(*) FROM lambda_functions WHERE instr(record, ?) > 0", arguments: [codeID]) ?? 0
            let layers = try Int.fetchOne(
                database, sql: "SELECT count(*) FROM lambda_layer_versions WHERE instr(record, ?) > 0",
                arguments: [codeID]) ?? 0
            return functions + layers > 0
        }
    }
}
