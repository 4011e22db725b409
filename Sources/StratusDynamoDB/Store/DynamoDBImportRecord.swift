import StratusAPIDynamoDB

/// A table import from S3 as stored (`ImportTable`): what `DescribeImport` answers, with its owner.
package struct DynamoDBImportRecord: Sendable, Equatable, Codable {
    /// The owning account.
    package var accountID: String
    /// The region.
    package var region: String
    /// What `DescribeImport` answers (its `ImportArn` is the record's key).
    package var description: DynamoDB.ImportTableDescription

    /// An import record.
    package init(accountID: String, region: String, description: DynamoDB.ImportTableDescription) {
        self.accountID = accountID
        self.region = region
        self.description = description
    }
}
