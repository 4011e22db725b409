// Item sizes by DynamoDB's rules (the 400 KB item limit, consumed capacity).

/// Sizes of whole items.
package enum DynamoDBItemSize {
    /// The item's size by DynamoDB's rules: for every attribute the UTF-8 length of its name plus its value's
    /// ``DynamoDBValue/sizeInBytes``.
    package static func of(_ item: DynamoDBItem) -> Int {
        item.reduce(0) { $0 + $1.key.utf8.count + $1.value.sizeInBytes }
    }

    /// DynamoDB's item size limit, 400 KB.
    package static let maximumItemSize = 400 * 1024
}
