import Foundation
import StratusAPIDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit

/// A table's keys and its secondary indexes' keys and projections, read from its description, with DynamoDB's
/// key rules: which attributes form the primary key, their types, size limits, and index entries of items.
///
/// Guarantees: every function throws `ValidationException` with DynamoDB's message on a rule violation and
/// never changes anything.
package struct DynamoDBKeySchema: Sendable {
    /// One key attribute: its name and scalar type (`S`, `N` or `B`).
    package struct Attribute: Sendable, Equatable {
        /// The attribute name.
        package var name: String
        /// `S`, `N` or `B`.
        package var type: String
    }

    /// A secondary index.
    package struct Index: Sendable {
        /// The index name.
        package var name: String
        /// Global (true) or local.
        package var isGlobal: Bool
        /// The index partition key.
        package var hash: Attribute
        /// The index sort key, if any.
        package var range: Attribute?
        /// `ALL`, `KEYS_ONLY` or `INCLUDE`.
        package var projectionType: String
        /// The non-key attributes of an `INCLUDE` projection.
        package var nonKeyAttributes: [String]

        /// The key attribute names of the index (index keys then table keys, without repeats).
        package func keyNames(table: DynamoDBKeySchema) -> [String] {
            var names = [hash.name]
            if let range { names.append(range.name) }
            for name in table.keyNames where !names.contains(name) { names.append(name) }
            return names
        }

        /// The item as the index projects it.
        package func project(_ item: DynamoDBItem, table: DynamoDBKeySchema) -> DynamoDBItem {
            if projectionType == "ALL" { return item }
            var kept = Set(keyNames(table: table))
            if projectionType == "INCLUDE" { kept.formUnion(nonKeyAttributes) }
            return item.filter { kept.contains($0.key) }
        }

        /// Whether the index's projection holds attribute `name`.
        package func projects(_ name: String, table: DynamoDBKeySchema) -> Bool {
            projectionType == "ALL" || keyNames(table: table).contains(name)
                || (projectionType == "INCLUDE" && nonKeyAttributes.contains(name))
        }
    }

    /// The table's partition key.
    package var hash: Attribute
    /// The table's sort key, if any.
    package var range: Attribute?
    /// The secondary indexes (global ones only while they are not being deleted).
    package var indexes: [Index]
    /// The TTL attribute when TTL is enabled (``DynamoDBTableRecord/timeToLiveAttribute``).
    package var timeToLiveAttribute: String?

    /// Maximum partition key size in bytes.
    package static let maximumHashKeySize = 2048
    /// Maximum sort key size in bytes.
    package static let maximumRangeKeySize = 1024

    /// The key schema of a table description.
    package init(_ description: DynamoDB.TableDescription) {
        let types = Dictionary(
            (description.attributeDefinitions ?? []).map { ($0.attributeName, $0.attributeType.rawValue) },
            uniquingKeysWith: { first, _ in first })
        func keys(_ schema: [DynamoDB.KeySchemaElement]?) -> (Attribute, Attribute?) {
            let elements = schema ?? []
            let hashName = elements.first { $0.keyType.rawValue == "HASH" }?.attributeName ?? ""
            let rangeName = elements.first { $0.keyType.rawValue == "RANGE" }?.attributeName
            return (
                Attribute(name: hashName, type: types[hashName] ?? "S"),
                rangeName.map { Attribute(name: $0, type: types[$0] ?? "S") }
            )
        }
        (hash, range) = keys(description.keySchema)
        var indexes: [Index] = []
        for index in description.localSecondaryIndexes ?? [] {
            let (hash, range) = keys(index.keySchema)
            indexes.append(Index(
                name: index.indexName ?? "", isGlobal: false, hash: hash, range: range,
                projectionType: index.projection?.projectionType?.rawValue ?? "ALL",
                nonKeyAttributes: index.projection?.nonKeyAttributes ?? []))
        }
        for index in description.globalSecondaryIndexes ?? [] where index.indexStatus?.rawValue != "DELETING" {
            let (hash, range) = keys(index.keySchema)
            indexes.append(Index(
                name: index.indexName ?? "", isGlobal: true, hash: hash, range: range,
                projectionType: index.projection?.projectionType?.rawValue ?? "ALL",
                nonKeyAttributes: index.projection?.nonKeyAttributes ?? []))
        }
        self.indexes = indexes
    }

    /// The key schema and TTL attribute of a stored table.
    package init(_ table: DynamoDBTableRecord) {
        self.init(table.description)
        timeToLiveAttribute = table.timeToLiveAttribute
    }

    /// When an item expires under the table's TTL (whole epoch seconds, rounded down), or nil when TTL is off or
    /// the item's TTL attribute is not a number.
    package func expiry(of item: DynamoDBItem) -> Int64? {
        guard let timeToLiveAttribute, case let .number(number)? = item[timeToLiveAttribute],
            let seconds = Double(number.description), seconds.isFinite
        else { return nil }
        let whole = seconds.rounded(.down)
        if whole >= 9.2e18 { return Int64.max }
        if whole <= -9.2e18 { return Int64.min }
        return Int64(whole)
    }

    /// The primary key attribute names (partition key first).
    package var keyNames: [String] { range.map { [hash.name, $0.name] } ?? [hash.name] }

    /// The index named `name`, if the table has it.
    package func index(named name: String) -> Index? { indexes.first { $0.name == name } }

    /// The stored bytes of a key value (strings as UTF-8, binary as is, numbers as ordered bytes).
    package static func bytes(of value: DynamoDBValue) -> Data {
        switch value {
        case let .string(text): Data(text.utf8)
        case let .binary(bytes): Data(bytes)
        case let .number(number): Data(number.orderedKeyBytes)
        default: Data()
        }
    }

    /// The stored key of a complete item (PutItem), with DynamoDB's messages for missing, mistyped, empty or
    /// oversized key attributes.
    package func storedKey(ofItem item: DynamoDBItem) throws(AWSServiceError) -> DynamoDBStoredKey {
        func part(_ attribute: Attribute, isHash: Bool) throws(AWSServiceError) -> Data {
            guard let value = item[attribute.name] else {
                throw DynamoDBFailure.invalidParameter("Missing the key \(attribute.name) in the item")
            }
            return try keyBytes(value, attribute, isHash: isHash)
        }
        let hashBytes = try part(hash, isHash: true)
        guard let range else { return DynamoDBStoredKey(hash: hashBytes) }
        return DynamoDBStoredKey(hash: hashBytes, range: try part(range, isHash: false))
    }

    /// The stored key of a `Key` parameter: exactly the key attributes with the right types, else "The provided
    /// key element does not match the schema".
    package func storedKey(ofKey key: DynamoDBItem) throws(AWSServiceError) -> DynamoDBStoredKey {
        guard key.count == keyNames.count, let hashValue = key[hash.name] else { throw DynamoDBFailure.keyMismatch() }
        guard hashValue.typeName == hash.type else { throw DynamoDBFailure.keyMismatch() }
        let hashBytes = try keyBytes(hashValue, hash, isHash: true)
        guard let range else { return DynamoDBStoredKey(hash: hashBytes) }
        guard let rangeValue = key[range.name], rangeValue.typeName == range.type else {
            throw DynamoDBFailure.keyMismatch()
        }
        return DynamoDBStoredKey(hash: hashBytes, range: try keyBytes(rangeValue, range, isHash: false))
    }

    /// The key attributes of an item (what `LastEvaluatedKey`, `UnprocessedKeys` and ALL_OLD keys show).
    package func key(of item: DynamoDBItem, index: Index? = nil) -> DynamoDBItem {
        let names = index?.keyNames(table: self) ?? keyNames
        var key: DynamoDBItem = [:]
        for name in names { key[name] = item[name] }
        return key
    }

    /// Checks one key value: type, non-empty, size.
    private func keyBytes(_ value: DynamoDBValue, _ attribute: Attribute, isHash: Bool) throws(AWSServiceError) -> Data {
        guard value.typeName == attribute.type else {
            throw DynamoDBFailure.invalidParameter(
                "Type mismatch for key \(attribute.name) expected: \(attribute.type) actual: \(value.typeName)")
        }
        let bytes = Self.bytes(of: value)
        switch value {
        case let .string(text) where text.isEmpty:
            throw .validation(
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: \(attribute.name)")
        case let .binary(data) where data.isEmpty:
            throw .validation(
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: \(attribute.name)")
        default: break
        }
        let size = value.sizeInBytes
        if isHash, size > Self.maximumHashKeySize {
            throw DynamoDBFailure.invalidParameter("Size of hashkey has exceeded the maximum size limit of2048 bytes")
        }
        if !isHash, size > Self.maximumRangeKeySize {
            throw DynamoDBFailure.invalidParameter("Aggregated size of all range keys has exceeded the size limit of 1024 bytes")
        }
        return bytes
    }

    /// The index entries of an item: one per index whose key attributes the item has, with DynamoDB's messages
    /// for index key attributes of the wrong type or empty.
    package func indexEntries(of item: DynamoDBItem) throws(AWSServiceError) -> [DynamoDBIndexEntry] {
        var entries: [DynamoDBIndexEntry] = []
        for index in indexes {
            var parts: [Data] = []
            for attribute in [index.hash] + (index.range.map { [$0] } ?? []) {
                guard let value = item[attribute.name] else { break }
                guard value.typeName == attribute.type else {
                    throw DynamoDBFailure.invalidParameter(
                        "Type mismatch for Index Key \(attribute.name) Expected: \(attribute.type) Actual: \(value.typeName) IndexName: \(index.name)")
                }
                switch value {
                case let .string(text) where text.isEmpty:
                    throw .validation(
                        "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: \(index.name), IndexKey: \(attribute.name)")
                case let .binary(data) where data.isEmpty:
                    throw .validation(
                        "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty binary value. IndexName: \(index.name), IndexKey: \(attribute.name)")
                default: break
                }
                parts.append(Self.bytes(of: value))
            }
            guard parts.count == (index.range == nil ? 1 : 2) else { continue }
            entries.append(DynamoDBIndexEntry(indexName: index.name, hash: parts[0], range: parts.count > 1 ? parts[1] : Data()))
        }
        return entries
    }

    /// The read position an `ExclusiveStartKey` names, for the table or `index`.
    package func position(of startKey: DynamoDBItem, index: Index?) throws(AWSServiceError) -> DynamoDBItemPosition {
        func invalid() -> AWSServiceError {
            .validation("The provided starting key is invalid: The provided key element does not match the schema")
        }
        let names = index?.keyNames(table: self) ?? keyNames
        guard startKey.count == names.count, names.allSatisfy({ startKey[$0] != nil }) else { throw invalid() }
        let tableKey: DynamoDBStoredKey
        do {
            tableKey = try storedKey(ofKey: key(of: startKey))
        } catch {
            throw invalid()
        }
        guard let index else { return DynamoDBItemPosition(key: tableKey) }
        guard let entry = try? indexEntries(of: startKey).first(where: { $0.indexName == index.name }) else {
            throw invalid()
        }
        return DynamoDBItemPosition(indexHash: entry.hash, indexRange: entry.range, key: tableKey)
    }
}
