// SQLiteS3Store+Versions: object versions — the rule every write of a version follows, reads of one version,
// deletions (markers and versions) and the version listing.
import Foundation
import GRDB
import StratusS3

extension SQLiteS3Store {
    // MARK: The version rule, inside a transaction

    /// Makes `record` (its bytes in `blobID`; none for a delete marker) the latest version of its key in the
    /// transaction of `db`. The version it supersedes stays as a noncurrent version, except that a null `record`
    /// removes the key's null version (current or not); an object becomes the key's row in `s3_objects`, a delete
    /// marker a row of `s3_versions` (the key then has no current object).
    /// - Returns: the blobs no record points at any more, to remove after the commit.
    static func writeLatest(_ record: S3ObjectRecord, blobID: String, _ db: Database) throws -> [String] {
        var released: [String] = []
        let bucket = record.bucket, key = record.key
        if let current = try currentRecord(bucket: bucket, key: key, db) {
            if current.versionID == nil && record.versionID == nil {
                released.append(current.blobID)
            } else {
                try appendVersion(current, db)
            }
            try db.execute(sql: "DELETE FROM s3_objects WHERE bucket = ? AND key = ?", arguments: [bucket, key])
        }
        if record.versionID == nil, let old = try Row.fetchOne(db, sql: """
            SELECT seq, blob_id FROM s3_versions WHERE bucket = ? AND key = ? AND version_id = ?
            """, arguments: [bucket, key, S3ObjectRecord.nullVersionID]) {
            let seq: Int64 = old["seq"]
            released.append(old["blob_id"])
            try db.execute(sql: "DELETE FROM s3_versions WHERE bucket = ? AND key = ? AND seq = ?",
                           arguments: [bucket, key, seq])
        }
        if record.isMarker {
            try appendVersion(record, db)
        } else {
            var stored = record
            stored.blobID = blobID
            try db.execute(sql: "INSERT INTO s3_objects (bucket, key, blob_id, record) VALUES (?, ?, ?, ?)",
                           arguments: [bucket, key, blobID, try StoredJSON.encode(stored)])
        }
        return released.filter { !$0.isEmpty }
    }

    /// Removes version `versionID` of `key` for good in the transaction of `db`, unless `keeping` holds for it; when
    /// it was the latest, the newest remaining version becomes the latest (the current object, unless it is a delete
    /// marker). - Returns: what was done, and the blob released, if any.
    static func removeVersion(
        bucket: String, key: String, versionID: String, keeping: (S3ObjectRecord) -> Bool = { _ in false },
        _ db: Database
    ) throws -> (outcome: S3DeletionOutcome, released: [String]) {
        if let current = try currentRecord(bucket: bucket, key: key, db), current.versionText == versionID {
            if keeping(current) { return (.kept(current), []) }
            try db.execute(sql: "DELETE FROM s3_objects WHERE bucket = ? AND key = ?", arguments: [bucket, key])
            try promoteNewestVersion(bucket: bucket, key: key, db)
            return (.done(current), [current.blobID])
        }
        guard let row = try Row.fetchOne(db, sql: """
            SELECT seq, record FROM s3_versions WHERE bucket = ? AND key = ? AND version_id = ?
            """, arguments: [bucket, key, versionID]) else { return (.nothing, []) }
        let seq: Int64 = row["seq"]
        let removed = try StoredJSON.decode(S3ObjectRecord.self, row["record"] as String)
        if !removed.isMarker, keeping(removed) { return (.kept(removed), []) }
        try db.execute(sql: "DELETE FROM s3_versions WHERE bucket = ? AND key = ? AND seq = ?", arguments: [bucket, key, seq])
        if try currentRecord(bucket: bucket, key: key, db) == nil {
            try promoteNewestVersion(bucket: bucket, key: key, db)
        }
        return (.done(removed), removed.isMarker ? [] : [removed.blobID])
    }

