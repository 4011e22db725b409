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

    /// Percent-decodes form text (`+` → space).
    package static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let high = hexValue(iterator[iterator.startIndex]),
                let low = hexValue(iterator[iterator.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Percent-encodes `text` for a form body (unreserved characters kept).
    package static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                result.unicodeScalars.append("%")
                result.unicodeScalars.append(hex[Int(byte >> 4)])
                result.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
