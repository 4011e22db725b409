// Reading and printing JSON number text, and the exact decimal form used for equality.

extension JSONNumber {
    /// The normalized exact decimal value of a number's text: `±0.d₁d₂…dₖ × 10^exponent` with no leading or
    /// trailing zero digits (zero has no digits and is never negative).
    struct DecimalParts: Hashable {
        var negative: Bool
        var digits: [UInt8]
        var exponent: Int

        /// The parts of `text`, which must be valid JSON number syntax.
        init(text: String) {
            var negative = false
            var digits: [UInt8] = []
            var pointPosition: Int?  // digit count before the decimal point
            var exponent = 0
            var exponentNegative = false
            var inExponent = false
            var leadingZerosSkipped = 0
            for byte in text.utf8 {
                if inExponent {
                    switch byte {
                    case UInt8(ascii: "-"): exponentNegative = true
                    case UInt8(ascii: "+"): break
                    default:
                        // Saturate: no representable value depends on exponents this large.
                        if exponent < 100_000_000_000_000_000 { exponent = exponent * 10 + Int(byte &- 48) }
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "-"): negative = true
                case UInt8(ascii: "."): pointPosition = digits.count + leadingZerosSkipped
                case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
                default:
                    if digits.isEmpty && byte == UInt8(ascii: "0") {
                        leadingZerosSkipped += 1
                    } else {
                        digits.append(byte &- 48)
                    }
                }
            }
            let integerDigitCount = (pointPosition ?? (digits.count + leadingZerosSkipped)) - leadingZerosSkipped
            while let last = digits.last, last == 0 { digits.removeLast() }
            if digits.isEmpty {
                self.negative = false
                self.digits = []
                self.exponent = 0
                return
            }
            self.negative = negative
            self.digits = digits
            self.exponent = integerDigitCount + (exponentNegative ? -exponent : exponent)
        }

        /// The value as `Int64` when it is an integer in range.
        var exactInt64: Int64? {
            if digits.isEmpty { return 0 }
            guard exponent >= digits.count, exponent <= 19 else { return nil }
            var magnitude: UInt64 = 0
            for position in 0..<exponent {
                let digit = position < digits.count ? UInt64(digits[position]) : 0
                let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(digit)
                if overflow1 || overflow2 { return nil }
                magnitude = sum
            }
            if negative {
                guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
                return Int64(truncatingIfNeeded: 0 &- magnitude)
            }
            return Int64(exactly: magnitude)
        }
    }

    /// The canonical text of a finite decimal: shortest round-trip digits in ECMAScript layout (fixed notation
    /// for 1e-7 < |x| < 1e21, exponent notation otherwise), with `.0` added when the result would read as an integer.
    static func decimalText(_ value: Double) -> String {
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description is the shortest text that reads back as `value`. Without an exponent it is already
        // in ECMAScript fixed layout (Swift uses it only for magnitudes between about 1e-4 and 2^53).
        let description = value.description
        if !description.utf8.contains(UInt8(ascii: "e")) { return description }
        let parts = DecimalParts(text: description)
        let digits = parts.digits.map { Character(Unicode.Scalar($0 + 48)) }
        let count = digits.count
        let n = parts.exponent
        var result = parts.negative ? "-" : ""
        if count <= n && n <= 21 {
            result.append(contentsOf: digits)
            result.append(String(repeating: "0", count: n - count))
            result.append(".0")
        } else if 0 < n && n <= 21 {
            result.append(contentsOf: digits[0..<n])
            result.append(".")
            result.append(contentsOf: digits[n...])
        } else if -6 < n && n <= 0 {
            result.append("0.")
            result.append(String(repeating: "0", count: -n))
            result.append(contentsOf: digits)
        } else {
            result.append(digits[0])
            if count > 1 {
                result.append(".")
                result.append(contentsOf: digits[1...])
            }
            result.append(n - 1 >= 0 ? "e+" : "e-")
            result.append(String((n - 1).magnitude))
        }
        return result
    }

    /// Scans RFC 8259 number syntax starting at `start`; returns the end offset, or `nil` when no valid number
    /// starts there. Does not look at what follows the number.
    static func scanNumberSyntax(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        switch scanNumber(bytes, from: start) {
        case .success(let scanned): return scanned.end
        case .failure: return nil
        }
    }

