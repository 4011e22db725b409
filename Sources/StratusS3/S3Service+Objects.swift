import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

extension S3Service {
    package func putObject(_ input: S3.PutObjectRequest, context: RequestContext) async throws -> S3.PutObjectOutput {
        try Self.checkKey(input.key)
        let bucket = try await existingBucket(input.bucket)
        let body = input.body ?? Data()
        try Self.checkContentMD5(input.contentMD5, body: body)
        let checksum = try Self.verifiedChecksum(
            of: body, algorithm: input.checksumAlgorithm?.rawValue,
            given: Self.givenChecksums(crc32: input.checksumCRC32, crc32c: input.checksumCRC32C,
                                       crc64nvme: input.checksumCRC64NVME, sha1: input.checksumSHA1,
                                       sha256: input.checksumSHA256))
        try await checkWriteConditions(bucket: input.bucket, key: input.key, ifMatch: input.ifMatch,
                                       ifNoneMatch: input.ifNoneMatch)
        let headers = S3ObjectHeaders(request: input)
        let record = S3ObjectRecord(
            bucket: input.bucket, key: input.key, size: body.count, eTag: "\"\(Self.md5Hex(body))\"",
            lastModified: nowSeconds(), headers: headers, metadata: Self.userMetadata(input.metadata),
            checksum: checksum, storageClass: input.storageClass?.rawValue ?? "STANDARD",
            tags: try Self.tags(fromHeader: input.tagging))
        let events = pendingEvents("ObjectCreated:Put", bucket: bucket, key: input.key, object: record, context: context)
        try await storeWrite(bucket: input.bucket) { try await store.putObject(record, body: body, events: events) }
        await dispatch(events)
        var output = S3.PutObjectOutput()
        output.eTag = record.eTag
        output.serverSideEncryption = "AES256"
        if let checksum {
            Self.setChecksum(checksum, on: &output)
            output.checksumType = S3.ChecksumType(rawValue: checksum.type)
        }
        return output
    }

    package func getObject(_ input: S3.GetObjectRequest, context: RequestContext) async throws -> S3.GetObjectOutput {
        let read = try await readObject(
            bucket: input.bucket, key: input.key, range: input.range, partNumber: input.partNumber,
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
            bucket: input.bucket, key: input.key, range: input.range, partNumber: input.partNumber,
            conditions: ReadConditions(ifMatch: input.ifMatch, ifNoneMatch: input.ifNoneMatch,
                                       ifModifiedSince: input.ifModifiedSince, ifUnmodifiedSince: input.ifUnmodifiedSince),
            readsBody: false)
        var output = S3.HeadObjectOutput()
        Self.describe(read, partNumber: input.partNumber, checksumMode: input.checksumMode?.rawValue, into: &output)
        return output
    }

    package func deleteObject(_ input: S3.DeleteObjectRequest, context: RequestContext) async throws -> S3.DeleteObjectOutput {
        let bucket = try await existingBucket(input.bucket)
        if let ifMatch = input.ifMatch {
            guard let object = try await store.object(bucket: input.bucket, key: input.key) else {
                throw S3Failure.noSuchKey(input.key)
            }
            guard Self.eTag(object.eTag, matches: ifMatch) else { throw S3Failure.preconditionFailed("If-Match") }
        }
        let events = pendingEvents("ObjectRemoved:Delete", bucket: bucket, key: input.key, object: nil, context: context)
        if try await store.deleteObject(bucket: input.bucket, key: input.key, events: events) {
            await dispatch(events)
        }
        return S3.DeleteObjectOutput()
    }

