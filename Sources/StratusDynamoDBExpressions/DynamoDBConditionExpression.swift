// A parsed ConditionExpression or FilterExpression, and its evaluation against an item.

/// A parsed `ConditionExpression` or `FilterExpression`.
///
/// Guarantees: ``parse(_:names:values:kind:)`` either returns a fully checked condition or throws DynamoDB's
/// `ValidationException` text for the first problem DynamoDB would report (syntax first, then its own order of
/// semantic errors); evaluation follows DynamoDB's typing rules (a comparison of different types is false, a
/// missing attribute is unequal to everything).
package struct DynamoDBConditionExpression: Sendable, Hashable {
    /// The condition tree.
    package let condition: DynamoDBCondition
    /// The `#name` placeholders the expression used.
    package let usedNames: Set<String>
    /// The `:value` placeholders the expression used.
    package let usedValues: Set<String>

    /// Parses and checks an expression.
    ///
    /// - Parameters:
    ///   - text: the expression.
    ///   - names: the request's `ExpressionAttributeNames` (nil when absent).
    ///   - values: the request's `ExpressionAttributeValues` (nil when absent).
    ///   - kind: which parameter the text came from (`.condition` or `.filter`), for the messages.
    package static func parse(
        _ text: String, names: [String: String]?, values: [String: DynamoDBValue]?,
        kind: DynamoDBExpressionKind = .condition
    ) throws(DynamoDBValidationError) -> DynamoDBConditionExpression {
        try DynamoDBExpressionParser.checkNotEmpty(text, kind: kind)
        var parser = DynamoDBExpressionParser(kind: kind, text: text, names: names, values: values)
        let condition: DynamoDBCondition
        do {
            condition = try parser.parseWholeCondition()
        } catch {
            throw parser.failureError(error)
        }
        try parser.throwDiagnostics(in: [
            .redundantParentheses, .unknownFunction, .misusedFunction, .reservedWord, .undefinedReference,
            .operandCount, .distinctOperands, .operandType,
        ])
        return DynamoDBConditionExpression(
            condition: condition, usedNames: parser.usedNames, usedValues: parser.usedValues)
    }

    /// Whether the item satisfies the condition (an absent item is the empty item).
    ///
    /// DynamoDB reports no evaluation errors for conditions (type mismatches are simply false), so this throws
    /// only if a future rule needs it; callers handle it like any ValidationException.
    package func evaluate(on item: DynamoDBItem) throws(DynamoDBValidationError) -> Bool {
        DynamoDBConditionEvaluator(item: item).evaluate(condition)
    }

    /// The top-level attribute names the condition reads (for DynamoDB's rule that a Query filter may not use
    /// key attributes).
    package var topLevelAttributes: Set<String> {
        var names: Set<String> = []
        DynamoDBConditionEvaluator.collectAttributes(condition, into: &names)
        return names
    }
}
