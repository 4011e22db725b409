import Foundation
import StratusAPIDynamoDB

/// A table as the store keeps it: identity, the description DynamoDB answers with, tags, TTL settings, resource
/// policies and Contributor Insights settings.
///
/// Guarantees: `description` is already validated and normalized by the service (the store never interprets
/// it); `id` is assigned by the store and meaningless outside it; `itemCount`/`tableSizeBytes` in
/// `description` are not maintained by the store (the service fills them from ``DynamoDBTableStatistics``).
package struct DynamoDBTableRecord: Sendable, Equatable, Codable {
    /// The store's key of the table (0 before it is created).
    package var id: Int64
    /// The owning account.
    package var accountID: String
    /// The region the table lives in.
    package var region: String
    /// The table name.
    package var name: String
    /// What `DescribeTable` answers (status, keys, indexes, billing…).
    package var description: DynamoDB.TableDescription
    /// The table's tags, in the order they were first set.
    package var tags: [DynamoDB.Tag]
    /// The TTL attribute when TTL is enabled.
    package var timeToLiveAttribute: String?
    /// The table's resource-based policy, if one is attached.
    package var resourcePolicy: DynamoDBResourcePolicy?
    /// The resource-based policy of the table's current stream, if one is attached.
    package var streamResourcePolicy: DynamoDBResourcePolicy?
    /// Contributor Insights settings that were ever changed: the table's under `""`, a global index's under its
    /// name.
    package var contributorInsights: [String: DynamoDBContributorInsights]?

    /// Creates a record.
    package init(
        id: Int64 = 0, accountID: String, region: String, name: String, description: DynamoDB.TableDescription,
        tags: [DynamoDB.Tag] = [], timeToLiveAttribute: String? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.region = region
        self.name = name
        self.description = description
        self.tags = tags
        self.timeToLiveAttribute = timeToLiveAttribute
    }
}