    /// The result of scanning one number.
    struct Scanned {
        var end: Int
        var isInteger: Bool
    }

    /// Scans RFC 8259 number syntax at `start`, explaining what is wrong when it is not a number.
    static func scanNumber(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Result<Scanned, JSONParseError> {
        var index = start
        let count = bytes.count
        @inline(__always) func isDigit(_ offset: Int) -> Bool {
            offset < count && bytes[offset] &- UInt8(ascii: "0") < 10
        }
        if index < count && bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else {
            return .failure(JSONParseError(message: "expected a digit in number", offset: index))
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) {
                return .failure(JSONParseError(message: "leading zeros are not allowed in numbers", offset: index - 1))
            }
        } else {
            while isDigit(index) { index += 1 }
        }
        var isInteger = true
        if index < count && bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard isDigit(index) else {
                return .failure(JSONParseError(message: "expected a digit after the decimal point", offset: index))
            }
            while isDigit(index) { index += 1 }
        }
        if index < count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            isInteger = false
            index += 1
            if index < count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            guard isDigit(index) else {
                return .failure(JSONParseError(message: "expected a digit in the exponent", offset: index))
            }
            while isDigit(index) { index += 1 }
        }
        return .success(Scanned(end: index, isInteger: isInteger))
    }

    /// Builds the number for `bytes`, which hold exactly one syntactically valid number.
    static func make(fromValidated bytes: UnsafeBufferPointer<UInt8>) -> JSONNumber {
        var isInteger = true
        for byte in bytes where byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            isInteger = false
            break
        }
        return make(fromValidated: bytes, isInteger: isInteger)
    }

    /// Builds the number for `bytes` (exactly one valid number) whose form `isInteger` the scanner found.
    static func make(fromValidated bytes: UnsafeBufferPointer<UInt8>, isInteger: Bool) -> JSONNumber {
        if isInteger {
            var index = 0
            let negative = bytes[0] == UInt8(ascii: "-")
            if negative { index = 1 }
            var magnitude: UInt64 = 0
            var overflow = false
            while index < bytes.count {
                let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(bytes[index] &- UInt8(ascii: "0")))
                if overflow1 || overflow2 {
                    overflow = true
                    break
                }
                magnitude = sum
                index += 1
            }
            if !overflow {
                if negative, magnitude <= UInt64(Int64.max) + 1 {
                    return JSONNumber(storage: .integer(Int64(truncatingIfNeeded: 0 &- magnitude)))
                }
                if !negative, magnitude <= UInt64(Int64.max) {
                    return JSONNumber(storage: .integer(Int64(magnitude)))
                }
            }
            return JSONNumber(storage: .bigInteger(String(decoding: bytes, as: UTF8.self)))
        }
        if let value = fastDecimal(bytes) {
            return JSONNumber(storage: .decimal(value))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if let value = Double(text), value.isFinite {
            return JSONNumber(storage: .decimal(value))
        }
        return JSONNumber(storage: .hugeDecimal(text))
    }

    /// Exact powers of ten representable in `Double`.
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Clinger's fast path: a decimal with at most 15 significant digits and a decimal exponent within ±22 is one
    /// correctly rounded multiplication or division of two exact doubles. `nil` when the text is outside that case.
    private static func fastDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        var mantissa: UInt64 = 0
        var digitCount = 0
        var fractionDigits = 0
        var inFraction = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                inFraction = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                break
            } else {
                if mantissa != 0 || byte != UInt8(ascii: "0") { digitCount += 1 }
                if digitCount > 15 { return nil }
                mantissa = mantissa * 10 + UInt64(byte &- UInt8(ascii: "0"))
                if inFraction { fractionDigits += 1 }
            }
            index += 1
        }
        var exponent = 0
        if index < bytes.count {
            index += 1
            var exponentNegative = false
            if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            while index < bytes.count {
                exponent = exponent * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
                if exponent > 400 { return nil }
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        exponent -= fractionDigits
        var value = Double(mantissa)
        if exponent < 0 {
            guard exponent >= -22 else { return nil }
            value /= powersOfTen[-exponent]
        } else {
            guard exponent <= 22 else { return nil }
            value *= powersOfTen[exponent]
        }
        return negative ? -value : value
    }
}
