import Foundation
import StratusAWSCore

/// An EventBridge `cron(Minutes Hours Day-of-month Month Day-of-week Year)` schedule, evaluated in UTC.
///
/// Guarantees: accepts what EventBridge accepts — lists, ranges, `*`, steps (`a/b`, `*/b`), month and weekday names,
/// `?` in exactly one of day-of-month and day-of-week, `L` (last day of the month; `nL` the last weekday `n` of it),
/// `nW` (the weekday nearest day `n`) and `n#k` (the `k`-th weekday `n`); weekdays run 1 (SUN) to 7 (SAT), years
/// 1970–2199. Pure: no clock, no calendar objects.
package struct CronExpression: Sendable, Equatable {
    private let minutes: Set<Int>
    private let hours: Set<Int>
    private let months: Set<Int>
    private let years: Set<Int>
    private let daysOfMonth: DayRule
    private let daysOfWeek: DayRule

    /// Which days a day field selects.
    private enum DayRule: Sendable, Equatable {
        /// `?`: the other day field decides.
        case any
        case days(Set<Int>)
        /// `L` in day-of-month.
        case lastDayOfMonth
        /// `nW`.
        case nearestWeekday(Int)
        /// `nL` in day-of-week.
        case lastWeekday(Int)
        /// `n#k`.
        case nthWeekday(Int, Int)
    }

    /// Parses the inside of `cron(…)` (or the whole expression); nil when EventBridge would refuse it.
    package init?(_ text: String) {
        var body = text.trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("cron("), body.hasSuffix(")") { body = String(body.dropFirst(5).dropLast()) }
        let fields = body.split(separator: " ").map(String.init)
        guard fields.count == 6,
              let minutes = Self.values(fields[0], 0...59),
              let hours = Self.values(fields[1], 0...23),
              let months = Self.values(fields[3], 1...12, names: Self.monthNames),
              let years = Self.values(fields[5], 1970...2199) else { return nil }
        let (dom, dow) = (fields[2], fields[4])
        guard (dom == "?") != (dow == "?") else { return nil }
        guard let daysOfMonth = Self.dayOfMonthRule(dom), let daysOfWeek = Self.dayOfWeekRule(dow) else { return nil }
        self.minutes = minutes
        self.hours = hours
        self.months = months
        self.years = years
        self.daysOfMonth = daysOfMonth
        self.daysOfWeek = daysOfWeek
    }

    /// The first matching minute strictly after `after` (ms since the epoch), as ms; nil when none is left.
    package func nextFiring(after: Int64) -> Int64? {
        var minute = after / 60_000 + 1
        let limit = CivilDate.daysFromCivil(year: 2200, month: 1, day: 1) * 1440
        while minute < limit {
            let day = minute / 1440
            let (year, month, dayOfMonth) = CivilDate.civil(fromDays: day)
            if !years.contains(Int(year)) {
                guard year < 2199 else { return nil }
                minute = CivilDate.daysFromCivil(year: year + 1, month: 1, day: 1) * 1440
                continue
            }
            if !months.contains(Int(month)) {
                let next = month == 12 ? (year + 1, Int64(1)) : (year, month + 1)
                minute = CivilDate.daysFromCivil(year: next.0, month: next.1, day: 1) * 1440
                continue
            }
            if !dayMatches(day: day, year: year, month: month, dayOfMonth: dayOfMonth) {
                minute = (day + 1) * 1440
                continue
            }
            let inDay = minute % 1440
            if !hours.contains(Int(inDay / 60)) {
                minute = day * 1440 + (inDay / 60 + 1) * 60
                continue
            }
            if !minutes.contains(Int(inDay % 60)) {
                minute += 1
                continue
            }
            return minute * 60_000
        }
        return nil
    }

    private func dayMatches(day: Int64, year: Int64, month: Int64, dayOfMonth: Int64) -> Bool {
        let weekday = Int((day % 7 + 7 + 4) % 7) + 1  // 1970-01-01 was a Thursday (5); SUN = 1
        let monthLength = Int(CivilDate.daysFromCivil(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 1)
            - CivilDate.daysFromCivil(year: year, month: month, day: 1))
        let dom = Int(dayOfMonth)
        func matches(_ rule: DayRule, isWeekRule: Bool) -> Bool {
            switch rule {
            case .any: return true
            case .days(let days): return days.contains(isWeekRule ? weekday : dom)
            case .lastDayOfMonth: return dom == monthLength
            case .nearestWeekday(let target):
                let wanted = min(target, monthLength)
                let targetWeekday = ((weekday - 1 + (wanted - dom)) % 7 + 7) % 7 + 1
                var nearest = wanted
                if targetWeekday == 7 { nearest = wanted == 1 ? wanted + 2 : wanted - 1 }
                if targetWeekday == 1 { nearest = wanted == monthLength ? wanted - 2 : wanted + 1 }
                return dom == nearest
            case .lastWeekday(let target): return weekday == target && dom + 7 > monthLength
            case .nthWeekday(let target, let nth): return weekday == target && (dom - 1) / 7 + 1 == nth
            }
        }
        return matches(daysOfMonth, isWeekRule: false) && matches(daysOfWeek, isWeekRule: true)
    }

    private static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    private static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    private static func dayOfMonthRule(_ field: String) -> DayRule? {
        if field == "?" { return .any }
        if field == "L" { return .lastDayOfMonth }
        if field.hasSuffix("W"), let day = Int(field.dropLast()), (1...31).contains(day) { return .nearestWeekday(day) }
        return values(field, 1...31).map(DayRule.days)
    }

    private static func dayOfWeekRule(_ field: String) -> DayRule? {
        if field == "?" { return .any }
        if field.hasSuffix("L"), let day = number(String(field.dropLast()), names: dayNames), (1...7).contains(day) {
            return .lastWeekday(day)
        }
        let hash = field.split(separator: "#")
        if hash.count == 2, let day = number(String(hash[0]), names: dayNames), (1...7).contains(day),
           let nth = Int(hash[1]), (1...5).contains(nth) {
            return .nthWeekday(day, nth)
        }
        return values(field, 1...7, names: dayNames).map(DayRule.days)
    }

    /// The values of a list of `*`, `n`, `a-b`, `a/b`, `*/b`, `a-b/c` items within `range`.
    private static func values(_ field: String, _ range: ClosedRange<Int>, names: [String] = []) -> Set<Int>? {
        var result = Set<Int>()
        for item in field.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let parts = item.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2 else { return nil }
            var step = 1
            if parts.count == 2 {
                guard let value = Int(parts[1]), value > 0 else { return nil }
                step = value
            }
            let span: ClosedRange<Int>
            if parts[0] == "*" {
                span = range
            } else if let dash = parts[0].firstIndex(of: "-") {
                guard let low = number(String(parts[0][..<dash]), names: names),
                      let high = number(String(parts[0][parts[0].index(after: dash)...]), names: names),
                      range.contains(low), range.contains(high), low <= high else { return nil }
                span = low...high
            } else {
                guard let value = number(parts[0], names: names), range.contains(value) else { return nil }
                span = parts.count == 2 ? value...range.upperBound : value...value
            }
            result.formUnion(stride(from: span.lowerBound, through: span.upperBound, by: step))
        }
        return result.isEmpty ? nil : result
    }

    private static func number(_ text: String, names: [String]) -> Int? {
        if let value = Int(text) { return value }
        return names.firstIndex(of: text.uppercased()).map { $0 + 1 }
    }
}
