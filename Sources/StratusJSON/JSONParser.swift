import OrderedCollections

/// A strict RFC 8259 parser over raw UTF-8 bytes.
///
/// Recursive descent with a nesting limit (``maximumDepth``), so hostile input fails with an error instead of
/// exhausting the stack. Strings are validated as UTF-8 while they are scanned.
struct JSONParser: ~Copyable {
    /// The deepest nesting of arrays and objects accepted.
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Parses the whole input as one JSON text (a value with optional surrounding whitespace).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONParseError> {
        var parser = JSONParser(bytes: bytes)
        do throws(JSONParseError) {
            parser.skipWhitespace()
            let value = try parser.parseValue()
            parser.skipWhitespace()
            if parser.index < bytes.count {
                throw parser.error("unexpected \(parser.describeByte(at: parser.index)) after the JSON value")
            }
            return .success(value)
        } catch {
            return .failure(Self.locate(error, in: bytes))
        }
    }

    /// Fills in the line and column of `error`'s offset.
    private static func locate(_ error: JSONParseError, in bytes: UnsafeBufferPointer<UInt8>) -> JSONParseError {
        var line = 1
        var lineStart = 0
        let end = min(error.offset, bytes.count)
        for position in 0..<end where bytes[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        var located = error
        located.line = line
        located.column = error.offset - lineStart + 1
        return located
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of input, expected a JSON value") }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "{"):
            return try parseObject()
        case UInt8(ascii: "["):
            return try parseArray()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw error("unexpected \(describeByte(at: index)), expected a JSON value")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let start = index
        let length = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expected -> Bool in
            guard start + length <= bytes.count else { return false }
            for offset in 0..<length where bytes[start + offset] != expected[offset] { return false }
            return true
        }
        guard matches else {
            let word = literal.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
            throw error("invalid literal, expected '\(word)'", at: start)
        }
        index += length
        // A literal must not run on into letters or digits (`truex`, `null1`).
        if index < bytes.count, Self.isWordByte(bytes[index]) {
            throw error("invalid literal, unexpected \(describeByte(at: index)) after it", at: index)
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "_")
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = index
        switch JSONNumber.scanNumber(bytes, from: start) {
        case .failure(let failure):
            throw failure
        case .success(let scanned):
            index = scanned.end
            if index < bytes.count, Self.isWordByte(bytes[index]) || bytes[index] == UInt8(ascii: ".") {
                throw error("invalid number, unexpected \(describeByte(at: index))")
            }
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<scanned.end])
            return JSONNumber.make(fromValidated: slice, isInteger: scanned.isInteger)
        }
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw error("nesting is deeper than the limit of \(Self.maximumDepth) arrays and objects")
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]"), !elements.isEmpty {
                throw error("trailing comma in array")
            }
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in array, expected ',' or ']'") }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(elements)
            default:
                throw error("unexpected \(describeByte(at: index)) in array, expected ',' or ']'")
            }
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        index += 1  // {
        var members = OrderedDictionary<String, JSONValue>()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }
        var first = true
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in object, expected a member name") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                if bytes[index] == UInt8(ascii: "}"), !first { throw error("trailing comma in object") }
                throw error("unexpected \(describeByte(at: index)) in object, expected a member name in double quotes")
            }
            first = false
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                if index >= bytes.count { throw error("unexpected end of input in object, expected ':'") }
                throw error("unexpected \(describeByte(at: index)) in object, expected ':' after the member name")
            }
            index += 1
            skipWhitespace()
            // Duplicate names: the last value wins, at the first name's position.
            members[key] = try parseValue()
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in object, expected ',' or '}'") }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return .object(members)
            default:
                throw error("unexpected \(describeByte(at: index)) in object, expected ',' or '}'")
            }
        }
    }

    // MARK: - Strings

    /// Parses a string starting at the opening quote.
    private mutating func parseString() throws(JSONParseError) -> String {
        let start = index + 1
        var position = start
        let count = bytes.count
        // Fast path: no escapes.
        while position < count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                index = position + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw controlCharacterError(at: position) }
            position += byte < 0x80 ? 1 : try validateUTF8Sequence(at: position)
        }
        guard position < count else { throw error("unterminated string", at: index) }
        // Slow path: unescape into a buffer.
        var buffer: [UInt8] = []
        buffer.reserveCapacity(position - start + 16)
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                index = position + 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                position = try parseEscape(at: position, into: &buffer)
                continue
            }
            if byte < 0x20 { throw controlCharacterError(at: position) }
            if byte < 0x80 {
                buffer.append(byte)
                position += 1
            } else {
                let length = try validateUTF8Sequence(at: position)
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<(position + length)]))
                position += length
            }
        }
        throw error("unterminated string", at: index)
    }

    private func controlCharacterError(at position: Int) -> JSONParseError {
        let hex = String(bytes[position], radix: 16, uppercase: true)
        return error("unescaped control character U+\(String(repeating: "0", count: 4 - hex.count))\(hex) in string",
                     at: position)
    }

    /// Decodes the escape at `position` (the backslash) into `buffer`; returns the offset after it.
    /// Lone surrogates in `\u` escapes become U+FFFD.
    private func parseEscape(at position: Int, into buffer: inout [UInt8]) throws(JSONParseError) -> Int {
        guard position + 1 < bytes.count else { throw error("unterminated string", at: position) }
        let escaped = bytes[position + 1]
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escaped)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hexQuad(at: position + 2)
            var end = position + 6
            var scalar: UInt32
            switch unit {
            case 0xD800...0xDBFF:
                scalar = 0xFFFD
                if end + 1 < bytes.count, bytes[end] == UInt8(ascii: "\\"), bytes[end + 1] == UInt8(ascii: "u") {
                    let low = try hexQuad(at: end + 2)
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                        end += 6
                    }
                }
            case 0xDC00...0xDFFF:
                scalar = 0xFFFD
            default:
                scalar = UInt32(unit)
            }
            Self.appendUTF8(scalar, to: &buffer)
            return end
        default:
            throw error("invalid escape sequence '\\\(Self.printable(escaped))' in string", at: position)
        }
        return position + 2
    }

    private func hexQuad(at position: Int) throws(JSONParseError) -> UInt16 {
        guard position + 4 <= bytes.count else { throw error("unterminated \\u escape in string", at: position - 2) }
        var value: UInt16 = 0
        for offset in position..<(position + 4) {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid hex digit in \\u escape", at: offset)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to buffer: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            buffer.append(UInt8(scalar))
        case 0x80..<0x800:
            buffer.append(UInt8(0xC0 | (scalar >> 6)))
            buffer.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            buffer.append(UInt8(0xE0 | (scalar >> 12)))
            buffer.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            buffer.append(UInt8(0xF0 | (scalar >> 18)))
            buffer.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            buffer.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Validates the multi-byte UTF-8 sequence starting at `position` (first byte ≥ 0x80); returns its length.
    /// Rejects overlong forms, surrogates, values above U+10FFFF and truncated sequences.
    private func validateUTF8Sequence(at position: Int) throws(JSONParseError) -> Int {
        let first = bytes[position]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch first {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw error("invalid UTF-8 byte 0x\(String(first, radix: 16, uppercase: true))", at: position)
        }
        guard position + length <= bytes.count else { throw error("truncated UTF-8 sequence", at: position) }
        guard secondRange.contains(bytes[position + 1]) else { throw error("invalid UTF-8 sequence", at: position) }
        for offset in (position + 2)..<(position + length) where bytes[offset] & 0xC0 != 0x80 {
            throw error("invalid UTF-8 sequence", at: position)
        }
        return length
    }

    // MARK: - Helpers

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return
            }
        }
    }

    private func error(_ message: String) -> JSONParseError {
        JSONParseError(message: message, offset: index)
    }

    private func error(_ message: String, at offset: Int) -> JSONParseError {
        JSONParseError(message: message, offset: offset)
    }

    /// `'x'` for printable ASCII, `byte 0xNN` otherwise, `end of input` past the end.
    private func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        if byte >= 0x20 && byte < 0x7F { return "'\(Self.printable(byte))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    private static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }
}
