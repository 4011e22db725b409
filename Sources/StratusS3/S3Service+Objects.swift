import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

extension S3Service {
    package func putObject(_ input: S3.PutObjectRequest, context: RequestContext) async throws -> S3.PutObjectOutput {
        try await putObject(input, context: context, event: "ObjectCreated:Put")
    }

    /// `PutObject`, notifying `event` (`ObjectCreated:Put`, or `ObjectCreated:Post` for a browser-based upload).
    func putObject(_ input: S3.PutObjectRequest, context: RequestContext, event: String) async throws -> S3.PutObjectOutput {
        try Self.checkKey(input.key)
        let bucket = try await existingBucket(input.bucket)
        let body = input.body ?? Data()
        try Self.checkContentMD5(input.contentMD5, body: body)
        let given = Self.givenChecksums(crc32: input.checksumCRC32, crc32c: input.checksumCRC32C,
                                        crc64nvme: input.checksumCRC64NVME, sha1: input.checksumSHA1,
                                        sha256: input.checksumSHA256)
        let checksum = try Self.verifiedChecksum(of: body, algorithm: input.checksumAlgorithm?.rawValue, given: given)
        try await checkWriteConditions(bucket: input.bucket, key: input.key, ifMatch: input.ifMatch,
                                       ifNoneMatch: input.ifNoneMatch)
        let headers = S3ObjectHeaders(request: input)
        var record = S3ObjectRecord(
            bucket: input.bucket, key: input.key, size: body.count, eTag: "\"\(Self.md5Hex(body))\"",
            lastModified: nowSeconds(), headers: headers, metadata: Self.userMetadata(input.metadata),
            checksum: checksum, storageClass: input.storageClass?.rawValue ?? "STANDARD",
            tags: try Self.tags(fromHeader: input.tagging), versionID: newVersionID(for: bucket))
        record.acl = try objectGrants(input, canned: input.acl?.rawValue, bucket: bucket)
        record.lock = try newObjectLock(mode: input.objectLockMode?.rawValue, retainUntil: input.objectLockRetainUntilDate,
                                        legalHold: input.objectLockLegalHoldStatus?.rawValue, in: bucket)
        record.replicationStatus = replicationRule(for: record, in: bucket) == nil ? nil : "PENDING"
        if event == "ObjectCreated:Put" {
            try Self.checkIntegrityCheck(for: record.lock, contentMD5: input.contentMD5,
                                         checksumAlgorithm: input.checksumAlgorithm?.rawValue, given: given, request: "Put Object")
        }
        let events = pendingEvents(event, bucket: bucket, key: input.key, object: record, context: context)
        try await storeWrite(bucket: input.bucket) { try await store.putObject(record, body: body, events: events) }
        await dispatch(events)
        await replicate(record, in: bucket, context: context)
        var output = S3.PutObjectOutput()
        output.eTag = record.eTag
        output.versionId = record.versionID
        output.serverSideEncryption = "AES256"
        if let checksum {
            Self.setChecksum(checksum, on: &output)
            output.checksumType = S3.ChecksumType(rawValue: checksum.type)
        }
        return output
    }

    package func getObject(_ input: S3.GetObjectRequest, context: RequestContext) async throws -> S3.GetObjectOutput {
        let read = try await readObject(
            bucket: input.bucket, key: input.key, versionID: input.versionId, range: input.range,
            partNumber: input.partNumber,
            conditions: ReadConditions(ifMatch: input.ifMatch, ifNoneMatch: input.ifNoneMatch,
                                       ifModifiedSince: input.ifModifiedSince, ifUnmodifiedSince: input.ifUnmodifiedSince),
            readsBody: true)
        var output = S3.GetObjectOutput()
        Self.describe(read, partNumber: input.partNumber, checksumMode: input.checksumMode?.rawValue, into: &output)
        output.body = read.body
        // The response-* query parameters override what is sent back.
        output.contentType = input.responseContentType ?? output.contentType
        output.contentEncoding = input.responseContentEncoding ?? output.contentEncoding
        output.contentDisposition = input.responseContentDisposition ?? output.contentDisposition
        output.contentLanguage = input.responseContentLanguage ?? output.contentLanguage
        output.cacheControl = input.responseCacheControl ?? output.cacheControl
        output.expires = input.responseExpires.map(HTTPDate.text) ?? output.expires
        return output
    }

