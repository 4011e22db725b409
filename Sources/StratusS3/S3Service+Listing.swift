import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

extension S3Service {
    package func listObjectsV2(_ input: S3.ListObjectsV2Request, context: RequestContext) async throws
        -> S3.ListObjectsV2Output
    {
        _ = try await existingBucket(input.bucket)
        let maxKeys = try Self.pageSize(input.maxKeys)
        var start: S3ListingPage.Position?
        if let token = input.continuationToken {
            guard let position = S3ListingPage.Position(token: token) else {
                throw S3Failure.invalidArgument("The continuation token provided is incorrect",
                                                name: "continuation-token", value: token)
            }
            start = position
        } else if let startAfter = input.startAfter, !startAfter.isEmpty {
            start = .key(startAfter)
        }
        let prefix = input.prefix ?? ""
        let page = try await listPage(bucket: input.bucket, prefix: prefix, delimiter: input.delimiter,
                                      after: start, maxKeys: maxKeys)
        let encode = Self.listingEncoder(input.encodingType?.rawValue)
        var output = S3.ListObjectsV2Output()
        output.name = input.bucket
        output.prefix = encode(prefix)
        output.delimiter = input.delimiter.map(encode)
        output.maxKeys = maxKeys
        output.encodingType = input.encodingType
        output.keyCount = page.count
        output.isTruncated = page.isTruncated
        output.continuationToken = input.continuationToken
        output.startAfter = input.startAfter.map(encode)
        if page.isTruncated, let last = page.last { output.nextContinuationToken = last.token }
        let owner = input.fetchOwner == true ? Self.owner(accountID: context.accountID) : nil
        (output.contents, output.commonPrefixes) = Self.listEntries(page, owner: owner, encode: encode)
        return output
    }

    package func listObjects(_ input: S3.ListObjectsRequest, context: RequestContext) async throws -> S3.ListObjectsOutput {
        _ = try await existingBucket(input.bucket)
        let maxKeys = try Self.pageSize(input.maxKeys)
        var start: S3ListingPage.Position?
        if let marker = input.marker, !marker.isEmpty {
            if let delimiter = input.delimiter, !delimiter.isEmpty, marker.hasSuffix(delimiter) {
                start = .commonPrefix(marker)
            } else {
                start = .key(marker)
            }
        }
        let prefix = input.prefix ?? ""
        let page = try await listPage(bucket: input.bucket, prefix: prefix, delimiter: input.delimiter,
                                      after: start, maxKeys: maxKeys)
        let encode = Self.listingEncoder(input.encodingType?.rawValue)
        var output = S3.ListObjectsOutput()
        output.name = input.bucket
        output.prefix = encode(prefix)
        output.marker = encode(input.marker ?? "")
        output.delimiter = input.delimiter.map(encode)
        output.maxKeys = maxKeys
        output.encodingType = input.encodingType
        output.isTruncated = page.isTruncated
        // S3 writes NextMarker only when a delimiter was given (without one, clients resume after the last key).
        if page.isTruncated, input.delimiter?.isEmpty == false, let last = page.last { output.nextMarker = encode(last.text) }
        (output.contents, output.commonPrefixes) = Self.listEntries(page, owner: Self.owner(accountID: context.accountID),
                                                                    encode: encode)
        return output
    }

    package func deleteObjects(_ input: S3.DeleteObjectsRequest, context: RequestContext) async throws
        -> S3.DeleteObjectsOutput
    {
        let bucket = try await existingBucket(input.bucket)
        let objects = input.delete.objects
        guard !objects.isEmpty, objects.count <= S3Limits.maximumDeleteKeys else { throw S3Failure.malformedXML() }
        var errors: [S3.Error] = []
        var deletions: [S3Deletion] = []
        var named: [String?] = []
        for object in objects {
            var failure: (code: String, message: String)?
            if object.key.utf8.count > S3Limits.maximumKeyBytes {
                failure = ("KeyTooLongError", "Your key is too long")
            } else if let versionID = object.versionId, (try? Self.checkVersionID(versionID)) == nil {
                failure = ("NoSuchVersion", "The specified version does not exist.")
            }
            if let failure {
                var error = S3.Error()
                error.key = object.key
                error.versionId = object.versionId
                error.code = failure.code
                error.message = failure.message
                errors.append(error)
                continue
            }
            deletions.append(deletion(of: object.key, versionID: object.versionId, in: bucket))
            named.append(object.versionId)
        }
        let events = deletions.map { pendingEvents(for: $0, bucket: bucket, context: context) }
        let keeping = keepsProtectedVersions(bypassingGovernance: input.bypassGovernanceRetention == true)
        let results = try await storeWrite(bucket: input.bucket) {
            try await store.deleteObjects(bucket: input.bucket, deletions, events: events, keeping: keeping)
        }
        for (index, result) in results.enumerated() where result.record != nil { await dispatch(events[index]) }
        for (deletion, result) in zip(deletions, results) {
            if case .marker(let marker) = deletion, result.record != nil { await replicate(marker, in: bucket, context: context) }
        }
        // Protected versions stay, each reported as an error.
        for (deletion, result) in zip(deletions, results) {
            guard case .kept = result, case .version(let key, let versionID) = deletion else { continue }
            var error = S3.Error()
            error.key = key
            error.versionId = versionID
            error.code = "AccessDenied"
            error.message = Self.objectLockedMessage
            errors.append(error)
        }
        let applied = zip(deletions, zip(named, results)).filter { if case .kept = $0.1.1 { false } else { true } }
        var output = S3.DeleteObjectsOutput()
        if input.delete.quiet != true {
            output.deleted = applied.map { deletion, result in
                let (versionID, outcome) = (result.0, result.1.record)
                var deleted = S3.DeletedObject()
                switch deletion {
                case .marker(let marker):
                    deleted.key = marker.key
                    deleted.deleteMarker = true
                    deleted.deleteMarkerVersionId = marker.versionText
                case .version(let key, let removed):
                    deleted.key = key
                    deleted.versionId = versionID
                    if outcome?.isMarker == true {
                        deleted.deleteMarker = true
                        deleted.deleteMarkerVersionId = removed
                    }
                }
                return deleted
            }
        }
        output.errors = errors.isEmpty ? nil : errors
        return output
    }

