/// A custom event bus as stored (each account and region also has the implicit `default` bus).
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
