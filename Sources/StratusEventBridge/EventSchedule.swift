/// A rule's `ScheduleExpression` that Stratus runs: `rate(<n> minute|minutes|hour|hours|day|days)`.
package struct EventSchedule: Sendable, Equatable {
    /// The period in milliseconds.
    package let periodMilliseconds: Int64

    /// Parses a rate expression; nil for anything else (`cron(…)` included).
    package init?(_ expression: String) {
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
        periodMilliseconds = value * unit
    }

    /// The first firing strictly after `after` for a rule created at `createdAt` (every period from creation).
    package func nextFiring(createdAt: Int64, after: Int64) -> Int64 {
        guard after >= createdAt else { return createdAt + periodMilliseconds }
        return createdAt + ((after - createdAt) / periodMilliseconds + 1) * periodMilliseconds
    }
}
