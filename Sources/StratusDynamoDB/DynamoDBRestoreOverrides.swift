import StratusAPIDynamoDB

/// What a restore (from a backup or to a point in time) may change of the source table's definition; nil keeps
/// the source's.
struct DynamoDBRestoreOverrides: Sendable {
    /// `BillingModeOverride`.
    var billingMode: DynamoDB.BillingMode?
    /// `GlobalSecondaryIndexOverride` (an empty list: no global indexes).
    var globalSecondaryIndexes: [DynamoDB.GlobalSecondaryIndex]?
    /// `LocalSecondaryIndexOverride` (an empty list: no local indexes).
    var localSecondaryIndexes: [DynamoDB.LocalSecondaryIndex]?
    /// `ProvisionedThroughputOverride`.
    var provisionedThroughput: DynamoDB.ProvisionedThroughput?
    /// `SSESpecificationOverride`.
    var sseSpecification: DynamoDB.SSESpecification?
}
