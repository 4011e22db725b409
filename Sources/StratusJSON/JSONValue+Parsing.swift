extension JSONValue {
    /// Parses one JSON text (RFC 8259, strict) from UTF-8 bytes.
    ///
    /// Strict means: exactly one value with optional whitespace around it; no comments, trailing commas, leading
    /// zeros, `NaN`/`Infinity`, single quotes, unescaped control characters or invalid UTF-8 (no byte-order mark
    /// either). Nesting deeper than 512 arrays/objects is rejected. Lenient in one point: a `\u` escape of a lone
    /// UTF-16 surrogate becomes U+FFFD instead of an error.
    /// - Throws: ``JSONParseError`` saying what is wrong and where.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let result = bytes.withContiguousStorageIfAvailable { JSONParser.parse($0) }
            ?? Array(bytes).withUnsafeBufferPointer { JSONParser.parse($0) }
        return try result.get()
    }

    /// Parses one JSON text (RFC 8259, strict) from a string; see ``parse(_:)-(Collection<UInt8>)``.
    /// - Throws: ``JSONParseError`` saying what is wrong and where (offsets count UTF-8 bytes).
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { JSONParser.parse($0) }
        return try result.get()
    }
}
