import Foundation
import Logging
import StratusStoreSQLite

/// The storage of one server run: the SQLite store factory (one database per service, in the data directory
/// or in memory), opened before the server listens and closed after it stops.
final class StorageSetup: Sendable {
    /// Opens databases per service.
    let factory: SQLiteStoreFactory

    init(configuration: StratusConfiguration, logger: Logger) throws {
        let directory = configuration.inMemory
            ? nil : URL(fileURLWithPath: configuration.dataDirectory, isDirectory: true).standardizedFileURL
        factory = try SQLiteStoreFactory(
            dataDirectory: directory, inMemory: configuration.inMemory, syncsWrites: configuration.durability == .full,
            logger: logger)
    }

    /// `memory` or `sqlite`, as reported by `/_stratus/health`.
    var description: String { factory.inMemory ? "memory" : "sqlite" }

    /// When a write is acknowledged (`full`: synced to stable storage; `process`: in the write-ahead log), as
    /// reported by `/_stratus/health`; nil in memory.
    var durability: String? {
        factory.inMemory ? nil : (factory.syncsWrites ? StratusConfiguration.Durability.full : .process).rawValue
    }

    /// Wipes every service database.
    func reset() async throws { try await factory.resetAll() }

    /// Closes every database.
    func close() async throws { try factory.close() }
}
