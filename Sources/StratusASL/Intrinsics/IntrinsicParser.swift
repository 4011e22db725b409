import StratusJSON
import StratusJSONPath

/// Reads intrinsic function expressions.
struct IntrinsicParser {
    private let text: String
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func fail(_ message: String) -> IntrinsicSyntaxError {
        IntrinsicSyntaxError(message: "Invalid intrinsic function call '\(text)': \(message)")
    }

    private func slice(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    private mutating func skipSpaces() {
        while let scalar = current, Self.isSpace(scalar) { position += 1 }
    }

    mutating func parseWhole() throws(IntrinsicSyntaxError) -> IntrinsicCall {
        skipSpaces()
        let call = try parseCall(depth: 1)
        skipSpaces()
        guard position == scalars.count else { throw fail("unexpected text after the call at position \(position)") }
        return call
    }

    private mutating func parseCall(depth: Int) throws(IntrinsicSyntaxError) -> IntrinsicCall {
        guard depth <= IntrinsicCall.maximumNesting else {
            throw fail("intrinsic functions can be nested at most \(IntrinsicCall.maximumNesting) deep")
        }
        let start = position
        while let scalar = current, scalar.properties.isAlphabetic || scalar == "." || ("0"..."9").contains(scalar) {
            position += 1
        }
        let name = slice(start..<position)
        guard let function = IntrinsicFunction(rawValue: name) else {
            throw fail(name.isEmpty ? "expected a function name at position \(start)" : "unknown function '\(name)'")
        }
        skipSpaces()
        guard current == "(" else { throw fail("expected '(' after \(name)") }
        position += 1
        var arguments: [IntrinsicArgument] = []
        skipSpaces()
        if current == ")" {
            position += 1
        } else {
            while true {
                skipSpaces()
                arguments.append(try parseArgument(depth: depth))
                skipSpaces()
                guard let scalar = current else { throw fail("missing ')' to close \(name)") }
                position += 1
                if scalar == ")" { break }
                guard scalar == "," else { throw fail("expected ',' or ')' at position \(position - 1)") }
            }
        }
        guard function.arity.contains(arguments.count) else {
            throw fail("\(name) takes \(Self.describe(function.arity)) but was given \(arguments.count)")
        }
        return IntrinsicCall(function: function, arguments: arguments, text: slice(start..<position))
    }

    private static func describe(_ arity: ClosedRange<Int>) -> String {
        if arity.upperBound == Int.max { return "at least \(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")" }
        if arity.lowerBound == arity.upperBound { return "\(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")" }
        return "\(arity.lowerBound) to \(arity.upperBound) arguments"
    }

    private mutating func parseArgument(depth: Int) throws(IntrinsicSyntaxError) -> IntrinsicArgument {
        guard let scalar = current else { throw fail("missing argument at the end") }
        switch scalar {
        case "'":
            return try parseString()
        case "$":
            return .path(try parsePath())
        case "-", "0"..."9":
            let start = position
            position += 1
            while let next = current, ("0"..."9").contains(next) || next == "." || next == "e" || next == "E" || next == "+" || next == "-" {
                position += 1
            }
            let literal = slice(start..<position)
            guard let number = JSONNumber(text: literal) else { throw fail("invalid number '\(literal)'") }
            return .number(number)
        default:
            for (word, value) in [("true", IntrinsicArgument.bool(true)), ("false", .bool(false)), ("null", .null)] where matchesWord(word) {
                position += word.unicodeScalars.count
                return value
            }
            if scalar.properties.isAlphabetic {
                return .call(try parseCall(depth: depth + 1))
            }
            throw fail("unexpected character '\(scalar)' at position \(position)")
        }
    }

    /// `word` at the current position, not followed by a name character.
    private func matchesWord(_ word: String) -> Bool {
        var offset = position
        for scalar in word.unicodeScalars {
            guard offset < scalars.count, scalars[offset] == scalar else { return false }
            offset += 1
        }
        if offset < scalars.count, scalars[offset].properties.isAlphabetic || scalars[offset] == "." { return false }
        return true
    }

    /// A single-quoted literal; the escapes are `\'`, `\{`, `\}` and `\\`; any other backslash is an error.
    private mutating func parseString() throws(IntrinsicSyntaxError) -> IntrinsicArgument {
        position += 1
        let start = position
        var value = String.UnicodeScalarView()
        while let scalar = current {
            if scalar == "'" {
                let raw = slice(start..<position)
                position += 1
                return .string(value: String(value), raw: raw)
            }
            if scalar == "\\" {
                position += 1
                guard let escaped = current else { throw fail("a string literal ends with a dangling '\\'") }
                guard escaped == "'" || escaped == "{" || escaped == "}" || escaped == "\\" else {
                    throw fail("invalid escape '\\\(escaped)' in a string literal (only \\', \\{, \\} and \\\\ are allowed)")
                }
                value.append(escaped)
            } else {
                value.append(scalar)
            }
            position += 1
        }
        throw fail("unterminated string literal")
    }

    /// A path argument: everything up to a `,` or `)` outside brackets, parentheses and quotes.
    private mutating func parsePath() throws(IntrinsicSyntaxError) -> JSONPath {
        let start = position
        var brackets = 0, parentheses = 0
        var quote: Unicode.Scalar?
        scan: while let scalar = current {
            if let open = quote {
                if scalar == "\\" { position += 2; continue }
                if scalar == open { quote = nil }
            } else {
                switch scalar {
                case "'", "\"": if brackets > 0 { quote = scalar }
                case "[": brackets += 1
                case "]": brackets -= 1
                case "(": parentheses += 1
                case ")":
                    if parentheses == 0 && brackets == 0 { break scan }
                    parentheses -= 1
                case ",":
                    if parentheses == 0 && brackets == 0 { break scan }
                default: break
                }
            }
            position += 1
        }
        let pathText = slice(start..<min(position, scalars.count))
        do {
            return try JSONPath(pathText)
        } catch {
            throw fail("invalid path argument: \(error.message)")
        }
    }
}