    package func headObject(_ input: S3.HeadObjectRequest, context: RequestContext) async throws -> S3.HeadObjectOutput {
        let read = try await readObject(
            bucket: input.bucket, key: input.key, versionID: input.versionId, range: input.range,
            partNumber: input.partNumber,
            conditions: ReadConditions(ifMatch: input.ifMatch, ifNoneMatch: input.ifNoneMatch,
                                       ifModifiedSince: input.ifModifiedSince, ifUnmodifiedSince: input.ifUnmodifiedSince),
            readsBody: false)
        var output = S3.HeadObjectOutput()
        Self.describe(read, partNumber: input.partNumber, checksumMode: input.checksumMode?.rawValue, into: &output)
        return output
    }

    package func deleteObject(_ input: S3.DeleteObjectRequest, context: RequestContext) async throws -> S3.DeleteObjectOutput {
        let bucket = try await existingBucket(input.bucket)
        if let versionID = input.versionId { try Self.checkVersionID(versionID) }
        if let ifMatch = input.ifMatch {
            guard let object = try await store.object(bucket: input.bucket, key: input.key) else {
                throw S3Failure.noSuchKey(input.key)
            }
            guard Self.eTag(object.eTag, matches: ifMatch) else { throw S3Failure.preconditionFailed("If-Match") }
        }
        let deletion = deletion(of: input.key, versionID: input.versionId, in: bucket)
        let events = pendingEvents(for: deletion, bucket: bucket, context: context)
        let keeping = keepsProtectedVersions(bypassingGovernance: input.bypassGovernanceRetention == true)
        let done = try await storeWrite(bucket: input.bucket) {
            try await store.deleteObjects(bucket: input.bucket, [deletion], events: [events], keeping: keeping)
        }.first ?? .nothing
        if case .kept = done { throw Self.objectLocked() }
        let outcome = done.record
        if outcome != nil { await dispatch(events) }
        if case .marker(let marker) = deletion, outcome != nil { await replicate(marker, in: bucket, context: context) }
        var output = S3.DeleteObjectOutput()
        switch deletion {
        case .marker(let marker):
            output.deleteMarker = true
            output.versionId = marker.versionText
        case .version(_, let versionID):
            if input.versionId != nil {
                output.versionId = versionID
                if outcome?.isMarker == true { output.deleteMarker = true }
            }
        }
        return output
    }

    /// What deleting `key` does in `bucket`: with a version id, removes that version; without one, adds a delete
    /// marker when the bucket has versioning, and removes the (null) object when it never had.
    func deletion(of key: String, versionID: String?, in bucket: S3BucketRecord) -> S3Deletion {
        if let versionID { return .version(key: key, versionID: versionID) }
        guard bucket.isVersioned else { return .version(key: key, versionID: S3ObjectRecord.nullVersionID) }
        return .marker(S3ObjectRecord(bucket: bucket.name, key: key, size: 0, eTag: "", lastModified: nowSeconds(),
                                      versionID: newVersionID(for: bucket), isDeleteMarker: true))
    }

    /// The notifications of a deletion: `<cause>:DeleteMarkerCreated` for a marker, `<cause>:Delete` for a version
    /// removed (the version id named when the bucket has versioning); the cause is `ObjectRemoved` for requests,
    /// `LifecycleExpiration` for lifecycle rules.
    func pendingEvents(for deletion: S3Deletion, bucket: S3BucketRecord, context: RequestContext,
                       cause: String = "ObjectRemoved") -> [S3PendingEvent] {
        switch deletion {
        case .marker(let marker):
            return pendingEvents("\(cause):DeleteMarkerCreated", bucket: bucket, key: marker.key, object: nil,
                                 versionID: marker.versionText, context: context)
        case .version(let key, let versionID):
            return pendingEvents("\(cause):Delete", bucket: bucket, key: key, object: nil,
                                 versionID: bucket.isVersioned ? versionID : nil, context: context)
        }
    }

