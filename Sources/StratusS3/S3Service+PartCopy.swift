import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

extension S3Service {
    /// `UploadPartCopy`: a part of an upload made of (a range of) a stored object's bytes — what `aws s3 cp`,
    /// `aws s3 mv` and boto3's managed copy use between buckets for objects above the multipart threshold.
    package func uploadPartCopy(_ input: S3.UploadPartCopyRequest, context: RequestContext) async throws
        -> S3.UploadPartCopyOutput
    {
        let upload = try await existingUpload(bucket: input.bucket, key: input.key, id: input.uploadId)
        try Self.checkPartNumber(input.partNumber)
        let (sourceBucket, sourceKey, sourceVersion) = try Self.copySource(input.copySource)
        let sourceBucketRecord = try await existingBucket(sourceBucket)
        let source = try await copySourceVersion(bucket: sourceBucketRecord, key: sourceKey, versionID: sourceVersion)
        try Self.checkCopyConditions(source, ifMatch: input.copySourceIfMatch, ifNoneMatch: input.copySourceIfNoneMatch,
                                     ifModifiedSince: input.copySourceIfModifiedSince,
                                     ifUnmodifiedSince: input.copySourceIfUnmodifiedSince)
        let range = try input.copySourceRange.map { try Self.copySourceRange($0, size: source.size) }
        let body: Data
        do {
            body = try await store.body(of: source, range: range)
        } catch is S3StoreMissing {
            throw sourceVersion.map { S3Failure.noSuchVersion(key: sourceKey, versionID: $0) } ?? S3Failure.noSuchKey(sourceKey)
        }
        let checksum = try Self.verifiedChecksum(of: body, algorithm: upload.checksumAlgorithm, given: [])
        let part = try await storePart(input.partNumber, of: upload, body: body, checksum: checksum)
        var result = S3.CopyPartResult()
        result.eTag = part.eTag
        result.lastModified = Self.date(part.lastModified)
        if let checksum { Self.setChecksum(checksum, on: &result) }
        var output = S3.UploadPartCopyOutput()
        output.copyPartResult = result
        output.serverSideEncryption = "AES256"
        if sourceVersion != nil || sourceBucketRecord.isVersioned { output.copySourceVersionId = source.versionText }
        return output
    }

    /// The byte positions of `x-amz-copy-source-range` (`bytes=first-last`, both within the source):
    /// `InvalidArgument` with S3's wording otherwise.
    static func copySourceRange(_ text: String, size: Int) throws -> Range<Int> {
        let form = "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy"
        guard text.hasPrefix("bytes=") else { throw S3Failure.invalidArgument(form, name: "x-amz-copy-source-range", value: text) }
        let bounds = text.dropFirst(6).split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count == 2, let first = Int(bounds[0]), let last = Int(bounds[1]), first >= 0, first <= last else {
            throw S3Failure.invalidArgument(form, name: "x-amz-copy-source-range", value: text)
        }
        guard last < size else {
            throw S3Failure.invalidArgument("Range specified is not valid for source object of size: \(size)",
                                            name: "x-amz-copy-source-range", value: text)
        }
        return first..<(last + 1)
    }
}
