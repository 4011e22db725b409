// SQLiteSQSStore: the SQS storage port on one SQLite database (queues and tasks here, messages in +Messages).
import Foundation
import GRDB
import StratusSQS
import Synchronization

/// ``SQSStore`` on a ``SQLiteDatabase`` (normally `SQLiteStoreFactory.database(for: "sqs")`).
///
/// Guarantees: every write goes through the database's group commit, one savepoint per call, so a returned
/// call is durable and a failed one changed nothing; the schema is migrated on first use. Queue records are
/// cached in memory (this process is the database's only writer); every queue write invalidates the cache
/// after it commits, and a lookup racing with a write never caches the older record. Call
/// ``invalidateCaches()`` after wiping the database behind the store's back (`/_stratus/reset`).
package final class SQLiteSQSStore: SQSStore {
    let database: SQLiteDatabase
    private let migrated = Mutex(false)
    private struct QueueCache {
        var records: [String: SQSQueueRecord] = [:]
        var version: UInt64 = 0
    }
    private let queueCache = Mutex(QueueCache())

    /// A store on `database`.
    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Applies the schema migrations (done automatically on first use; call it to fail early).
    package func prepare() async throws {
        if migrated.withLock({ $0 }) { return }
        try await database.migrate(SQLiteSQSSchema.migrations)
        migrated.withLock { $0 = true }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await prepare()
        return try await database.write(body)
    }

    /// A write that changes queue records: the cache is invalidated once it committed (or failed).
    private func queueWrite<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        defer { invalidateCaches() }
        return try await write(body)
    }

    /// Forgets every cached queue record.
    package func invalidateCaches() {
        queueCache.withLock { cache in
            cache.records.removeAll(keepingCapacity: true)
            cache.version &+= 1
        }
    }

    private static func cacheKey(_ accountID: String, _ region: String, _ name: String) -> String {
        "\(accountID)\u{0}\(region)\u{0}\(name)"
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await prepare()
        return try await database.read(body)
    }

    // MARK: Queues

    private static let queueColumns =
        "id, account_id, region, name, attributes, tags, created_at, last_modified_at, last_purged_at"

    static func queue(from row: Row) -> SQSQueueRecord {
        SQSQueueRecord(
            id: row[0], accountID: row[1], region: row[2], name: row[3], attributes: decodeMap(row[4]),
            tags: decodeMap(row[5]), createdAt: row[6], lastModifiedAt: row[7], lastPurgedAt: row[8])
    }

    static func encodeMap(_ map: [String: String]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: map, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decodeMap(_ text: String) -> [String: String] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: String] ?? [:]
    }

    private static func fetchQueue(_ database: Database, id: Int64) throws -> SQSQueueRecord? {
        try Row.fetchOne(database, sql: "SELECT \(queueColumns) FROM sqs_queues WHERE id = ?", arguments: [id])
            .map(queue(from:))
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func createQueue(_ queue: SQSQueueRecord) async throws -> (queue: SQSQueueRecord, created: Bool) {
        try await queueWrite { database in
            if let existing = try Row.fetchOne(
                database, sql: "SELECT \(Self.queueColumns) FROM sqs_queues WHERE account_id = ? AND region = ? AND name = ?",
                arguments: [queue.accountID, queue.region, queue.name])
            {
                return (Self.queue(from: existing), false)
            }
            try database.execute(
                sql: """
                    INSERT INTO sqs_queues (account_id, region, name, attributes, tags, created_at, last_modified_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    queue.accountID, queue.region, queue.name, Self.encodeMap(queue.attributes), Self.encodeMap(queue.tags),
                    queue.createdAt, queue.lastModifiedAt,
                ])
            var created = queue
            created.id = database.lastInsertedRowID
            return (created, true)
        }
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func queue(accountID: String, region: String, name: String) async throws -> SQSQueueRecord? {
        let key = Self.cacheKey(accountID, region, name)
        let (cached, version) = queueCache.withLock { ($0.records[key], $0.version) }
        if let cached { return cached }
        let found = try await read { database in
            let statement = try database.cachedStatement(
                sql: "SELECT \(Self.queueColumns) FROM sqs_queues WHERE account_id = ? AND region = ? AND name = ?")
            return try Row.fetchOne(statement, arguments: [accountID, region, name]).map(Self.queue(from:))
        }
        if let found {
            queueCache.withLock { cache in
                if cache.version == version { cache.records[key] = found }
            }
        }
        return found
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func queues(accountID: String, region: String, namePrefix: String, afterName: String?, limit: Int)
        async throws -> [SQSQueueRecord]
    {
        try await read { database in
            try Row.fetchAll(
                database,
                sql: """
                    SELECT \(Self.queueColumns) FROM sqs_queues
                    WHERE account_id = ? AND region = ? AND substr(name, 1, ?) = ? AND name > ?
                    ORDER BY name LIMIT ?
                    """,
                arguments: [accountID, region, namePrefix.count, namePrefix, afterName ?? "", limit]
            ).map(Self.queue(from:))
        }
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func allQueues() async throws -> [SQSQueueRecord] {
        try await read { database in
            try Row.fetchAll(database, sql: "SELECT \(Self.queueColumns) FROM sqs_queues ORDER BY id").map(Self.queue(from:))
        }
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func updateQueue(id: Int64, _ change: @escaping @Sendable (inout SQSQueueRecord) throws -> Void) async throws
        -> SQSQueueRecord?
    {
        try await queueWrite { database in
            guard var queue = try Self.fetchQueue(database, id: id) else { return nil }
            try change(&queue)
            try database.execute(
                sql: "UPDATE sqs_queues SET attributes = ?, tags = ?, last_modified_at = ?, last_purged_at = ? WHERE id = ?",
                arguments: [
                    Self.encodeMap(queue.attributes), Self.encodeMap(queue.tags), queue.lastModifiedAt, queue.lastPurgedAt, id,
                ])
            return queue
        }
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func deleteQueue(id: Int64, deletedAt: Int64) async throws {
        try await queueWrite { database in
            guard let queue = try Self.fetchQueue(database, id: id) else { return }
            try database.execute(sql: "DELETE FROM sqs_messages WHERE queue_id = ?", arguments: [id])
            try database.execute(sql: "DELETE FROM sqs_deduplication WHERE queue_id = ?", arguments: [id])
            try database.execute(sql: "DELETE FROM sqs_queues WHERE id = ?", arguments: [id])
            try database.execute(
                sql: "INSERT OR REPLACE INTO sqs_deleted_queues (account_id, region, name, deleted_at) VALUES (?, ?, ?, ?)",
                arguments: [queue.accountID, queue.region, queue.name, deletedAt])
        }
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func lastDeletion(accountID: String, region: String, name: String) async throws -> Int64? {
        try await read { database in
            try Int64.fetchOne(
                database, sql: "SELECT deleted_at FROM sqs_deleted_queues WHERE account_id = ? AND region = ? AND name = ?",
                arguments: [accountID, region, name])
        }
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func purgeQueue(id: Int64, now: Int64, notPurgedSince: Int64) async throws -> Bool {
        try await queueWrite { database in
            guard let queue = try Self.fetchQueue(database, id: id) else { return true }
            if let last = queue.lastPurgedAt, last > notPurgedSince { return false }
            try database.execute(sql: "DELETE FROM sqs_messages WHERE queue_id = ?", arguments: [id])
            try database.execute(sql: "UPDATE sqs_queues SET last_purged_at = ? WHERE id = ?", arguments: [now, id])
            return true
        }
    }

    // MARK: Move tasks

    private static let taskColumns =
        "task_id, source_arn, destination_arn, max_per_second, status, moved_count, to_move_count, failure_reason, started_at"

    private static func task(from row: Row) -> SQSMoveTaskRecord {
        SQSMoveTaskRecord(
            taskID: row[0], sourceArn: row[1], destinationArn: row[2], maxNumberOfMessagesPerSecond: row[3],
            status: row[4], movedCount: row[5], toMoveCount: row[6], failureReason: row[7], startedAt: row[8])
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func createMoveTask(_ task: SQSMoveTaskRecord) async throws -> Bool {
        try await write { database in
            let running = try Bool.fetchOne(
                database, sql: "SELECT EXISTS (SELECT 1 FROM sqs_move_tasks WHERE source_arn = ? AND status = 'RUNNING')",
                arguments: [task.sourceArn]) ?? false
            if running { return false }
            try Self.save(task, database)
            return true
        }
    }

    private static func save(_ task: SQSMoveTaskRecord, _ database: Database) throws {
        try database.execute(
            sql: "INSERT OR REPLACE INTO sqs_move_tasks (\(taskColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                task.taskID, task.sourceArn, task.destinationArn, task.maxNumberOfMessagesPerSecond, task.status,
                task.movedCount, task.toMoveCount, task.failureReason, task.startedAt,
            ])
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func moveTasks(sourceArn: String, limit: Int) async throws -> [SQSMoveTaskRecord] {
        try await read { database in
            try Row.fetchAll(
                database,
                sql: "SELECT \(Self.taskColumns) FROM sqs_move_tasks WHERE source_arn = ? ORDER BY started_at DESC, rowid DESC LIMIT ?",
                arguments: [sourceArn, limit]
            ).map(Self.task(from:))
        }
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func runningMoveTasks() async throws -> [SQSMoveTaskRecord] {
        try await read { database in
            try Row.fetchAll(
                database, sql: "SELECT \(Self.taskColumns) FROM sqs_move_tasks WHERE status = 'RUNNING' ORDER BY started_at"
            ).map(Self.task(from:))
        }
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func updateMoveTask(taskID: String, _ change: @escaping @Sendable (inout SQSMoveTaskRecord) throws -> Void)
        async throws -> SQSMoveTaskRecord?
    {
        try await write { database in
            guard var task = try Row.fetchOne(
                database, sql: "SELECT \(Self.taskColumns) FROM sqs_move_tasks WHERE task_id = ?", arguments: [taskID]
            ).map(Self.task(from:)) else { return nil }
            try change(&task)
            try Self.save(task, database)
            return task
        }
    }
}
