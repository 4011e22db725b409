/// The JavaScript number-to-text conversions that jsonata-js's formatting code relies on: `Number.prototype
/// .toString()` (shortest round-trip digits, exponent form outside 1e-7…1e21), `toString(radix)` for integers,
/// `toFixed(digits)` (exact decimal value, ties away from zero), and `parseInt(text)`.
///
/// Guarantees: results are byte-identical to V8 for finite doubles; `toFixed` works from the exact binary value,
/// not from a rounded decimal string.
enum JavaScriptNumberText {
    /// `String(value)` in JavaScript.
    static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return "0" }
        let sign = value < 0 ? "-" : ""
        let (digits, pointPosition) = shortestDigits(abs(value))
        let count = digits.count
        let text: String
        if count <= pointPosition && pointPosition <= 21 {
            text = digits + String(repeating: "0", count: pointPosition - count)
        } else if 0 < pointPosition && pointPosition <= 21 {
            let split = digits.index(digits.startIndex, offsetBy: pointPosition)
            text = digits[..<split] + "." + digits[split...]
        } else if -6 < pointPosition && pointPosition <= 0 {
            text = "0." + String(repeating: "0", count: -pointPosition) + digits
        } else {
            let exponent = pointPosition - 1
            let exponentText = exponent < 0 ? "e-\(-exponent)" : "e+\(exponent)"
            if count == 1 {
                text = digits + exponentText
            } else {
                text = String(digits.prefix(1)) + "." + digits.dropFirst() + exponentText
            }
        }
        return sign + text
    }

    /// The shortest round-trip decimal digits of a finite positive `value` (no leading or trailing zeros) and the
    /// position of the decimal point relative to them (value = 0.d1d2… × 10^pointPosition).
    static func shortestDigits(_ value: Double) -> (String, Int) {
        let description = value.description  // Swift prints the shortest round-trip digits
        var mantissa = Substring(description)
        var exponent = 0
        if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = description[..<e]
            exponent = Int(description[description.index(after: e)...]) ?? 0
        }
        var integerPart = mantissa
        var fractionPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fractionPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = String(integerPart) + fractionPart
        var pointPosition = integerPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits, pointPosition)
    }

    /// `value.toFixed(fractionDigits)` in JavaScript (fractionDigits 0…100).
    static func fixed(_ value: Double, fractionDigits: Int) -> String {
        if value.isNaN { return "NaN" }
        if abs(value) >= 1e21 || value.isInfinite { return string(value) }
        let sign = value < 0 ? "-" : ""
        var (digits, pointPosition) = exactDecimal(abs(value))
        // Make sure there is at least one integer digit position.
        if pointPosition <= 0 {
            digits = [UInt8](repeating: 0, count: 1 - pointPosition) + digits
            pointPosition = 1
        }
        let keep = pointPosition + fractionDigits
        if digits.count < keep { digits += [UInt8](repeating: 0, count: keep - digits.count) }
        var kept = Array(digits[0..<keep])
        if digits.count > keep && digits[keep] >= 5 {
            var index = kept.count - 1
            while index >= 0 {
                if kept[index] == 9 {
                    kept[index] = 0
                    index -= 1
                } else {
                    kept[index] += 1
                    break
                }
            }
            if index < 0 {
                kept.insert(1, at: 0)
                pointPosition += 1
            }
        }
        var text = ""
        for (offset, digit) in kept.enumerated() {
            if offset == pointPosition { text += "." }
            text.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "0") + digit))
        }
        return sign + text
    }

    /// The exact decimal expansion of a finite non-negative double: digits and the decimal point position (value =
    /// 0.d1d2… × 10^pointPosition). Zero is `([0], 1)`.
    static func exactDecimal(_ value: Double) -> ([UInt8], Int) {
        if value == 0 { return ([0], 1) }
        let exponent = Int(value.exponent) - 52
        let significand = value.significandBitPattern | (value.isNormal ? (1 << 52) : 0)
        let adjustedExponent = value.isNormal ? exponent : -1074
        var number = BigDecimalDigits(significand)
        var pointShift = 0
        if adjustedExponent >= 0 {
            for _ in 0..<adjustedExponent { number.multiply(by: 2) }
        } else {
            for _ in 0..<(-adjustedExponent) { number.multiply(by: 5) }
            pointShift = -adjustedExponent
        }
        let digits = number.decimalDigits()
        return (digits, digits.count - pointShift)
    }

    /// `value.toString(radix)` for an integer-valued finite double (radix 2…36, not 10), digit for digit as V8
    /// writes it: exact below 2^53; above, V8 divides in floating point and fills the unrepresentable low digits
    /// with zeros.
    static func string(integer value: Double, radix: Int) -> String {
        if value == 0 { return "0" }
        let symbols = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        let base = Double(radix)
        var integer = abs(value).rounded(.down)
        var digits: [Character] = []
        while integer / base >= 9_007_199_254_740_992 {  // V8: Double(integer / radix).Exponent() > 0
            integer /= base
            digits.append("0")
        }
        repeat {
            let remainder = integer.truncatingRemainder(dividingBy: base)
            digits.append(symbols[Int(remainder)])
            integer = (integer - remainder) / base
        } while integer > 0
        return (value < 0 ? "-" : "") + String(digits.reversed())
    }

    /// JavaScript `parseInt(text)` (radix 10): optional leading whitespace and sign, then the longest run of
    /// decimal digits; NaN if there are none.
    static func parseInt(_ text: String) -> Double {
        var scalars = Substring(text).unicodeScalars.drop(while: { RegexCharacterSet.isWhiteSpace($0.value) })
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        let digits = scalars.prefix(while: { $0.value >= 0x30 && $0.value <= 0x39 })
        guard !digits.isEmpty, let value = Double(String(String.UnicodeScalarView(digits))) else { return .nan }
        return negative ? -value : value
    }
}
