import StratusAPIDynamoDB

/// A table export as stored (`ExportTableToPointInTime`): what `DescribeExport` answers, with its owner.
package struct DynamoDBExportRecord: Sendable, Equatable, Codable {
    /// The owning account.
    package var accountID: String
    /// The region.
    package var region: String
    /// What `DescribeExport` answers (its `ExportArn` is the record's key).
    package var description: DynamoDB.ExportDescription

    /// An export record.
    package init(accountID: String, region: String, description: DynamoDB.ExportDescription) {
        self.accountID = accountID
        self.region = region
        self.description = description
    }
}
