/// A JSON number that remembers whether it was written as an integer or a decimal.
///
/// Guarantees:
/// - **Integers** (written without fraction or exponent) of any size are kept exactly: `123456789012345678901234567890`
///   prints back as written. `-0` is read as `0`.
/// - **Decimals** (written with a fraction or an exponent) are kept as the nearest `Double` and print in the shortest
///   text that reads back as the same `Double`, in ECMAScript style (`0.1`, `1.5e-7`, `1e+21`), with `.0` appended
///   when that text would otherwise look like an integer (`1.0`, `100.0`), so the decimal form survives a round trip.
///   A decimal too large for `Double` (`1e400`) keeps its written text.
/// - **Equality is by numeric value**, not by form: `1 == 1.0` and `1e2 == 100`. The value of a decimal is the value
///   of its canonical ``text``. `hash(into:)` is consistent with that equality.
/// - Non-finite doubles cannot be represented; ``init(_:)-(Double)`` traps on them (use ``init(exactly:)``).
public struct JSONNumber: Sendable {
    @usableFromInline
    enum Storage: Sendable {
        /// An integer that fits `Int64`.
        case integer(Int64)
        /// An integer outside the `Int64` range: its digits as written (optional `-`, no leading zeros).
        case bigInteger(String)
        /// A finite decimal.
        case decimal(Double)
        /// A decimal whose magnitude overflows `Double`: its text as written.
        case hugeDecimal(String)
    }

    @usableFromInline
    let storage: Storage

    @inlinable
    init(storage: Storage) { self.storage = storage }

    /// A number from its JSON text; `nil` when `text` is not exactly one JSON number (RFC 8259 grammar: no leading
    /// `+`, no leading zeros, no surrounding whitespace, digits required around `.`).
    public init?(text: String) {
        var text = text
        let parsed: JSONNumber? = text.withUTF8 { bytes in
            guard let end = JSONNumber.scanNumberSyntax(bytes, from: 0), end == bytes.count else { return nil }
            return JSONNumber.make(fromValidated: UnsafeBufferPointer(rebasing: bytes[0..<end]))
        }
        guard let parsed else { return nil }
        self = parsed
    }

    /// An integer number.
    @inlinable
    public init(_ value: Int64) { self.storage = .integer(value) }

    /// An integer number.
    @inlinable
    public init(_ value: Int) { self.storage = .integer(Int64(value)) }

    /// A decimal number (prints with a fraction or exponent, e.g. `2.0`).
    /// - Precondition: `value` is finite; JSON has no text for infinities or NaN.
    public init(_ value: Double) {
        precondition(value.isFinite, "JSONNumber cannot represent the non-finite value \(value)")
        self.storage = .decimal(value)
    }

    /// A decimal number, or `nil` when `value` is infinite or NaN.
    public init?(exactly value: Double) {
        guard value.isFinite else { return nil }
        self.storage = .decimal(value)
    }

    /// The canonical printed form: integers exactly as their digits, decimals in shortest round-trip form.
    public var text: String {
        switch storage {
        case .integer(let value): return String(value)
        case .bigInteger(let digits): return digits
        case .decimal(let value): return JSONNumber.decimalText(value)
        case .hugeDecimal(let text): return text
        }
    }

    /// `true` when the number is in integer form (written without fraction or exponent, or made from an integer).
    /// `1.0` is a decimal even though its value is integral.
    public var isInteger: Bool {
        switch storage {
        case .integer, .bigInteger: return true
        case .decimal, .hugeDecimal: return false
        }
    }

    /// The value as `Int64` when it is integral and in range, whatever its form: `7`, `7.0` and `7e0` give `7`;
    /// `7.5`, `1e19` and integers beyond `Int64` give `nil`.
    public var int64Value: Int64? {
        switch storage {
        case .integer(let value):
            return value
        case .bigInteger, .hugeDecimal:
            return nil
        case .decimal(let value):
            guard value.rounded(.towardZero) == value else { return nil }
            if value.magnitude < 9_007_199_254_740_992 { return Int64(value) }
            // Beyond 2^53 the decimal's value is its canonical (shortest) text, not the binary double.
            return JSONNumber.DecimalParts(text: text).exactInt64
        }
    }

    /// The value as `Int` when it is integral and in range (see ``int64Value``).
    public var intValue: Int? {
        int64Value.flatMap { Int(exactly: $0) }
    }

    /// The value as the nearest `Double` (`±infinity` for magnitudes beyond `Double`'s range).
    public var doubleValue: Double {
        switch storage {
        case .integer(let value): return Double(value)
        case .bigInteger(let text), .hugeDecimal(let text): return Double(text) ?? .nan
        case .decimal(let value): return value
        }
    }
}

extension JSONNumber: CustomStringConvertible {
    /// The canonical ``text``.
    public var description: String { text }
}

extension JSONNumber: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// An integer number from a literal.
    public init(integerLiteral value: Int64) { self.init(value) }
    /// A decimal number from a literal.
    public init(floatLiteral value: Double) { self.init(value) }
}

extension JSONNumber: Hashable {
    /// Numeric equality: `1 == 1.0`, `-0 == 0.0`, `1e2 == 100`. Decimals compare by the value of their canonical text.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.integer(let a), .integer(let b)): return a == b
        case (.decimal(let a), .decimal(let b)): return a == b
        case (.bigInteger(let a), .bigInteger(let b)): return a == b
        case (.integer, .bigInteger), (.bigInteger, .integer): return false
        case (.integer(let a), .decimal(let b)), (.decimal(let b), .integer(let a)):
            if b.magnitude < 9_007_199_254_740_992 { return Double(exactly: a) == b }
            return DecimalParts(text: lhs.text) == DecimalParts(text: rhs.text)
        default:
            return DecimalParts(text: lhs.text) == DecimalParts(text: rhs.text)
        }
    }

    /// Hashes the numeric value, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        if let small = smallIntegralValue {
            hasher.combine(0 as UInt8)
            hasher.combine(small)
        } else {
            hasher.combine(1 as UInt8)
            hasher.combine(DecimalParts(text: text))
        }
    }

    /// The value when it is an integer of magnitude below 2^53 (where every representation agrees exactly).
    private var smallIntegralValue: Int64? {
        switch storage {
        case .integer(let value):
            return value.magnitude < 9_007_199_254_740_992 ? value : nil
        case .decimal(let value):
            guard value.magnitude < 9_007_199_254_740_992, value.rounded(.towardZero) == value else { return nil }
            return Int64(value)
        case .bigInteger, .hugeDecimal:
            return nil
        }
    }
}
