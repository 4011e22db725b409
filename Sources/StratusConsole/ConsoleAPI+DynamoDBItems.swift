import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusJSON
import StratusServiceKit

/// The items of a DynamoDB table, one page at a time, for the console's item grid (`GET dynamodb/items`).
extension ConsoleAPI {
    /// Most items one page asks for when the request names no `limit`.
    static let defaultItemsLimit = 100
    /// Largest `limit` a page may ask for.
    static let maximumItemsLimit = 1000

    /// One page of the table `table` (or of its secondary index `index`): a `Scan`, or with a non-empty `partition` a
    /// `Query` of
    /// the items whose partition key (of the table, or of the index) equals that value, typed as the table's
    /// `AttributeDefinitions` declare the key (`S`, `N`, or `B` as base64).
    ///
    /// The answer is `{"items": [...], "lastEvaluatedKey": {...}?, "count": n, "scannedCount": n}`, items and key as
    /// the DynamoDB JSON protocol writes them (`{"S": "text"}`, `{"N": "1.5"}`, `{"B": "<base64>"}`…);
    /// `lastEvaluatedKey` is absent on the last page.
    /// - Throws: ``RequestError`` (400 `ValidationException`) when `table` is missing, `limit` is not an integer from
    ///   1 to 1000, `start` is not the JSON text of an attribute-value map (a previous answer's `lastEvaluatedKey`),
    ///   or, with `partition`, `index` is not one of the table's or `partition` is not base64 for a binary key; the
    ///   service's errors otherwise (`ResourceNotFoundException` for an unknown table, `ValidationException` for a
    ///   `partition` that is not a number for a number key or a `start` that is not the table's key).
    func dynamoDBItems(_ parameters: [String: String], context: RequestContext) async throws -> JSONValue {
        let table = try required("table", parameters)
        let limit = try Self.itemsLimit(parameters["limit"])
        let start = try parameters["start"].flatMap { $0.isEmpty ? nil : try Self.exclusiveStartKey($0) }
        let index = parameters["index"].flatMap { $0.isEmpty ? nil : $0 }
        let client = dynamoDBClient(context)
        let page: AWSValue
        if let partition = parameters["partition"], !partition.isEmpty {
            let description = try await client.describeTable(DynamoDB.DescribeTableInput(tableName: table)).table
            let (keyName, keyValue) = try Self.partitionKey(partition, of: description, index: index)
            var input = DynamoDB.QueryInput(tableName: table, indexName: index, limit: limit)
            input.exclusiveStartKey = start
            input.keyConditionExpression = "#partition = :partition"
            input.expressionAttributeNames = ["#partition": keyName]
            input.expressionAttributeValues = [":partition": keyValue]
            page = try await client.query(input).awsValue
        } else {
            page = try await client.scan(
                DynamoDB.ScanInput(tableName: table, indexName: index, limit: limit, exclusiveStartKey: start)).awsValue
        }
        var answer: [(String, JSONValue)] = [("items", page[member: "Items"]?.jsonValue ?? [])]
        if let lastKey = page[member: "LastEvaluatedKey"] { answer.append(("lastEvaluatedKey", lastKey.jsonValue)) }
        answer.append(("count", page[member: "Count"]?.jsonValue ?? 0))
        answer.append(("scannedCount", page[member: "ScannedCount"]?.jsonValue ?? 0))
        return .object(.init(answer, uniquingKeysWith: { first, _ in first }))
    }

    /// The page size asked for by the `limit` parameter: ``defaultItemsLimit`` when absent or empty.
    /// - Throws: ``RequestError`` naming `limit` unless it is an integer from 1 to ``maximumItemsLimit``.
    static func itemsLimit(_ text: String?) throws(RequestError) -> Int {
        guard let text, !text.isEmpty else { return defaultItemsLimit }
        guard let limit = Int(text), (1...maximumItemsLimit).contains(limit) else {
            throw .badRequest("The query parameter limit must be an integer from 1 to \(maximumItemsLimit), not \"\(text)\".")
        }
        return limit
    }

