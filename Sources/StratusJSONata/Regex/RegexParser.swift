/// Parses ECMAScript regular-expression syntax (non-Unicode mode, with the Annex B web-compatibility rules that
/// JavaScript engines apply: literal `]`, `{` and `}`, identity escapes, legacy octal escapes) into a `RegexNode`.
///
/// Errors carry code `S0303` (jsonata-js itself lets the JavaScript `SyntaxError` escape without a code).
struct RegexParser {
    private let pattern: [UInt32]
    private var position = 0
    private var nextCaptureIndex = 1
    /// Number of capturing groups in the whole pattern (found by a pre-scan, needed to resolve `\10`).
    private(set) var captureCount = 0
    /// Names of named groups, by capture number.
    private(set) var captureNames: [Int: String] = [:]

    init(pattern: String) {
        self.pattern = pattern.unicodeScalars.map(\.value)
        prescanGroups()
    }

    /// Parses the whole pattern.
    mutating func parse() throws(JSONataError) -> RegexNode {
        let node = try parseDisjunction()
        if position < pattern.count {
            // Only an unmatched `)` stops a top-level disjunction early.
            throw error("Unmatched ')'")
        }
        return node
    }

    private func error(_ message: String) -> JSONataError {
        let text = String(String.UnicodeScalarView(pattern.compactMap(Unicode.Scalar.init)))
        return JSONataError(
            code: "S0303", message: "Invalid regular expression: /\(text)/: \(message)", value: text)
    }

    private func peek(_ offset: Int = 0) -> UInt32? {
        let index = position + offset
        return index < pattern.count ? pattern[index] : nil
    }

    private func peekIs(_ character: Character, _ offset: Int = 0) -> Bool {
        guard let value = peek(offset), let ascii = character.asciiValue else { return false }
        return value == UInt32(ascii)
    }

    // MARK: Pre-scan

    private mutating func prescanGroups() {
        var index = 0
        var inClass = false
        var count = 0
        while index < pattern.count {
            let value = pattern[index]
            if value == 0x5C {  // backslash
                index += 2
                continue
            }
            if inClass {
                if value == 0x5D { inClass = false }
            } else if value == 0x5B {
                inClass = true
            } else if value == 0x28 {  // (
                if index + 1 < pattern.count && pattern[index + 1] == 0x3F {  // ?
                    if index + 2 < pattern.count && pattern[index + 2] == 0x3C,  // <
                        index + 3 < pattern.count, pattern[index + 3] != 0x3D, pattern[index + 3] != 0x21
                    {
                        count += 1
                        var end = index + 3
                        var name = ""
                        while end < pattern.count && pattern[end] != 0x3E {
                            if let scalar = Unicode.Scalar(pattern[end]) { name.unicodeScalars.append(scalar) }
                            end += 1
                        }
                        captureNames[count] = name
                    }
                } else {
                    count += 1
                }
            }
            index += 1
        }
        captureCount = count
    }

    // MARK: Disjunction and terms