    package func copyObject(_ input: S3.CopyObjectRequest, context: RequestContext) async throws -> S3.CopyObjectOutput {
        try Self.checkKey(input.key)
        let (sourceBucket, sourceKey) = try Self.copySource(input.copySource)
        _ = try await existingBucket(sourceBucket)
        let bucket = try await existingBucket(input.bucket)
        guard let source = try await store.object(bucket: sourceBucket, key: sourceKey) else {
            throw S3Failure.noSuchKey(sourceKey)
        }
        try Self.checkCopyConditions(source, input)
        let replacesMetadata = input.metadataDirective?.rawValue == "REPLACE"
        if let directive = input.metadataDirective?.rawValue, directive != "COPY", directive != "REPLACE" {
            throw S3Failure.invalidArgument("Unknown metadata directive.", name: "x-amz-metadata-directive", value: directive)
        }
        if sourceBucket == input.bucket, sourceKey == input.key, !replacesMetadata, input.storageClass == nil,
           input.websiteRedirectLocation == nil, input.serverSideEncryption == nil {
            throw S3Failure.invalidRequest(
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.")
        }
        var record = source
        record.bucket = input.bucket
        record.key = input.key
        record.lastModified = nowSeconds()
        record.blobID = ""
        if replacesMetadata {
            record.headers = S3ObjectHeaders(request: input)
            record.metadata = Self.userMetadata(input.metadata)
        }
        if let storageClass = input.storageClass { record.storageClass = storageClass.rawValue }
        switch input.taggingDirective?.rawValue {
        case nil, "COPY": break
        case "REPLACE": record.tags = try Self.tags(fromHeader: input.tagging)
        case let other?:
            throw S3Failure.invalidArgument("Unknown tagging directive.", name: "x-amz-tagging-directive", value: other)
        }
        let copied = record
        let events = pendingEvents("ObjectCreated:Copy", bucket: bucket, key: input.key, object: copied, context: context)
        try await storeWrite(bucket: input.bucket) { try await store.copyObject(copied, bytesOf: source, events: events) }
        await dispatch(events)
        var result = S3.CopyObjectResult()
        result.eTag = record.eTag
        result.lastModified = Self.date(record.lastModified)
        if let checksum = record.checksum {
            result.checksumType = S3.ChecksumType(rawValue: checksum.type)
            Self.setChecksum(checksum, on: &result)
        }
        var output = S3.CopyObjectOutput()
        output.copyObjectResult = result
        output.serverSideEncryption = "AES256"
        return output
    }

    /// Runs a store write, turning a bucket that vanished meanwhile into `NoSuchBucket` and a source that vanished
    /// into `NoSuchKey`.
    func storeWrite(bucket: String? = nil, _ write: () async throws -> Void) async throws {
        do {
            try await write()
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

    /// `bucket/key` (or `/bucket/key`, percent-encoded, optionally `?versionId=…`) of `x-amz-copy-source`.
    static func copySource(_ header: String) throws -> (bucket: String, key: String) {
        var text = header
        if let query = text.firstIndex(of: "?") { text = String(text[..<query]) }
        let decoded = text.removingPercentEncoding ?? text
        let trimmed = decoded.hasPrefix("/") ? String(decoded.dropFirst()) : decoded
        guard let slash = trimmed.firstIndex(of: "/"), slash != trimmed.startIndex,
              trimmed.index(after: slash) != trimmed.endIndex
        else {
            throw S3Failure.invalidArgument("Invalid copy source object key", name: "x-amz-copy-source", value: header)
        }
        return (String(trimmed[..<slash]), String(trimmed[trimmed.index(after: slash)...]))
    }

    /// The `x-amz-copy-source-if-*` conditions of a copy, checked against the source (`412 PreconditionFailed`).
    static func checkCopyConditions(_ source: S3ObjectRecord, _ input: S3.CopyObjectRequest) throws {
        let conditions = ReadConditions(
            ifMatch: input.copySourceIfMatch, ifNoneMatch: input.copySourceIfNoneMatch,
            ifModifiedSince: input.copySourceIfModifiedSince, ifUnmodifiedSince: input.copySourceIfUnmodifiedSince)
        do {
            try conditions.check(source)
        } catch let error as AWSServiceError where error.code.httpStatus == 304 {
            throw S3Failure.preconditionFailed("x-amz-copy-source-If-None-Match")
        } catch let error as AWSServiceError where error.code.httpStatus == 412 {
            let condition = input.copySourceIfMatch != nil ? "x-amz-copy-source-If-Match" : "x-amz-copy-source-If-Unmodified-Since"
            throw S3Failure.preconditionFailed(condition)
        }
    }

}
