import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// `GetObjectAttributes`: an object's (or version's) ETag, additional checksum, parts, storage class and size, as
/// many of them as `x-amz-object-attributes` names, without its bytes.
extension S3Service {
    /// The attributes `x-amz-object-attributes` may name.
    static let objectAttributeNames: Set<String> = ["ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"]
    /// The most parts one answer lists (and the default of `x-amz-max-parts`).
    static let maximumAttributeParts = 1_000

    package func getObjectAttributes(_ input: S3.GetObjectAttributesRequest, context: RequestContext) async throws
        -> S3.GetObjectAttributesOutput
    {
        let wanted = Set(input.objectAttributes.map(\.rawValue).filter { !$0.isEmpty })
        guard !wanted.isEmpty else {
            throw S3Failure.invalidRequest(
                "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty")
        }
        if let unknown = wanted.subtracting(Self.objectAttributeNames).sorted().first {
            throw S3Failure.invalidArgument("Invalid attribute name specified.", name: "x-amz-object-attributes", value: unknown)
        }
        if let maxParts = input.maxParts, maxParts < 0 {
            throw S3Failure.invalidArgument("Argument max-parts must be an integer between 0 and 2147483647",
                                            name: "max-parts", value: String(maxParts))
        }
        if let marker = input.partNumberMarker, marker < 0 {
            throw S3Failure.invalidArgument("Argument part-number-marker must be an integer between 0 and 2147483647",
                                            name: "part-number-marker", value: String(marker))
        }
        let bucket = try await existingBucket(input.bucket)
        let object = try await readableVersion(bucket: bucket, key: input.key, versionID: input.versionId, method: "GET")
        var output = S3.GetObjectAttributesOutput()
        output.lastModified = Self.date(object.lastModified)
        if bucket.isVersioned || input.versionId != nil { output.versionId = object.versionText }
        if wanted.contains("ETag") { output.eTag = object.eTag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        if wanted.contains("Checksum"), let checksum = object.checksum {
            var fields = S3.Checksum()
            Self.setChecksum(checksum, on: &fields)
            fields.checksumType = S3.ChecksumType(rawValue: checksum.type)
            output.checksum = fields
        }
        if wanted.contains("ObjectParts"), let sizes = object.partSizes {
            output.objectParts = Self.objectParts(
                sizes: sizes, checksums: object.partChecksums, marker: input.partNumberMarker ?? 0,
                maxParts: min(input.maxParts ?? Self.maximumAttributeParts, Self.maximumAttributeParts))
        }
        if wanted.contains("StorageClass") { output.storageClass = S3.StorageClass(rawValue: object.storageClass) }
        if wanted.contains("ObjectSize") { output.objectSize = object.size }
        return output
    }

    /// The `ObjectParts` of a multipart object: its parts after `marker`, at most `maxParts` of them.
    static func objectParts(sizes: [Int], checksums: [S3Checksum]?, marker: Int, maxParts: Int)
        -> S3.GetObjectAttributesParts
    {
        var parts = S3.GetObjectAttributesParts()
        parts.totalPartsCount = sizes.count
        parts.partNumberMarker = marker
        parts.maxParts = maxParts
        let numbers = Array((marker + 1)..<(max(marker, sizes.count) + 1)).prefix(maxParts)
        parts.parts = numbers.map { number in
            var part = S3.ObjectPart(partNumber: number, size: sizes[number - 1])
            if let checksums, number - 1 < checksums.count { setChecksum(checksums[number - 1], on: &part) }
            return part
        }
        parts.isTruncated = (numbers.last ?? marker) < sizes.count
        if let last = numbers.last { parts.nextPartNumberMarker = last }
        return parts
    }
}
