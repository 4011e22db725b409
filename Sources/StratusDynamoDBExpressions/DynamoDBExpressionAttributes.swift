// Request-level checks of ExpressionAttributeNames and ExpressionAttributeValues.

/// DynamoDB's checks on a request's placeholder maps, before and after its expressions are parsed.
package enum DynamoDBExpressionAttributes {
    /// Checks the maps themselves: not empty when present, keys of the form `#name` / `:value`, values valid.
    ///
    /// Messages: "ExpressionAttributeNames must not be empty", "ExpressionAttributeNames contains invalid key:
    /// Syntax error; key: \"a\"", the same for ExpressionAttributeValues, and "ExpressionAttributeValues contains
    /// invalid value: <reason> for key :v".
    package static func validate(
        names: [String: String]?, values: [String: DynamoDBValue]?
    ) throws(DynamoDBValidationError) {
        if let names {
            if names.isEmpty { throw DynamoDBValidationError(message: "ExpressionAttributeNames must not be empty") }
            for key in names.keys.sorted() where !isPlaceholder(key, sigil: "#") {
                throw DynamoDBValidationError(
                    message: "ExpressionAttributeNames contains invalid key: Syntax error; key: \"\(key)\"")
            }
        }
        if let values {
            if values.isEmpty { throw DynamoDBValidationError(message: "ExpressionAttributeValues must not be empty") }
            for key in values.keys.sorted() where !isPlaceholder(key, sigil: ":") {
                throw DynamoDBValidationError(
                    message: "ExpressionAttributeValues contains invalid key: Syntax error; key: \"\(key)\"")
            }
            for key in values.keys.sorted() {
                do {
                    try values[key]!.validate()
                } catch {
                    throw DynamoDBValidationError(
                        message: "ExpressionAttributeValues contains invalid value: \(error.message) for key \(key)")
                }
            }
        }
    }

    /// Checks that every placeholder supplied was used by one of the request's expressions.
    ///
    /// Messages (names first, keys sorted): "Value provided in ExpressionAttributeNames unused in expressions:
    /// keys: {#a, #b}", "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}".
    package static func checkAllUsed(
        names: [String: String]?, values: [String: DynamoDBValue]?, usedNames: Set<String>, usedValues: Set<String>
    ) throws(DynamoDBValidationError) {
        let unusedNames = (names ?? [:]).keys.filter { !usedNames.contains($0) }.sorted()
        if !unusedNames.isEmpty {
            throw DynamoDBValidationError(
                message: "Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + unusedNames.joined(separator: ", ") + "}")
        }
        let unusedValues = (values ?? [:]).keys.filter { !usedValues.contains($0) }.sorted()
        if !unusedValues.isEmpty {
            throw DynamoDBValidationError(
                message: "Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + unusedValues.joined(separator: ", ") + "}")
        }
    }

    /// Whether a key is the sigil followed by one or more letters, digits or underscores.
    static func isPlaceholder(_ key: String, sigil: Character) -> Bool {
        guard key.first == sigil, key.count > 1 else { return false }
        return key.utf8.dropFirst().allSatisfy(DynamoDBExpressionLexer.isWordByte)
    }
}
