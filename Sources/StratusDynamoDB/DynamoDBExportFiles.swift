import Foundation

/// The files of a DynamoDB export in DynamoDB JSON, as DynamoDB writes them under `<prefix>/AWSDynamoDB/<export id>/`:
/// one gzip data file of `{"Item": …}` lines, `manifest-files.json` and `manifest-summary.json`.
///
/// Guarantees: the gzip member is valid (RFC 1952; its deflate blocks are stored, not compressed) with the CRC-32
/// and length of its content, so every gzip reader unpacks it.
package enum DynamoDBExportFiles {
    /// `bytes` as one gzip member of stored deflate blocks.
    package static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        var offset = 0
        repeat {
            let count = min(65_535, bytes.count - offset)
            let last = offset + count == bytes.count
            output.append(last ? 1 : 0)
            output += [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            output += bytes[offset..<(offset + count)]
            offset += count
        } while offset < bytes.count
        let crc = crc32(bytes), size = UInt32(truncatingIfNeeded: bytes.count)
        for value in [crc, size] {
            output += [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
        }
        return output
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    /// CRC-32 (IEEE 802.3) of `bytes`.
    package static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
