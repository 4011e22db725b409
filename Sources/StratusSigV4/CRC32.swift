// CRC32: table-driven reflected CRC-32 (IEEE 802.3) and CRC-32C (Castagnoli).

/// A table-driven, reflected 32-bit CRC, in the two variants S3 checksums use.
///
/// Guarantees: `CRC32.ieee` matches zlib's `crc32` (check value of "123456789" is 0xCBF43926) and
/// `CRC32.castagnoli` matches CRC-32C / iSCSI (0xE3069283). Values are incremental: feed `update` in pieces.
package struct CRC32: Sendable {
    private let table: [UInt32]
    /// The running value (before the final XOR is applied it is kept inverted internally).
    private var state: UInt32 = 0xFFFF_FFFF

    /// CRC-32 as in zlib, Ethernet, `x-amz-checksum-crc32`.
    package static var ieee: CRC32 { CRC32(table: ieeeTable) }
    /// CRC-32C (Castagnoli), `x-amz-checksum-crc32c`.
    package static var castagnoli: CRC32 { CRC32(table: castagnoliTable) }

    private static let ieeeTable = makeTable(reflectedPolynomial: 0xEDB8_8320)
    private static let castagnoliTable = makeTable(reflectedPolynomial: 0x82F6_3B78)

    private init(table: [UInt32]) { self.table = table }

    private static func makeTable(reflectedPolynomial: UInt32) -> [UInt32] {
        (0..<256).map { index in
            var value = UInt32(index)
            for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ reflectedPolynomial : value >> 1 }
            return value
        }
    }

    /// Feeds more bytes.
    package mutating func update(_ bytes: some Sequence<UInt8>) {
        var crc = state
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        state = crc
    }

    /// The CRC of everything fed so far.
    package var value: UInt32 { state ^ 0xFFFF_FFFF }

    /// The CRC as four big-endian bytes (the form S3 base64-encodes).
    package var bigEndianBytes: [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }

    /// One-shot CRC-32 (IEEE) of `bytes`.
    package static func ieee(_ bytes: some Sequence<UInt8>) -> UInt32 { var crc = ieee; crc.update(bytes); return crc.value }
    /// One-shot CRC-32C of `bytes`.
    package static func castagnoli(_ bytes: some Sequence<UInt8>) -> UInt32 { var crc = castagnoli; crc.update(bytes); return crc.value }
}
