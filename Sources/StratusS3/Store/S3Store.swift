import Foundation

/// The storage port of the S3 service: buckets, objects with their bytes, and multipart uploads with their parts.
///
/// Guarantees every adapter must give:
/// - each method is one atomic transaction; a method that returns has committed durably (an acknowledged object
///   survives a crash with its bytes);
/// - an object's bytes and its record change together: a reader sees the old object or the new one, never a mix;
/// - keys are ordered by their UTF-8 bytes (listing order is S3's);
/// - times are milliseconds since the Unix epoch, given by the caller: adapters never read a clock;
/// - the `events` of an object change are stored in its transaction (a deletion's only for the keys it removed),
///   and stay until ``removePendingEvent(id:)``.
/// Adapters know nothing of AWS rules beyond what the request types spell out.
package protocol S3Store: Sendable {
    /// Inserts `bucket` unless a bucket with its name exists (bucket names are global across accounts).
    /// - Returns: the existing bucket when not created, nil when created.
    func createBucket(_ bucket: S3BucketRecord) async throws -> S3BucketRecord?

    /// The bucket `name`, or nil.
    func bucket(named name: String) async throws -> S3BucketRecord?

    /// Reads bucket `name`, lets `change` edit it (its name stays), and writes it back, atomically.
    /// - Returns: the bucket after the change, or nil when it does not exist (nothing is written then).
    func updateBucket(named name: String, _ change: @escaping @Sendable (inout S3BucketRecord) -> Void) async throws
        -> S3BucketRecord?

    /// The buckets of `accountID`, sorted by name.
    func buckets(accountID: String) async throws -> [S3BucketRecord]

    /// Deletes bucket `name` and its unfinished multipart uploads if it holds no object.
    func deleteBucket(named name: String) async throws -> S3BucketDeletion

    /// Stores `object` with `body` as its bytes, replacing the object with the same bucket and key.
    /// - Throws: when the bucket no longer exists (nothing is written then).
    func putObject(_ object: S3ObjectRecord, body: Data, events: [S3PendingEvent]) async throws

    /// Stores `object` with the bytes of `source` (a stored object), replacing the object with the same bucket
    /// and key; `source` may be the same object.
    /// - Throws: when the source or the bucket no longer exists (nothing is written then).
    func copyObject(_ object: S3ObjectRecord, bytesOf source: S3ObjectRecord, events: [S3PendingEvent]) async throws

    /// The object `key` of `bucket`, or nil.
    func object(bucket: String, key: String) async throws -> S3ObjectRecord?

    /// The bytes of `object` (as returned by ``object(bucket:key:)``) in `range` (all when nil).
    /// - Throws: when the object was replaced or deleted since it was read.
    func body(of object: S3ObjectRecord, range: Range<Int>?) async throws -> Data

    /// Deletes the object `key` of `bucket`. - Returns: whether one existed.
    func deleteObject(bucket: String, key: String, events: [S3PendingEvent]) async throws -> Bool

    /// Deletes each of `keys` from `bucket` in one transaction. - Returns: per key, whether it existed.
    func deleteObjects(bucket: String, keys: [String], events: [String: [S3PendingEvent]]) async throws -> [Bool]

    /// Objects of `bucket` whose keys start with `prefix` and sort strictly after `afterKey`, in key order, at most
    /// `limit`.
    func objects(bucket: String, prefix: String, afterKey: String?, limit: Int) async throws -> [S3ObjectRecord]

    /// Inserts a new multipart upload.
    func createUpload(_ upload: S3UploadRecord) async throws

    /// The unfinished upload `id` of `bucket`, or nil.
    func upload(bucket: String, id: String) async throws -> S3UploadRecord?

    /// The unfinished uploads of `bucket`, by key then initiation time.
    func uploads(bucket: String) async throws -> [S3UploadRecord]

    /// Stores part `part.partNumber` of upload `part.uploadID` with `body`, replacing a part with that number.
    /// - Throws: ``S3StoreMissing`` when the upload no longer exists (nothing is written then).
    func putPart(_ part: S3PartRecord, body: Data) async throws

    /// The parts of upload `uploadID`, by part number.
    func parts(uploadID: String) async throws -> [S3PartRecord]

    /// Completes upload `uploadID`: stores `object` whose bytes are `parts`' bytes in order (replacing the object
    /// with its bucket and key) and deletes the upload with all its parts.
    /// - Throws: ``S3StoreMissing`` when the upload or one of the parts no longer exists (nothing is written then).
    func completeUpload(id uploadID: String, object: S3ObjectRecord, parts: [S3PartRecord], events: [S3PendingEvent])
        async throws

    /// Deletes upload `uploadID` with its parts. - Returns: whether it existed.
    func abortUpload(id uploadID: String) async throws -> Bool
    /// Sets the tags of the object `key` of `bucket` (its bytes, entity tag and time unchanged), with `events`.
    /// - Returns: whether the object exists.
    func setObjectTags(bucket: String, key: String, tags: [S3ObjectTag]?, events: [S3PendingEvent]) async throws -> Bool
    /// Event notifications stored and not yet removed, due at `now` (ms), the earliest due first, at most `limit`.
    func pendingEvents(dueAt now: Int64, limit: Int) async throws -> [S3PendingEvent]
    /// Records a failed delivery: the attempt count and when the next sweep may try again.
    func reschedulePendingEvent(id: String, attempts: Int, dueAt: Int64) async throws
    /// Removes an event notification (delivered, or given up).
    func removePendingEvent(id: String) async throws
}

/// What ``S3Store/deleteBucket(named:)`` did.
package enum S3BucketDeletion: Sendable, Equatable {
    /// The bucket and its unfinished uploads are gone.
    case deleted
    /// The bucket holds objects; nothing changed.
    case notEmpty
    /// There is no such bucket.
    case missing
}

/// A record the store was asked to change no longer exists (deleted or replaced concurrently).
package struct S3StoreMissing: Error, Sendable, Equatable {
    /// What was missing (`bucket`, `upload`, `part 3`, `object`).
    package var what: String
    /// An error naming what was missing.
    package init(_ what: String) { self.what = what }
}
