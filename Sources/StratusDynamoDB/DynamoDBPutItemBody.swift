// DynamoDBPutItemBody: the common PutItem request read straight from its JSON bytes.
import StratusDynamoDBExpressions
import StratusJSON

/// A `PutItem` request body that names only `TableName` and `Item`, read from its UTF-8 JSON bytes into the
/// item DynamoDB stores, without the generic path's ``AWSValue`` tree, model validation and typed input.
///
/// Guarantees: ``read(_:)`` answers a value only for a body the generic path decodes, that passes model validation
/// (`TableName` 1 to 1,024 characters, attribute names up to 65,535) and whose item ``DynamoDBValue/item(wire:)``
/// accepts, and the item is the one that function builds. Everything else answers `nil`, to be left to the generic
/// path, which decides and words the answer: other members (including `null` ones), escapes in strings, binary
/// values (`B`, `BS`), duplicate keys, values without exactly one type, invalid numbers or sets, `NULL: false`, and
/// documents nested more than ``DynamoDBAttributeJSONReader/maximumNesting`` maps or lists deep.
struct DynamoDBPutItemBody: Equatable {
    /// `TableName` (a name or a table ARN).
    var tableName: String
    /// `Item`, as ``DynamoDBValue/item(wire:)`` builds it.
    var item: DynamoDBItem

    /// The request in `body`, or `nil` to leave it to the generic path.
    static func read(_ body: [UInt8]) -> DynamoDBPutItemBody? {
        var tableName: String?
        var item: DynamoDBItem?
        let read = DynamoDBAttributeJSONReader.readBody(body) { cursor, member in
            if DynamoDBAttributeJSONReader.isKey(member, "TableName"), tableName == nil {
                tableName = DynamoDBAttributeJSONReader.readTableName(&cursor)
                return tableName != nil
            }
            if DynamoDBAttributeJSONReader.isKey(member, "Item"), item == nil {
                item = DynamoDBAttributeJSONReader.readMap(&cursor, nesting: 0)
                return item != nil
            }
            return false
        }
        guard read, let tableName, let item else { return nil }
        return DynamoDBPutItemBody(tableName: tableName, item: item)
    }
}
