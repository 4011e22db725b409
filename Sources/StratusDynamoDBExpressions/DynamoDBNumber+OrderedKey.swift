// An order-preserving byte encoding of DynamoDB numbers, for storing sort keys where memcmp orders them.

extension DynamoDBNumber {
    /// Bytes whose lexicographic (memcmp) order is the numeric order of the numbers, and which decode back
    /// with ``init(orderedKeyBytes:)``.
    ///
    /// Layout: a class byte (0x01 negative, 0x02 zero, 0x03 positive); for non-zero numbers the scientific
    /// exponent biased by 130 (one byte, 0…255), then the digits; for negative numbers the exponent byte and
    /// digits are inverted (255 − e, 9 − d) and a 0xFF terminator follows, so a shorter negative number that
    /// is a prefix of a longer one sorts after it. Guaranteed only for validated numbers (DynamoDB's range).
    package var orderedKeyBytes: [UInt8] {
        if isZero { return [0x02] }
        let biased = UInt8(clamping: scientificExponent - Self.minimumScientificExponent)
        if isNegative {
            return [0x01, 255 - biased] + digits.map { 9 - $0 } + [0xFF]
        }
        return [0x03, biased] + digits
    }

    /// Decodes ``orderedKeyBytes``; nil for bytes that no number encodes to.
    package init?(orderedKeyBytes bytes: [UInt8]) {
        guard let kind = bytes.first else { return nil }
        switch kind {
        case 0x02:
            guard bytes.count == 1 else { return nil }
            self = .zero
        case 0x03:
            guard bytes.count >= 3 else { return nil }
            let digits = Array(bytes[2...])
            guard digits.allSatisfy({ $0 <= 9 }), digits.first != 0, digits.last != 0 else { return nil }
            let scientific = Int(bytes[1]) + Self.minimumScientificExponent
            self.init(uncheckedNegative: false, digits: digits, exponent: scientific - digits.count + 1)
        case 0x01:
            guard bytes.count >= 4, bytes.last == 0xFF else { return nil }
            let inverted = bytes[2..<(bytes.count - 1)]
            guard inverted.allSatisfy({ $0 <= 9 }) else { return nil }
            let digits = inverted.map { 9 - $0 }
            guard digits.first != 0, digits.last != 0 else { return nil }
            let scientific = Int(255 - bytes[1]) + Self.minimumScientificExponent
            self.init(uncheckedNegative: true, digits: digits, exponent: scientific - digits.count + 1)
        default:
            return nil
        }
    }
}
