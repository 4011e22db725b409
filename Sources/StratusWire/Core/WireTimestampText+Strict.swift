import Foundation
import StratusServiceKit

/// Strict timestamp reading for the REST protocols: each format accepts exactly its canonical syntax.
///
/// - `unixTimestamp`: `-?digits(.digits)?` (no exponent, no `NaN`/`Infinity`, no quotes);
/// - `iso8601`: `YYYY-MM-DDTHH:MM:SS(.fraction)?Z` (UTC only: offsets and other ISO 8601 variants are rejected);
/// - `rfc822`: IMF-fixdate `Tue, 29 Apr 2014 18:30:38 GMT` (optional fraction on the seconds).
extension WireTimestampText {
    /// Parses `text` in `format` strictly (the REST protocols), or `nil` when it is not exactly that format.
    package static func parseStrict(_ text: String, format: TimestampFormat) -> Date? {
        switch format {
        case .unixTimestamp:
            guard isEpochSeconds(text), let seconds = Double(text), seconds.isFinite else { return nil }
            return Date(timeIntervalSince1970: seconds)
        case .iso8601:
            guard isStrictISO8601(text) else { return nil }
            return parseISO8601(text)
        case .rfc822:
            guard isStrictHTTPDate(text) else { return nil }
            return parseRFC822(text)
        }
    }

    /// Whether `text` is `-?digits(.digits)?`.
    package static func isEpochSeconds(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(isDigit) }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private static func matches(_ text: String, pattern: String) -> Bool {
        // Pattern letters: `d` a digit, `a` an ASCII letter, anything else literal.
        let bytes = Array(text.utf8)
        let shape = Array(pattern.utf8)
        guard bytes.count == shape.count else { return false }
        for (byte, expected) in zip(bytes, shape) {
            switch expected {
            case UInt8(ascii: "d"): if !isDigit(byte) { return false }
            case UInt8(ascii: "a"):
                if !((byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)) { return false }
            default: if byte != expected { return false }
            }
        }
        return true
    }

    private static func isStrictISO8601(_ text: String) -> Bool {
        guard text.hasSuffix("Z") else { return false }
        let body = String(text.dropLast())
        let head = String(body.prefix(19))
        guard matches(head, pattern: "dddd-dd-ddTdd:dd:dd") else { return false }
        let fraction = body.dropFirst(19)
        if fraction.isEmpty { return true }
        return fraction.first == "." && fraction.count > 1 && fraction.dropFirst().utf8.allSatisfy(isDigit)
    }

    private static let dayNames: Set<String> = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    private static func isStrictHTTPDate(_ text: String) -> Bool {
        guard text.hasSuffix(" GMT"), dayNames.contains(String(text.prefix(3))) else { return false }
        let body = String(text.dropLast(4))
        let head = String(body.prefix(25))
        guard matches(head, pattern: "aaa, dd aaa dddd dd:dd:dd") else { return false }
        let fraction = body.dropFirst(25)
        if fraction.isEmpty { return true }
        return fraction.first == "." && fraction.count > 1 && fraction.dropFirst().utf8.allSatisfy(isDigit)
    }
}
