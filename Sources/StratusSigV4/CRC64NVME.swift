// CRC64NVME: table-driven CRC-64/NVME, the default S3 checksum of newer SDKs.

/// A table-driven CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, init and final XOR all ones).
///
/// Guarantees: the check value of "123456789" is 0xAE8B14860A799888, as in the CRC catalogue; incremental.
package struct CRC64NVME: Sendable {
    private static let table: [UInt64] = (0..<256).map { index in
        var value = UInt64(index)
        for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ 0x9A6C_9329_AC4B_C9B5 : value >> 1 }
        return value
    }
    private var state: UInt64 = .max

    /// A fresh CRC.
    package init() {}

    /// Feeds more bytes.
    package mutating func update(_ bytes: some Sequence<UInt8>) {
        var crc = state
        for byte in bytes { crc = Self.table[Int((crc ^ UInt64(byte)) & 0xFF)] ^ (crc >> 8) }
        state = crc
    }

    /// The CRC of everything fed so far.
    package var value: UInt64 { state ^ .max }

    /// The CRC as eight big-endian bytes (the form S3 base64-encodes).
    package var bigEndianBytes: [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }

    /// One-shot CRC-64/NVME of `bytes`.
    package static func checksum(_ bytes: some Sequence<UInt8>) -> UInt64 { var crc = CRC64NVME(); crc.update(bytes); return crc.value }
}
