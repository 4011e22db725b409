#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// JavaScript number ↔ text rules (ECMAScript `Number::toString`, `toPrecision`, `parseFloat`), pure computation.
enum JSNumber {
    /// ECMAScript `Number::toString(x)`: shortest round-trip digits, fixed notation for 1e-7 ≤ |x| < 1e21.
    static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return "0" }
        if value.magnitude < 9_007_199_254_740_992, value.rounded(.towardZero) == value {
            return String(Int64(value))
        }
        let (digits, exponent) = shortestDigits(value.magnitude)
        var text = value < 0 ? "-" : ""
        text += layout(digits: digits, pointPosition: exponent)
        return text
    }

    /// Shortest decimal digits (no leading/trailing zeros) and `n` such that `x = 0.d₁d₂… × 10ⁿ`.
    static func shortestDigits(_ magnitude: Double) -> (digits: [UInt8], exponent: Int) {
        let description = magnitude.description  // shortest round-trip, e.g. "1.2345e-07", "123.0"
        var mantissa = Substring(description)
        var exponentPart = 0
        if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = description[..<e]
            exponentPart = Int(description[description.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var pointIndex: Int?
        for character in mantissa.utf8 {
            if character == UInt8(ascii: ".") { pointIndex = digits.count; continue }
            digits.append(character &- 48)
        }
        var point = (pointIndex ?? digits.count) + exponentPart
        while let first = digits.first, first == 0 { digits.removeFirst(); point -= 1 }
        while let last = digits.last, last == 0 { digits.removeLast() }
        return (digits, point)
    }

    /// ECMAScript layout of digits `d₁…dₖ` with the decimal point after position `n`.
    static func layout(digits: [UInt8], pointPosition n: Int) -> String {
        let k = digits.count
        let text = String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
        if k <= n && n <= 21 {
            return text + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            let index = text.index(text.startIndex, offsetBy: n)
            return text[..<index] + "." + text[index...]
        }
        if -6 < n && n <= 0 {
            return "0." + String(repeating: "0", count: -n) + text
        }
        let e = n - 1
        let exponentText = (e < 0 ? "e-" : "e+") + String(abs(e))
        if k == 1 { return text + exponentText }
        return String(text.prefix(1)) + "." + text.dropFirst() + exponentText
    }

    /// `Number(x.toPrecision(15))`: the double nearest to `x` rounded to 15 significant digits.
    static func roundedTo15Digits(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        return Double(cFormat("%.14e", value)) ?? value
    }

    /// `x.toFixed(digits)` for finite |x| < 1e21 (exact decimal rounding, as C's printf).
    static func fixed(_ value: Double, fractionDigits: Int) -> String {
        cFormat("%.\(max(0, min(fractionDigits, 100)))f", value)
    }

    /// C `snprintf` with one double argument.
    static func cFormat(_ format: String, _ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        let count = buffer.count
        _ = withVaList([value]) { arguments in
            buffer.withUnsafeMutableBufferPointer { pointer in
                vsnprintf(pointer.baseAddress, count, format, arguments)
            }
        }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// JSON number syntax as the JSONata tokenizer reads it (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?`):
    /// the length of the longest prefix of `scalars[start...]` that is a number, or nil.
    static func scanNumber(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        func digit(_ i: Int) -> Bool { i < scalars.count && scalars[i].value >= 48 && scalars[i].value <= 57 }
        if index < scalars.count && scalars[index] == "-" { index += 1 }
        guard digit(index) else { return nil }
        if scalars[index] == "0" {
            index += 1
        } else {
            while digit(index) { index += 1 }
        }
        if index < scalars.count && scalars[index] == "." && digit(index + 1) {
            index += 1
            while digit(index) { index += 1 }
        }
        if index < scalars.count && (scalars[index] == "e" || scalars[index] == "E") {
            var look = index + 1
            if look < scalars.count && (scalars[look] == "+" || scalars[look] == "-") { look += 1 }
            if digit(look) {
                index = look
                while digit(index) { index += 1 }
            }
        }
        return index - start
    }
}

extension JSNumber {
    /// `Math.pow`.
    static func power(_ base: Double, _ exponent: Double) -> Double {
        pow(base, exponent)
    }
}
