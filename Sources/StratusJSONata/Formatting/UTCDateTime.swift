/// A point in time broken into proleptic-Gregorian UTC fields, with the arithmetic of JavaScript's `Date.UTC` and
/// `getUTC*` getters (what jsonata-js's datetime.js is written against).
///
/// Guarantees: `time` is whole milliseconds since the epoch (fractions truncated toward zero, as `new Date(x)`
/// does); fields are derived with floor division so negative times give the right calendar fields. Valid only
/// for JavaScript's date range (|time| ≤ 8.64e15); `init?` rejects anything else.
struct UTCDateTime: Sendable, Equatable {
    static let millisecondsPerDay: Double = 86_400_000

    /// Milliseconds since 1970-01-01T00:00:00Z.
    let time: Double
    /// Full year (e.g. 2018; 0 is 1 BC).
    let year: Int
    /// Month, 0-11 (as `getUTCMonth`).
    let month: Int
    /// Day of month, 1-31.
    let day: Int
    let hours: Int
    let minutes: Int
    let seconds: Int
    let milliseconds: Int
    /// Day of week, 0 = Sunday … 6 = Saturday (as `getUTCDay`).
    let weekday: Int

    /// Breaks `time` into fields; nil for NaN, infinities, or times outside JavaScript's date range.
    init?(time rawTime: Double) {
        guard rawTime.isFinite, abs(rawTime) <= 8.64e15 else { return nil }
        let time = rawTime.rounded(.towardZero) + 0  // + 0 turns -0 into +0
        self.time = time
        let total = Int64(time)
        let dayMillis = Int64(UTCDateTime.millisecondsPerDay)
        var days = total / dayMillis
        var remainder = total % dayMillis
        if remainder < 0 {
            remainder += dayMillis
            days -= 1
        }
        let (civilYear, civilMonth, civilDay) = UTCDateTime.civil(fromDays: days)
        year = civilYear
        month = civilMonth - 1
        day = civilDay
        hours = Int(remainder / 3_600_000)
        minutes = Int(remainder / 60_000 % 60)
        seconds = Int(remainder / 1000 % 60)
        milliseconds = Int(remainder % 1000)
        let weekdayValue = (days + 4) % 7  // 1970-01-01 was a Thursday
        weekday = Int(weekdayValue < 0 ? weekdayValue + 7 : weekdayValue)
    }

    /// JavaScript `Date.UTC(year, month, day, hours, minutes, seconds, ms)`: months and days may overflow and are
    /// normalized; a year in 0…99 means 1900 + year (JavaScript's legacy rule) unless `twoDigitYearsAre1900s` is false. NaN if any argument is not finite.
    static func utc(
        _ year: Double, _ month: Double, _ day: Double = 1, _ hours: Double = 0, _ minutes: Double = 0,
        _ seconds: Double = 0, _ milliseconds: Double = 0, twoDigitYearsAre1900s: Bool = true
    ) -> Double {
        let arguments = [year, month, day, hours, minutes, seconds, milliseconds]
        guard arguments.allSatisfy(\.isFinite) else { return .nan }
        var fullYear = year.rounded(.towardZero)
        if twoDigitYearsAre1900s && fullYear >= 0 && fullYear <= 99 { fullYear += 1900 }
        let monthValue = month.rounded(.towardZero)
        let normalizedYear = fullYear + (monthValue / 12).rounded(.down)
        let monthInYear = monthValue - 12 * (monthValue / 12).rounded(.down)
        guard abs(normalizedYear) < 400_000 else { return .nan }
        let dayNumber = Double(days(fromCivil: Int(normalizedYear), Int(monthInYear) + 1, 1))
            + day.rounded(.towardZero) - 1
        let timeInDay = hours.rounded(.towardZero) * 3_600_000 + minutes.rounded(.towardZero) * 60_000
            + seconds.rounded(.towardZero) * 1000 + milliseconds.rounded(.towardZero)
        let result = dayNumber * millisecondsPerDay + timeInDay
        return abs(result) <= 8.64e15 ? result : .nan
    }

    /// Days since 1970-01-01 of a proleptic-Gregorian date (month 1-12).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        let shiftedYear = Int64(month <= 2 ? year - 1 : year)
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthIndex = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * monthIndex + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic-Gregorian date (month 1-12) of a day count since 1970-01-01.
    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }
}
