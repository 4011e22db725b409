/// An event bus as stored: every custom bus, and the `default` bus of an account and region once its settings or
/// permissions were changed (until then it is implicit).
package struct EventBusRecord: Sendable, Equatable, Codable {
    /// `arn:aws:events:<region>:<account>:event-bus/<name>`.
    package var arn: String
    /// The bus name.
    package var name: String
    /// The owning account.
    package var accountID: String
    /// The region.
    package var region: String
    /// The description, if any.
    package var description: String?
    /// Creation time, ms since the epoch.
    package var createdAt: Int64
    /// Tags by key.
    package var tags: [String: String]
    /// `KmsKeyIdentifier`, if set (kept; events are not encrypted).
    package var kmsKeyIdentifier: String?
    /// The bus's dead-letter queue ARN (`DeadLetterConfig`), if set.
    package var deadLetterQueueARN: String?
    /// `LogConfig`'s `IncludeDetail` and `Level`, if set (kept; nothing is logged).
    package var logIncludeDetail: String?, logLevel: String?
    /// The resource policy (`PutPermission`), if any.
    package var policy: String?
    /// When the settings last changed, ms since the epoch (nil: at creation).
    package var modifiedAt: Int64?

    /// A bus record.
    package init(arn: String, name: String, accountID: String, region: String, description: String?, createdAt: Int64,
                 tags: [String: String]) {
        self.arn = arn
        self.name = name
        self.accountID = accountID
        self.region = region
        self.description = description
        self.createdAt = createdAt
        self.tags = tags
    }
}