    package func copyObject(_ input: S3.CopyObjectRequest, context: RequestContext) async throws -> S3.CopyObjectOutput {
        try Self.checkKey(input.key)
        let (sourceBucket, sourceKey, sourceVersion) = try Self.copySource(input.copySource)
        let sourceBucketRecord = try await existingBucket(sourceBucket)
        let bucket = try await existingBucket(input.bucket)
        let source = try await copySourceVersion(bucket: sourceBucketRecord, key: sourceKey, versionID: sourceVersion)
        try Self.checkCopyConditions(source, ifMatch: input.copySourceIfMatch, ifNoneMatch: input.copySourceIfNoneMatch,
                                     ifModifiedSince: input.copySourceIfModifiedSince,
                                     ifUnmodifiedSince: input.copySourceIfUnmodifiedSince)
        let replacesMetadata = input.metadataDirective?.rawValue == "REPLACE"
        if let directive = input.metadataDirective?.rawValue, directive != "COPY", directive != "REPLACE" {
            throw S3Failure.invalidArgument("Unknown metadata directive.", name: "x-amz-metadata-directive", value: directive)
        }
        if sourceVersion == nil, sourceBucket == input.bucket, sourceKey == input.key, !replacesMetadata,
           input.storageClass == nil,
           input.websiteRedirectLocation == nil, input.serverSideEncryption == nil {
            throw S3Failure.invalidRequest(
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.")
        }
        var record = source
        record.bucket = input.bucket
        record.key = input.key
        record.lastModified = nowSeconds()
        record.blobID = ""
        record.versionID = newVersionID(for: bucket)
        record.acl = try objectGrants(input, canned: input.acl?.rawValue, bucket: bucket)
        if replacesMetadata {
            record.headers = S3ObjectHeaders(request: input)
            record.metadata = Self.userMetadata(input.metadata)
        }
        if let storageClass = input.storageClass { record.storageClass = storageClass.rawValue }
        // The copy is a new version: its lock comes from this request (or the bucket's default), not the source.
        record.lock = try newObjectLock(mode: input.objectLockMode?.rawValue, retainUntil: input.objectLockRetainUntilDate,
                                        legalHold: input.objectLockLegalHoldStatus?.rawValue, in: bucket)
        switch input.taggingDirective?.rawValue {
        case nil, "COPY": break
        case "REPLACE": record.tags = try Self.tags(fromHeader: input.tagging)
        case let other?:
            throw S3Failure.invalidArgument("Unknown tagging directive.", name: "x-amz-tagging-directive", value: other)
        }
        record.replicationStatus = nil  // a copy of a replica is a new object of its own, which rules may replicate
        record.replicationStatus = replicationRule(for: record, in: bucket) == nil ? nil : "PENDING"
        let copied = record
        let events = pendingEvents("ObjectCreated:Copy", bucket: bucket, key: input.key, object: copied, context: context)
        try await storeWrite(bucket: input.bucket) { try await store.copyObject(copied, bytesOf: source, events: events) }
        await dispatch(events)
        await replicate(copied, in: bucket, context: context)
        var result = S3.CopyObjectResult()
        result.eTag = record.eTag
        result.lastModified = Self.date(record.lastModified)
        if let checksum = record.checksum {
            result.checksumType = S3.ChecksumType(rawValue: checksum.type)
            Self.setChecksum(checksum, on: &result)
        }
        var output = S3.CopyObjectOutput()
        output.copyObjectResult = result
        output.versionId = record.versionID
        if sourceVersion != nil || sourceBucketRecord.isVersioned { output.copySourceVersionId = source.versionText }
        output.serverSideEncryption = "AES256"
        return output
    }

    /// The source of a copy: version `versionID` of `key` (a delete marker named by version is `InvalidRequest`),
    /// or its current object.
    func copySourceVersion(bucket: S3BucketRecord, key: String, versionID: String?) async throws -> S3ObjectRecord {
        guard let versionID else {
            guard let source = try await store.object(bucket: bucket.name, key: key) else { throw S3Failure.noSuchKey(key) }
            try checkCopyable(source)
            return source
        }
        try Self.checkVersionID(versionID)
        guard let source = try await store.objectVersion(bucket: bucket.name, key: key, versionID: versionID) else {
            throw S3Failure.noSuchVersion(key: key, versionID: versionID)
        }
        guard !source.isMarker else {
            throw S3Failure.invalidRequest("The source of a copy request may not specifically refer to a delete marker by version id.")
        }
        try checkCopyable(source)
        return source
    }

    /// Runs a store write, turning a bucket that vanished meanwhile into `NoSuchBucket`.
    func storeWrite<Result>(bucket: String? = nil, _ write: () async throws -> Result) async throws -> Result {
        do {
            return try await write()
        } catch let missing as S3StoreMissing where missing.what == "bucket" {
            throw S3Failure.noSuchBucket(bucket ?? "")
        }
    }

    /// `If-Match`/`If-None-Match` of a write: `If-None-Match: *` fails when the key exists, `If-Match` when it does
    /// not or its ETag differs (`412 PreconditionFailed`; a missing key with `If-Match` is `404 NoSuchKey`).
    func checkWriteConditions(bucket: String, key: String, ifMatch: String?, ifNoneMatch: String?) async throws {
        guard ifMatch != nil || ifNoneMatch != nil else { return }
        let existing = try await store.object(bucket: bucket, key: key)
        if let ifNoneMatch {
            guard ifNoneMatch.trimmingCharacters(in: .whitespaces) == "*" else {
                throw S3Failure.invalidArgument("If-None-Match only supports '*'", name: "If-None-Match", value: ifNoneMatch)
            }
            if existing != nil { throw S3Failure.preconditionFailed("If-None-Match") }
        }
        if let ifMatch {
            guard let existing else { throw S3Failure.noSuchKey(key) }
            guard Self.eTag(existing.eTag, matches: ifMatch) else { throw S3Failure.preconditionFailed("If-Match") }
        }
    }

    /// Lower-cased user metadata names, as S3 stores them.
    static func userMetadata(_ metadata: [String: String]?) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in metadata ?? [:] { result[name.lowercased()] = value }
        return result
    }

