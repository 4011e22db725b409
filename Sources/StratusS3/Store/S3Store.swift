import Foundation

/// The storage port of the S3 service: buckets, objects with their bytes, and multipart uploads with their parts.
///
/// Guarantees every adapter must give:
/// - each method is one atomic transaction; a method that returns has committed durably (an acknowledged object
///   survives a crash with its bytes);
/// - an object's bytes and its record change together: a reader sees the old object or the new one, never a mix;
/// - keys are ordered by their UTF-8 bytes (listing order is S3's);
/// - times are milliseconds since the Unix epoch, given by the caller: adapters never read a clock;
/// - the `events` of an object change are stored in its transaction (a deletion's only for the deletions that did
///   something), and stay until ``removePendingEvent(id:)``;
/// - versions: a key's *current* object is its latest version unless that is a delete marker. Writing a version
///   (``putObject(_:body:events:)``, ``copyObject(_:bytesOf:events:)``, ``completeUpload(id:object:parts:events:)``,
///   a marker by ``deleteObjects(bucket:_:events:keeping:)``) keeps the version it supersedes as a noncurrent one, except
///   that a key has at most one `null` version (`versionID` nil): writing a null version removes the one there
///   was, with its bytes. In a bucket that never had versioning every version is null, so a write replaces.
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

    /// Every bucket of every account, sorted by name.
    func allBuckets() async throws -> [S3BucketRecord]

    /// The buckets of `accountID`, sorted by name.
    func buckets(accountID: String) async throws -> [S3BucketRecord]

    /// Deletes bucket `name` and its unfinished multipart uploads if it holds no object.
    func deleteBucket(named name: String) async throws -> S3BucketDeletion

    /// Stores `object` with `body` as its bytes as the latest version of its key (see the version rule above).
    /// - Throws: when the bucket no longer exists (nothing is written then).
    func putObject(_ object: S3ObjectRecord, body: Data, events: [S3PendingEvent]) async throws

    /// Stores `object` with the bytes of `source` (a stored version) as the latest version of its key; `source` may
    /// be the current object of that key.
    /// - Throws: when the source or the bucket no longer exists (nothing is written then).
    func copyObject(_ object: S3ObjectRecord, bytesOf source: S3ObjectRecord, events: [S3PendingEvent]) async throws

    /// The current object `key` of `bucket`, or nil (none, or its latest version is a delete marker).
    func object(bucket: String, key: String) async throws -> S3ObjectRecord?

    /// The version `versionID` (`null` for the null version) of `key` in `bucket`, current or not, delete markers
    /// included; nil when there is none.
    func objectVersion(bucket: String, key: String, versionID: String) async throws -> S3ObjectRecord?

    /// The latest version of `key` in `bucket` (the current object, or the delete marker that hides it), or nil.
    func latestVersion(bucket: String, key: String) async throws -> S3ObjectRecord?

    /// The bytes of `object` (as returned by ``object(bucket:key:)``) in `range` (all when nil).
    /// - Throws: when the object was replaced or deleted since it was read.
    func body(of object: S3ObjectRecord, range: Range<Int>?) async throws -> Data

    /// Applies `deletions` to `bucket` in order, in one transaction, storing `events[i]` when deletion `i` did
    /// something. A `.version` deletion of a version for which `keeping` holds (judged on the version as stored, in
    /// the same transaction) leaves it in place. - Returns: per deletion, what it did.
    func deleteObjects(
        bucket: String, _ deletions: [S3Deletion], events: [[S3PendingEvent]],
        keeping: @escaping @Sendable (S3ObjectRecord) -> Bool
    ) async throws -> [S3DeletionOutcome]

    /// The versions of `bucket`'s keys that start with `prefix`, from `start` on, by key (UTF-8 byte order) and
    /// newest first within a key, at most `limit`.
    func versions(bucket: String, prefix: String, after start: S3VersionPosition?, limit: Int) async throws
        -> [S3VersionEntry]

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

    /// Completes upload `uploadID`: stores `object` whose bytes are `parts`' bytes in order (as the latest version of
    /// its key) and deletes the upload with all its parts.
    /// - Throws: ``S3StoreMissing`` when the upload or one of the parts no longer exists (nothing is written then).
    func completeUpload(id uploadID: String, object: S3ObjectRecord, parts: [S3PartRecord], events: [S3PendingEvent])
        async throws

    /// Deletes upload `uploadID` with its parts. - Returns: whether it existed.
    func abortUpload(id uploadID: String) async throws -> Bool
    /// Lets `change` edit the metadata of version `versionID` (the current object when nil) of `key` in `bucket` —
    /// tags, ACL; its bytes, key, version and entity tag stay — and stores `events` with it, atomically.
    /// - Returns: whether that version exists and is not a delete marker (nothing is written otherwise).
    /// When `change` throws, nothing is written and its error is rethrown.
    func updateObject(bucket: String, key: String, versionID: String?, events: [S3PendingEvent],
                      _ change: @escaping @Sendable (inout S3ObjectRecord) throws -> Void) async throws -> Bool
    /// Event notifications stored and not yet removed, due at `now` (ms), the earliest due first, at most `limit`.
    func pendingEvents(dueAt now: Int64, limit: Int) async throws -> [S3PendingEvent]
    /// Records a failed delivery: the attempt count and when the next sweep may try again.
    func reschedulePendingEvent(id: String, attempts: Int, dueAt: Int64) async throws
    /// Removes an event notification (delivered, or given up).
    func removePendingEvent(id: String) async throws
}

