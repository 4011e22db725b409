// JSONByteCursor: strict readers over UTF-8 JSON bytes for the fast paths that skip building a JSONValue.

/// A position in UTF-8 JSON text with strict readers for the common pieces of a document, for readers that build
/// their own values straight from the bytes (StratusWire's shape-directed reader, DynamoDB's item reader) and leave
/// everything else to a general parser.
///
/// Guarantees: a reader that succeeds has consumed text that StratusJSON's parser accepts for that piece
/// (RFC 8259: the same whitespace, literals that do not run on into letters or digits, well-formed UTF-8 in
/// strings); it answers `nil`/`false` for anything else and for what it leaves to the general path (escapes in
/// strings, numbers other than plain integers of up to 18 digits). After a failure the position is unspecified.
/// The members are inlinable: they are the inner loop of request decoding in other modules.
package struct JSONByteCursor {
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    @usableFromInline var index = 0

    /// A cursor at the start of `bytes`, which must outlive it.
    @inlinable
    package init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The byte at the position, `nil` at the end.
    @inlinable package var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Whether the whole text was read.
    @inlinable package var isAtEnd: Bool { index >= bytes.count }

    /// Moves past JSON whitespace (space, tab, line feed, carriage return).
    @inlinable package mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return
            }
        }
    }

    /// Reads `literal` (`true`, `false`, `null`) when it is at the position and not followed by a letter, digit
    /// or `_`; otherwise leaves the position alone and answers `false`.
    @inlinable package mutating func readLiteral(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        let matches = literal.withUTF8Buffer { expected -> Bool in
            for offset in 0..<length where bytes[index + offset] != expected[offset] { return false }
            return true
        }
        guard matches else { return false }
        if index + length < bytes.count, Self.isWordByte(bytes[index + length]) { return false }
        index += length
        return true
    }

    /// A plain integer (`-?(0|[1-9][0-9]*)`, at most 18 digits, not followed by `.`, an exponent or a letter).
    @inlinable package mutating func readInteger() -> Int64? {
        var position = index
        let negative = position < bytes.count && bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let start = position
        var magnitude: Int64 = 0
        while position < bytes.count, bytes[position] &- UInt8(ascii: "0") < 10 {
            magnitude = magnitude &* 10 &+ Int64(bytes[position] &- UInt8(ascii: "0"))
            position += 1
        }
        let digits = position - start
        guard digits > 0, digits <= 18 else { return nil }
        // A leading zero followed by digits (`01`) is not JSON; `0` alone is.
        if digits > 1, bytes[start] == UInt8(ascii: "0") { return nil }
        if position < bytes.count, Self.isWordByte(bytes[position]) || bytes[position] == UInt8(ascii: ".") {
            return nil
        }
        index = position
        return negative ? -magnitude : magnitude
    }

    /// A string without escapes at the position (which must be its opening quote).
    @inlinable package mutating func readString() -> String? {
        guard let content = readStringBytes() else { return nil }
        return Self.text(of: content)
    }

    /// The text of string content `bytes` (from ``readStringBytes()``), `nil` when it is not well-formed UTF-8.
    @inlinable package static func text(of bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    @inlinable static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 } || String(validating: bytes, as: UTF8.self) != nil
    }

    /// The raw content of a string without escapes or control characters (the opening quote is at the position);
    /// UTF-8 is not checked here (see ``text(of:)``).
    @inlinable package mutating func readStringBytes() -> UnsafeBufferPointer<UInt8>? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                index = position + 1
                return UnsafeBufferPointer(rebasing: bytes[start..<position])
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            position += 1
        }
        return nil
    }

    /// Reads an object (the position is at `{`), calling `member` with the cursor after each key's `:` (and
    /// whitespace) and the key's raw bytes (valid UTF-8, no escapes); `member` reads the value and answers
    /// whether it could.
    @inlinable package mutating func readObject(_ member: (inout JSONByteCursor, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return false }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return true
        }
        while true {
            skipWhitespace()
            guard let key = readStringBytes(), Self.isValidUTF8(key) else { return false }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
            index += 1
            skipWhitespace()
            guard member(&self, key) else { return false }
            skipWhitespace()
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return true
            default: return false
            }
        }
    }

    /// Reads an array (the position is at `[`), calling `element` at each element.
    @inlinable package mutating func readArray(_ element: (inout JSONByteCursor) -> Bool) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return false }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return true
        }
        while true {
            skipWhitespace()
            guard element(&self) else { return false }
            skipWhitespace()
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return true
            default: return false
            }
        }
    }

    /// Reads and discards one value, nested at most `limit - depth` arrays and objects deeper.
    @inlinable package mutating func skipValue(depth: Int, limit: Int) -> Bool {
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return readString() != nil
        case UInt8(ascii: "{"):
            guard depth + 1 < limit else { return false }
            return readObject { cursor, _ in cursor.skipValue(depth: depth + 1, limit: limit) }
        case UInt8(ascii: "["):
            guard depth + 1 < limit else { return false }
            return readArray { cursor in cursor.skipValue(depth: depth + 1, limit: limit) }
        case UInt8(ascii: "t"): return readLiteral("true")
        case UInt8(ascii: "f"): return readLiteral("false")
        case UInt8(ascii: "n"): return readLiteral("null")
        default: return readInteger() != nil
        }
    }

    @inlinable static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "_")
    }
}
