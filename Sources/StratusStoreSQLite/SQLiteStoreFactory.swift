// SQLiteStoreFactory: opens and caches one SQLiteDatabase per service in the data directory (or in memory).
import Foundation
import Logging
import Synchronization

/// Hands out one ``SQLiteDatabase`` per service name: `<dataDirectory>/<service>.sqlite`, or in memory.
///
/// Guarantees: the data directory is created with mode 0700 when missing (an existing directory is left as
/// is); the same service name always returns the same database object until ``close()``; service names are
/// restricted to `[a-z0-9-]` so they cannot escape the directory. After ``close()`` every call fails. File
/// databases acknowledge writes once synced to stable storage unless `syncsWrites` is false (then once in the WAL:
/// see ``SQLiteDatabase``).
package final class SQLiteStoreFactory: Sendable {
    /// The data directory, or nil for in-memory stores.
    package let dataDirectory: URL?
    /// True when every database lives in memory.
    package let inMemory: Bool
    /// Whether file databases sync each write to stable storage before acknowledging it.
    package let syncsWrites: Bool
    private let logger: Logger
    private let state = Mutex<(databases: [String: SQLiteDatabase], closed: Bool)>(([:], false))

    /// Creates a factory; for file-backed stores (`inMemory == false`) `dataDirectory` is required and is created.
    package init(
        dataDirectory: URL?, inMemory: Bool, syncsWrites: Bool = true, logger: Logger = Logger(label: "stratus.store.sqlite")
    ) throws {
        self.inMemory = inMemory
        self.syncsWrites = syncsWrites
        self.logger = logger
        if inMemory {
            self.dataDirectory = nil
            return
        }
        guard let dataDirectory else {
            throw SQLiteStoreError(.missingDataDirectory, "A data directory is required unless the store is in memory")
        }
        self.dataDirectory = dataDirectory
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: dataDirectory.path, isDirectory: &isDirectory) {
            try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } else if !isDirectory.boolValue {
            throw SQLiteStoreError(.missingDataDirectory, "\(dataDirectory.path) exists and is not a directory")
        }
    }

    /// The database of `service`, opened on first use and cached.
    package func database(for service: String) throws -> SQLiteDatabase {
        guard !service.isEmpty, service.utf8.count <= 64,
              service.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
        else {
            throw SQLiteStoreError(.invalidServiceName, "Service name '\(service)' must be 1-64 characters of [a-z0-9-]")
        }
        return try state.withLock { state in
            guard !state.closed else { throw SQLiteStoreError(.closed, "The store factory is closed") }
            if let existing = state.databases[service] { return existing }
            let database: SQLiteDatabase
            if let dataDirectory, !inMemory {
                database = try SQLiteDatabase.open(
                    name: service, at: dataDirectory.appendingPathComponent("\(service).sqlite"), syncsWrites: syncsWrites,
                    logger: logger)
            } else {
                database = try SQLiteDatabase.inMemory(name: service, logger: logger)
            }
            state.databases[service] = database
            return database
        }
    }

    /// The databases opened so far, by service name.
    package var openDatabases: [String: SQLiteDatabase] { state.withLock { $0.databases } }

    /// Resets every open database (each in its own transaction), e.g. for `/_stratus/reset`.
    package func resetAll() async throws {
        let databases = try state.withLock { state in
            guard !state.closed else { throw SQLiteStoreError(.closed, "The store factory is closed") }
            return Array(state.databases.values)
        }
        for database in databases.sorted(by: { $0.name < $1.name }) {
            try await database.reset()
        }
    }

    /// Closes every database; the first error is rethrown after all were attempted.
    package func close() throws {
        let databases = state.withLock { state in
            state.closed = true
            defer { state.databases = [:] }
            return Array(state.databases.values)
        }
        var firstError: (any Error)?
        for database in databases {
            do { try database.close() } catch { if firstError == nil { firstError = error } }
        }
        if let firstError { throw firstError }
    }
}
