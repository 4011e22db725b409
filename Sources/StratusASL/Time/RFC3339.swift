import OrderedCollections
import StratusAWSCore
/// RFC 3339 timestamps as Step Functions reads them (Wait `Timestamp`, Choice `Timestamp…` comparisons) and
/// writes them (Context object times, history).
///
/// Guarantees: parsing requires an uppercase `T` and `Z` or a numeric offset, 1–9 fractional digits; the
/// result is exact to the nanosecond. No clock is read.
package enum RFC3339 {
    /// An instant: whole seconds since the Unix epoch plus nanoseconds (0..<1e9).
    package struct Instant: Sendable, Hashable, Comparable {
        /// Seconds since 1970-01-01T00:00:00Z (may be negative).
        package var seconds: Int64
        /// Nanoseconds within the second.
        package var nanoseconds: Int32

        /// Creates an instant.
        package init(seconds: Int64, nanoseconds: Int32 = 0) {
            self.seconds = seconds
            self.nanoseconds = nanoseconds
        }

        /// Creates an instant from milliseconds since the epoch.
        package init(milliseconds: Int64) {
            let (quotient, remainder) = milliseconds.quotientAndRemainder(dividingBy: 1000)
            if remainder < 0 {
                self.init(seconds: quotient - 1, nanoseconds: Int32((remainder + 1000) * 1_000_000))
            } else {
                self.init(seconds: quotient, nanoseconds: Int32(remainder * 1_000_000))
            }
        }

        /// Milliseconds since the epoch (nanoseconds truncated).
        package var milliseconds: Int64 { seconds * 1000 + Int64(nanoseconds / 1_000_000) }

        package static func < (lhs: Instant, rhs: Instant) -> Bool {
            (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
        }
    }

    /// Parses `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`; `nil` when the text is not such a timestamp.
    package static func parse(_ text: String) -> Instant? {
        let bytes = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }
        func expect(_ character: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == character else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2),
              expect(0x54), let hour = digits(2), expect(0x3A), let minute = digits(2), expect(0x3A),
              let second = digits(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
              hour < 24, minute < 60, second < 60 else { return nil }
        var nanoseconds = 0
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            var count = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                if count < 9 { nanoseconds = nanoseconds * 10 + Int(bytes[index] - 0x30) }
                count += 1
                index += 1
            }
            guard count >= 1, count <= 9 else { return nil }
            for _ in count..<9 { nanoseconds *= 10 }
        }
        var offsetSeconds = 0
        guard index < bytes.count else { return nil }
        if bytes[index] == 0x5A {
            index += 1
        } else if bytes[index] == 0x2B || bytes[index] == 0x2D {
            let sign = bytes[index] == 0x2D ? -1 : 1
            index += 1
            guard let offsetHours = digits(2), expect(0x3A), let offsetMinutes = digits(2),
                  offsetHours < 24, offsetMinutes < 60 else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = Int(CivilDate.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day)))
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return Instant(seconds: seconds, nanoseconds: Int32(nanoseconds))
    }

    /// Formats as AWS prints Context-object times: `2024-01-02T03:04:05.678Z` with trailing fractional zeros
    /// dropped (and no fraction when it is zero).
    package static func format(_ instant: Instant, fractionDigits: Int = 3) -> String {
        let days = Int(instant.seconds >= 0 ? instant.seconds / 86_400 : (instant.seconds - 86_399) / 86_400)
        let secondOfDay = Int(instant.seconds - Int64(days) * 86_400)
        let (year, month, day) = CivilDate.civil(fromDays: Int64(days))
        var text = pad(Int(year), 4) + "-" + pad(Int(month), 2) + "-" + pad(Int(day), 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        var fraction = pad(Int(instant.nanoseconds), 9).prefix(fractionDigits)
        while fraction.hasSuffix("0") { fraction = fraction.dropLast() }
        if !fraction.isEmpty { text += "." + fraction }
        return text + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
