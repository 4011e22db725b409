// A parsed UpdateExpression, and its application to an item.

/// A parsed `UpdateExpression`.
///
/// Guarantees: ``parse(_:names:values:)`` either returns checked actions whose paths neither overlap nor conflict,
/// or throws DynamoDB's message for the first problem DynamoDB would report; ``apply(to:itemExists:)`` computes
/// every SET value from the item as it was before the update (as DynamoDB does), and either returns the whole new
/// item or throws without a partial result.
package struct DynamoDBUpdateExpression: Sendable, Hashable {
    /// The actions in the order written.
    package let actions: [DynamoDBUpdateAction]
    /// The `#name` placeholders the expression used.
    package let usedNames: Set<String>
    /// The `:value` placeholders the expression used.
    package let usedValues: Set<String>

    /// Parses and checks an update expression.
    package static func parse(
        _ text: String, names: [String: String]?, values: [String: DynamoDBValue]?
    ) throws(DynamoDBValidationError) -> DynamoDBUpdateExpression {
        try DynamoDBExpressionParser.checkNotEmpty(text, kind: .update)
        var parser = DynamoDBExpressionParser(kind: .update, text: text, names: names, values: values)
        let actions: [DynamoDBUpdateAction]
        do {
            actions = try parser.parseWholeUpdate()
        } catch {
            throw parser.failureError(error)
        }
        try parser.throwDiagnostics(in: [
            .reservedWord, .unknownFunction, .duplicateSection, .undefinedName, .undefinedValue, .pathOverlap,
            .pathConflict, .operandType, .misusedFunction, .functionOperand,
        ])
        return DynamoDBUpdateExpression(actions: actions, usedNames: parser.usedNames, usedValues: parser.usedValues)
    }

    /// The top-level attributes the expression writes (for DynamoDB's "Cannot update attribute p. This attribute
    /// is part of the key" check).
    package var writtenTopLevelAttributes: Set<String> {
        Set(actions.map(\.path.topLevelAttribute))
    }

    /// Applies the actions to an item.
    ///
    /// - Parameters:
    ///   - item: the item before the update (for a new item: its key attributes).
    ///   - itemExists: whether the item existed; DynamoDB ignores `REMOVE x.y` on a missing item but rejects it on
    ///     an existing item without `x`.
    /// - Throws: DynamoDB's messages: "The provided expression refers to an attribute that does not exist in the
    ///   item", "An operand in the update expression has an incorrect data type", "The document path provided in
    ///   the update expression is invalid for update", number overflow errors from arithmetic, and the nesting
    ///   error of ``DynamoDBValue/validate()`` when a written value would nest more than 32 levels.
    package func apply(
        to item: DynamoDBItem, itemExists: Bool = true
    ) throws(DynamoDBValidationError) -> DynamoDBUpdateResult {
        var applier = DynamoDBUpdateApplier(original: item, itemExists: itemExists)
        let updated = try applier.apply(actions)
        var changed: Set<String> = []
        for name in Set(item.keys).union(updated.keys) where item[name] != updated[name] {
            changed.insert(name)
            // Writing a document below a path can nest it past DynamoDB's 32 levels.
            try updated[name]?.validate()
        }
        return DynamoDBUpdateResult(item: updated, updatedPaths: actions.map(\.path), changedAttributes: changed)
    }
}
