// SigV4Date: the timestamps SigV4 uses, converted without calendars or locales.
import Foundation
import StratusAWSCore

/// Conversions between `Date` and SigV4 timestamps (`yyyyMMdd'T'HHmmss'Z'`, UTC) and HTTP dates (IMF-fixdate).
///
/// Guarantees: pure arithmetic on the proleptic Gregorian calendar in UTC; no locale, no time zone database,
/// no clock reads. Invalid text yields nil, never a guess.
package enum SigV4Date {
    /// Formats `date` as `yyyyMMdd'T'HHmmss'Z'` (fractional seconds are truncated).
    package static func format(_ date: Date) -> String {
        let total = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = total / 86_400
        var seconds = total % 86_400
        if seconds < 0 { seconds += 86_400; days -= 1 }
        let (year, month, day) = CivilDate.civil(fromDays: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T"
            + pad(seconds / 3600, 2) + pad(seconds / 60 % 60, 2) + pad(seconds % 60, 2) + "Z"
    }

    /// Parses `yyyyMMdd'T'HHmmss'Z'`; nil when the text is not exactly that shape or out of range.
    package static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15)
        else { return nil }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// Parses an HTTP `Date` header in IMF-fixdate form (`Fri, 24 May 2013 00:00:00 GMT`); nil otherwise.
    package static func parseHTTPDate(_ text: String) -> Date? {
        let parts = text.trimmingASCIIWhitespace().split(separator: " ").map(String.init)
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT" else { return nil }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard let day = Int64(parts[1]), let monthIndex = months.firstIndex(of: parts[2]), let year = Int64(parts[3]) else { return nil }
        let time = parts[4].split(separator: ":").map { Int64($0) }
        guard time.count == 3, let hour = time[0], let minute = time[1], let second = time[2] else { return nil }
        return make(year: year, month: Int64(monthIndex + 1), day: day, hour: hour, minute: minute, second: second)
    }

    private static func make(year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) -> Date? {
        guard (1...12).contains(month), day >= 1, hour < 24, minute < 60, second < 61 else { return nil }
        let days = CivilDate.daysFromCivil(year: year, month: month, day: day)
        guard CivilDate.civil(fromDays: days) == (year, month, day) else { return nil }  // rejects 31 Feb and the like
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second))
    }
}
