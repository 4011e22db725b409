/// The text of a version-4 UUID in lowercase 8-4-4-4-12 form, the form AWS uses for request, message and
/// execution ids.
///
/// Guarantees: sets the version (4) and variant (10) bits; every other bit comes from the two values given.
package enum UUIDText {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The UUID whose 128 bits are `high` then `low` (version and variant bits overwritten).
    package static func version4(high: UInt64, low: UInt64) -> String {
        let high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var position = 0
            func put(_ value: UInt64, nibbles: Int, shift: Int) {
                for index in 0..<nibbles {
                    buffer[position] = hexDigits[Int((value >> UInt64(shift - 4 * (index + 1))) & 0xF)]
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
