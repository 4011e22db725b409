// SQLiteDynamoDBInlineReader: short DynamoDB reads on the calling thread, through private read-only connections.
import Foundation
import GRDB
import Synchronization

/// Read-only connections to a WAL database file, used on the caller's thread for short reads (GetItem,
/// BatchGetItem, Query pages, table lookups).
///
/// Why: `SQLiteDatabase.read` is GRDB's async pool read, which hops to a reader connection's dispatch queue and
/// back to the caller's event loop: two thread wake-ups per request, which cost more CPU than the point read
/// itself (and more than a durable write, whose hops group commit shares among a batch). A read here runs
/// synchronously on the calling thread instead.
///
/// Guarantees: each ``read(_:)`` sees one committed snapshot (a `BEGIN DEFERRED` … `COMMIT` read transaction
/// around the closure, so several statements agree); connections are opened `SQLITE_OPEN_READONLY` and can
/// never write. WAL readers do not wait for the writer, so a read blocks its thread only for its own work
/// (or, rarely, a busy WAL index, retried for at most the busy timeout). Idle connections are reused; at most
/// `maximumIdle` are kept, more are opened when that many reads run at once and closed afterwards; a connection
/// whose read failed is closed, not reused.
final class SQLiteDynamoDBInlineReader: Sendable {
    private let path: String
    private let maximumIdle: Int
    private let idle = Mutex<[DatabaseQueue]>([])

    /// A reader of the database file at `url` (which must already be open in WAL mode by its writer).
    init(url: URL, maximumIdle: Int = 4) {
        self.path = url.path
        self.maximumIdle = maximumIdle
    }

    /// Runs `body` inside one read transaction on a read-only connection, on the calling thread.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let connection = try idle.withLock { $0.popLast() } ?? open()
        let result = try connection.inDatabase { database in
            try database.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
            do {
                let result = try body(database)
                try database.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                return result
            } catch {
                try? database.cachedStatement(sql: "ROLLBACK TRANSACTION").execute()
                throw error
            }
        }
        // Only connections whose read ended cleanly are reused (a failed one is closed when released).
        idle.withLock { connections in
            if connections.count < maximumIdle { connections.append(connection) }
        }
        return result
    }

    private func open() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.label = "stratus.dynamodb.inline-reader"
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        return try DatabaseQueue(path: path, configuration: configuration)
    }
}
