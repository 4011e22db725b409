import StratusAPIEventBridge

/// A rule as stored, with its targets.
package struct EventRuleRecord: Sendable, Equatable, Codable {
    /// `arn:aws:events:<region>:<account>:rule/<name>` (`rule/<bus>/<name>` on a custom bus).
    package var arn: String
    /// The rule name.
    package var name: String
    /// The bus's ARN.
    package var busARN: String
    /// The bus's name.
    package var busName: String
    /// The owning account.
    package var accountID: String
    /// The region.
    package var region: String
    /// The event pattern as given (JSON text), if any.
    package var eventPattern: String?
    /// `rate(…)` or `cron(…)`, if any.
    package var scheduleExpression: String?
    /// `ENABLED` or `DISABLED`.
    package var state: String
    /// The description, if any.
    package var description: String?
    /// The role, if any.
    package var roleARN: String?
    /// The targets, in the order they were put.
    package var targets: [EventBridge.Target]
    /// Tags by key.
    package var tags: [String: String]
    /// When it was created, ms since the epoch (schedules count from here).
    package var createdAt: Int64

    /// A rule record.
    package init(arn: String, name: String, busARN: String, busName: String, accountID: String, region: String,
                 eventPattern: String?, scheduleExpression: String?, state: String, description: String?,
                 roleARN: String?, targets: [EventBridge.Target], tags: [String: String], createdAt: Int64) {
        self.arn = arn
        self.name = name
        self.busARN = busARN
        self.busName = busName
        self.accountID = accountID
        self.region = region
        self.eventPattern = eventPattern
        self.scheduleExpression = scheduleExpression
        self.state = state
        self.description = description
        self.roleARN = roleARN
        self.targets = targets
        self.tags = tags
        self.createdAt = createdAt
    }
}