    /// A page of `bucket`'s keys under `prefix` after `after`, with keys that contain `delimiter` after the prefix
    /// rolled up into common prefixes; each object and each common prefix counts toward `maxKeys`.
    func listPage(bucket: String, prefix: String, delimiter: String?, after: S3ListingPage.Position?,
                  maxKeys: Int) async throws -> S3ListingPage {
        var page = S3ListingPage()
        guard maxKeys > 0 else { return page }
        let prefixLength = prefix.utf8.count
        let delimiterBytes = Array((delimiter ?? "").utf8)
        var cursor = after.map(Self.cursor(after:))
        let batchSize = min(maxKeys + 1, S3Limits.maximumPage + 1)
        while true {
            let batch = try await store.objects(bucket: bucket, prefix: prefix, afterKey: cursor, limit: batchSize)
            var skipped = false
            for object in batch {
                if let commonPrefix = Self.commonPrefix(of: object.key, prefixLength: prefixLength, delimiter: delimiterBytes) {
                    if page.count == maxKeys {
                        page.isTruncated = true
                        return page
                    }
                    page.commonPrefixes.append(commonPrefix)
                    page.last = .commonPrefix(commonPrefix)
                    cursor = Self.cursor(after: .commonPrefix(commonPrefix))
                    skipped = true
                    break
                }
                if page.count == maxKeys {
                    page.isTruncated = true
                    return page
                }
                page.objects.append(object)
                page.last = .key(object.key)
                cursor = object.key
            }
            if !skipped && batch.count < batchSize { return page }
        }
    }

    /// The store cursor after a position: the key itself, or past every key starting with the common prefix.
    static func cursor(after position: S3ListingPage.Position) -> String {
        switch position {
        case .key(let key): return key
        case .commonPrefix(let prefix): return prefix + "\u{10FFFF}"
        }
    }

    /// The common prefix `key` rolls up into: the key up to and including the first `delimiter` after the first
    /// `prefixLength` bytes, or nil.
    static func commonPrefix(of key: String, prefixLength: Int, delimiter: [UInt8]) -> String? {
        guard !delimiter.isEmpty else { return nil }
        let bytes = Array(key.utf8)
        guard bytes.count >= prefixLength + delimiter.count else { return nil }
        var index = prefixLength
        while index + delimiter.count <= bytes.count {
            if bytes[index..<(index + delimiter.count)].elementsEqual(delimiter) {
                return String(decoding: bytes[..<(index + delimiter.count)], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }

    /// `max-keys` checked and capped at 1,000 (S3 caps larger values silently).
    static func pageSize(_ maxKeys: Int?) throws -> Int {
        guard let maxKeys else { return S3Limits.maximumPage }
        guard maxKeys >= 0 else {
            throw S3Failure.invalidArgument("Argument maxKeys must be an integer between 0 and 2147483647",
                                            name: "maxKeys", value: String(maxKeys))
        }
        return min(maxKeys, S3Limits.maximumPage)
    }

    /// A page's objects and common prefixes as a listing shows them (nil when there are none, so the elements are
    /// left out).
    static func listEntries(_ page: S3ListingPage, owner: S3.Owner?, encode: (String) -> String)
        -> (contents: [S3.Object]?, commonPrefixes: [S3.CommonPrefix]?)
    {
        let contents = page.objects.map { listEntry($0, owner: owner, encode: encode) }
        let prefixes = page.commonPrefixes.map { prefix in
            var entry = S3.CommonPrefix()
            entry.prefix = encode(prefix)
            return entry
        }
        return (contents.isEmpty ? nil : contents, prefixes.isEmpty ? nil : prefixes)
    }

    /// An object as a listing shows it.
    static func listEntry(_ object: S3ObjectRecord, owner: S3.Owner?, encode: (String) -> String) -> S3.Object {
        var entry = S3.Object()
        entry.key = encode(object.key)
        entry.lastModified = date(object.lastModified)
        entry.eTag = object.eTag
        entry.size = object.size
        entry.storageClass = S3.ObjectStorageClass(rawValue: object.storageClass)
        entry.owner = owner
        if let checksum = object.checksum {
            entry.checksumAlgorithm = [S3.ChecksumAlgorithm(rawValue: checksum.algorithm)]
            entry.checksumType = S3.ChecksumType(rawValue: checksum.type)
        }
        return entry
    }

    /// The encoder of listing texts: identity, or with `EncodingType=url` S3's URL encoding (every byte except
    /// unreserved characters and `/` percent-encoded, space as `+`).
    static func listingEncoder(_ encodingType: String?) -> (String) -> String {
        guard encodingType == "url" else { return { $0 } }
        return { text in
            var encoded = ""
            for byte in text.utf8 {
                switch byte {
                case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E, 0x2F:
                    encoded.unicodeScalars.append(UnicodeScalar(byte))
                case 0x20: encoded += "+"
                default: encoded += String(format: "%%%02X", byte)
                }
            }
            return encoded
        }
    }
}