    private mutating func parseDisjunction() throws(JSONataError) -> RegexNode {
        var alternatives: [RegexNode] = [try parseAlternative()]
        while peekIs("|") {
            position += 1
            alternatives.append(try parseAlternative())
        }
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    private mutating func parseAlternative() throws(JSONataError) -> RegexNode {
        var terms: [RegexNode] = []
        while let value = peek(), value != 0x7C, value != 0x29 {  // | )
            terms.append(try parseTerm())
        }
        switch terms.count {
        case 0: return .empty
        case 1: return terms[0]
        default: return .concatenation(terms)
        }
    }

    private mutating func parseTerm() throws(JSONataError) -> RegexNode {
        guard let value = peek() else { throw error("Unexpected end of pattern") }
        var quantifiable = true
        let atom: RegexNode
        switch value {
        case 0x5E:  // ^
            position += 1
            return .lineStart
        case 0x24:  // $
            position += 1
            return .lineEnd
        case 0x5C where peekIs("b", 1):
            position += 2
            return .wordBoundary(true)
        case 0x5C where peekIs("B", 1):
            position += 2
            return .wordBoundary(false)
        case 0x28:  // (
            let (node, canQuantify) = try parseGroup()
            atom = node
            quantifiable = canQuantify
        case 0x2E:  // .
            position += 1
            atom = .anyExceptLineTerminator
        case 0x5B:  // [
            atom = .characterSet(try parseClass())
        case 0x5C:
            atom = try parseAtomEscape()
        case 0x2A, 0x2B, 0x3F:  // * + ?
            throw error("Nothing to repeat")
        case 0x7B:  // {
            if lookingAtQuantifierBrace() { throw error("Nothing to repeat") }
            position += 1
            atom = .character(value)
        default:
            position += 1
            atom = .character(value)
        }
        return try parseQuantifier(for: atom, quantifiable: quantifiable)
    }

    private mutating func parseGroup() throws(JSONataError) -> (RegexNode, Bool) {
        position += 1  // (
        if peekIs("?") {
            if peekIs(":", 1) {
                position += 2
                let body = try parseDisjunction()
                try expectClosingParenthesis()
                return (.group(body, captureIndex: nil), true)
            }
            if peekIs("=", 1) || peekIs("!", 1) {
                let negated = peekIs("!", 1)
                position += 2
                let body = try parseDisjunction()
                try expectClosingParenthesis()
                return (.lookaround(body, ahead: true, negated: negated), true)
            }
            if peekIs("<", 1) && (peekIs("=", 2) || peekIs("!", 2)) {
                let negated = peekIs("!", 2)
                position += 3
                let body = try parseDisjunction()
                try expectClosingParenthesis()
                return (.lookaround(body, ahead: false, negated: negated), false)
            }
            if peekIs("<", 1) {
                position += 2
                var name = ""
                while let value = peek(), value != 0x3E {
                    guard let scalar = Unicode.Scalar(value),
                        scalar == "$" || scalar == "_" || scalar.properties.isAlphabetic
                            || (!name.isEmpty && scalar.properties.numericType == .decimal)
                    else { throw error("Invalid capture group name") }
                    name.unicodeScalars.append(scalar)
                    position += 1
                }
                guard peekIs(">"), !name.isEmpty else { throw error("Invalid capture group name") }
                position += 1
                let index = nextCaptureIndex
                nextCaptureIndex += 1
                if captureNames.filter({ $0.value == name }).count > 1 {
                    throw error("Duplicate capture group name")
                }
                let body = try parseDisjunction()
                try expectClosingParenthesis()
                return (.group(body, captureIndex: index), true)
            }
            throw error("Invalid group")
        }
        let index = nextCaptureIndex
        nextCaptureIndex += 1
        let body = try parseDisjunction()
        try expectClosingParenthesis()
        return (.group(body, captureIndex: index), true)
    }

    private mutating func expectClosingParenthesis() throws(JSONataError) {
        guard peekIs(")") else { throw error("Unterminated group") }
        position += 1
    }

    // MARK: Quantifiers

    /// Whether the text at the current position is `{n}`, `{n,}` or `{n,m}`.
    private func lookingAtQuantifierBrace() -> Bool {
        var probe = self
        return probe.parseBraceQuantifier() != nil
    }

    /// Parses `{n}`, `{n,}` or `{n,m}` at the current position, or leaves the position alone and returns nil.
    private mutating func parseBraceQuantifier() -> (Int, Int?)? {
        let start = position
        guard peekIs("{") else { return nil }
        position += 1
        guard let minimum = parseDecimal() else {
            position = start
            return nil
        }
        var maximum: Int? = minimum
        if peekIs(",") {
            position += 1
            maximum = parseDecimal()
        }
        guard peekIs("}") else {
            position = start
            return nil
        }
        position += 1
        return (minimum, maximum)
    }

    /// Parses decimal digits, saturating at `Int32.max` (as engines treat huge counts as "infinite enough").
    private mutating func parseDecimal() -> Int? {
        var value: Int?
        while let digit = peek(), RegexCharacterSet.isDigit(digit) {
            value = min((value ?? 0) * 10 + Int(digit - 0x30), Int(Int32.max))
            position += 1
        }
        return value
    }

    private mutating func parseQuantifier(for atom: RegexNode, quantifiable: Bool) throws(JSONataError)
        -> RegexNode
    {
        var minimum = 0
        var maximum: Int?
        switch peek() {
        case 0x2A:
            position += 1
        case 0x2B:
            position += 1
            minimum = 1
        case 0x3F:
            position += 1
            maximum = 1
        case 0x7B:
            guard let (low, high) = parseBraceQuantifier() else { return atom }
            if let high, high < low { throw error("numbers out of order in {} quantifier") }
            minimum = low
            maximum = high
        default:
            return atom
        }
        guard quantifiable else { throw error("Invalid quantifier") }
        var greedy = true
        if peekIs("?") {
            position += 1
            greedy = false
        }
        return .quantified(atom, minimum: minimum, maximum: maximum, greedy: greedy)
    }

    // MARK: Escapes

    private mutating func parseAtomEscape() throws(JSONataError) -> RegexNode {
        position += 1  // backslash
        guard let value = peek() else { throw error("\\ at end of pattern") }
        if value >= 0x31 && value <= 0x39 {  // 1-9: backreference or legacy escape
            let start = position
            if let number = parseDecimal(), number <= captureCount {
                return .backreference(number)
            }
            position = start
            return .character(parseLegacyOctalOrIdentity())
        }
        if value == 0x6B && !captureNames.isEmpty {  // \k<name>
            position += 1
            guard peekIs("<") else { throw error("Invalid named reference") }
            position += 1
            var name = ""
            while let next = peek(), next != 0x3E {
                if let scalar = Unicode.Scalar(next) { name.unicodeScalars.append(scalar) }
                position += 1
            }
            guard peekIs(">") else { throw error("Invalid named reference") }
            position += 1
            guard let index = captureNames.first(where: { $0.value == name })?.key else {
                throw error("Invalid named capture referenced")
            }
            return .backreference(index)
        }
        if let set = parseClassEscape() { return .characterSet(set) }
        return .character(try parseCharacterEscape(inClass: false))
    }

    /// `\d \D \w \W \s \S` at the current position (after the backslash).
    private mutating func parseClassEscape() -> RegexCharacterSet? {
        let item: RegexCharacterSet.Item
        switch peek() {
        case 0x64: item = .digit(negated: false)
        case 0x44: item = .digit(negated: true)
        case 0x77: item = .word(negated: false)
        case 0x57: item = .word(negated: true)
        case 0x73: item = .space(negated: false)
        case 0x53: item = .space(negated: true)
        default: return nil
        }
        position += 1
        return RegexCharacterSet(items: [item], negated: false)
    }

    /// A character escape after the backslash: control escapes, `\cX`, `\0`, legacy octal, `\xHH`, `\uHHHH`,
    /// identity escapes.
    private mutating func parseCharacterEscape(inClass: Bool) throws(JSONataError) -> UInt32 {
        guard let value = peek() else { throw error("\\ at end of pattern") }
        switch value {
        case 0x74: position += 1; return 0x09  // t
        case 0x6E: position += 1; return 0x0A  // n
        case 0x76: position += 1; return 0x0B  // v
        case 0x66: position += 1; return 0x0C  // f
        case 0x72: position += 1; return 0x0D  // r
        case 0x63:  // c
            if let letter = peek(1) {
                let isLetter = (letter >= 0x41 && letter <= 0x5A) || (letter >= 0x61 && letter <= 0x7A)
                let classExtra = inClass && (RegexCharacterSet.isDigit(letter) || letter == 0x5F)
                if isLetter || classExtra {
                    position += 2
                    return letter % 32
                }
            }
            // Annex B: `\c` not followed by a control letter is a literal backslash; `c` is read next.
            return 0x5C
        case 0x30...0x37:
            return parseLegacyOctalOrIdentity()
        case 0x78:  // x
            if let high = hexValue(peek(1)), let low = hexValue(peek(2)) {
                position += 3
                return high * 16 + low
            }
            position += 1
            return value
        case 0x75:  // u
            if let unit = parseHex4(at: position + 1) {
                position += 5
                if unit >= 0xD800 && unit <= 0xDBFF, peekIs("\\"), peekIs("u", 1),
                    let trail = parseHex4(at: position + 2), trail >= 0xDC00 && trail <= 0xDFFF
                {
                    position += 6
                    return 0x10000 + ((unit - 0xD800) << 10) + (trail - 0xDC00)
                }
                return unit
            }
            position += 1
            return value
        default:
            position += 1
            return value
        }
    }

    /// `\0`, legacy octal `\NNN` (value at most 0o377), or `\8`/`\9` as identity escapes.
    private mutating func parseLegacyOctalOrIdentity() -> UInt32 {
        guard let first = peek() else { return 0 }
        if first == 0x38 || first == 0x39 {
            position += 1
            return first
        }
        var value: UInt32 = 0
        var digits = 0
        while let digit = peek(), digit >= 0x30 && digit <= 0x37, digits < 3 {
            let next = value * 8 + (digit - 0x30)
            if next > 0o377 { break }
            value = next
            digits += 1
            position += 1
        }
        return value
    }

    private func hexValue(_ value: UInt32?) -> UInt32? {
        guard let value else { return nil }
        switch value {
        case 0x30...0x39: return value - 0x30
        case 0x41...0x46: return value - 0x41 + 10
        case 0x61...0x66: return value - 0x61 + 10
        default: return nil
        }
    }

    private func parseHex4(at index: Int) -> UInt32? {
        guard index + 4 <= pattern.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = hexValue(pattern[index + offset]) else { return nil }
            value = value * 16 + digit
        }
        return value
    }

