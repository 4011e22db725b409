/// A rule's `ScheduleExpression`: `rate(<n> minute|minutes|hour|hours|day|days)` or `cron(…)` (``CronExpression``).
package enum EventSchedule: Sendable, Equatable {
    /// Every period, counted from the rule's creation (milliseconds).
    case rate(periodMilliseconds: Int64)
    /// At the minutes a cron expression selects (UTC).
    case cron(CronExpression)

    /// Parses a schedule expression; nil when EventBridge would refuse it.
    package init?(_ expression: String) {
        if expression.hasPrefix("cron(") {
            guard let cron = CronExpression(expression) else { return nil }
            self = .cron(cron)
            return
        }
        guard expression.hasPrefix("rate("), expression.hasSuffix(")") else { return nil }
        let parts = expression.dropFirst(5).dropLast().split(separator: " ")
        guard parts.count == 2, let value = Int64(parts[0]), value > 0 else { return nil }
        let unit: Int64
        switch (parts[1], value) {
        case ("minute", 1), ("minutes", 2...): unit = 60_000
        case ("hour", 1), ("hours", 2...): unit = 3_600_000
        case ("day", 1), ("days", 2...): unit = 86_400_000
        default: return nil
        }
        self = .rate(periodMilliseconds: value * unit)
    }

    /// The first firing strictly after `after` for a rule created at `createdAt`; nil when a cron schedule has none left.
    package func nextFiring(createdAt: Int64, after: Int64) -> Int64? {
        switch self {
        case .rate(let period):
            guard after >= createdAt else { return createdAt + period }
            return createdAt + ((after - createdAt) / period + 1) * period
        case .cron(let cron):
            return cron.nextFiring(after: after)
        }
    }
}
