/// Produces request ids. Injected so tests can predict them.
package protocol RequestIDGenerator: Sendable {
    /// A new id, unique for the life of the process.
    func next() -> String
}

/// Random version-4 UUIDs in lowercase (`4f0c…-…`), the form AWS uses for request and message ids, drawn from
/// the system's random number generator without opening files (Foundation's `UUID()` reads `/dev/urandom` on
/// Linux for every id).
///
/// Guarantees: 122 random bits per id, so ids are unique in practice.
package struct RandomRequestIDGenerator: RequestIDGenerator {
    package init() {}

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// A new id.
    package func next() -> String {
        var generator = SystemRandomNumberGenerator()
        var high = generator.next() as UInt64
        var low = generator.next() as UInt64
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var position = 0
            func put(_ value: UInt64, nibbles: Int, shift: Int) {
                for index in 0..<nibbles {
                    let nibble = Int((value >> UInt64(shift - 4 * (index + 1))) & 0xF)
                    buffer[position] = Self.hexDigits[nibble]
                    position += 1
                }
            }
            func dash() {
                buffer[position] = UInt8(ascii: "-")
                position += 1
            }
            put(high, nibbles: 8, shift: 64)
            dash()
            put(high, nibbles: 4, shift: 32)
            dash()
            put(high, nibbles: 4, shift: 16)
            dash()
            put(low, nibbles: 4, shift: 64)
            dash()
            put(low, nibbles: 12, shift: 48)
            return position
        }
    }
}
