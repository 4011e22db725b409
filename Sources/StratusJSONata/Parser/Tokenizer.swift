/// The jsonata-js tokenizer: one token at a time, regex literals only where an operand may start.
struct Tokenizer {
    static let operatorCharacters: Set<Unicode.Scalar> = [
        ".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*", "/", "%", "|", "=", "<",
        ">", "^", "&", "!", "~",
    ]
    static let whitespace: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r", "\u{0B}"]

    let source: [Unicode.Scalar]
    /// Whether the JSONata 2.1 operators `?:` and `??` are recognised.
    let newOperators: Bool
    var position = 0

    init(_ text: String, newOperators: Bool) {
        source = Array(text.unicodeScalars)
        self.newOperators = newOperators
    }

    private func char(_ index: Int) -> Unicode.Scalar? { index < source.count && index >= 0 ? source[index] : nil }

    private func error(_ code: String, _ message: String, _ position: Int, token: String? = nil) -> JSONataError {
        JSONataError(code: code, message: message, position: position, token: token)
    }

    /// The next token, or nil at the end. `infix` (jsonata-js `prefix`) means an operator is expected, so `/` is division.
    mutating func next(infix: Bool) throws(JSONataError) -> Token? {
        while position < source.count, Tokenizer.whitespace.contains(source[position]) { position += 1 }
        if position >= source.count { return nil }
        var current = source[position]
        if current == "/" && char(position + 1) == "*" {
            let commentStart = position
            position += 2
            while !(char(position) == "*" && char(position + 1) == "/") {
                position += 1
                if position >= source.count {
                    throw error("S0106", "Comment has no closing tag", commentStart)
                }
            }
            position += 2
            return try next(infix: infix)
        }
        if !infix && current == "/" {
            position += 1
            return try scanRegex()
        }
        let start = position
        func op(_ text: String, _ length: Int) -> Token {
            position += length
            return Token(kind: .operator, text: text, position: start)
        }
        let following = char(position + 1)
        switch (current, following) {
        case (".", "."): return op("..", 2)
        case (":", "="): return op(":=", 2)
        case ("!", "="): return op("!=", 2)
        case (">", "="): return op(">=", 2)
        case ("<", "="): return op("<=", 2)
        case ("*", "*"): return op("**", 2)
        case ("~", ">"): return op("~>", 2)
        case ("?", ":") where newOperators: return op("?:", 2)
        case ("?", "?") where newOperators: return op("??", 2)
        default: break
        }
        if Tokenizer.operatorCharacters.contains(current) { return op(String(current), 1) }
        if current == "\"" || current == "'" {
            let quote = current
            position += 1
            var text = String.UnicodeScalarView()
            while position < source.count {
                current = source[position]
                if current == "\\" {
                    position += 1
                    guard let escaped = char(position) else { break }
                    switch escaped {
                    case "\"": text.append("\"")
                    case "\\": text.append("\\")
                    case "/": text.append("/")
                    case "b": text.append("\u{08}")
                    case "f": text.append("\u{0C}")
                    case "n": text.append("\n")
                    case "r": text.append("\r")
                    case "t": text.append("\t")
                    case "u":
                        guard let code = hex4(at: position + 1) else {
                            throw error("S0104", "The escape sequence \\u must be followed by 4 hex digits", position)
                        }
                        position += 4
                        if (0xD800...0xDBFF).contains(code), char(position + 1) == "\\", char(position + 2) == "u",
                           let low = hex4(at: position + 3), (0xDC00...0xDFFF).contains(low) {
                            let combined = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            text.append(Unicode.Scalar(combined)!)
                            position += 6
                        } else if let scalar = Unicode.Scalar(code) {
                            text.append(scalar)
                        } else {
                            // A lone surrogate cannot live in a Swift string; U+FFFD stands in (documented choice).
                            text.append("\u{FFFD}")
                        }
                    default:
                        throw error("S0103", "Unsupported escape sequence: \\\(escaped)", position, token: String(escaped))
                    }
                } else if current == quote {
                    position += 1
                    return Token(kind: .string, literal: .string(String(text)), position: start)
                } else {
                    text.append(current)
                }
                position += 1
            }
            throw error("S0101", "String literal must be terminated by a matching quote", position)
        }
        if let length = JSNumber.scanNumber(source, from: position) {
            let text = String(String.UnicodeScalarView(source[position..<(position + length)]))
            if let number = Double(text), number.isFinite {
                position += length
                return Token(kind: .number, literal: .number(number), position: start)
            }
            throw error("S0102", "Number out of range: \(text)", position, token: text)
        }
        if current == "`" {
            position += 1
            if let end = source[position...].firstIndex(of: "`") {
                let name = String(String.UnicodeScalarView(source[position..<end]))
                position = end + 1
                return Token(kind: .name, text: name, position: start)
            }
            position = source.count
            throw error("S0105", "Quoted property name must be terminated with a backquote (`)", position)
        }
        var index = position
        while index < source.count, !Tokenizer.whitespace.contains(source[index]),
              !Tokenizer.operatorCharacters.contains(source[index]) {
            index += 1
        }
        if source[position] == "$" {
            let name = String(String.UnicodeScalarView(source[(position + 1)..<index]))
            position = index
            return Token(kind: .variable, text: name, position: start)
        }
        let name = String(String.UnicodeScalarView(source[position..<index]))
        position = index
        switch name {
        case "or", "in", "and": return Token(kind: .operator, text: name, position: start)
        case "true": return Token(kind: .value, literal: .bool(true), position: start)
        case "false": return Token(kind: .value, literal: .bool(false), position: start)
        case "null": return Token(kind: .value, literal: .null, position: start)
        default:
            if position == source.count && name.isEmpty { return nil }
            return Token(kind: .name, text: name, position: start)
        }
    }

    private func hex4(at index: Int) -> UInt32? {
        guard index + 4 <= source.count else { return nil }
        var value: UInt32 = 0
        for scalar in source[index..<(index + 4)] {
            guard let digit = Int(String(scalar), radix: 16) else { return nil }
            value = value * 16 + UInt32(digit)
        }
        return value
    }

    private mutating func scanRegex() throws(JSONataError) -> Token {
        var start = position
        var depth = 0
        func isClosingSlash(_ p: Int) -> Bool {
            guard source[p] == "/" && depth == 0 else { return false }
            var backslashes = 0
            while char(p - (backslashes + 1)) == "\\" { backslashes += 1 }
            return backslashes % 2 == 0
        }
        while position < source.count {
            let current = source[position]
            if isClosingSlash(position) {
                let pattern = String(String.UnicodeScalarView(source[start..<position]))
                if pattern.isEmpty {
                    throw error("S0301", "Empty regular expressions are not allowed", position)
                }
                position += 1
                start = position
                while let flag = char(position), flag == "i" || flag == "m" { position += 1 }
                let flags = String(String.UnicodeScalarView(source[start..<position]))
                return Token(kind: .regex, regexPattern: pattern, regexFlags: flags, position: start)
            }
            let previous = char(position - 1)
            if (current == "(" || current == "[" || current == "{") && previous != "\\" { depth += 1 }
            if (current == ")" || current == "]" || current == "}") && previous != "\\" { depth -= 1 }
            position += 1
        }
        throw error("S0302", "No terminating / in regular expression", position)
    }
}
