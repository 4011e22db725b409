import Foundation

/// A table's point-in-time recovery settings: since when its item history is kept, and for how many days back a
/// restore may reach.
package struct DynamoDBPointInTimeRecovery: Sendable, Equatable {
    /// When recovery was enabled (the earliest restorable time while the period has not yet passed).
    package var enabledAt: Date
    /// `RecoveryPeriodInDays` (1–35).
    package var recoveryPeriodInDays: Int

    /// Creates settings.
    package init(enabledAt: Date, recoveryPeriodInDays: Int) {
        self.enabledAt = enabledAt
        self.recoveryPeriodInDays = recoveryPeriodInDays
    }

    /// The earliest time a restore may name at `now`: the enabling time, or `now` minus the recovery period once
    /// that is later.
    package func earliestRestorableTime(now: Date) -> Date {
        max(enabledAt, now.addingTimeInterval(-Double(recoveryPeriodInDays) * 86_400))
    }
}
