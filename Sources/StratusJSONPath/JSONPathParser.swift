import StratusJSON

/// Reads path text into a root and segments (Jayway JsonPath syntax with AWS's `$$` and `$name` roots).
struct JSONPathParser {
    let trimmedText: String
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(text: String) {
        let trimmed = text.trimmingWhitespace()
        trimmedText = trimmed
        scalars = Array(trimmed.unicodeScalars)
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }
    private func peek(_ offset: Int) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private func fail(_ message: String) -> JSONPathError {
        JSONPathError(code: .syntax, message: "Invalid JSONPath '\(trimmedText)': \(message)")
    }

    mutating func parsePath() throws(JSONPathError) -> (JSONPath.Root, [JSONPath.Segment]) {
        guard current == "$" else { throw fail("a path must start with '$'") }
        position += 1
        var root = JSONPath.Root.input
        if current == "$" {
            root = .context
            position += 1
        } else if let scalar = current, scalar != ".", scalar != "[" {
            let start = position
            while let scalar = current, scalar != ".", scalar != "[" {
                guard scalar.properties.isIDContinue || scalar == "_" else {
                    throw fail("invalid character '\(scalar)' in a variable name at position \(position)")
                }
                position += 1
            }
            let name = String(String.UnicodeScalarView(scalars[start..<position]))
            guard let first = name.unicodeScalars.first, first.properties.isIDStart || first == "_" else {
                throw fail("a variable name must start with a letter")
            }
            root = .variable(name)
        }
        let segments = try parseSegments(inFilter: false)
        if position != scalars.count { throw fail("unexpected character '\(scalars[position])' at position \(position)") }
        if case .recursiveDescent = segments.last { throw fail("a path must not end with '..'") }
        return (root, segments)
    }

    /// Reads segments until the text ends (or, inside a filter, until a character that cannot continue a path).
    private mutating func parseSegments(inFilter: Bool) throws(JSONPathError) -> [JSONPath.Segment] {
        var segments: [JSONPath.Segment] = []
        while let scalar = current {
            if scalar == "." {
                if peek(1) == "." {
                    position += 2
                    segments.append(.recursiveDescent)
                    if current == "[" { continue }
                } else {
                    position += 1
                    // Jayway reads `$.[…]` as `$[…]` (AWS accepted `$.[?(@.year <= 1998)]`).
                    if current == "[" { continue }
                }
                guard let next = current else { throw fail("a path must not end with '.'") }
                if next == "." { throw fail("character '.' at position \(position) is not valid") }
                if next == "*" {
                    position += 1
                    segments.append(.wildcard)
                } else {
                    segments.append(.property(try readDotName(inFilter: inFilter)))
                }
            } else if scalar == "[" {
                position += 1
                segments.append(try parseBracket())
            } else if inFilter {
                break
            } else {
                throw fail("unexpected character '\(scalar)' at position \(position); expected '.' or '['")
            }
        }
        return segments
    }

