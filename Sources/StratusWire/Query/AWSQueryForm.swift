/// A decoded `application/x-www-form-urlencoded` parameter list (AWS Query request bodies and query strings).
///
/// Guarantees: keys and values are percent-decoded (`+` is a space); invalid percent escapes are kept
/// literally; a key without `=` has the value `""`; later duplicates win in ``value(_:)``. It also answers
/// whether any key starts with a given dotted prefix, in constant time.
package struct AWSQueryForm: Sendable {
    /// The pairs in order of appearance.
    package let pairs: [(key: String, value: String)]
    private let values: [String: String]
    private let prefixes: Set<String>

    /// Parses form text (without a leading `?`).
    package init(_ text: Substring) {
        var pairs: [(key: String, value: String)] = []
        for item in text.split(separator: "&", omittingEmptySubsequences: true) {
            if let equals = item.firstIndex(of: "=") {
                pairs.append((Self.decode(item[..<equals]), Self.decode(item[item.index(after: equals)...])))
            } else {
                pairs.append((Self.decode(item), ""))
            }
        }
        self.init(pairs: pairs)
    }

    /// A form from already decoded pairs.
    package init(pairs: [(key: String, value: String)]) {
        self.pairs = pairs
        var values: [String: String] = [:]
        var prefixes: Set<String> = []
        for (key, value) in pairs {
            values[key] = value
            prefixes.insert(key)
            var index = key.startIndex
            while let dot = key[index...].firstIndex(of: ".") {
                prefixes.insert(String(key[..<dot]))
                index = key.index(after: dot)
            }
        }
        self.values = values
        self.prefixes = prefixes
    }

    /// The value of `key`, or `nil`.
    package func value(_ key: String) -> String? { values[key] }

    /// `true` when `key` is present itself or as the dotted prefix of a present key (`A` for `A.B=1`).
    package func has(_ key: String) -> Bool { prefixes.contains(key) }

    /// Percent-decodes form text (`+` → space), as ``RESTPercentEncoding/decode(_:plusAsSpace:)`` does.
    package static func decode(_ text: Substring) -> String {
        RESTPercentEncoding.decode(text, plusAsSpace: true)
    }

    /// Percent-encodes `text` for a form body (unreserved characters kept), as ``RESTPercentEncoding/encode(_:keepSlash:)``.
    package static func encode(_ text: String) -> String {
        RESTPercentEncoding.encode(text)
    }
}