    /// Moves the newest noncurrent version of `key` to `s3_objects` when it is an object (not a delete marker).
    private static func promoteNewestVersion(bucket: String, key: String, _ db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT seq, blob_id, record FROM s3_versions WHERE bucket = ? AND key = ? ORDER BY seq DESC LIMIT 1
            """, arguments: [bucket, key]) else { return }
        let record = try StoredJSON.decode(S3ObjectRecord.self, row["record"] as String)
        guard !record.isMarker else { return }
        let seq: Int64 = row["seq"]
        try db.execute(sql: "DELETE FROM s3_versions WHERE bucket = ? AND key = ? AND seq = ?", arguments: [bucket, key, seq])
        try db.execute(sql: "INSERT INTO s3_objects (bucket, key, blob_id, record) VALUES (?, ?, ?, ?)",
                       arguments: [bucket, key, row["blob_id"] as String, row["record"] as String])
    }

    /// Appends `record` as the newest noncurrent version (or delete marker) of its key.
    private static func appendVersion(_ record: S3ObjectRecord, _ db: Database) throws {
        let newest = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM s3_versions WHERE bucket = ? AND key = ?",
                                        arguments: [record.bucket, record.key]) ?? 0
        try db.execute(sql: """
            INSERT INTO s3_versions (bucket, key, seq, version_id, blob_id, record) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [record.bucket, record.key, newest + 1, record.versionText,
                             record.isMarker ? "" : record.blobID, try StoredJSON.encode(record)])
    }

    /// The current object of `key`, or nil.
    static func currentRecord(bucket: String, key: String, _ db: Database) throws -> S3ObjectRecord? {
        try String.fetchOne(db, sql: "SELECT record FROM s3_objects WHERE bucket = ? AND key = ?", arguments: [bucket, key])
            .map { try StoredJSON.decode(S3ObjectRecord.self, $0) }
    }

    /// Version `versionID` of `key`, current or not, delete markers included.
    private static func versionRecord(bucket: String, key: String, versionID: String, _ db: Database) throws
        -> S3ObjectRecord?
    {
        if let current = try currentRecord(bucket: bucket, key: key, db), current.versionText == versionID { return current }
        return try String.fetchOne(db, sql: """
            SELECT record FROM s3_versions WHERE bucket = ? AND key = ? AND version_id = ?
            """, arguments: [bucket, key, versionID])
            .map { try StoredJSON.decode(S3ObjectRecord.self, $0) }
    }

    // MARK: The port

    package func objectVersion(bucket: String, key: String, versionID: String) async throws -> S3ObjectRecord? {
        try await read { db in try Self.versionRecord(bucket: bucket, key: key, versionID: versionID, db) }
    }

    package func latestVersion(bucket: String, key: String) async throws -> S3ObjectRecord? {
        try await read { db in
            if let current = try Self.currentRecord(bucket: bucket, key: key, db) { return current }
            return try String.fetchOne(db, sql: """
                SELECT record FROM s3_versions WHERE bucket = ? AND key = ? ORDER BY seq DESC LIMIT 1
                """, arguments: [bucket, key])
                .map { try StoredJSON.decode(S3ObjectRecord.self, $0) }
        }
    }

    package func deleteObjects(
        bucket: String, _ deletions: [S3Deletion], events: [[S3PendingEvent]],
        keeping: @escaping @Sendable (S3ObjectRecord) -> Bool
    ) async throws -> [S3DeletionOutcome] {
        let eventRows = try events.map { try Self.rows(of: $0) }
        let (outcomes, released) = try await write { db -> ([S3DeletionOutcome], [String]) in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM s3_buckets WHERE name = ?", arguments: [bucket]) == true
            else { throw S3StoreMissing("bucket") }
            var outcomes: [S3DeletionOutcome] = []
            var released: [String] = []
            for (index, deletion) in deletions.enumerated() {
                let outcome: S3DeletionOutcome
                switch deletion {
                case .marker(let marker):
                    released += try Self.writeLatest(marker, blobID: "", db)
                    outcome = .done(marker)
                case .version(let key, let versionID):
                    let (done, blobs) = try Self.removeVersion(
                        bucket: bucket, key: key, versionID: versionID, keeping: keeping, db)
                    released += blobs
                    outcome = done
                }
                if outcome.record != nil, index < eventRows.count { try Self.insert(eventRows[index], db) }
                outcomes.append(outcome)
            }
            return (outcomes, released)
        }
        for blob in released where !blob.isEmpty { blobs.remove(blob) }
        return outcomes
    }

    package func versions(bucket: String, prefix: String, after start: S3VersionPosition?, limit: Int) async throws
        -> [S3VersionEntry]
    {
        let prefixBytes = Array(prefix.utf8)
        return try await read { db in
            var bound = prefix
            var comparison = ">="
            var resumeKey: String?, resumeVersion: String?
            var skipped = 0
            switch start {
            case nil: break
            case .afterKey(let key):
                bound = key
                comparison = ">"
            case .afterVersion(let key, let versionID):
                bound = key
                resumeKey = key
                resumeVersion = versionID
                skipped = 1 + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM s3_versions WHERE bucket = ? AND key = ?",
                                                arguments: [bucket, key]) ?? 0)
            }
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT key, record, 1 AS current, 0 AS seq FROM s3_objects WHERE bucket = ? AND key >= ? AND key \(comparison) ?
                UNION ALL
                SELECT key, record, 0 AS current, seq FROM s3_versions WHERE bucket = ? AND key >= ? AND key \(comparison) ?
                ORDER BY key, current DESC, seq DESC LIMIT ?
                """, arguments: [bucket, prefix, bound, bucket, prefix, bound, limit + skipped])
            var entries: [S3VersionEntry] = []
            var previousKey: String?
            while let row = try cursor.next(), entries.count < limit {
                let key: String = row["key"]
                guard key.utf8.starts(with: prefixBytes) else { break }
                let isLatest = key != previousKey
                previousKey = key
                if let skippedKey = resumeKey {
                    if key == skippedKey {
                        let record = try StoredJSON.decode(S3ObjectRecord.self, row["record"] as String)
                        if record.versionText == resumeVersion { resumeKey = nil }
                        continue
                    }
                    resumeKey = nil
                }
                let record = try StoredJSON.decode(S3ObjectRecord.self, row["record"] as String)
                entries.append(S3VersionEntry(record: record, isLatest: isLatest))
            }
            return entries
        }
    }

    package func updateObject(bucket: String, key: String, versionID: String?, events: [S3PendingEvent],
                              _ change: @escaping @Sendable (inout S3ObjectRecord) throws -> Void) async throws -> Bool {
        let eventRows = try Self.rows(of: events)
        return try await write { db -> Bool in
            func edited(_ record: S3ObjectRecord) throws -> S3ObjectRecord {
                var changed = record
                try change(&changed)
                (changed.bucket, changed.key, changed.versionID) = (record.bucket, record.key, record.versionID)
                (changed.blobID, changed.eTag, changed.isDeleteMarker) = (record.blobID, record.eTag, record.isDeleteMarker)
                return changed
            }
            if let current = try Self.currentRecord(bucket: bucket, key: key, db),
               versionID == nil || current.versionText == versionID {
                try db.execute(sql: "UPDATE s3_objects SET record = ? WHERE bucket = ? AND key = ?",
                               arguments: [try StoredJSON.encode(try edited(current)), bucket, key])
            } else if let versionID, let record = try String.fetchOne(db, sql: """
                SELECT record FROM s3_versions WHERE bucket = ? AND key = ? AND version_id = ?
                """, arguments: [bucket, key, versionID]).map({ try StoredJSON.decode(S3ObjectRecord.self, $0) }),
                !record.isMarker {
                try db.execute(sql: "UPDATE s3_versions SET record = ? WHERE bucket = ? AND key = ? AND version_id = ?",
                               arguments: [try StoredJSON.encode(try edited(record)), bucket, key, versionID])
            } else {
                return false
            }
            try Self.insert(eventRows, db)
            return true
        }
    }
}
