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

extension DynamoDBRestoreOverrides {
    /// The overrides of a `RestoreTableFromBackup` request.
    init(_ input: DynamoDB.RestoreTableFromBackupInput) {
        self.init(
            billingMode: input.billingModeOverride, globalSecondaryIndexes: input.globalSecondaryIndexOverride,
            localSecondaryIndexes: input.localSecondaryIndexOverride,
            provisionedThroughput: input.provisionedThroughputOverride, sseSpecification: input.sseSpecificationOverride)
    }

    /// The overrides of a `RestoreTableToPointInTime` request.
    init(_ input: DynamoDB.RestoreTableToPointInTimeInput) {
        self.init(
            billingMode: input.billingModeOverride, globalSecondaryIndexes: input.globalSecondaryIndexOverride,
            localSecondaryIndexes: input.localSecondaryIndexOverride,
            provisionedThroughput: input.provisionedThroughputOverride, sseSpecification: input.sseSpecificationOverride)
    }
}
