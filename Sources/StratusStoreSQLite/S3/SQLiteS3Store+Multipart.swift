// SQLiteS3Store+Multipart: unfinished multipart uploads and their parts.
import Foundation
import GRDB
import StratusS3

extension SQLiteS3Store {
    package func createUpload(_ upload: S3UploadRecord) async throws {
        let text = try StoredJSON.encode(upload)
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM s3_buckets WHERE name = ?", arguments: [upload.bucket]) == true
            else { throw S3StoreMissing("bucket") }
            try db.execute(sql: "INSERT INTO s3_uploads (id, bucket, key, initiated_at, record) VALUES (?, ?, ?, ?, ?)",
                           arguments: [upload.id, upload.bucket, upload.key, upload.initiatedAt, text])
        }
    }

    package func upload(bucket: String, id: String) async throws -> S3UploadRecord? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT record FROM s3_uploads WHERE id = ? AND bucket = ?",
                                arguments: [id, bucket])
                .map { try StoredJSON.decode(S3UploadRecord.self, $0) }
        }
    }

    package func uploads(bucket: String) async throws -> [S3UploadRecord] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT record FROM s3_uploads WHERE bucket = ? ORDER BY key, initiated_at, id",
                                arguments: [bucket])
                .map { try StoredJSON.decode(S3UploadRecord.self, $0) }
        }
    }

    package func putPart(_ part: S3PartRecord, body: Data) async throws {
        try await prepare()
        let blobID = try blobs.write(body)
        let record = { var record = part; record.blobID = blobID; return record }()
        let text = try StoredJSON.encode(record)
        let replaced: String?
        do {
            replaced = try await write { db -> String? in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM s3_uploads WHERE id = ?", arguments: [record.uploadID]) == true
                else { throw S3StoreMissing("upload") }
                let old = try String.fetchOne(
                    db, sql: "SELECT blob_id FROM s3_parts WHERE upload_id = ? AND part_number = ?",
                    arguments: [record.uploadID, record.partNumber])
                try db.execute(sql: """
                    INSERT OR REPLACE INTO s3_parts (upload_id, part_number, blob_id, record) VALUES (?, ?, ?, ?)
                    """, arguments: [record.uploadID, record.partNumber, record.blobID, text])
                return old
            }
        } catch {
            blobs.remove(record.blobID)
            throw error
        }
        if let replaced { blobs.remove(replaced) }
    }

    package func parts(uploadID: String) async throws -> [S3PartRecord] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT record FROM s3_parts WHERE upload_id = ? ORDER BY part_number",
                                arguments: [uploadID])
                .map { try StoredJSON.decode(S3PartRecord.self, $0) }
        }
    }

    package func completeUpload(id uploadID: String, object: S3ObjectRecord, parts: [S3PartRecord],
                                events: [S3PendingEvent]) async throws {
        try await prepare()
        let blobID: String
        do {
            blobID = try blobs.writeConcatenation(of: parts.map(\.blobID))
        } catch {
            throw S3StoreMissing("part")
        }
        let record = object
        let expected = parts.map { ($0.partNumber, $0.blobID) }
        let eventRows = try Self.rows(of: events)
        let removed: [String]
        do {
            removed = try await write { db -> [String] in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM s3_uploads WHERE id = ?", arguments: [uploadID]) == true
                else { throw S3StoreMissing("upload") }
                for (number, blob) in expected {
                    let stored = try String.fetchOne(
                        db, sql: "SELECT blob_id FROM s3_parts WHERE upload_id = ? AND part_number = ?",
                        arguments: [uploadID, number])
                    guard stored == blob else { throw S3StoreMissing("part \(number)") }
                }
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM s3_buckets WHERE name = ?",
                                        arguments: [record.bucket]) == true
                else { throw S3StoreMissing("bucket") }
                var removed = try String.fetchAll(db, sql: "SELECT blob_id FROM s3_parts WHERE upload_id = ?",
                                                  arguments: [uploadID])
                try db.execute(sql: "DELETE FROM s3_parts WHERE upload_id = ?", arguments: [uploadID])
                try db.execute(sql: "DELETE FROM s3_uploads WHERE id = ?", arguments: [uploadID])
                removed += try Self.writeLatest(record, blobID: blobID, db)
                try Self.insert(eventRows, db)
                return removed
            }
        } catch {
            blobs.remove(blobID)
            throw error
        }
        for blob in removed { blobs.remove(blob) }
    }

    package func abortUpload(id uploadID: String) async throws -> Bool {
        let removed = try await write { db -> [String]? in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM s3_uploads WHERE id = ?", arguments: [uploadID]) == true
            else { return nil }
            let blobs = try String.fetchAll(db, sql: "SELECT blob_id FROM s3_parts WHERE upload_id = ?", arguments: [uploadID])
            try db.execute(sql: "DELETE FROM s3_parts WHERE upload_id = ?", arguments: [uploadID])
            try db.execute(sql: "DELETE FROM s3_uploads WHERE id = ?", arguments: [uploadID])
            return blobs
        }
        guard let removed else { return false }
        for blob in removed { blobs.remove(blob) }
        return true
    }
}
