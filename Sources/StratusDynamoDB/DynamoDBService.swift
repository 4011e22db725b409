import Foundation
import StratusAPIDynamoDB
import StratusAWSCore
import StratusDynamoDBExpressions
import StratusServiceKit

/// The DynamoDB service: tables, items, queries, batches and transactions of the `dynamodb` model over a
/// ``DynamoDBStore``.
///
/// Guarantees: DynamoDB's validation rules, error codes and messages; every item write is one call of
/// ``DynamoDBStore/write(_:)``, so conditions are checked atomically with the write, a failed request changes
/// nothing and an answered write is durable; time comes from `clock`, table ids from `ids`. Tables become
/// ACTIVE once their creation committed (the CreateTable answer still says CREATING, as DynamoDB's does).
package struct DynamoDBService: DynamoDBHandler {
    /// Where tables and items live.
    package let store: any DynamoDBStore
    /// The source of "now".
    package let clock: any WallClock
    /// The source of table ids.
    package let ids: any RequestIDGenerator
    /// Reaches S3 in-process for table exports (nil: exports fail saying S3 is not served).
    package let invoker: (any ServiceInvoker)?

    /// A service over `store`.
    package init(
        store: any DynamoDBStore, clock: any WallClock = SystemWallClock(),
        ids: any RequestIDGenerator = RandomRequestIDGenerator(), invoker: (any ServiceInvoker)? = nil
    ) {
        self.store = store
        self.clock = clock
        self.ids = ids
        self.invoker = invoker
    }

    /// How long a `ClientRequestToken` of TransactWriteItems is remembered.
    static let clientTokenLifetime: Int64 = 10 * 60 * 1000

    /// Now in milliseconds since the epoch.
    func nowMilliseconds() -> Int64 { Int64((clock.now().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// The ARN of table `name`.
    static func tableArn(accountID: String, region: String, name: String) -> String {
        "arn:aws:dynamodb:\(region):\(accountID):table/\(name)"
    }

    /// The table a `TableName` parameter (a name or a table ARN) names in the caller's account and region, or nil.
    /// A name that no table can have (length, characters) is a `ValidationException`, as DynamoDB answers it.
    func findTable(_ nameOrArn: String, context: RequestContext) async throws -> DynamoDBTableRecord? {
        if nameOrArn.hasPrefix("arn:") {
            guard let (accountID, region, name) = Self.parseTableArn(nameOrArn) else { return nil }
            return try await store.table(accountID: accountID, region: region, name: name)
        }
        try DynamoDBTableRules.checkName(nameOrArn, member: "tableName")
        return try await store.table(accountID: context.accountID, region: context.region, name: nameOrArn)
    }

    /// The table of a table-level operation (DescribeTable, UpdateTable…), or its ResourceNotFoundException.
    func describedTable(_ nameOrArn: String, context: RequestContext) async throws -> DynamoDBTableRecord {
        guard let table = try await findTable(nameOrArn, context: context) else {
            throw DynamoDBFailure.tableNotFound(nameOrArn)
        }
        return table
    }

    /// The table of an item-level operation, or its ResourceNotFoundException.
    func itemTable(_ nameOrArn: String, context: RequestContext) async throws -> DynamoDBTableRecord {
        guard let table = try await findTable(nameOrArn, context: context) else { throw DynamoDBFailure.resourceNotFound() }
        return table
    }

    /// (account, region, table name) of a table ARN (an index or stream suffix is ignored).
    static func parseTableArn(_ arn: String) -> (String, String, String)? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "dynamodb" else { return nil }
        let resource = parts[5].split(separator: "/")
        guard resource.count >= 2, resource[0] == "table" else { return nil }
        return (String(parts[4]), String(parts[3]), String(resource[1]))
    }

    /// Decodes a stored item.
    static func decode(_ item: DynamoDBStoredItem) throws -> DynamoDBItem {
        try DynamoDBItemCodec.decode(item.body)
    }
}
