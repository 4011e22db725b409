import Crypto
import Foundation

/// The additional checksums S3 computes (`x-amz-checksum-*`), as base64 of the big-endian digest.
///
/// CRC32 is ISO-HDLC (zlib's), CRC32C Castagnoli, CRC64NVME the NVMe polynomial; all reflected, table-driven.
package enum S3ChecksumCalculator {
    /// The algorithms, by S3's name.
    package static let algorithms = ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"]

    /// The base64 checksum of `data` with `algorithm` (one of ``algorithms``), nil for an unknown algorithm.
    package static func checksum(_ algorithm: String, of data: Data) -> String? {
        digest(algorithm, of: data)?.base64EncodedString()
    }

    /// The raw digest of `data` with `algorithm`, nil for an unknown algorithm.
    package static func digest(_ algorithm: String, of data: Data) -> Data? {
        switch algorithm {
        case "CRC32": return bigEndian(UInt32(truncatingIfNeeded: crc(data, table: crc32Table, width: 32)))
        case "CRC32C": return bigEndian(UInt32(truncatingIfNeeded: crc(data, table: crc32cTable, width: 32)))
        case "CRC64NVME": return bigEndian(crc(data, table: crc64Table, width: 64))
        case "SHA1": return Data(Insecure.SHA1.hash(data: data))
        case "SHA256": return Data(SHA256.hash(data: data))
        default: return nil
        }
    }

    /// The length in bytes of `algorithm`'s digest.
    package static func digestLength(_ algorithm: String) -> Int? {
        ["CRC32": 4, "CRC32C": 4, "CRC64NVME": 8, "SHA1": 20, "SHA256": 32][algorithm]
    }

    private static func crc(_ data: Data, table: [UInt64], width: Int) -> UInt64 {
        let mask: UInt64 = width == 64 ? .max : (1 << UInt64(width)) - 1
        var value = mask
        for byte in data {
            value = table[Int((value ^ UInt64(byte)) & 0xFF)] ^ (value >> 8)
        }
        return value ^ mask
    }

    private static func makeTable(reflectedPolynomial: UInt64) -> [UInt64] {
        (0..<256).map { index -> UInt64 in
            var value = UInt64(index)
            for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ reflectedPolynomial : value >> 1 }
            return value
        }
    }

    private static let crc32Table = makeTable(reflectedPolynomial: 0xEDB8_8320)
    private static let crc32cTable = makeTable(reflectedPolynomial: 0x82F6_3B78)
    private static let crc64Table = makeTable(reflectedPolynomial: 0x9A6C_9329_AC4B_C9B5)

    private static func bigEndian<T: FixedWidthInteger>(_ value: T) -> Data {
        withUnsafeBytes(of: value.bigEndian) { Data($0) }
    }
}
