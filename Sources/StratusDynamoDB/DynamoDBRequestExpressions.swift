import StratusAPIDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit

/// The expression parameters of one request: its `ExpressionAttributeNames` and `ExpressionAttributeValues`,
/// the expressions parsed against them, and DynamoDB's checks that span the request (names or values given
/// without expressions, empty maps, placeholders no expression used, legacy and expression parameters mixed).
///
/// Guarantees: every check throws `ValidationException` with DynamoDB's message; nothing here reads an item.
package struct DynamoDBRequestExpressions {
    /// The request's `ExpressionAttributeNames`.
    package let names: [String: String]?
    /// The request's `ExpressionAttributeValues`, checked and converted.
    package let values: [String: DynamoDBValue]?
    private(set) var usedNames: Set<String> = []
    private(set) var usedValues: Set<String> = []

    /// Reads the maps of a request. `hasExpressions` says whether the request has any expression parameter.
    package init(
        names: [String: String]?, values: [String: DynamoDB.AttributeValue]?, hasExpressions: Bool
    ) throws(AWSServiceError) {
        if names != nil, !hasExpressions {
            throw .validation("ExpressionAttributeNames can only be specified when using expressions")
        }
        if values != nil, !hasExpressions {
            throw .validation("ExpressionAttributeValues can only be specified when using expressions")
        }
        self.names = names
        var converted: [String: DynamoDBValue]?
        if let values {
            var result: [String: DynamoDBValue] = [:]
            for key in values.keys.sorted() {
                do {
                    result[key] = try DynamoDBValue(wire: values[key]!)
                } catch {
                    throw .validation(
                        "ExpressionAttributeValues contains invalid value: \(error.message ?? "") for key \(key)")
                }
            }
            converted = result
        }
        self.values = converted
        do {
            try DynamoDBExpressionAttributes.validate(names: names, values: converted)
        } catch {
            throw .validation(error.message)
        }
    }

    /// Throws DynamoDB's error for a request that mixes legacy (`nonExpression`) and expression parameters.
    package static func checkNotMixed(nonExpression: [String], expression: [String]) throws(AWSServiceError) {
        guard !nonExpression.isEmpty, !expression.isEmpty else { return }
        throw .validation(
            "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {\(nonExpression.joined(separator: ", "))} Expression parameters: {\(expression.joined(separator: ", "))}")
    }

    /// Parses a condition or filter expression, remembering the placeholders it used.
    package mutating func condition(_ text: String, kind: DynamoDBExpressionKind) throws(AWSServiceError)
        -> DynamoDBConditionExpression
    {
        do {
            let parsed = try DynamoDBConditionExpression.parse(text, names: names, values: values, kind: kind)
            usedNames.formUnion(parsed.usedNames)
            usedValues.formUnion(parsed.usedValues)
            return parsed
        } catch {
            throw .validation(error.message)
        }
    }

    /// Records placeholders used by an expression parsed elsewhere.
    package mutating func use(names: Set<String>, values: Set<String>) {
        usedNames.formUnion(names)
        usedValues.formUnion(values)
    }

    /// Parses a projection expression, remembering the names it used.
    package mutating func projection(_ text: String) throws(AWSServiceError) -> [DynamoDBDocumentPath] {
        do {
            let parsed = try DynamoDBProjectionExpression.parse(text, names: names)
            usedNames.formUnion(parsed.usedNames)
            return parsed.paths
        } catch {
            throw .validation(error.message)
        }
    }

    /// Parses an update expression, remembering the placeholders it used.
    package mutating func update(_ text: String) throws(AWSServiceError) -> DynamoDBUpdateExpression {
        do {
            let parsed = try DynamoDBUpdateExpression.parse(text, names: names, values: values)
            usedNames.formUnion(parsed.usedNames)
            usedValues.formUnion(parsed.usedValues)
            return parsed
        } catch {
            throw .validation(error.message)
        }
    }

    /// Parses a key condition against the partition and sort key of the table or index queried.
    package mutating func keyCondition(_ text: String, hashKey: String, rangeKey: String?) throws(AWSServiceError)
        -> DynamoDBKeyConditionExpression
    {
        do {
            let parsed = try DynamoDBKeyConditionExpression.parse(
                text, names: names, values: values, hashKey: hashKey, rangeKey: rangeKey)
            usedNames.formUnion(parsed.usedNames)
            usedValues.formUnion(parsed.usedValues)
            return parsed
        } catch {
            throw .validation(error.message)
        }
    }

    /// Throws DynamoDB's error when a name or value placeholder was not used by any expression.
    package func checkAllUsed() throws(AWSServiceError) {
        do {
            try DynamoDBExpressionAttributes.checkAllUsed(
                names: names, values: values, usedNames: usedNames, usedValues: usedValues)
        } catch {
            throw .validation(error.message)
        }
    }
}
