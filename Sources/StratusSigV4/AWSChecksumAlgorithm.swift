// AWSChecksumAlgorithm: the flexible checksums S3 accepts (x-amz-checksum-*).
import Crypto
import Foundation

/// A checksum algorithm of S3's flexible checksums, named as in `x-amz-checksum-<name>`.
///
/// Guarantees: ``base64Digest(of:)`` produces exactly the header value AWS computes (base64 of the big-endian
/// CRC or of the digest bytes).
package enum AWSChecksumAlgorithm: String, Sendable, CaseIterable {
    /// CRC-32 (IEEE), 4 bytes.
    case crc32
    /// CRC-32C (Castagnoli), 4 bytes.
    case crc32c
    /// CRC-64/NVME, 8 bytes.
    case crc64nvme
    /// SHA-1, 20 bytes.
    case sha1
    /// SHA-256, 32 bytes.
    case sha256

    /// The header / trailer name: `x-amz-checksum-<name>`.
    package var headerName: String { "x-amz-checksum-\(rawValue)" }

    /// The algorithm for a header or trailer name (`x-amz-checksum-crc32`, any case); nil for other names.
    package init?(headerName: String) {
        let lowered = headerName.lowercased()
        guard lowered.hasPrefix("x-amz-checksum-") else { return nil }
        self.init(rawValue: String(lowered.dropFirst("x-amz-checksum-".count)))
    }

    /// The base64 checksum of `payload`.
    package func base64Digest(of payload: [UInt8]) -> String {
        let bytes: [UInt8]
        switch self {
        case .crc32: var crc = CRC32.ieee; crc.update(payload); bytes = crc.bigEndianBytes
        case .crc32c: var crc = CRC32.castagnoli; crc.update(payload); bytes = crc.bigEndianBytes
        case .crc64nvme: var crc = CRC64NVME(); crc.update(payload); bytes = crc.bigEndianBytes
        case .sha1: bytes = Array(Insecure.SHA1.hash(data: payload))
        case .sha256: bytes = Array(SHA256.hash(data: payload))
        }
        return Data(bytes).base64EncodedString()
    }

    /// Checks every `x-amz-checksum-*` field among `fields` against `payload`; fails with `.checksumMismatch`
    /// naming the first that differs. Fields that are not checksums are ignored; an unknown checksum name fails.
    package static func verify(fields: [(String, String)], payload: [UInt8]) throws(SigV4Error) {
        for (name, value) in fields where name.lowercased().hasPrefix("x-amz-checksum-") {
            let lowered = name.lowercased()
            if lowered == "x-amz-checksum-type" || lowered == "x-amz-checksum-algorithm" { continue }
            guard let algorithm = AWSChecksumAlgorithm(headerName: name) else {
                throw SigV4Error(.checksumMismatch, "Unsupported checksum '\(name)'")
            }
            let computed = algorithm.base64Digest(of: payload)
            guard computed == value.trimmingASCIIWhitespace() else {
                throw SigV4Error(.checksumMismatch,
                                 "Value for \(algorithm.headerName) header is invalid: expected \(computed), got \(value)")
            }
        }
    }
}
