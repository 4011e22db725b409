/// JSONata's `$fromMillis` / `$toMillis` machinery: XPath F&O date/time picture strings, ported from jsonata-js
/// `datetime.js` (the behaviour of JSONata 2.0.x, including its quirks).
///
/// Guarantees: pure (no clock reads): the current time that `$toMillis` needs to fill components missing on the
/// left is passed in as `now`. Calendar arithmetic is proleptic Gregorian UTC, exactly as JavaScript's `Date`.
public enum JSONataDateTime {
    static let dayNames = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    static let isoPicture = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"

    /// Formats epoch milliseconds with a picture (`$fromMillis(millis, picture, timezone)`).
    ///
    /// - `picture` nil: ISO 8601 with milliseconds, like JavaScript's `toISOString` (`2017-10-30T00:00:00.000Z`),
    ///   or with the offset (`…-05:00`) when `timezone` is given.
    /// - `timezone`: `±HHMM` (read with JavaScript `parseInt`, as jsonata-js does).
    /// - Errors: `D3132` unknown component, `D3133` names not supported for a component, `D3134` bad timezone digit
    ///   count, `D3135` unclosed marker, `D3130`/`D3131` bad integer pictures; `D3110` when the timestamp is outside
    ///   JavaScript's date range or the timezone is not a number (jsonata-js would print `NaN` fields there).
    public static func format(millis: Double, picture: String?, timezone: String?) throws(JSONataError) -> String {
        var offsetHours = 0.0
        var offsetMinutes = 0.0
        if let timezone {
            let offset = JavaScriptNumberText.parseInt(timezone)
            guard !offset.isNaN else {
                throw JSONataError(code: "D3110", message: "Invalid timezone '\(timezone)'", value: timezone)
            }
            offsetHours = (offset / 100).rounded(.down)
            offsetMinutes = offset.truncatingRemainder(dividingBy: 100)
        }
        let spec = try DateTimePicture(picture ?? isoPicture)
        let offsetMillis = (60 * offsetHours + offsetMinutes) * 60 * 1000
        guard let date = UTCDateTime(time: millis + offsetMillis) else {
            throw JSONataError(
                code: "D3110", message: "The timestamp \(JavaScriptNumberText.string(millis)) is out of range",
                value: JavaScriptNumberText.string(millis))
        }
        var result = ""
        for part in spec.parts {
            switch part {
            case .literal(let text):
                result += text
            case .marker(let marker):
                result += try formatComponent(
                    date, marker, offsetHours: offsetHours, offsetMinutes: offsetMinutes)
            }
        }
        return result
    }

    private static func formatComponent(
        _ date: UTCDateTime, _ marker: DateTimePicture.Marker, offsetHours: Double, offsetMinutes: Double
    ) throws(JSONataError) -> String {
        let fragment = fragment(of: date, marker.component)
        let component = marker.component
        if "YMDdFWwXxHhms".contains(component) {
            guard case .number(var value) = fragment else { return "undefined" }
            if component == "Y" && marker.yearDigits != -1 {
                value = value.truncatingRemainder(dividingBy: IntegerNames.power10(marker.yearDigits))
            }
            if let names = marker.names {
                var name: String
                if component == "M" || component == "x" {
                    name = monthNames[Int(value) - 1]
                } else if component == "F" {
                    name = dayNames[Int(value)]
                } else {
                    throw JSONataError(
                        code: "D3133",
                        message: "The 'name' modifier can only be applied to months and days in the date/time picture string, not \(component)",
                        value: String(component))
                }
                if names == .upper {
                    name = name.uppercased()
                } else if names == .lower {
                    name = name.lowercased()
                }
                if let maximum = marker.width?.maximum, name.count > maximum {
                    name = String(name.prefix(maximum))
                }
                return name
            }
            guard let format = marker.integerFormat else { return "undefined" }
            return try format.format(value)
        }
        if component == "f" {
            guard case .number(let value) = fragment, let format = marker.integerFormat else { return "undefined" }
            return try format.format(value)
        }
        if component == "Z" || component == "z" {
            guard let format = marker.integerFormat else { return "undefined" }
            let offset = offsetHours * 100 + offsetMinutes
            var text: String
            if format.isRegular {
                text = try format.format(offset)
            } else {
                let digits = format.mandatoryDigits
                if digits == 1 || digits == 2 {
                    text = try format.format(offsetHours)
                    if offsetMinutes != 0 {
                        text += ":" + (try IntegerPicture("00").format(offsetMinutes))
                    }
                } else if digits == 3 || digits == 4 {
                    text = try format.format(offset)
                } else {
                    throw JSONataError(
                        code: "D3134", message: "The timezone integer format specifier cannot have more than four digits",
                        value: String(digits))
                }
            }
            if offset >= 0 { text = "+" + text }
            if component == "z" { text = "GMT" + text }
            if offset == 0 && marker.presentation2 == "t" { text = "Z" }
            return text
        }
        switch fragment {
        case .text(let text):
            if component == "P" && marker.names == .upper { return text.uppercased() }
            return text
        case .number(let value):
            return JavaScriptNumberText.string(value)
        case .undefined:
            return "undefined"
        }
    }

