/// A character class of an ECMAScript regular expression (`[a-z]`, `\d`, `[^\s]`), over Unicode scalar values.
///
/// Values are `UInt32` so that escapes of lone surrogates (`\uD800`) can be represented; they never match a
/// Unicode scalar. Case-insensitive membership follows ECMAScript's non-Unicode `Canonicalize` (simple upper-case
/// mapping), tested against the scalar, its canonical form and its simple lower-case form.
struct RegexCharacterSet: Sendable, Hashable {
    /// One member of a class.
    enum Item: Sendable, Hashable {
        /// An inclusive range of scalar values (a single character is a range of one).
        case range(UInt32, UInt32)
        /// `\d` (`false`) or `\D` (`true`).
        case digit(negated: Bool)
        /// `\w` (`false`) or `\W` (`true`).
        case word(negated: Bool)
        /// `\s` (`false`) or `\S` (`true`).
        case space(negated: Bool)
    }

    var items: [Item]
    var negated: Bool

    /// Whether `value` is a member, ignoring case folding.
    func containsExactly(_ value: UInt32) -> Bool {
        var found = false
        for item in items {
            switch item {
            case .range(let low, let high):
                found = value >= low && value <= high
            case .digit(let negated):
                found = RegexCharacterSet.isDigit(value) != negated
            case .word(let negated):
                found = RegexCharacterSet.isWordCharacter(value) != negated
            case .space(let negated):
                found = RegexCharacterSet.isWhiteSpace(value) != negated
            }
            if found { break }
        }
        return found
    }

    /// Whether `value` is matched by this class (negation applied), with optional case-insensitivity.
    func matches(_ value: UInt32, ignoreCase: Bool) -> Bool {
        var found = containsExactly(value)
        if !found && ignoreCase {
            // ECMAScript: some member m has Canonicalize(m) == Canonicalize(value). The candidates are the
            // canonical form and its simple lower-case form, when that folds back to the same canonical form.
            let canonical = RegexCharacterSet.canonicalize(value)
            if canonical != value && containsExactly(canonical) {
                found = true
            } else if let variants = RegexCharacterSet.foldVariants[canonical] {
                found = variants.contains { $0 != value && containsExactly($0) }
            }
        }
        return found != negated
    }

    /// `[0-9]`.
    static func isDigit(_ value: UInt32) -> Bool { value >= 0x30 && value <= 0x39 }

    /// `[A-Za-z0-9_]` (ECMAScript `\w` without the Unicode flag).
    static func isWordCharacter(_ value: UInt32) -> Bool {
        (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || isDigit(value) || value == 0x5F
    }

    /// ECMAScript WhiteSpace and LineTerminator code points (`\s`).
    static func isWhiteSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// ECMAScript LineTerminator (`\n`, `\r`, U+2028, U+2029): what `.` does not match and where `^`/`$` stop
    /// in multiline mode.
    static func isLineTerminator(_ value: UInt32) -> Bool {
        value == 0x0A || value == 0x0D || value == 0x2028 || value == 0x2029
    }

    /// ECMAScript's non-Unicode `Canonicalize`: the simple upper-case mapping when it is a single scalar and
    /// does not map a non-ASCII character into ASCII; otherwise the value itself.
    static func canonicalize(_ value: UInt32) -> UInt32 {
        if value < 0x80 {
            if value >= 0x61 && value <= 0x7A { return value - 0x20 }
            return value
        }
        // Outside the BMP JavaScript sees two surrogate code units, which never fold.
        guard value <= 0xFFFF, let scalar = Unicode.Scalar(value) else { return value }
        let mapped = scalar.properties.uppercaseMapping.unicodeScalars
        guard mapped.count == 1, let first = mapped.first else { return value }
        if first.value < 0x80 { return value }
        return first.value
    }

    /// For each canonical form (in the Basic Multilingual Plane) the other characters that canonicalize to it,
    /// e.g. `Σ` → `σ`, `ς`. Built once, on first case-insensitive class match.
    static let foldVariants: [UInt32: [UInt32]] = {
        var table: [UInt32: [UInt32]] = [:]
        for value in UInt32(0)...0xFFFF where !(0xD800...0xDFFF).contains(value) {
            let canonical = canonicalize(value)
            if canonical != value { table[canonical, default: []].append(value) }
        }
        return table
    }()
}
