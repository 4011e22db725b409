/// An analysed XPath F&O `format-integer` picture (`"0001"`, `"#,##0"`, `"w"`, `"Ww"`, `"I"`, `"a"`, `"1;o"`), as
/// jsonata-js's `analyseIntegerPicture` builds it, with `_formatInteger` and the parsing half of
/// `generateRegex`.
struct IntegerPicture: Sendable {
    enum Primary: Sendable { case decimal, letters, roman, words, sequence }
    enum LetterCase: Sendable { case upper, lower, title }

    /// A grouping separator: `position` digits from the right.
    struct Separator: Sendable, Equatable {
        var position: Int
        var character: String
    }

    var primary: Primary = .decimal
    var letterCase: LetterCase = .lower
    var ordinal = false
    /// The zero of the decimal digit family (0x30 for ASCII).
    var zeroCode: UInt32 = 0x30
    var mandatoryDigits = 0
    var optionalDigits = 0
    /// Regular grouping (same character every `position` digits), when the separators are regular.
    var regularGrouping: Separator?
    /// Irregular separators, in ascending position.
    var groupingSeparators: [Separator] = []
    /// The unsupported numbering-sequence token (for `D3130`).
    var token = ""
    /// Exact digit count to use when parsing (set when another integer marker follows with no literal between).
    var parseWidth: Int?

    /// Unicode decimal digit families that jsonata-js recognizes (their zero code points).
    static let decimalGroups: [UInt32] = [
        0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6,
        0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40,
        0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    ]

    /// Analyses `picture`; throws `D3131` when digits of different families are mixed.
    init(_ picture: String) throws(JSONataError) {
        var primaryFormat = picture
        if let semicolon = picture.lastIndex(of: ";") {
            primaryFormat = String(picture[..<semicolon])
            let modifier = picture[picture.index(after: semicolon)...]
            if modifier.first == "o" { ordinal = true }
        }
        switch primaryFormat {
        case "A":
            letterCase = .upper
            primary = .letters
        case "a":
            primary = .letters
        case "I":
            letterCase = .upper
            primary = .roman
        case "i":
            primary = .roman
        case "W":
            letterCase = .upper
            primary = .words
        case "Ww":
            letterCase = .title
            primary = .words
        case "w":
            primary = .words
        default:
            try analyseDecimal(primaryFormat)
        }
    }

    private mutating func analyseDecimal(_ format: String) throws(JSONataError) {
        var zero: UInt32?
        var mandatory = 0
        var optional = 0
        var separators: [Separator] = []
        var separatorPosition = 0
        for scalar in format.unicodeScalars.reversed() {
            let code = scalar.value
            if let group = IntegerPicture.decimalGroups.first(where: { code >= $0 && code <= $0 + 9 }) {
                mandatory += 1
                separatorPosition += 1
                if zero == nil {
                    zero = group
                } else if group != zero {
                    throw JSONataError(
                        code: "D3131",
                        message: "In a decimal digit pattern, all digits must be from the same decimal group")
                }
            } else if code == 0x23 {  // #
                separatorPosition += 1
                optional += 1
            } else {
                separators.append(Separator(position: separatorPosition, character: String(scalar)))
            }
        }
        guard mandatory > 0 else {
            primary = .sequence
            token = format
            return
        }
        primary = .decimal
        zeroCode = zero ?? 0x30
        mandatoryDigits = mandatory
        optionalDigits = optional
        let regular = IntegerPicture.regularRepeat(separators)
        if regular > 0 {
            regularGrouping = Separator(position: regular, character: separators[0].character)
        } else {
            groupingSeparators = separators
        }
    }

    /// jsonata-js's `regularRepeat`: the common interval of the separators if they are all the same character at
    /// every multiple of it, else 0.
    private static func regularRepeat(_ separators: [Separator]) -> Int {
        guard let first = separators.first else { return 0 }
        if separators.contains(where: { $0.character != first.character }) { return 0 }
        let positions = separators.map(\.position)
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let factor = positions.dropFirst().reduce(positions[0], gcd)
        for index in 1...positions.count where !positions.contains(index * factor) {
            return 0
        }
        return factor
    }

    /// Whether grouping is regular (jsonata-js `format.regular`).
    var isRegular: Bool { regularGrouping != nil }

    private func throwSequence() -> JSONataError {
        JSONataError(
            code: "D3130",
            message: "Formatting or parsing an integer as a sequence starting with \(token) is not supported by this implementation",
            value: token)
    }

