// SQLiteS3Store: the S3 storage port on one SQLite database (records) and a blob directory (bytes).
import Foundation
import GRDB
import StratusS3
import Synchronization

/// ``S3Store`` on a ``SQLiteDatabase`` (normally `SQLiteStoreFactory.database(for: "s3")`) and an
/// ``S3BlobDirectory``.
///
/// Guarantees: bytes are written to a new blob (synced) before the transaction that points a record at it commits,
/// and a replaced or deleted record's blob is removed only after that commit, so a committed record always has
/// its bytes and an acknowledged object survives `kill -9`; a blob left behind by a crash between the two is
/// removed by the sweep of ``prepare()`` (the first use of the store in a process). Every write goes through the
/// database's group commit, one savepoint per call.
package final class SQLiteS3Store: PreparedSQLiteStore, S3Store {
    let database: SQLiteDatabase
    /// Where the bytes live.
    package let blobs: S3BlobDirectory
    private let preparation = Mutex<Task<Void, any Error>?>(nil)

    /// A store on `database` with bytes in `blobs`.
    package init(database: SQLiteDatabase, blobs: S3BlobDirectory) {
        self.database = database
        self.blobs = blobs
    }

    /// Applies the schema migrations and removes blobs no record points at (done on first use; call it to fail
    /// early). Concurrent callers wait for the same preparation.
    package func prepare() async throws {
        let task = preparation.withLock { task -> Task<Void, any Error> in
            if let task { return task }
            let database = self.database, blobs = self.blobs
            let created = Task {
                try await database.migrate(SQLiteS3Schema.migrations)
                let referenced = try await database.read { db -> Set<String> in
                    Set(try String.fetchAll(db, sql: """
                        SELECT blob_id FROM s3_objects UNION SELECT blob_id FROM s3_parts UNION SELECT blob_id FROM s3_versions
                        """))
                }
                blobs.sweep(keeping: referenced)
            }
            task = created
            return created
        }
        try await task.value
    }

    /// Removes every blob (after the database was wiped behind the store's back: `/_stratus/reset`).
    package func wipeBlobs() {
        blobs.removeAll()
    }

    // MARK: Buckets

    package func createBucket(_ bucket: S3BucketRecord) async throws -> S3BucketRecord? {
        let text = try StoredJSON.encode(bucket)
        return try await write { db -> S3BucketRecord? in
            if let existing = try String.fetchOne(db, sql: "SELECT record FROM s3_buckets WHERE name = ?",
                                                  arguments: [bucket.name]) {
                return try StoredJSON.decode(S3BucketRecord.self, existing)
            }
            try db.execute(sql: "INSERT INTO s3_buckets (name, account_id, record) VALUES (?, ?, ?)",
                           arguments: [bucket.name, bucket.accountID, text])
            return nil
        }
    }

    package func bucket(named name: String) async throws -> S3BucketRecord? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT record FROM s3_buckets WHERE name = ?", arguments: [name])
                .map { try StoredJSON.decode(S3BucketRecord.self, $0) }
        }
    }

    package func updateBucket(named name: String, _ change: @escaping @Sendable (inout S3BucketRecord) -> Void) async throws
        -> S3BucketRecord?
    {
        try await write { db -> S3BucketRecord? in
            guard let text = try String.fetchOne(db, sql: "SELECT record FROM s3_buckets WHERE name = ?", arguments: [name])
            else { return nil }
            var bucket = try StoredJSON.decode(S3BucketRecord.self, text)
            change(&bucket)
            bucket.name = name
            try db.execute(sql: "UPDATE s3_buckets SET record = ? WHERE name = ?", arguments: [try StoredJSON.encode(bucket), name])
            return bucket
        }
    }

    package func allBuckets() async throws -> [S3BucketRecord] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT record FROM s3_buckets ORDER BY name")
                .map { try StoredJSON.decode(S3BucketRecord.self, $0) }
        }
    }

    package func buckets(accountID: String) async throws -> [S3BucketRecord] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT record FROM s3_buckets WHERE account_id = ? ORDER BY name",
                                arguments: [accountID])
                .map { try StoredJSON.decode(S3BucketRecord.self, $0) }
        }
    }

    package func deleteBucket(named name: String) async throws -> S3BucketDeletion {
        let (outcome, partBlobs) = try await write { db -> (S3BucketDeletion, [String]) in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM s3_buckets WHERE name = ?", arguments: [name]) == true
            else { return (.missing, []) }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM s3_objects WHERE bucket = ? LIMIT 1", arguments: [name]) == true
                || Bool.fetchOne(db, sql: "SELECT 1 FROM s3_versions WHERE bucket = ? LIMIT 1", arguments: [name]) == true {
                return (.notEmpty, [])
            }
            let partBlobs = try String.fetchAll(db, sql: """
                SELECT blob_id FROM s3_parts WHERE upload_id IN (SELECT id FROM s3_uploads WHERE bucket = ?)
                """, arguments: [name])
            try db.execute(sql: "DELETE FROM s3_parts WHERE upload_id IN (SELECT id FROM s3_uploads WHERE bucket = ?)",
                           arguments: [name])
            try db.execute(sql: "DELETE FROM s3_uploads WHERE bucket = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM s3_buckets WHERE name = ?", arguments: [name])
            return (.deleted, partBlobs)
        }
        for blob in partBlobs { blobs.remove(blob) }
        return outcome
    }

    // MARK: Objects

    package func putObject(_ object: S3ObjectRecord, body: Data, events: [S3PendingEvent]) async throws {
        try await prepare()
        let blobID = try blobs.write(body)
        try await store(object, blobID: blobID, events: events)
    }

    package func copyObject(_ object: S3ObjectRecord, bytesOf source: S3ObjectRecord, events: [S3PendingEvent]) async throws {
        try await prepare()
        let blobID: String
        do {
            blobID = try blobs.copy(source.blobID)
        } catch {
            throw S3StoreMissing("object")
        }
        try await store(object, blobID: blobID, events: events)
    }

    /// Writes `object` (bytes in the new blob `blobID`) as the latest version of its key (``writeLatest(_:blobID:_:)``),
    /// with its `events`, and removes the blobs that lost their record after the commit (or the new blob if the
    /// write failed).
    private func store(_ object: S3ObjectRecord, blobID: String, events: [S3PendingEvent]) async throws {
        let eventRows = try Self.rows(of: events)
        let released: [String]
        do {
            released = try await write { db -> [String] in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM s3_buckets WHERE name = ?",
                                        arguments: [object.bucket]) == true
                else { throw S3StoreMissing("bucket") }
                let released = try Self.writeLatest(object, blobID: blobID, db)
                try Self.insert(eventRows, db)
                return released
            }
        } catch {
            blobs.remove(blobID)
            throw error
        }
        for blob in released { blobs.remove(blob) }
    }

    package func object(bucket: String, key: String) async throws -> S3ObjectRecord? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT record FROM s3_objects WHERE bucket = ? AND key = ?",
                                arguments: [bucket, key])
                .map { try StoredJSON.decode(S3ObjectRecord.self, $0) }
        }
    }

    package func body(of object: S3ObjectRecord, range: Range<Int>?) async throws -> Data {
        try await prepare()
        do {
            return try blobs.read(object.blobID, range: range)
        } catch {
            throw S3StoreMissing("object")
        }
    }

    package func objects(bucket: String, prefix: String, afterKey: String?, limit: Int) async throws -> [S3ObjectRecord] {
        let prefixBytes = Array(prefix.utf8)
        return try await read { db in
            var rows: [S3ObjectRecord] = []
            let cursor = try String.fetchCursor(db, sql: """
                SELECT record FROM s3_objects WHERE bucket = ? AND key >= ? AND key > ? ORDER BY key LIMIT ?
                """, arguments: [bucket, prefix, afterKey ?? "", limit])
            while let text = try cursor.next() {
                let record = try StoredJSON.decode(S3ObjectRecord.self, text)
                guard record.key.utf8.starts(with: prefixBytes) else { break }
                rows.append(record)
            }
            return rows
        }
    }

    /// The columns of pending events: id, due time, JSON record.
    static func rows(of events: [S3PendingEvent]) throws -> [(String, Int64, String)] {
        try events.map { ($0.id, $0.dueAt, try StoredJSON.encode($0)) }
    }

    /// Inserts pending events (rows of ``rows(of:)``) in the transaction of `db`.
    static func insert(_ rows: [(String, Int64, String)], _ db: Database) throws {
        for (id, dueAt, record) in rows {
            try db.execute(sql: "INSERT INTO s3_pending_events (id, due_at, record) VALUES (?, ?, ?)",
                           arguments: [id, dueAt, record])
        }
    }

    package func pendingEvents(dueAt now: Int64, limit: Int) async throws -> [S3PendingEvent] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT record FROM s3_pending_events WHERE due_at <= ? ORDER BY due_at, id LIMIT ?",
                                arguments: [now, limit])
                .map { try StoredJSON.decode(S3PendingEvent.self, $0) }
        }
    }

    package func reschedulePendingEvent(id: String, attempts: Int, dueAt: Int64) async throws {
        try await write { db in
            guard let text = try String.fetchOne(db, sql: "SELECT record FROM s3_pending_events WHERE id = ?", arguments: [id])
            else { return }
            var event = try StoredJSON.decode(S3PendingEvent.self, text)
            event.attempts = attempts
            event.dueAt = dueAt
            try db.execute(sql: "UPDATE s3_pending_events SET due_at = ?, record = ? WHERE id = ?",
                           arguments: [dueAt, try StoredJSON.encode(event), id])
        }
    }

    package func removePendingEvent(id: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM s3_pending_events WHERE id = ?", arguments: [id])
        }
    }
}