    // MARK: Classes

    private mutating func parseClass() throws(JSONataError) -> RegexCharacterSet {
        position += 1  // [
        var negated = false
        if peekIs("^") {
            negated = true
            position += 1
        }
        var items: [RegexCharacterSet.Item] = []
        while true {
            guard let value = peek() else { throw error("Unterminated character class") }
            if value == 0x5D {
                position += 1
                break
            }
            let first = try parseClassAtom()
            if peekIs("-"), let next = peek(1), next != 0x5D {
                position += 1
                let second = try parseClassAtom()
                switch (first, second) {
                case (.range(let low, _), .range(let high, _)):
                    if low > high { throw error("Range out of order in character class") }
                    items.append(.range(low, high))
                default:
                    // Annex B: a class escape next to `-` makes the dash literal.
                    items.append(first)
                    items.append(.range(0x2D, 0x2D))
                    items.append(second)
                }
            } else {
                items.append(first)
            }
        }
        return RegexCharacterSet(items: items, negated: negated)
    }

    private mutating func parseClassAtom() throws(JSONataError) -> RegexCharacterSet.Item {
        guard let value = peek() else { throw error("Unterminated character class") }
        guard value == 0x5C else {
            position += 1
            return .range(value, value)
        }
        position += 1
        guard let escaped = peek() else { throw error("\\ at end of pattern") }
        if let set = parseClassEscape() { return set.items[0] }
        if escaped == 0x62 {  // \b is backspace inside a class
            position += 1
            return .range(0x08, 0x08)
        }
        if escaped == 0x2D {
            position += 1
            return .range(0x2D, 0x2D)
        }
        if escaped >= 0x31 && escaped <= 0x39 {
            let character = parseLegacyOctalOrIdentity()
            return .range(character, character)
        }
        let character = try parseCharacterEscape(inClass: true)
        return .range(character, character)
    }
}
