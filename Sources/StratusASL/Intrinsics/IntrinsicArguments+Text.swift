import OrderedCollections
import StratusJSON

extension IntrinsicArguments {
    /// `States.Format(template, values…)`: each `{}` replaced by the next value; the counts must match.
    /// Strings are inserted as they are, numbers/booleans/null as their JSON text, objects and arrays the way AWS
    /// (Java) prints them: `{Arg1=1, Arg2=[]}`, `[1, a]`. In a literal template `\{` and `\}` are plain braces.
    func format() throws(StatesError) -> JSONValue {
        let template = try string(0)
        var pieces: [String] = [""]
        let source: String
        let escapes: Bool
        if case .string(_, let raw) = literals[0] {
            source = raw
            escapes = true
        } else {
            source = template
            escapes = false
        }
        var iterator = source.makeIterator()
        while let character = iterator.next() {
            if escapes, character == "\\", let escaped = iterator.next() {
                pieces[pieces.count - 1].append(escaped)
            } else if character == "{" {
                var lookahead = iterator
                if lookahead.next() == "}" {
                    iterator = lookahead
                    pieces.append("")
                } else {
                    pieces[pieces.count - 1].append(character)
                }
            } else {
                pieces[pieces.count - 1].append(character)
            }
        }
        let placeholders = pieces.count - 1
        guard placeholders == values.count - 1 else {
            throw failure("the template has \(placeholders) placeholder(s) '{}' but \(values.count - 1) value(s) were given")
        }
        var result = pieces[0]
        for (offset, value) in values.dropFirst().enumerated() {
            result += Self.formatText(value)
            result += pieces[offset + 1]
        }
        return .string(result)
    }

    /// A value as `States.Format` prints it.
    static func formatText(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.text
        case .array(let elements): return "[" + elements.map(formatText).joined(separator: ", ") + "]"
        case .object(let members): return "{" + members.map { "\($0.key)=\(formatText($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// `States.StringToJson(text)`: the parsed JSON; blank text gives `null`.
    func stringToJson() throws(StatesError) -> JSONValue {
        let text = try string(0)
        if text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) { return .null }
        do {
            return try JSONValue.parse(text)
        } catch {
            throw failure("the argument is not valid JSON text: \(error.message)")
        }
    }

    /// `States.StringSplit(text, delimiters)`: the non-empty pieces between any of the delimiter characters.
    func stringSplit() throws(StatesError) -> JSONValue {
        let text = try string(0)
        let delimiters = Set(try string(1))
        var pieces: [JSONValue] = []
        var current = ""
        for character in text {
            if delimiters.contains(character) {
                if !current.isEmpty { pieces.append(.string(current)) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { pieces.append(.string(current)) }
        return .array(pieces)
    }

    /// `States.JsonMerge(a, b, false)`: the members of `a` with those of `b` added or replacing (shallow; `b`
    /// wins). Keys of `a` keep their order, new keys of `b` follow. `true` (deep merge) is rejected, as AWS does.
    func jsonMerge() throws(StatesError) -> JSONValue {
        guard case .object(var merged) = values[0] else {
            throw failure("the first argument must be an object, but was \(values[0].typeName)")
        }
        guard case .object(let other) = values[1] else {
            throw failure("the second argument must be an object, but was \(values[1].typeName)")
        }
        guard case .bool(let deep) = values[2] else {
            throw failure("the third argument must be the boolean false, but was \(values[2].typeName)")
        }
        guard !deep else { throw failure("deep merge is not supported; the third argument must be false") }
        for (key, value) in other { merged[key] = value }
        return .object(merged)
    }

    /// `States.Base64Encode(text)`: the Base64 (RFC 4648, padded) of the text's UTF-8; ≤ 10,000 characters in.
    func base64Encode() throws(StatesError) -> JSONValue {
        let text = try string(0)
        try checkLength(text, 0)
        return .string(Base64.encode(Array(text.utf8)))
    }

    /// `States.Base64Decode(text)`: the text whose UTF-8 the Base64 input encodes; ≤ 10,000 characters in.
    func base64Decode() throws(StatesError) -> JSONValue {
        let text = try string(0)
        try checkLength(text, 0)
        guard let bytes = Base64.decode(text) else { throw failure("the argument is not valid Base64 text") }
        return .string(String(decoding: bytes, as: UTF8.self))
    }
}
