import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// The `x-amz-checksum-*` members shared by S3's output shapes.
protocol S3ChecksumFields {
    var checksumCRC32: String? { get set }
    var checksumCRC32C: String? { get set }
    var checksumCRC64NVME: String? { get set }
    var checksumSHA1: String? { get set }
    var checksumSHA256: String? { get set }
}

extension S3.PutObjectOutput: S3ChecksumFields {}
extension S3.GetObjectOutput: S3ChecksumFields {}
extension S3.HeadObjectOutput: S3ChecksumFields {}
extension S3.UploadPartOutput: S3ChecksumFields {}
extension S3.Part: S3ChecksumFields {}
extension S3.CopyObjectResult: S3ChecksumFields {}
extension S3.CompleteMultipartUploadOutput: S3ChecksumFields {}
extension S3.CopyPartResult: S3ChecksumFields {}
extension S3.Checksum: S3ChecksumFields {}
extension S3.ObjectPart: S3ChecksumFields {}

extension S3Service {
    /// Sets the member of `checksum`'s algorithm on `fields`.
    static func setChecksum<Fields: S3ChecksumFields>(_ checksum: S3Checksum, on fields: inout Fields) {
        switch checksum.algorithm {
        case "CRC32": fields.checksumCRC32 = checksum.value
        case "CRC32C": fields.checksumCRC32C = checksum.value
        case "CRC64NVME": fields.checksumCRC64NVME = checksum.value
        case "SHA1": fields.checksumSHA1 = checksum.value
        case "SHA256": fields.checksumSHA256 = checksum.value
        default: break
        }
    }

    /// The checksum headers a request carried, by algorithm.
    static func givenChecksums(crc32: String?, crc32c: String?, crc64nvme: String?, sha1: String?, sha256: String?)
        -> [(algorithm: String, value: String)]
    {
        [("CRC32", crc32), ("CRC32C", crc32c), ("CRC64NVME", crc64nvme), ("SHA1", sha1), ("SHA256", sha256)]
            .compactMap { pair in pair.1.map { (pair.0, $0) } }
    }

    /// The checksum to store with `body`: the one the client sent, verified (`InvalidRequest` when it is not a
    /// base64 digest of the algorithm's length or several were sent, `BadDigest` when it differs), or, when only
    /// an algorithm was named, the one S3 computes.
    static func verifiedChecksum(of body: Data, algorithm: String?,
                                 given: [(algorithm: String, value: String)]) throws -> S3Checksum? {
        if given.count > 1 {
            throw S3Failure.invalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
        }
        guard let (name, value) = given.first else {
            guard let algorithm = algorithm?.uppercased(), S3ChecksumCalculator.algorithms.contains(algorithm),
                  let computed = S3ChecksumCalculator.checksum(algorithm, of: body)
            else { return nil }
            return S3Checksum(algorithm: algorithm, value: computed)
        }
        guard let digest = Data(base64Encoded: value), digest.count == S3ChecksumCalculator.digestLength(name) else {
            throw S3Failure.invalidRequest("Value for x-amz-checksum-\(name.lowercased()) header is invalid.")
        }
        guard S3ChecksumCalculator.digest(name, of: body) == digest else {
            throw AWSServiceError(AWSErrorCode("BadDigest", httpStatus: 400),
                                  "The \(name) you specified did not match the calculated checksum.")
        }
        return S3Checksum(algorithm: name, value: value)
    }
}
