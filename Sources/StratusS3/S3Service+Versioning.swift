import Crypto
import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

extension S3Service {
    package func putBucketVersioning(_ input: S3.PutBucketVersioningRequest, context: RequestContext) async throws {
        _ = try await existingBucket(input.bucket)
        let configuration = input.versioningConfiguration
        if configuration.mfaDelete?.rawValue == "Enabled" {
            throw AWSServiceError(AWSErrorCode("NotImplemented", httpStatus: 501),
                                  "Stratus does not support MFA delete; leave MfaDelete out or set it to Disabled.")
        }
        if let mfaDelete = configuration.mfaDelete?.rawValue, mfaDelete != "Disabled" { throw S3Failure.malformedXML() }
        guard let status = configuration.status?.rawValue else { return }
        guard status == "Enabled" || status == "Suspended" else { throw S3Failure.malformedXML() }
        // A bucket with Object Lock keeps versioning on (checked in the update itself).
        let updated = try await store.updateBucket(named: input.bucket) { bucket in
            if !(bucket.locksObjects && status == "Suspended") { bucket.versioning = status }
        }
        if let updated, updated.locksObjects, status == "Suspended" {
            throw AWSServiceError(AWSErrorCode("InvalidBucketState", httpStatus: 409),
                                  "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.")
        }
    }

    package func getBucketVersioning(_ input: S3.GetBucketVersioningRequest, context: RequestContext) async throws
        -> S3.GetBucketVersioningOutput
    {
        let bucket = try await existingBucket(input.bucket)
        var output = S3.GetBucketVersioningOutput()
        output.status = bucket.versioning.map { S3.BucketVersioningStatus(rawValue: $0) }
        return output
    }

    package func listObjectVersions(_ input: S3.ListObjectVersionsRequest, context: RequestContext) async throws
        -> S3.ListObjectVersionsOutput
    {
        _ = try await existingBucket(input.bucket)
        let maxKeys = try Self.pageSize(input.maxKeys)
        let keyMarker = input.keyMarker ?? ""
        var start: S3VersionPosition?
        if let versionMarker = input.versionIdMarker, !versionMarker.isEmpty {
            guard !keyMarker.isEmpty else {
                throw S3Failure.invalidArgument("A version-id marker cannot be specified without a key marker.",
                                                name: "version-id-marker", value: versionMarker)
            }
            try Self.checkVersionID(versionMarker)
            start = .afterVersion(key: keyMarker, versionID: versionMarker)
        } else if !keyMarker.isEmpty {
            if let delimiter = input.delimiter, !delimiter.isEmpty, keyMarker.hasSuffix(delimiter) {
                start = .afterKey(Self.cursor(after: .commonPrefix(keyMarker)))
            } else {
                start = .afterKey(keyMarker)
            }
        }
        let prefix = input.prefix ?? ""
        let page = try await versionPage(bucket: input.bucket, prefix: prefix, delimiter: input.delimiter, after: start,
                                         maxKeys: maxKeys)
        let encode = Self.listingEncoder(input.encodingType?.rawValue)
        let owner = Self.owner(accountID: context.accountID)
        var output = S3.ListObjectVersionsOutput()
        output.name = input.bucket
        output.prefix = encode(prefix)
        output.keyMarker = encode(keyMarker)
        output.versionIdMarker = input.versionIdMarker ?? ""
        output.delimiter = input.delimiter.map(encode)
        output.maxKeys = maxKeys
        output.encodingType = input.encodingType
        output.isTruncated = page.isTruncated
        if page.isTruncated {
            switch page.last {
            case .version(let key, let versionID)?:
                output.nextKeyMarker = encode(key)
                output.nextVersionIdMarker = versionID
            case .commonPrefix(let commonPrefix)?:
                output.nextKeyMarker = encode(commonPrefix)
            case nil: break
            }
        }
        let versions = page.entries.filter { !$0.record.isMarker }.map { Self.versionEntry($0, owner: owner, encode: encode) }
        let markers = page.entries.filter(\.record.isMarker).map { entry in
            var marker = S3.DeleteMarkerEntry()
            marker.owner = owner
            marker.key = encode(entry.record.key)
            marker.versionId = entry.record.versionText
            marker.isLatest = entry.isLatest
            marker.lastModified = Self.date(entry.record.lastModified)
            return marker
        }
        output.versions = versions.isEmpty ? nil : versions
        output.deleteMarkers = markers.isEmpty ? nil : markers
        output.commonPrefixes = page.commonPrefixes.isEmpty ? nil : page.commonPrefixes.map { prefix in
            var entry = S3.CommonPrefix()
            entry.prefix = encode(prefix)
            return entry
        }
        return output
    }