    private mutating func readDotName(inFilter: Bool) throws(JSONPathError) -> String {
        let start = position
        while let scalar = current {
            if scalar == "." || scalar == "[" { break }
            if scalar == "\\" {
                throw fail("backslash escapes are not supported in dot notation (position \(position)); use ['name']")
            }
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                if inFilter { break }
                throw fail("use bracket notation ['my prop'] if a property name contains blank characters (position \(position))")
            }
            if inFilter, "()=!<>&|,".unicodeScalars.contains(scalar) { break }
            if scalar == "(" || scalar == ")" {
                throw fail("path functions such as length() are not supported (position \(position))")
            }
            position += 1
        }
        guard position > start else { throw fail("empty property name at position \(position)") }
        return String(String.UnicodeScalarView(scalars[start..<position]))
    }

    private mutating func skipSpaces() {
        while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { position += 1 }
    }

    private mutating func expect(_ scalar: Unicode.Scalar) throws(JSONPathError) {
        skipSpaces()
        guard current == scalar else {
            throw fail("expected '\(scalar)' at position \(position)")
        }
        position += 1
    }

    /// After `[`: names, `*`, indexes, a slice or a filter, then `]`.
    private mutating func parseBracket() throws(JSONPathError) -> JSONPath.Segment {
        skipSpaces()
        guard let scalar = current else { throw fail("unclosed '['") }
        if scalar == "'" || scalar == "\"" {
            var names: [String] = []
            while true {
                skipSpaces()
                names.append(try readQuotedName())
                skipSpaces()
                if current == "," { position += 1; continue }
                break
            }
            try expect("]")
            return names.count == 1 ? .property(names[0]) : .properties(names)
        }
        if scalar == "*" {
            position += 1
            try expect("]")
            return .wildcard
        }
        if scalar == "?" {
            position += 1
            try expect("(")
            let filter = try parseOr()
            try expect(")")
            try expect("]")
            return .filter(filter)
        }
        // Indexes or a slice.
        let first = try readOptionalInteger()
        skipSpaces()
        if current == ":" {
            position += 1
            let end = try readOptionalInteger()
            skipSpaces()
            if current == ":" { throw fail("slices with a step are not supported (position \(position))") }
            try expect("]")
            return .slice(start: first, end: end)
        }
        guard let first else { throw fail("expected a name, '*', an index, a slice or a filter at position \(position)") }
        var indexes = [first]
        while true {
            skipSpaces()
            guard current == "," else { break }
            position += 1
            guard let next = try readOptionalInteger() else { throw fail("expected an index at position \(position)") }
            indexes.append(next)
        }
        try expect("]")
        return indexes.count == 1 ? .index(first) : .indexes(indexes)
    }

    /// A quoted name: the text between the quotes as written; a backslash keeps the next character from closing
    /// the name and stays in the name (AWS matched `$['a\"b']` to the key `a\"b`).
    private mutating func readQuotedName() throws(JSONPathError) -> String {
        guard let quote = current, quote == "'" || quote == "\"" else {
            throw fail("expected a quoted name at position \(position)")
        }
        position += 1
        let start = position
        var escaped = false
        while let scalar = current {
            if escaped {
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == quote {
                let name = String(String.UnicodeScalarView(scalars[start..<position]))
                position += 1
                return name
            }
            position += 1
        }
        throw fail("unterminated quoted name")
    }

    private mutating func readOptionalInteger() throws(JSONPathError) -> Int? {
        skipSpaces()
        let start = position
        if current == "-" { position += 1 }
        while let scalar = current, ("0"..."9").contains(scalar) { position += 1 }
        if position == start { return nil }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        guard let value = Int(text) else { throw fail("invalid index '\(text)'") }
        return value
    }

    // MARK: Filters

    private mutating func parseOr() throws(JSONPathError) -> JSONPathFilter {
        var left = try parseAnd()
        while true {
            skipSpaces()
            guard current == "|", peek(1) == "|" else { return left }
            position += 2
            left = .or(left, try parseAnd())
        }
    }

    private mutating func parseAnd() throws(JSONPathError) -> JSONPathFilter {
        var left = try parseUnary()
        while true {
            skipSpaces()
            guard current == "&", peek(1) == "&" else { return left }
            position += 2
            left = .and(left, try parseUnary())
        }
    }

    private mutating func parseUnary() throws(JSONPathError) -> JSONPathFilter {
        skipSpaces()
        if current == "!", peek(1) != "=" {
            position += 1
            return .not(try parseUnary())
        }
        let left = try parsePrimary()
        skipSpaces()
        guard let comparison = readComparison() else {
            if let scalar = current, "=~<>!".unicodeScalars.contains(scalar) || scalar.properties.isAlphabetic {
                throw fail("unsupported filter operator at position \(position)")
            }
            return left
        }
        return .comparison(comparison, left, try parsePrimary())
    }

    private mutating func readComparison() -> JSONPathFilter.Comparison? {
        let two = [current, peek(1)].compactMap { $0 }.map(String.init).joined()
        for comparison in [JSONPathFilter.Comparison.equal, .notEqual, .lessOrEqual, .greaterOrEqual] where two == comparison.rawValue {
            position += 2
            return comparison
        }
        if two == "=~" { return nil }
        if current == "<" { position += 1; return .less }
        if current == ">" { position += 1; return .greater }
        return nil
    }

    private mutating func parsePrimary() throws(JSONPathError) -> JSONPathFilter {
        skipSpaces()
        guard let scalar = current else { throw fail("unexpected end of filter") }
        switch scalar {
        case "(":
            position += 1
            let inner = try parseOr()
            try expect(")")
            return inner
        case "@", "$":
            position += 1
            let segments = try parseSegments(inFilter: true)
            return .path(relative: scalar == "@", segments: segments)
        case "'", "\"":
            return .literal(.string(try readQuotedName()))
        case "-", "0"..."9":
            let start = position
            position += 1
            while let next = current, ("0"..."9").contains(next) || next == "." || next == "e" || next == "E" || next == "+" || next == "-" {
                position += 1
            }
            let text = String(String.UnicodeScalarView(scalars[start..<position]))
            guard let number = JSONNumber(text: text) else { throw fail("invalid number '\(text)' in filter") }
            return .literal(.number(number))
        default:
            for (word, value) in [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)] where matches(word) {
                position += word.unicodeScalars.count
                return .literal(value)
            }
            throw fail("unexpected character '\(scalar)' in filter at position \(position)")
        }
    }

    private func matches(_ word: String) -> Bool {
        var offset = 0
        for scalar in word.unicodeScalars {
            guard peek(offset) == scalar else { return false }
            offset += 1
        }
        return true
    }
}
