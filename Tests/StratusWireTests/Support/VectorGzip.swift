import StratusSigV4

/// Builds gzip streams for tests: one stored (uncompressed) deflate block per 65,535 bytes, with the CRC-32 trailer.
enum VectorGzip {
    static func storedGzip(_ payload: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        var chunks = stride(from: 0, to: payload.count, by: 65_535).map { Array(payload[$0..<min($0 + 65_535, payload.count)]) }
        if chunks.isEmpty { chunks = [[]] }
        for (index, chunk) in chunks.enumerated() {
            output.append(index == chunks.count - 1 ? 1 : 0)
            let length = UInt16(chunk.count)
            output += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            output += chunk
        }
        var crc = CRC32.ieee
        crc.update(payload)
        for value in [crc.value, UInt32(truncatingIfNeeded: payload.count)] {
            output += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
        }
        return output
    }
}
