// DynamoDBAttributeJSONReader: attribute maps and values read straight from JSON bytes (the request fast paths).
import StratusDynamoDBExpressions
import StratusJSON

/// Reads DynamoDB attribute maps (`Item`, `Key`) and values from JSON bytes into the values DynamoDB stores, for the
/// request bodies read without the generic path (``DynamoDBPutItemBody``, ``DynamoDBGetItemBody``).
///
/// Guarantees: a map or value is answered only if the generic path decodes it, model validation passes it and
/// ``DynamoDBValue/item(wire:)`` accepts it, and it is the value that function builds; anything else answers `nil`
/// (escapes in strings, binary values `B`/`BS`, duplicate names, values without exactly one type, invalid numbers or
/// sets, `NULL: false`, nesting deeper than ``maximumNesting``), so the generic path decides and words the answer.
enum DynamoDBAttributeJSONReader {
    /// The deepest nesting of maps and lists read here (deeper values take the generic path, well before the generic
    /// reader's or DynamoDB's own limits).
    static let maximumNesting = 16

    /// Reads `body` as one JSON object (whitespace around it allowed), handing each member name to `member`, which
    /// reads the value and answers whether it took it. `true` only if every member was taken and nothing follows.
    static func readBody(
        _ body: [UInt8], member: (inout JSONByteCursor, UnsafeBufferPointer<UInt8>) -> Bool
    ) -> Bool {
        body.withUnsafeBufferPointer { buffer in
            var cursor = JSONByteCursor(bytes: buffer)
            cursor.skipWhitespace()
            let read = cursor.readObject(member)
            cursor.skipWhitespace()
            return read && cursor.isAtEnd
        }
    }

    /// A `TableName` member's value as model validation accepts it (a string of 1 to 1,024 bytes), else `nil`.
    static func readTableName(_ cursor: inout JSONByteCursor) -> String? {
        guard let name = cursor.readString(), !name.isEmpty, name.utf8.count <= 1024 else { return nil }
        return name
    }

    /// An attribute map (`Item`, or the content of `M`): names to values, each name once.
    static func readMap(_ cursor: inout JSONByteCursor, nesting: Int) -> DynamoDBItem? {
        guard cursor.peek == UInt8(ascii: "{") else { return nil }
        var map: DynamoDBItem = [:]
        let read = cursor.readObject { cursor, key in
            guard key.count <= 65_535, let name = JSONByteCursor.text(of: key), map[name] == nil,
                let value = readValue(&cursor, nesting: nesting)
            else { return false }
            map[name] = value
            return true
        }
        return read ? map : nil
    }

    /// One `AttributeValue`: an object with exactly one of the types read here.
    private static func readValue(_ cursor: inout JSONByteCursor, nesting: Int) -> DynamoDBValue? {
        guard cursor.peek == UInt8(ascii: "{") else { return nil }
        var value: DynamoDBValue?
        let read = cursor.readObject { cursor, key in
            guard value == nil else { return false }
            value = readTyped(&cursor, type: key, nesting: nesting)
            return value != nil
        }
        return read ? value : nil
    }

    /// The value of type `type` (the member name of an `AttributeValue`) at the cursor.
    private static func readTyped(
        _ cursor: inout JSONByteCursor, type: UnsafeBufferPointer<UInt8>, nesting: Int
    ) -> DynamoDBValue? {
        if isKey(type, "S") { return cursor.readString().map { .string($0) } }
        if isKey(type, "N") {
            guard let text = cursor.readString() else { return nil }
            return (try? DynamoDBNumber(text)).map { .number($0) }
        }
        if isKey(type, "BOOL") {
            if cursor.readLiteral("true") { return .bool(true) }
            return cursor.readLiteral("false") ? .bool(false) : nil
        }
        if isKey(type, "NULL") { return cursor.readLiteral("true") ? .null : nil }
        if isKey(type, "SS") {
            guard let members = readStrings(&cursor) else { return nil }
            let set = DynamoDBValue.stringSet(members)
            return (try? set.validate()) != nil ? set : nil
        }
        if isKey(type, "NS") {
            guard let members = readStrings(&cursor) else { return nil }
            return try? DynamoDBValue.numberSet(parsing: members)
        }
        guard nesting < maximumNesting else { return nil }
        if isKey(type, "M") { return readMap(&cursor, nesting: nesting + 1).map { .map($0) } }
        if isKey(type, "L") {
            guard cursor.peek == UInt8(ascii: "[") else { return nil }
            var elements: [DynamoDBValue] = []
            let read = cursor.readArray { cursor in
                guard let element = readValue(&cursor, nesting: nesting + 1) else { return false }
                elements.append(element)
                return true
            }
            return read ? .list(elements) : nil
        }
        return nil
    }

    /// A JSON array of strings (the members of `SS` and `NS`).
    private static func readStrings(_ cursor: inout JSONByteCursor) -> [String]? {
        guard cursor.peek == UInt8(ascii: "[") else { return nil }
        var members: [String] = []
        let read = cursor.readArray { cursor in
            guard let member = cursor.readString() else { return false }
            members.append(member)
            return true
        }
        return read ? members : nil
    }

    /// Whether the raw key bytes are `name`.
    static func isKey(_ key: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        guard key.count == name.utf8CodeUnitCount else { return false }
        return name.withUTF8Buffer { expected in key.elementsEqual(expected) }
    }
}