extension S3Store {
    /// Applies `deletions` to `bucket` in order, in one transaction (``deleteObjects(bucket:_:events:keeping:)``
    /// keeping nothing). - Returns: per deletion, the version it removed or the marker it added (nil: nothing to
    /// delete).
    package func deleteObjects(bucket: String, _ deletions: [S3Deletion], events: [[S3PendingEvent]]) async throws
        -> [S3ObjectRecord?]
    {
        try await deleteObjects(bucket: bucket, deletions, events: events, keeping: { _ in false }).map(\.record)
    }
}

/// What one deletion of ``S3Store/deleteObjects(bucket:_:events:keeping:)`` did.
package enum S3DeletionOutcome: Sendable, Equatable {
    /// Nothing: there was no such version.
    case nothing
    /// The version it removed, or the delete marker it added.
    case done(S3ObjectRecord)
    /// The version the `keeping` predicate held for, left in place.
    case kept(S3ObjectRecord)

    /// The version removed or the marker added, nil when nothing was deleted.
    package var record: S3ObjectRecord? {
        if case .done(let record) = self { return record }
        return nil
    }
}

/// One deletion of ``S3Store/deleteObjects(bucket:_:events:keeping:)``.
package enum S3Deletion: Sendable, Equatable {
    /// Adds `marker` (a delete marker record) as the latest version of its key, hiding the current object.
    case marker(S3ObjectRecord)
    /// Removes version `versionID` (`null` for the null version) of `key` for good, with its bytes; when it was
    /// the latest, the version before it becomes the latest.
    case version(key: String, versionID: String)
}

/// Where a version listing resumes.
package enum S3VersionPosition: Sendable, Equatable {
    /// After every version of keys up to and including this one.
    case afterKey(String)
    /// After version `versionID` of `key` (and every version of the keys before it).
    case afterVersion(key: String, versionID: String)
}

/// One version in a version listing.
package struct S3VersionEntry: Sendable, Equatable {
    /// The version (an object or a delete marker).
    package var record: S3ObjectRecord
    /// Whether it is the latest version of its key.
    package var isLatest: Bool

    /// An entry.
    package init(record: S3ObjectRecord, isLatest: Bool) {
        self.record = record
        self.isLatest = isLatest
    }
}

/// What ``S3Store/deleteBucket(named:)`` did.
package enum S3BucketDeletion: Sendable, Equatable {
    /// The bucket and its unfinished uploads are gone.
    case deleted
    /// The bucket holds objects, noncurrent versions or delete markers; nothing changed.
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
