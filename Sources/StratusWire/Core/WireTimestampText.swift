import Foundation
import StratusAWSCore
import StratusServiceKit

/// Reads and writes timestamps in the three AWS wire formats without locale or time-zone state, for every codec.
///
/// Guarantees: formatting is UTC, millisecond precision (fractions only when non-zero). ``parse(_:format:)`` is
/// the lenient reader of the RPC protocols: RFC 3339 with `Z` or a numeric offset and optional fractions,
/// IMF-fixdate, and epoch seconds (fractional). ``parseStrict(_:format:)`` (in `WireTimestampText+Strict.swift`)
/// is the REST protocols' reader, which accepts exactly each format's canonical syntax. Neither accepts other
/// date syntaxes.
package enum WireTimestampText {
    /// Epoch seconds as JSON/XML number text: `1398796238` or `1398796238.123`.
    package static func epochSecondsText(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let negative = milliseconds < 0
        let magnitude = negative ? -milliseconds : milliseconds
        let whole = magnitude / 1000
        let fraction = magnitude % 1000
        var text = (negative ? "-" : "") + String(whole)
        if fraction != 0 {
            var digits = String(fraction)
            while digits.count < 3 { digits = "0" + digits }
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    /// RFC 3339 in UTC: `2014-04-29T18:30:38Z` or `2014-04-29T18:30:38.123Z`.
    package static func iso8601Text(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = floorDivide(milliseconds, 1000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = CivilDate.civil(fromDays: days)
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
        text += "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if fraction != 0 { text += "." + pad(fraction, 3) }
        return text + "Z"
    }

    /// IMF-fixdate: `Tue, 29 Apr 2014 18:30:38 GMT` (whole seconds).
    package static func rfc822Text(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = CivilDate.civil(fromDays: days)
        let weekday = Int((days % 7 + 7 + 4) % 7)  // 1970-01-01 was a Thursday
        let weekdayName = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][weekday]
        let monthName = monthNames[Int(month) - 1]
        return "\(weekdayName), \(pad(day, 2)) \(monthName) \(pad(year, 4)) "
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)) GMT"
    }

    /// Text in `format`.
    package static func text(_ date: Date, format: TimestampFormat) -> String {
        switch format {
        case .unixTimestamp: return epochSecondsText(date)
        case .iso8601: return iso8601Text(date)
        case .rfc822: return rfc822Text(date)
        }
    }

    /// Parses `text` in `format` leniently (the RPC protocols); `nil` when it is not a valid timestamp of that format.
    package static func parse(_ text: String, format: TimestampFormat) -> Date? {
        switch format {
        case .unixTimestamp:
            guard let seconds = Double(text), seconds.isFinite else { return nil }
            return Date(timeIntervalSince1970: seconds)
        case .iso8601: return parseISO8601(text)
        case .rfc822: return parseRFC822(text)
        }
    }

    /// Parses RFC 3339 / ISO 8601 date-time text (`2015-01-25T08:00:00Z`, `…T08:00:00.5+01:00`).
    package static func parseISO8601(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var position = 0
        func number(_ count: Int) -> Int64? {
            guard position + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[position..<(position + count)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            position += count
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard position < bytes.count, characters.utf8.contains(bytes[position]) else { return false }
            position += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            expect("Tt "), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
            let second = number(2)
        else { return nil }
        var fraction = 0.0
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            var scale = 0.1
            let start = position
            while position < bytes.count, bytes[position] >= 48, bytes[position] <= 57 {
                fraction += Double(bytes[position] - 48) * scale
                scale /= 10
                position += 1
            }
            if position == start { return nil }
        }
        var offsetSeconds: Int64 = 0
        if expect("Zz") {
        } else if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
            let sign: Int64 = bytes[position] == UInt8(ascii: "-") ? -1 : 1
            position += 1
            guard let offsetHours = number(2), expect(":"), let offsetMinutes = number(2) else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard position == bytes.count, (1...12).contains(month), (1...31).contains(day), hour <= 23, minute <= 59,
            second <= 60
        else { return nil }
        let days = CivilDate.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Parses IMF-fixdate text (`Tue, 29 Apr 2014 18:30:38 GMT`).
    package static func parseRFC822(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT",
            let day = Int64(parts[1]), let monthIndex = monthNames.firstIndex(of: String(parts[2])),
            let year = Int64(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let hour = Int64(clock[0]), let minute = Int64(clock[1]) else { return nil }
        let secondParts = clock[2].split(separator: ".", maxSplits: 1)
        guard let second = Int64(secondParts[0]) else { return nil }
        let fraction = secondParts.count > 1 ? (Double("0." + secondParts[1]) ?? 0) : 0
        let days = CivilDate.daysFromCivil(year: year, month: Int64(monthIndex + 1), day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction)
    }

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func pad(_ value: Int64, _ width: Int) -> String {
        var text = String(value)
        while text.count < width { text = "0" + text }
        return text
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }
}
