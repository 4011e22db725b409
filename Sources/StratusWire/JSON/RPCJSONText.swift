import StratusJSON

/// The one place the RPC codecs turn bytes into ``JSONValue`` and back, through StratusJSON.
///
/// Guarantees: `parse` accepts exactly what StratusJSON accepts; `serialize` writes compact UTF-8 JSON.
package enum RPCJSONText {
    /// Parses `bytes` as one JSON value.
    /// - Throws: StratusJSON's parse error when `bytes` is not JSON.
    package static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try JSONValue.parse(bytes)
    }

    /// Compact JSON text of `value`.
    package static func serialize(_ value: JSONValue) -> [UInt8] {
        value.serialized()
    }
}
