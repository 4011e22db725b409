import Foundation
import OrderedCollections
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// Object tags: `PutObjectTagging`, `GetObjectTagging`, `DeleteObjectTagging`, and the `x-amz-tagging` header of
/// `PutObject`, `CopyObject` (with `x-amz-tagging-directive: REPLACE`) and `CreateMultipartUpload`; bucket tags:
/// `PutBucketTagging`, `GetBucketTagging`, `DeleteBucketTagging`.
extension S3Service {
    /// The most tags an object may have.
    static let maximumObjectTags = 10
    /// The most tags a bucket may have.
    static let maximumBucketTags = 50

    package func putBucketTagging(_ input: S3.PutBucketTaggingRequest, context: RequestContext) async throws {
        let tags = input.tagging.tagSet.map { S3ObjectTag(key: $0.key, value: $0.value) }
        guard tags.count <= Self.maximumBucketTags else { throw Self.invalidTag("Bucket tag count cannot be greater than 50") }
        try Self.checkTagText(tags)
        if tags.contains(where: { $0.key.lowercased().hasPrefix("aws:") }) {
            throw Self.invalidTag("System tags cannot be added/updated by requester")
        }
        guard try await store.updateBucket(named: input.bucket, { $0.tags = tags.isEmpty ? nil : tags }) != nil else {
            throw S3Failure.noSuchBucket(input.bucket)
        }
    }

    package func getBucketTagging(_ input: S3.GetBucketTaggingRequest, context: RequestContext) async throws
        -> S3.GetBucketTaggingOutput
    {
        guard let tags = try await existingBucket(input.bucket).tags, !tags.isEmpty else {
            throw AWSServiceError(AWSErrorCode("NoSuchTagSet", httpStatus: 404), "The TagSet does not exist",
                                  fields: ["BucketName": .string(input.bucket)])
        }
        return S3.GetBucketTaggingOutput(tagSet: tags.map { S3.Tag(key: $0.key, value: $0.value) })
    }

    package func deleteBucketTagging(_ input: S3.DeleteBucketTaggingRequest, context: RequestContext) async throws {
        guard try await store.updateBucket(named: input.bucket, { $0.tags = nil }) != nil else {
            throw S3Failure.noSuchBucket(input.bucket)
        }
    }

    /// `InvalidTag` (400) with S3's wording.
    static func invalidTag(_ message: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("InvalidTag", httpStatus: 400), message)
    }

    /// Object tags checked as S3 checks them: at most 10, keys of 1 to 128 characters, values of at most 256, no key
    /// twice.
    static func checkedTags(_ tags: [S3ObjectTag]) throws -> [S3ObjectTag] {
        guard tags.count <= maximumObjectTags else { throw invalidTag("Object tags cannot be greater than 10") }
        try checkTagText(tags)
        return tags
    }

    /// Keys of 1 to 128 characters, values of at most 256, no key twice.
    static func checkTagText(_ tags: [S3ObjectTag]) throws {
        var keys = Set<String>()
        for tag in tags {
            guard !tag.key.isEmpty, tag.key.count <= 128 else {
                throw invalidTag("The TagKey you have provided is invalid")
            }
            guard tag.value.count <= 256 else { throw invalidTag("The TagValue you have provided is invalid") }
            guard keys.insert(tag.key).inserted else { throw invalidTag("Cannot provide multiple Tags with the same key") }
        }
    }

    /// The tags of an `x-amz-tagging` header (URL query form, `k1=v1&k2=v2`), checked; nil when absent or empty.
    static func tags(fromHeader text: String?) throws -> [S3ObjectTag]? {
        guard let text, !text.isEmpty else { return nil }
        func decode(_ part: Substring) -> String {
            let spaced = part.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        let tags = text.split(separator: "&").map { pair -> S3ObjectTag in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return S3ObjectTag(key: decode(parts[0]), value: parts.count > 1 ? decode(parts[1]) : "")
        }
        return try checkedTags(tags)
    }

    package func putObjectTagging(_ input: S3.PutObjectTaggingRequest, context: RequestContext) async throws
        -> S3.PutObjectTaggingOutput
    {
        let tags = try Self.checkedTags(input.tagging.tagSet.map { S3ObjectTag(key: $0.key, value: $0.value) })
        var output = S3.PutObjectTaggingOutput()
        output.versionId = try await setTags(tags.isEmpty ? nil : tags, bucket: input.bucket, key: input.key,
                                             versionID: input.versionId, event: "ObjectTagging:Put", context: context)
        return output
    }

    package func getObjectTagging(_ input: S3.GetObjectTaggingRequest, context: RequestContext) async throws
        -> S3.GetObjectTaggingOutput
    {
        let bucket = try await existingBucket(input.bucket)
        let object = try await readableVersion(bucket: bucket, key: input.key, versionID: input.versionId, method: "GET")
        var output = S3.GetObjectTaggingOutput(tagSet: (object.tags ?? []).map { S3.Tag(key: $0.key, value: $0.value) })
        if bucket.isVersioned || input.versionId != nil { output.versionId = object.versionText }
        return output
    }

    package func deleteObjectTagging(_ input: S3.DeleteObjectTaggingRequest, context: RequestContext) async throws
        -> S3.DeleteObjectTaggingOutput
    {
        var output = S3.DeleteObjectTaggingOutput()
        output.versionId = try await setTags(nil, bucket: input.bucket, key: input.key, versionID: input.versionId,
                                             event: "ObjectTagging:Delete", context: context)
        return output
    }

    /// Replaces the tags of an object's version (the current one when `versionID` is nil), with the bucket's
    /// `ObjectTagging:*` notifications. - Returns: the version id to answer with (when the bucket has versioning or
    /// the request named one).
    private func setTags(_ tags: [S3ObjectTag]?, bucket name: String, key: String, versionID: String?, event: String,
                         context: RequestContext) async throws -> String? {
        let bucket = try await existingBucket(name)
        let object = try await readableVersion(bucket: bucket, key: key, versionID: versionID, method: "PUT")
        let events = pendingEvents(event, bucket: bucket, key: key, object: object, context: context)
        guard try await store.updateObject(bucket: name, key: key, versionID: versionID, events: events, { $0.tags = tags })
        else {
            throw versionID.map { S3Failure.noSuchVersion(key: key, versionID: $0) } ?? S3Failure.noSuchKey(key)
        }
        await dispatch(events)
        return bucket.isVersioned || versionID != nil ? object.versionText : nil
    }
}
