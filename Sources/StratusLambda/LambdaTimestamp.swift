// LambdaTimestamp: the timestamp text Lambda uses in configurations.
import StratusAWSCore

/// Lambda's `LastModified`/`CreatedDate` text: `2024-05-01T12:34:56.789+0000` (UTC, milliseconds).
package enum LambdaTimestamp {
    /// The text of `milliseconds` since the Unix epoch.
    package static func text(_ milliseconds: Int64) -> String {
        let days = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
        let rest = milliseconds - days * 86_400_000
        let (year, month, day) = CivilDate.civil(fromDays: days)
        let hours = rest / 3_600_000, minutes = rest / 60_000 % 60, seconds = rest / 1000 % 60, millis = rest % 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2))"
            + ".\(pad(millis, 3))+0000"
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
