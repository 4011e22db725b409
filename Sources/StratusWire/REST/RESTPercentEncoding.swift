/// Percent-encoding and -decoding for URI paths and query strings (RFC 3986), as the REST protocols use them.
///
/// Decoding never fails: a `%` not followed by two hex digits is kept literally, and byte sequences that are
/// not UTF-8 are repaired with U+FFFD. Encoding leaves only the unreserved characters (`A-Z a-z 0-9 - . _ ~`)
/// unescaped (plus `/` when asked), which is what AWS SigV4 canonicalization and the SDKs do.
package enum RESTPercentEncoding {
    /// Decodes `%XX` escapes; with `plusAsSpace` (form and query data) a `+` becomes a space.
    package static func decode(_ text: some StringProtocol, plusAsSpace: Bool = false) -> String {
        let utf8 = Array(text.utf8)
        guard utf8.contains(UInt8(ascii: "%")) || (plusAsSpace && utf8.contains(UInt8(ascii: "+"))) else {
            return String(text)
        }
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
                let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else if byte == UInt8(ascii: "+"), plusAsSpace {
                output.append(0x20)
                index += 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Encodes every byte outside the unreserved set (and outside `/` when `keepSlash`).
    package static func encode(_ text: some StringProtocol, keepSlash: Bool = false) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                output.append("/")
            default:
                let digits = Array("0123456789ABCDEF".utf8)
                output.append("%")
                output.unicodeScalars.append(Unicode.Scalar(digits[Int(byte >> 4)]))
                output.unicodeScalars.append(Unicode.Scalar(digits[Int(byte & 0x0F)]))
            }
        }
        return output
    }

    /// Splits a raw query string (`a=1&b&c=%20`) into decoded pairs; a key without `=` has a `nil` value.
    /// `+` is read as a space, as AWS services (S3 included) read query strings. Empty items are skipped.
    package static func parseQuery(_ rawQuery: some StringProtocol) -> [(String, String?)] {
        var pairs: [(String, String?)] = []
        for item in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            if let equals = item.firstIndex(of: "=") {
                pairs.append(
                    (decode(item[..<equals], plusAsSpace: true), decode(item[item.index(after: equals)...], plusAsSpace: true)))
            } else {
                pairs.append((decode(item, plusAsSpace: true), nil))
            }
        }
        return pairs
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
