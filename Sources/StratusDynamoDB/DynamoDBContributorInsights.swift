import Foundation

/// The CloudWatch Contributor Insights setting of a table or one of its global secondary indexes.
///
/// Guarantees: `ruleNames` are the rule names DynamoDB gives a resource with this setting (kept from when it was
/// enabled, empty when disabled); `updatedAt` is when the setting last changed. Stratus keeps and answers the
/// setting; it produces no CloudWatch rules or reports.
package struct DynamoDBContributorInsights: Sendable, Equatable, Codable {
    /// Whether the setting is on.
    package var enabled: Bool
    /// `ACCESSED_AND_THROTTLED_KEYS` or `THROTTLED_KEYS`.
    package var mode: String
    /// When the setting last changed.
    package var updatedAt: Date
    /// The names of the (CloudWatch) rules DynamoDB lists for it.
    package var ruleNames: [String]

    /// Creates a setting.
    package init(enabled: Bool, mode: String, updatedAt: Date, ruleNames: [String]) {
        self.enabled = enabled
        self.mode = mode
        self.updatedAt = updatedAt
        self.ruleNames = ruleNames
    }

    /// The rule names DynamoDB creates for `resource` (a table name, or `<table>-<index>`): most accessed (`PKC`,
    /// `SKC` with a sort key) and most throttled (`PKT`, `SKT`) keys, or only the throttled ones in
    /// `THROTTLED_KEYS` mode; each `DynamoDBContributorInsights-<kind>-<resource>-<milliseconds>`, the resource
    /// shortened so the name fits CloudWatch's 128 characters.
    package static func ruleNames(resource: String, hasSortKey: Bool, throttledOnly: Bool, milliseconds: Int64) -> [String] {
        var kinds = throttledOnly ? ["PKT"] : ["PKC", "PKT"]
        if hasSortKey { kinds += throttledOnly ? ["SKT"] : ["SKC", "SKT"] }
        let suffix = "-\(milliseconds)"
        let room = 128 - "DynamoDBContributorInsights-PKC-".count - suffix.count
        let shortened = String(resource.prefix(room))
        return kinds.map { "DynamoDBContributorInsights-\($0)-\(shortened)\(suffix)" }
    }
}
