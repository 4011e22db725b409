/// Decodes gzip data (RFC 1952 around RFC 1951 deflate): request bodies sent with `Content-Encoding: gzip` (SDKs do
/// for operations with Smithy's `@requestCompression`) and gzip objects read from S3 (inventory reports).
///
/// Guarantees: stored, fixed-Huffman and dynamic-Huffman blocks; several gzip members in a row; the CRC-32 and
/// length of every member are checked; output is capped at `limit` bytes (a zip bomb fails instead of filling
/// memory). Any malformed input throws ``GzipError``; nothing traps.
package enum Gzip {
    /// Why a body could not be inflated.
    package struct GzipError: Error, Sendable, Equatable {
        /// What was wrong.
        package var message: String
    }

    /// The decompressed bytes of a gzip body.
    package static func decompress(_ data: [UInt8], limit: Int) throws(GzipError) -> [UInt8] {
        var output: [UInt8] = []
        var offset = 0
        repeat {
            offset = try member(data, from: offset, into: &output, limit: limit)
        } while offset < data.count && data[offset...].contains(where: { $0 != 0 })
        return output
    }

    private static func member(_ data: [UInt8], from start: Int, into output: inout [UInt8], limit: Int)
        throws(GzipError) -> Int
    {
        guard data.count >= start + 18, data[start] == 0x1F, data[start + 1] == 0x8B, data[start + 2] == 8 else {
            throw GzipError(message: "not a gzip stream")
        }
        let flags = data[start + 3]
        var position = start + 10
        if flags & 0x04 != 0 {
            guard position + 2 <= data.count else { throw GzipError(message: "truncated gzip header") }
            position += 2 + Int(data[position]) + Int(data[position + 1]) << 8
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {
            while position < data.count, data[position] != 0 { position += 1 }
            position += 1
        }
        if flags & 0x02 != 0 { position += 2 }
        guard position < data.count else { throw GzipError(message: "truncated gzip header") }
        let memberStart = output.count
        var reader = BitReader(data: data, position: position)
        try inflate(&reader, into: &output, limit: limit)
        var end = reader.alignedPosition
        guard end + 8 <= data.count else { throw GzipError(message: "truncated gzip trailer") }
        func word(_ at: Int) -> UInt32 {
            UInt32(data[at]) | UInt32(data[at + 1]) << 8 | UInt32(data[at + 2]) << 16 | UInt32(data[at + 3]) << 24
        }
        var crc = CRC32.ieee
        crc.update(output[memberStart...])
        guard word(end) == crc.value else { throw GzipError(message: "gzip CRC-32 mismatch") }
        guard word(end + 4) == UInt32(truncatingIfNeeded: output.count - memberStart) else {
            throw GzipError(message: "gzip length mismatch")
        }
        end += 8
        return end
    }

    private struct BitReader {
        let data: [UInt8]
        var position: Int
        var bitBuffer: UInt32 = 0
        var bitCount = 0

        mutating func bits(_ count: Int) throws(GzipError) -> Int {
            while bitCount < count {
                guard position < data.count else { throw GzipError(message: "truncated deflate stream") }
                bitBuffer |= UInt32(data[position]) << UInt32(bitCount)
                position += 1
                bitCount += 8
            }
            let value = Int(bitBuffer & ((1 << UInt32(count)) - 1))
            bitBuffer >>= UInt32(count)
            bitCount -= count
            return value
        }

        mutating func alignToByte() {
            bitBuffer = 0
            bitCount = 0
        }

        /// The byte position after the last consumed bit (unused whole bytes in the buffer are given back).
        var alignedPosition: Int { position - bitCount / 8 }
    }

    /// A canonical Huffman decoding table: counts per length and symbols in code order.
    private struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        init(lengths: [Int]) throws(GzipError) {
            for length in lengths { counts[length] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<16 { offsets[length] = offsets[length - 1] + counts[length - 1] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }

        func decode(_ reader: inout BitReader) throws(GzipError) -> Int {
            var code = 0
            var first = 0
            var index = 0
            for length in 1..<16 {
                code |= try reader.bits(1)
                let count = counts[length]
                if code - count < first { return symbols[index + (code - first)] }
                index += count
                first += count
                first <<= 1
                code <<= 1
            }
            throw GzipError(message: "invalid Huffman code")
        }
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private static func inflate(_ reader: inout BitReader, into output: inout [UInt8], limit: Int) throws(GzipError) {
        var last = false
        let memberStart = output.count
        while !last {
            last = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0:
                reader.alignToByte()
                let start = reader.position
                guard start + 4 <= reader.data.count else { throw GzipError(message: "truncated stored block") }
                let length = Int(reader.data[start]) | Int(reader.data[start + 1]) << 8
                let complement = Int(reader.data[start + 2]) | Int(reader.data[start + 3]) << 8
                guard length == ~complement & 0xFFFF, start + 4 + length <= reader.data.count else {
                    throw GzipError(message: "invalid stored block")
                }
                guard output.count + length <= limit else { throw GzipError(message: "decompressed body too large") }
                output += reader.data[(start + 4)..<(start + 4 + length)]
                reader.position = start + 4 + length
            case 1:
                var lengths = [Int](repeating: 8, count: 288)
                for index in 144..<256 { lengths[index] = 9 }
                for index in 256..<280 { lengths[index] = 7 }
                try inflateBlock(
                    &reader, literals: try Huffman(lengths: lengths),
                    distances: try Huffman(lengths: [Int](repeating: 5, count: 30)), into: &output, limit: limit,
                    memberStart: memberStart)
            case 2:
                let literalCount = try reader.bits(5) + 257
                let distanceCount = try reader.bits(5) + 1
                let codeLengthCount = try reader.bits(4) + 4
                var codeLengths = [Int](repeating: 0, count: 19)
                for index in 0..<codeLengthCount { codeLengths[codeLengthOrder[index]] = try reader.bits(3) }
                let codeLengthTable = try Huffman(lengths: codeLengths)
                var lengths: [Int] = []
                while lengths.count < literalCount + distanceCount {
                    let symbol = try codeLengthTable.decode(&reader)
                    switch symbol {
                    case 0..<16: lengths.append(symbol)
                    case 16:
                        guard let previous = lengths.last else { throw GzipError(message: "repeat without a length") }
                        lengths += [Int](repeating: previous, count: 3 + (try reader.bits(2)))
                    case 17: lengths += [Int](repeating: 0, count: 3 + (try reader.bits(3)))
                    default: lengths += [Int](repeating: 0, count: 11 + (try reader.bits(7)))
                    }
                }
                guard lengths.count == literalCount + distanceCount else {
                    throw GzipError(message: "invalid code lengths")
                }
                try inflateBlock(
                    &reader, literals: try Huffman(lengths: Array(lengths[0..<literalCount])),
                    distances: try Huffman(lengths: Array(lengths[literalCount...])), into: &output, limit: limit,
                    memberStart: memberStart)
            default:
                throw GzipError(message: "invalid deflate block type")
            }
        }
    }

    private static func inflateBlock(
        _ reader: inout BitReader, literals: Huffman, distances: Huffman, into output: inout [UInt8], limit: Int,
        memberStart: Int
    ) throws(GzipError) {
        while true {
            let symbol = try literals.decode(&reader)
            if symbol < 256 {
                guard output.count < limit else { throw GzipError(message: "decompressed body too large") }
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let lengthIndex = symbol - 257
                guard lengthIndex < lengthBase.count else { throw GzipError(message: "invalid length code") }
                let length = lengthBase[lengthIndex] + (try reader.bits(lengthExtra[lengthIndex]))
                let distanceIndex = try distances.decode(&reader)
                guard distanceIndex < distanceBase.count else { throw GzipError(message: "invalid distance code") }
                let distance = distanceBase[distanceIndex] + (try reader.bits(distanceExtra[distanceIndex]))
                guard distance <= output.count - memberStart else { throw GzipError(message: "distance too far back") }
                guard output.count + length <= limit else { throw GzipError(message: "decompressed body too large") }
                let from = output.count - distance
                for index in 0..<length { output.append(output[from + index]) }
            }
        }
    }
}
