// DynamoDB's number type: an exact decimal with up to 38 significant digits, never a Double.

/// An exact DynamoDB number: a sign, up to 38 significant decimal digits and a decimal exponent.
///
/// Guarantees: always normalized (no leading or trailing zero digits; zero has no digits and no sign), so `==`
/// is numeric equality and `Hashable` agrees with it; the magnitude is either zero or within DynamoDB's range
/// 1E-130 … 9.99…E+125; arithmetic and comparison are exact decimal operations.
package struct DynamoDBNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whether the number is below zero (never true for zero).
    package let isNegative: Bool
    /// The significant digits, most significant first, each 0…9; empty for zero, never a leading or trailing zero.
    package let digits: [UInt8]
    /// The value is `digits` read as an integer times 10^`exponent`.
    package let exponent: Int

    /// The largest count of significant digits DynamoDB stores.
    package static let maximumSignificantDigits = 38
    /// The largest scientific exponent (d.ddd × 10^e) DynamoDB accepts.
    package static let maximumScientificExponent = 125
    /// The smallest scientific exponent (d.ddd × 10^e) DynamoDB accepts.
    package static let minimumScientificExponent = -130

    /// The number zero.
    package static let zero = DynamoDBNumber(uncheckedNegative: false, digits: [], exponent: 0)

    /// Builds a number from parts, normalizing them, without range checks (callers check with ``validated()``).
    init(uncheckedNegative negative: Bool, digits rawDigits: [UInt8], exponent rawExponent: Int) {
        var start = 0
        while start < rawDigits.count, rawDigits[start] == 0 { start += 1 }
        var end = rawDigits.count
        var exponent = rawExponent
        while end > start, rawDigits[end - 1] == 0 {
            end -= 1
            exponent += 1
        }
        if start == end {
            self.isNegative = false
            self.digits = []
            self.exponent = 0
        } else {
            self.isNegative = negative
            self.digits = Array(rawDigits[start..<end])
            self.exponent = exponent
        }
    }

    /// Parses DynamoDB number text (`-12.50`, `1e2`, `.5`, `+3`, `007`) and checks DynamoDB's limits.
    ///
    /// Throws ``DynamoDBValidationError`` with DynamoDB's message for text that is not a number, more than 38
    /// significant digits, or a magnitude out of range.
    package init(_ text: String) throws(DynamoDBValidationError) {
        guard let parsed = Self.parseUnchecked(text) else {
            throw DynamoDBValidationError.invalidNumber(text)
        }
        self = try parsed.validated()
    }

    /// Builds an exact number from an integer.
    package init(_ integer: Int) {
        var magnitude = integer.magnitude
        var reversed: [UInt8] = []
        while magnitude > 0 {
            reversed.append(UInt8(magnitude % 10))
            magnitude /= 10
        }
        self.init(uncheckedNegative: integer < 0, digits: reversed.reversed(), exponent: 0)
    }

    /// Parses number syntax without checking DynamoDB's limits; nil when the text is not a number.
    static func parseUnchecked(_ text: String) -> DynamoDBNumber? {
        let bytes = Array(text.utf8)
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var digits: [UInt8] = []
        var sawDigit = false
        var fractionDigits = 0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            digits.append(bytes[index] - 48)
            sawDigit = true
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                digits.append(bytes[index] - 48)
                fractionDigits += 1
                sawDigit = true
                index += 1
            }
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var sawExponentDigit = false
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                // Clamp absurd exponents: anything this large is out of range anyway.
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(bytes[index] - 48) }
                sawExponentDigit = true
                index += 1
            }
            guard sawExponentDigit else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard index == bytes.count else { return nil }
        return DynamoDBNumber(uncheckedNegative: negative, digits: digits, exponent: exponent - fractionDigits)
    }

    /// The exponent of the leading digit in scientific notation (d.ddd × 10^e); 0 for zero.
    package var scientificExponent: Int {
        digits.isEmpty ? 0 : exponent + digits.count - 1
    }

    /// Whether the number is zero.
    package var isZero: Bool { digits.isEmpty }

    /// This number if it is within DynamoDB's precision and range, else DynamoDB's error for it.
    package func validated() throws(DynamoDBValidationError) -> DynamoDBNumber {
        if digits.isEmpty { return self }
        if digits.count > Self.maximumSignificantDigits {
            throw DynamoDBValidationError(message: "Attempting to store more than 38 significant digits in a Number")
        }
        if scientificExponent > Self.maximumScientificExponent {
            throw DynamoDBValidationError(
                message: "Number overflow. Attempting to store a number with magnitude larger than supported range")
        }
        if scientificExponent < Self.minimumScientificExponent {
            throw DynamoDBValidationError(
                message: "Number underflow. Attempting to store a number with magnitude smaller than supported range")
        }
        return self
    }

    /// The number as DynamoDB returns it: plain decimal notation, no exponent, no trailing fraction zeros,
    /// `-` only for negative numbers ("1.50" → "1.5", "-0" → "0", "1e2" → "100").
    package var description: String {
        if digits.isEmpty { return "0" }
        var text = isNegative ? "-" : ""
        let digitText = String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
        if exponent >= 0 {
            text += digitText
            text += String(repeating: "0", count: exponent)
        } else {
            let fraction = -exponent
            if fraction >= digits.count {
                text += "0."
                text += String(repeating: "0", count: fraction - digits.count)
                text += digitText
            } else {
                let split = digitText.index(digitText.startIndex, offsetBy: digits.count - fraction)
                text += digitText[..<split]
                text += "."
                text += digitText[split...]
            }
        }
        return text
    }

    /// The number's magnitude compared with another's: -1, 0 or 1.
    static func compareMagnitudes(_ left: DynamoDBNumber, _ right: DynamoDBNumber) -> Int {
        if left.digits.isEmpty { return right.digits.isEmpty ? 0 : -1 }
        if right.digits.isEmpty { return 1 }
        if left.scientificExponent != right.scientificExponent {
            return left.scientificExponent < right.scientificExponent ? -1 : 1
        }
        let count = min(left.digits.count, right.digits.count)
        for position in 0..<count where left.digits[position] != right.digits[position] {
            return left.digits[position] < right.digits[position] ? -1 : 1
        }
        if left.digits.count == right.digits.count { return 0 }
        return left.digits.count < right.digits.count ? -1 : 1
    }

    /// Numeric order.
    package static func < (left: DynamoDBNumber, right: DynamoDBNumber) -> Bool {
        compare(left, right) < 0
    }

    /// Numeric comparison: -1, 0 or 1.
    package static func compare(_ left: DynamoDBNumber, _ right: DynamoDBNumber) -> Int {
        let leftSign = left.digits.isEmpty ? 0 : (left.isNegative ? -1 : 1)
        let rightSign = right.digits.isEmpty ? 0 : (right.isNegative ? -1 : 1)
        if leftSign != rightSign { return leftSign < rightSign ? -1 : 1 }
        let magnitude = compareMagnitudes(left, right)
        return leftSign < 0 ? -magnitude : magnitude
    }
}