    /// An object version as `ListObjectVersions` shows it.
    static func versionEntry(_ entry: S3VersionEntry, owner: S3.Owner, encode: (String) -> String) -> S3.ObjectVersion {
        let object = entry.record
        var version = S3.ObjectVersion()
        version.eTag = object.eTag
        version.size = object.size
        version.storageClass = S3.ObjectVersionStorageClass(rawValue: object.storageClass)
        version.key = encode(object.key)
        version.versionId = object.versionText
        version.isLatest = entry.isLatest
        version.lastModified = date(object.lastModified)
        version.owner = owner
        if let checksum = object.checksum {
            version.checksumAlgorithm = [S3.ChecksumAlgorithm(rawValue: checksum.algorithm)]
            version.checksumType = S3.ChecksumType(rawValue: checksum.type)
        }
        return version
    }

    /// One page of `ListObjectVersions`: versions newest first within a key, keys that contain `delimiter` after the
    /// prefix rolled up into common prefixes; each version and each common prefix counts toward `maxKeys`.
    func versionPage(bucket: String, prefix: String, delimiter: String?, after start: S3VersionPosition?,
                     maxKeys: Int) async throws -> S3VersionPage {
        var page = S3VersionPage()
        guard maxKeys > 0 else { return page }
        let prefixLength = prefix.utf8.count
        let delimiterBytes = Array((delimiter ?? "").utf8)
        var cursor = start
        let batchSize = min(maxKeys + 1, S3Limits.maximumPage + 1)
        while true {
            let batch = try await store.versions(bucket: bucket, prefix: prefix, after: cursor, limit: batchSize)
            var skipped = false
            for entry in batch {
                let key = entry.record.key
                if let commonPrefix = Self.commonPrefix(of: key, prefixLength: prefixLength, delimiter: delimiterBytes) {
                    if page.count == maxKeys {
                        page.isTruncated = true
                        return page
                    }
                    page.commonPrefixes.append(commonPrefix)
                    page.last = .commonPrefix(commonPrefix)
                    cursor = .afterKey(Self.cursor(after: .commonPrefix(commonPrefix)))
                    skipped = true
                    break
                }
                if page.count == maxKeys {
                    page.isTruncated = true
                    return page
                }
                page.entries.append(entry)
                page.last = .version(key: key, versionID: entry.record.versionText)
                cursor = .afterVersion(key: key, versionID: entry.record.versionText)
            }
            if !skipped && batch.count < batchSize { return page }
        }
    }

    /// The version id a new version gets in a bucket with versioning `Enabled`, nil (the null version) otherwise.
    func newVersionID(for bucket: S3BucketRecord) -> String? {
        bucket.keepsVersions ? Self.versionID(from: ids.next()) : nil
    }

    /// The characters of the version ids Stratus writes (32 of them, URL-safe, as S3's current ids are).
    private static let versionAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._")

    /// A version id made from a unique random id: 32 characters of ``versionAlphabet``.
    static func versionID(from random: String) -> String {
        let digest = Array(SHA256.hash(data: Data(random.utf8)))
        return String(digest.prefix(32).map { versionAlphabet[Int($0) & 63] })
    }

    /// `InvalidArgument` for a version id that is neither `null` nor of the form Stratus writes (so no version
    /// can have it).
    static func checkVersionID(_ versionID: String) throws {
        if versionID == S3ObjectRecord.nullVersionID { return }
        guard versionID.count == 32, versionID.allSatisfy({ versionAlphabet.contains($0) }) else {
            throw S3Failure.invalidArgument("Invalid version id specified", name: "versionId", value: versionID)
        }
    }

    /// The version `versionID` of `key` (the current object when nil) for a read by `method` (`GET`, `HEAD`):
    /// `NoSuchVersion`, `MethodNotAllowed` for a delete marker named by version, `NoSuchKey` (with S3's
    /// `x-amz-delete-marker` headers when a delete marker hides the key).
    func readableVersion(bucket: S3BucketRecord, key: String, versionID: String?, method: String) async throws
        -> S3ObjectRecord
    {
        if let versionID {
            try Self.checkVersionID(versionID)
            guard let version = try await store.objectVersion(bucket: bucket.name, key: key, versionID: versionID) else {
                throw S3Failure.noSuchVersion(key: key, versionID: versionID)
            }
            guard !version.isMarker else {
                throw S3Failure.methodNotAllowed(method, marker: version.versionText,
                                                 lastModified: Self.date(version.lastModified))
            }
            return version
        }
        if let current = try await store.object(bucket: bucket.name, key: key) { return current }
        if bucket.isVersioned, let latest = try await store.latestVersion(bucket: bucket.name, key: key), latest.isMarker {
            var error = S3Failure.noSuchKey(key)
            error.headers += [("x-amz-delete-marker", "true"), ("x-amz-version-id", latest.versionText)]
            throw error
        }
        throw S3Failure.noSuchKey(key)
    }
}