    enum Fragment {
        case number(Double)
        case text(String)
        case undefined
    }

    /// jsonata-js `getDateTimeFragment`.
    static func fragment(of date: UTCDateTime, _ component: Character) -> Fragment {
        switch component {
        case "Y": return .number(Double(date.year))
        case "M": return .number(Double(date.month + 1))
        case "D": return .number(Double(date.day))
        case "d":
            let today = UTCDateTime.utc(Double(date.year), Double(date.month), Double(date.day))
            let firstJan = UTCDateTime.utc(Double(date.year), 0)
            return .number((today - firstJan) / UTCDateTime.millisecondsPerDay + 1)
        case "F":
            return .number(Double(date.weekday == 0 ? 7 : date.weekday))
        case "W":
            let year = Double(date.year)
            let startOfWeek1 = startOfFirstWeek(year, 0)
            let today = UTCDateTime.utc(year, Double(date.month), Double(date.day))
            var week = deltaWeeks(startOfWeek1, today)
            if week > 52 {
                if today >= startOfFirstWeek(year + 1, 0) { week = 1 }
            } else if week < 1 {
                week = deltaWeeks(startOfFirstWeek(year - 1, 0), today)
            }
            return .number(week.rounded(.down))
        case "w":
            let (year, month) = (Double(date.year), Double(date.month))
            let startOfWeek1 = startOfFirstWeek(year, month)
            let today = UTCDateTime.utc(year, month, Double(date.day))
            var week = deltaWeeks(startOfWeek1, today)
            if week > 4 {
                let (nextYear, nextMonth) = month == 11 ? (year + 1, 0.0) : (year, month + 1)
                if today >= startOfFirstWeek(nextYear, nextMonth) { week = 1 }
            } else if week < 1 {
                let (previousYear, previousMonth) = month == 0 ? (year - 1, 11.0) : (year, month - 1)
                week = deltaWeeks(startOfFirstWeek(previousYear, previousMonth), today)
            }
            return .number(week.rounded(.down))
        case "X":
            let year = Double(date.year)
            if date.time < startOfFirstWeek(year, 0) { return .number(year - 1) }
            if date.time >= startOfFirstWeek(year + 1, 0) { return .number(year + 1) }
            return .number(year)
        case "x":
            let (year, month) = (Double(date.year), Double(date.month))
            let (nextYear, nextMonth) = month == 11 ? (year + 1, 0.0) : (year, month + 1)
            if date.time < startOfFirstWeek(year, month) {
                return .number((month == 0 ? 11 : month - 1) + 1)
            }
            if date.time >= startOfFirstWeek(nextYear, nextMonth) { return .number(nextMonth + 1) }
            return .number(month + 1)
        case "H": return .number(Double(date.hours))
        case "h":
            let hour = date.hours % 12
            return .number(Double(hour == 0 ? 12 : hour))
        case "P": return .text(date.hours >= 12 ? "pm" : "am")
        case "m": return .number(Double(date.minutes))
        case "s": return .number(Double(date.seconds))
        case "f": return .number(Double(date.milliseconds))
        case "C", "E": return .text("ISO")
        default: return .undefined
        }
    }

    /// The start (epoch millis) of ISO week 1 of a year (month 0) or, as XPath F&O extends it, of a month.
    private static func startOfFirstWeek(_ year: Double, _ month: Double) -> Double {
        let first = UTCDateTime.utc(year, month)
        var weekday = UTCDateTime(time: first)?.weekday ?? 0
        if weekday == 0 { weekday = 7 }
        return weekday > 4
            ? first + Double(8 - weekday) * UTCDateTime.millisecondsPerDay
            : first - Double(weekday - 1) * UTCDateTime.millisecondsPerDay
    }

    private static func deltaWeeks(_ start: Double, _ end: Double) -> Double {
        (end - start) / (UTCDateTime.millisecondsPerDay * 7) + 1
    }
}
