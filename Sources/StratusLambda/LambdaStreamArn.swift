// LambdaStreamArn: a DynamoDB stream ARN, as event source mappings name streams.

/// `arn:<partition>:dynamodb:<region>:<account>:table/<table>/stream/<label>`.
///
/// Guarantees: parses exactly that form (six colon-separated parts, 12-digit account, the resource
/// `table/<name>/stream/<label>` with a non-empty name and label).
package struct LambdaStreamArn: Sendable, Equatable {
    /// The stream's region.
    package var region: String
    /// The stream's account.
    package var accountID: String
    /// The table's name.
    package var tableName: String

    /// Parses `text`; nil when it is not a DynamoDB stream ARN.
    package init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "dynamodb", !parts[3].isEmpty,
            parts[4].count == 12, parts[4].allSatisfy(\.isNumber)
        else { return nil }
        let resource = parts[5].split(separator: "/", omittingEmptySubsequences: false)
        guard resource.count >= 4, resource[0] == "table", !resource[1].isEmpty, resource[2] == "stream",
              !resource[3...].joined(separator: "/").isEmpty
        else { return nil }
        region = parts[3]
        accountID = parts[4]
        tableName = String(resource[1])
    }
}