    /// The `ExclusiveStartKey` written as JSON text in the `start` parameter (a previous answer's `lastEvaluatedKey`).
    /// - Throws: ``RequestError`` naming `start` unless it is a non-empty JSON object of DynamoDB attribute values.
    static func exclusiveStartKey(_ text: String) throws(RequestError) -> [String: DynamoDB.AttributeValue] {
        let malformed = RequestError.badRequest(
            "The query parameter start must be the JSON of a previous page's lastEvaluatedKey, such as {\"pk\":{\"S\":\"a\"}}.")
        guard let json = try? JSONValue.parse(text), case .object(let members) = json, !members.isEmpty else {
            throw malformed
        }
        var key: [String: DynamoDB.AttributeValue] = [:]
        for (name, member) in members {
            guard let value = attributeValue(member) else { throw malformed }
            key[name] = value
        }
        return key
    }

    /// The attribute value that `json` writes in DynamoDB JSON (`{"S": "a"}`, `{"N": "1"}`, `{"B": "<base64>"}`,
    /// sets, `M`, `L`, `NULL`, `BOOL`), or `nil` when it is not one.
    static func attributeValue(_ json: JSONValue) -> DynamoDB.AttributeValue? {
        guard case .object(let members) = json, members.count == 1, let (type, value) = members.elements.first else {
            return nil
        }
        let strings = value.arrayValue.map { elements in elements.compactMap { $0.stringValue } }
        let allStrings = strings.flatMap { $0.count == value.arrayValue?.count ? $0 : nil }
        switch type {
        case "S": return value.stringValue.map { DynamoDB.AttributeValue(s: $0) }
        case "N": return value.stringValue.map { DynamoDB.AttributeValue(n: $0) }
        case "B": return value.stringValue.flatMap { Data(base64Encoded: $0) }.map { DynamoDB.AttributeValue(b: $0) }
        case "SS": return allStrings.map { DynamoDB.AttributeValue(ss: $0) }
        case "NS": return allStrings.map { DynamoDB.AttributeValue(ns: $0) }
        case "BS":
            let blobs = allStrings?.compactMap { Data(base64Encoded: $0) }
            return blobs.flatMap { $0.count == allStrings?.count ? DynamoDB.AttributeValue(bs: $0) : nil }
        case "M":
            guard case .object(let entries) = value else { return nil }
            var map: [String: DynamoDB.AttributeValue] = [:]
            for (name, entry) in entries {
                guard let converted = attributeValue(entry) else { return nil }
                map[name] = converted
            }
            return DynamoDB.AttributeValue(m: map)
        case "L":
            guard let elements = value.arrayValue else { return nil }
            let list = elements.compactMap(attributeValue)
            return list.count == elements.count ? DynamoDB.AttributeValue(l: list) : nil
        case "NULL": return value.boolValue == true ? DynamoDB.AttributeValue(null: true) : nil
        case "BOOL": return value.boolValue.map { DynamoDB.AttributeValue(bool: $0) }
        default: return nil
        }
    }

    /// The partition key name of the table `description` (or of its index `index`) and `text` as that key's type.
    /// - Throws: ``RequestError`` when the index is not the table's, or `text` is not base64 for a binary key.
    static func partitionKey(_ text: String, of description: DynamoDB.TableDescription?, index: String?)
        throws(RequestError) -> (String, DynamoDB.AttributeValue)
    {
        var schema = description?.keySchema ?? []
        if let index {
            let indexes = (description?.globalSecondaryIndexes ?? []).map { ($0.indexName, $0.keySchema) }
                + (description?.localSecondaryIndexes ?? []).map { ($0.indexName, $0.keySchema) }
            guard let found = indexes.first(where: { $0.0 == index }) else {
                throw .badRequest("The table has no index named \(index).")
            }
            schema = found.1 ?? []
        }
        guard let name = schema.first(where: { $0.keyType.rawValue == "HASH" })?.attributeName else {
            throw .badRequest("The table's partition key is unknown.")
        }
        let type = description?.attributeDefinitions?.first { $0.attributeName == name }?.attributeType.rawValue
        switch type {
        case "N": return (name, DynamoDB.AttributeValue(n: text))
        case "B":
            guard let data = Data(base64Encoded: text) else {
                throw .badRequest("The query parameter partition must be base64 for the binary key \(name).")
            }
            return (name, DynamoDB.AttributeValue(b: data))
        default: return (name, DynamoDB.AttributeValue(s: text))
        }
    }
}
