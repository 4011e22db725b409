// DynamoDBGetItemBody: the common GetItem request read straight from its JSON bytes.
import StratusDynamoDBExpressions
import StratusJSON

/// A `GetItem` request body that names only `TableName`, `Key` and optionally `ConsistentRead`, read from its UTF-8
/// JSON bytes without the generic path's ``AWSValue`` tree, model validation and typed input.
///
/// Guarantees: ``read(_:)`` answers a value only for a body the generic path decodes, that passes model validation
/// and whose key ``DynamoDBValue/item(wire:)`` accepts, and the key is the one that function builds (the rules of
/// ``DynamoDBAttributeJSONReader``). Everything else answers `nil`, to be left to the generic path: other members
/// (projections, `ReturnConsumedCapacity`, `null` members), escapes, binary values, duplicate keys, irregular JSON.
struct DynamoDBGetItemBody: Equatable {
    /// `TableName` (a name or a table ARN).
    var tableName: String
    /// `Key`, as ``DynamoDBValue/item(wire:)`` builds it (not yet checked against the table's key schema).
    var key: DynamoDBItem
    /// `ConsistentRead`, if the body has it.
    var consistentRead: Bool?

    /// The request in `body`, or `nil` to leave it to the generic path.
    static func read(_ body: [UInt8]) -> DynamoDBGetItemBody? {
        var tableName: String?
        var key: DynamoDBItem?
        var consistentRead: Bool?
        let read = DynamoDBAttributeJSONReader.readBody(body) { cursor, member in
            if DynamoDBAttributeJSONReader.isKey(member, "TableName"), tableName == nil {
                tableName = DynamoDBAttributeJSONReader.readTableName(&cursor)
                return tableName != nil
            }
            if DynamoDBAttributeJSONReader.isKey(member, "Key"), key == nil {
                key = DynamoDBAttributeJSONReader.readMap(&cursor, nesting: 0)
                return key != nil
            }
            if DynamoDBAttributeJSONReader.isKey(member, "ConsistentRead"), consistentRead == nil {
                if cursor.readLiteral("true") {
                    consistentRead = true
                } else if cursor.readLiteral("false") {
                    consistentRead = false
                }
                return consistentRead != nil
            }
            return false
        }
        guard read, let tableName, let key else { return nil }
        return DynamoDBGetItemBody(tableName: tableName, key: key, consistentRead: consistentRead)
    }
}