    /// `bucket/key` (or `/bucket/key`, percent-encoded) and the version of `?versionId=…`, if any, of
    /// `x-amz-copy-source`.
    static func copySource(_ header: String) throws -> (bucket: String, key: String, versionID: String?) {
        var text = header
        var versionID: String?
        if let query = text.firstIndex(of: "?") {
            for parameter in text[text.index(after: query)...].split(separator: "&") {
                let parts = parameter.split(separator: "=", maxSplits: 1)
                if parts.first == "versionId" {
                    versionID = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
                }
            }
            text = String(text[..<query])
        }
        let decoded = text.removingPercentEncoding ?? text
        let trimmed = decoded.hasPrefix("/") ? String(decoded.dropFirst()) : decoded
        guard let slash = trimmed.firstIndex(of: "/"), slash != trimmed.startIndex,
              trimmed.index(after: slash) != trimmed.endIndex
        else {
            throw S3Failure.invalidArgument("Invalid copy source object key", name: "x-amz-copy-source", value: header)
        }
        return (String(trimmed[..<slash]), String(trimmed[trimmed.index(after: slash)...]), versionID)
    }

    /// The `x-amz-copy-source-if-*` conditions of a copy, checked against the source (`412 PreconditionFailed`).
    static func checkCopyConditions(_ source: S3ObjectRecord, ifMatch: String?, ifNoneMatch: String?,
                                    ifModifiedSince: Date?, ifUnmodifiedSince: Date?) throws {
        let conditions = ReadConditions(ifMatch: ifMatch, ifNoneMatch: ifNoneMatch, ifModifiedSince: ifModifiedSince,
                                        ifUnmodifiedSince: ifUnmodifiedSince)
        do {
            try conditions.check(source)
        } catch let error as AWSServiceError where error.code.httpStatus == 304 {
            throw S3Failure.preconditionFailed("x-amz-copy-source-If-None-Match")
        } catch let error as AWSServiceError where error.code.httpStatus == 412 {
            let condition = ifMatch != nil ? "x-amz-copy-source-If-Match" : "x-amz-copy-source-If-Unmodified-Since"
            throw S3Failure.preconditionFailed(condition)
        }
    }

}