    /// jsonata-js `_formatInteger(value, format)` for an integer-valued `value`.
    func format(_ value: Double) throws(JSONataError) -> String {
        let negative = value < 0
        let magnitude = abs(value)
        var text: String
        switch primary {
        case .letters:
            text = IntegerNames.letters(magnitude, first: letterCase == .upper ? "A" : "a")
        case .roman:
            // jsonata-js builds Roman numerals recursively, one call per numeral, and overflows the JavaScript
            // stack near nine million; refuse such values instead of building megabytes of `m`.
            guard magnitude < 9_000_000 else {
                throw JSONataError(
                    code: "U1001",
                    message: "Roman numerals are limited to values below 9,000,000 (jsonata-js overflows the stack beyond that)",
                    value: JavaScriptNumberText.string(value))
            }
            text = IntegerNames.roman(magnitude)
            if letterCase == .upper { text = text.uppercased() }
        case .words:
            text = IntegerNames.words(magnitude, ordinal: ordinal)
            if letterCase == .upper {
                text = text.uppercased()
            } else if letterCase == .lower {
                text = text.lowercased()
            }
        case .decimal:
            text = formatDecimal(magnitude)
        case .sequence:
            throw throwSequence()
        }
        return negative ? "-" + text : text
    }

    private func formatDecimal(_ magnitude: Double) -> String {
        var scalars = Array(JavaScriptNumberText.string(magnitude).unicodeScalars)
        let padding = mandatoryDigits - scalars.count
        if padding > 0 { scalars = [Unicode.Scalar](repeating: "0", count: padding) + scalars }
        if zeroCode != 0x30 {
            scalars = scalars.map { Unicode.Scalar($0.value + zeroCode - 0x30) ?? $0 }
        }
        var text = scalars.map(String.init)
        if let regular = regularGrouping {
            let count = (text.count - 1) / regular.position
            var index = count
            while index > 0 {
                let position = text.count - index * regular.position
                text.insert(regular.character, at: position)
                index -= 1
            }
        } else {
            // jsonata-js: `s.substr(0, pos) + separator + s.substr(pos)`; a negative `pos` (a number shorter than
            // the picture) keeps only the last -pos characters, as JavaScript's `substr` does.
            for separator in groupingSeparators.reversed() {
                let position = text.count - separator.position
                let head = position <= 0 ? [] : Array(text.prefix(position))
                let tail = position < 0 ? Array(text.suffix(min(-position, text.count))) : Array(text.dropFirst(position))
                text = head + [separator.character] + tail
            }
        }
        var result = text.joined()
        if ordinal {
            let last = result.unicodeScalars.last
            var suffix: String
            switch last {
            case "1": suffix = "st"
            case "2": suffix = "nd"
            case "3": suffix = "rd"
            default: suffix = "th"
            }
            let scalars = Array(result.unicodeScalars)
            if scalars.count > 1 && scalars[scalars.count - 2] == "1" { suffix = "th" }
            result += suffix
        }
        return result
    }

    // MARK: Parsing

    /// The regex (source text) matching a value formatted with this picture (jsonata-js `generateRegex`).
    func regexSource() throws(JSONataError) -> String {
        switch primary {
        case .letters:
            return letterCase == .upper ? "[A-Z]+" : "[a-z]+"
        case .roman:
            return letterCase == .upper ? "[MDCLXVI]+" : "[mdclxvi]+"
        case .words:
            return "(?:" + (IntegerNames.wordValues.map(\.0) + ["and", "[\\-, ]"]).joined(separator: "|") + ")+"
        case .decimal:
            var source = "[0-9]"
            if let parseWidth, parseWidth > 0 {
                source += "{\(parseWidth)}"
            } else {
                source += "+"
            }
            if ordinal { source += "(?:th|st|nd|rd)" }
            return source
        case .sequence:
            throw throwSequence()
        }
    }

    /// Parses text matched by `regexSource()` (jsonata-js's `parse` closures; NaN where they give NaN).
    func parse(_ value: String) throws(JSONataError) -> Double {
        switch primary {
        case .letters:
            return IntegerNames.number(fromLetters: value, first: letterCase == .upper ? "A" : "a")
        case .roman:
            return IntegerNames.number(fromRoman: letterCase == .upper ? value : value.uppercased())
        case .words:
            return IntegerNames.number(fromWords: value.lowercased())
        case .decimal:
            var digits = value
            if ordinal { digits = String(digits.unicodeScalars.dropLast(2)) }
            if isRegular {
                // jsonata-js strips ',' here whatever the separator is.
                digits = digits.split(separator: ",", omittingEmptySubsequences: false).joined()
            } else {
                for separator in groupingSeparators {
                    digits = digits.replacingAll(separator.character, with: "")
                }
            }
            if zeroCode != 0x30 {
                var shifted = ""
                for scalar in digits.unicodeScalars {
                    shifted.unicodeScalars.append(Unicode.Scalar(scalar.value &- zeroCode &+ 0x30) ?? scalar)
                }
                digits = shifted
            }
            return JavaScriptNumberText.parseInt(digits)
        case .sequence:
            throw throwSequence()
        }
    }
}
