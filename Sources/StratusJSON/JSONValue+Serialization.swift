extension JSONValue {
    /// The value as UTF-8 JSON text.
    ///
    /// - Parameters:
    ///   - pretty: indent nested values by two spaces, one member or element per line, `"name": value`;
    ///     otherwise compact, with no whitespace at all.
    ///   - sortKeys: write object members in ascending order of their names' UTF-8 bytes (code point order)
    ///     instead of insertion order.
    /// Numbers print in their canonical form (``JSONNumber/text``); strings escape only `"`, `\` and control
    /// characters, so the output parses back to an equal value.
    public func serialized(pretty: Bool = false, sortKeys: Bool = false) -> [UInt8] {
        var serializer = JSONSerializer(pretty: pretty, sortKeys: sortKeys)
        serializer.write(self)
        return serializer.output
    }

    /// Appends `text` as a JSON string literal to `output`, byte for byte as ``serialized(pretty:sortKeys:)``
    /// writes a ``string(_:)`` value (escaping only `"`, `\` and control characters).
    public static func appendSerializedString(_ text: String, to output: inout [UInt8]) {
        JSONSerializer.appendString(text, to: &output)
    }

    /// The value as JSON text; see ``serialized(pretty:sortKeys:)``.
    public func serializedString(pretty: Bool = false, sortKeys: Bool = false) -> String {
        String(decoding: serialized(pretty: pretty, sortKeys: sortKeys), as: UTF8.self)
    }
}
