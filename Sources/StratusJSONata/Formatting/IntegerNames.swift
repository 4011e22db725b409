/// English words, Roman numerals and spreadsheet-style letters for integers, ported from jsonata-js datetime.js
/// (`numberToWords`, `wordsToNumber`, `decimalToRoman`, `romanToDecimal`, `decimalToLetters`,
/// `lettersToDecimal`), including its quirks.
enum IntegerNames {
    static let few = [
        "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve",
        "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
    ]
    static let ordinals = [
        "Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
        "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth",
        "Nineteenth",
    ]
    static let decades = ["Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"]
    static let magnitudes = ["Thousand", "Million", "Billion", "Trillion"]

    /// The number in English words (title case, as jsonata-js builds it), cardinal or ordinal.
    static func words(_ value: Double, ordinal: Bool) -> String {
        lookup(value, previous: false, ordinal: ordinal)
    }

    private static func lookup(_ number: Double, previous: Bool, ordinal: Bool) -> String {
        var words = ""
        if number <= 19 {
            let index = Int(number)
            words = (previous ? " and " : "") + (ordinal ? ordinals[index] : few[index])
        } else if number < 100 {
            let tens = Int((number / 10).rounded(.down))
            let remainder = number.truncatingRemainder(dividingBy: 10)
            words = (previous ? " and " : "") + decades[tens - 2]
            if remainder > 0 {
                words += "-" + lookup(remainder, previous: false, ordinal: ordinal)
            } else if ordinal {
                words = String(words.dropLast()) + "ieth"
            }
        } else if number < 1000 {
            let hundreds = Int((number / 100).rounded(.down))
            let remainder = number.truncatingRemainder(dividingBy: 100)
            words = (previous ? ", " : "") + few[hundreds] + " Hundred"
            if remainder > 0 {
                words += lookup(remainder, previous: true, ordinal: ordinal)
            } else if ordinal {
                words += "th"
            }
        } else {
            var magnitude = Int((log10(number) / 3).rounded(.down))
            if magnitude > magnitudes.count { magnitude = magnitudes.count }
            let factor = power10(magnitude * 3)
            let mantissa = (number / factor).rounded(.down)
            let remainder = number - mantissa * factor
            words = (previous ? ", " : "") + lookup(mantissa, previous: false, ordinal: false) + " "
                + magnitudes[magnitude - 1]
            if remainder > 0 {
                words += lookup(remainder, previous: true, ordinal: ordinal)
            } else if ordinal {
                words += "th"
            }
        }
        return words
    }

    /// 10^exponent computed exactly for the small exponents used here.
    static func power10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// floor(log10(value)) without Foundation, for value ≥ 1 (exact while powers of ten are exact doubles).
    private static func log10(_ value: Double) -> Double {
        var exponent = 0.0
        var power = 10.0
        while power <= value {
            exponent += 1
            power *= 10
        }
        return exponent
    }

    /// Word → value, in jsonata-js's insertion order (the order of its regex alternatives).
    static let wordValues: [(String, Double)] = {
        var entries: [(String, Double)] = []
        func set(_ key: String, _ value: Double) {
            if let index = entries.firstIndex(where: { $0.0 == key }) {
                entries[index].1 = value
            } else {
                entries.append((key, value))
            }
        }
        for (index, word) in few.enumerated() { set(word.lowercased(), Double(index)) }
        for (index, word) in ordinals.enumerated() { set(word.lowercased(), Double(index)) }
        for (index, word) in decades.enumerated() {
            let lower = word.lowercased()
            let value = Double((index + 2) * 10)
            set(lower, value)
            set(String(lower.dropLast()) + "ieth", value)
        }
        set("hundredth", 100)
        for (index, word) in magnitudes.enumerated() {
            let lower = word.lowercased()
            let value = power10((index + 1) * 3)
            set(lower, value)
            set(lower + "th", value)
        }
        return entries
    }()

    private static let wordValueTable: [String: Double] = Dictionary(
        wordValues.map { ($0.0, $0.1) }, uniquingKeysWith: { _, last in last })

    /// The separators jsonata-js splits number words on: `/,\s|\sand\s|[\s\\-]/`.
    private static let wordSeparator: JSONataRegex? = try? JSONataRegex(pattern: ",\\s|\\sand\\s|[\\s\\\\-]", flags: "")

    /// Number words (lower case) → value; NaN when a word is unknown (as jsonata-js).
    static func number(fromWords text: String) -> Double {
        var parts: [String] = []
        let scalars = Array(text.unicodeScalars)
        var start = 0
        var searchFrom = 0
        if let separator = wordSeparator {
            while searchFrom <= scalars.count, let match = separator.firstMatch(in: scalars, from: searchFrom) {
                if match.range.isEmpty {
                    searchFrom = match.range.upperBound + 1
                    continue
                }
                parts.append(string(scalars[start..<match.range.lowerBound]))
                start = match.range.upperBound
                searchFrom = start
            }
        }
        parts.append(string(scalars[start...]))
        var segments: [Double] = [0]
        for part in parts {
            let value = wordValueTable[part] ?? .nan
            if value < 100 {
                var top = segments.removeLast()
                if top >= 1000 {
                    segments.append(top)
                    top = 0
                }
                segments.append(top + value)
            } else {
                segments.append(segments.removeLast() * value)
            }
        }
        return segments.reduce(0, +)
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }

    private static let romanNumerals: [(Double, String)] = [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"),
        (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ]

    /// Lower-case Roman numerals (empty for values below 1).
    static func roman(_ value: Double) -> String {
        var result = ""
        var remaining = value
        var index = 0
        while index < romanNumerals.count {
            let (amount, numeral) = romanNumerals[index]
            if remaining >= amount {
                result += numeral
                remaining -= amount
            } else {
                index += 1
            }
        }
        return result
    }

    /// Upper-case Roman numerals → value (unknown letters count as NaN, as jsonata-js).
    static func number(fromRoman roman: String) -> Double {
        let values: [Character: Double] = ["M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1]
        var decimal = 0.0
        var maximum = 1.0
        for digit in roman.reversed() {
            let value = values[digit] ?? .nan
            if value < maximum {
                decimal -= value
            } else {
                maximum = value
                decimal += value
            }
        }
        return decimal
    }

    /// Spreadsheet-style letters (`a`…`z`, `aa`…) starting at `first`.
    static func letters(_ value: Double, first: Unicode.Scalar) -> String {
        var letters: [Unicode.Scalar] = []
        var remaining = value
        while remaining > 0 {
            let offset = UInt32((remaining - 1).truncatingRemainder(dividingBy: 26))
            letters.insert(Unicode.Scalar(first.value + offset) ?? first, at: 0)
            remaining = ((remaining - 1) / 26).rounded(.down)
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: letters)
        return result
    }

    /// Spreadsheet-style letters → value.
    static func number(fromLetters letters: String, first: Unicode.Scalar) -> Double {
        let scalars = Array(letters.unicodeScalars)
        var decimal = 0.0
        for index in scalars.indices {
            let code = Double(scalars[scalars.count - index - 1].value) - Double(first.value) + 1
            decimal += code * power10Base26(index)
        }
        return decimal
    }

    private static func power10Base26(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 26 }
        return result
    }
}
