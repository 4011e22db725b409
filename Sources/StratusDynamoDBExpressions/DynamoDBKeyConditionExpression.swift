// A parsed KeyConditionExpression: the partition key value and the optional sort key condition of a Query.

/// A parsed `KeyConditionExpression`, checked against a key schema.
///
/// Guarantees: the partition key is compared with `=` to a value and the sort key has at most one condition of
/// the allowed kinds; otherwise ``parse(_:names:values:hashKey:rangeKey:)`` throws DynamoDB's message.
package struct DynamoDBKeyConditionExpression: Sendable, Hashable {
    /// The partition key's name.
    package let hashKeyName: String
    /// The partition key value to query.
    package let hashKeyValue: DynamoDBValue
    /// The condition on the sort key, if any.
    package let sortKeyCondition: DynamoDBSortKeyCondition?
    /// The `#name` placeholders the expression used.
    package let usedNames: Set<String>
    /// The `:value` placeholders the expression used.
    package let usedValues: Set<String>

    /// Parses a key condition and checks it against the table's or index's key schema.
    ///
    /// - Parameters:
    ///   - hashKey: the partition key attribute of the table or index queried.
    ///   - rangeKey: its sort key attribute, if it has one.
    package static func parse(
        _ text: String, names: [String: String]?, values: [String: DynamoDBValue]?, hashKey: String,
        rangeKey: String?
    ) throws(DynamoDBValidationError) -> DynamoDBKeyConditionExpression {
        let parsed = try DynamoDBConditionExpression.parse(text, names: names, values: values, kind: .keyCondition)
        var conditions: [String: DynamoDBSortKeyCondition] = [:]
        var order: [String] = []
        try collect(parsed.condition, into: &conditions, order: &order)
        guard let hash = conditions[hashKey] else {
            throw DynamoDBValidationError(message: "Query condition missed key schema element: \(hashKey)")
        }
        guard case let .compare(.equal, hashValue) = hash.kind else {
            throw DynamoDBValidationError(message: "Query key condition not supported")
        }
        let others = order.filter { $0 != hashKey }
        if others.count > 1 {
            throw DynamoDBValidationError(message: "Conditions can be of length 1 or 2 only")
        }
        var sortCondition: DynamoDBSortKeyCondition?
        if let other = others.first {
            guard let rangeKey else { throw DynamoDBValidationError(message: "Query key condition not supported") }
            guard other == rangeKey else {
                throw DynamoDBValidationError(message: "Query condition missed key schema element: \(rangeKey)")
            }
            sortCondition = conditions[other]
        }
        return DynamoDBKeyConditionExpression(
            hashKeyName: hashKey, hashKeyValue: hashValue, sortKeyCondition: sortCondition,
            usedNames: parsed.usedNames, usedValues: parsed.usedValues)
    }

    static func error(_ message: String) -> DynamoDBValidationError {
        DynamoDBValidationError(message: message)
    }

    /// Walks the condition as DynamoDB does, reporting the first shape error met.
    static func collect(
        _ condition: DynamoDBCondition, into conditions: inout [String: DynamoDBSortKeyCondition],
        order: inout [String]
    ) throws(DynamoDBValidationError) {
        let invalidOperator = "Invalid operator used in KeyConditionExpression: "
        let operands: [DynamoDBConditionOperand]
        switch condition {
        case let .and(left, right):
            try collect(left, into: &conditions, order: &order)
            try collect(right, into: &conditions, order: &order)
            return
        case .or: throw error(invalidOperator + "OR")
        case .not: throw error(invalidOperator + "NOT")
        case .isIn: throw error(invalidOperator + "IN")
        case .compare(_, .notEqual, _): throw error(invalidOperator + "<>")
        case .attributeExists: throw error(invalidOperator + "attribute_exists")
        case .attributeNotExists: throw error(invalidOperator + "attribute_not_exists")
        case .attributeType: throw error(invalidOperator + "attribute_type")
        case .contains: throw error(invalidOperator + "contains")
        case let .compare(left, _, right):
            operands = [left, right]
        case let .between(operand, lower, upper):
            guard case .path = operand else {
                throw error(
                    "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its "
                        + "first operand")
            }
            operands = [operand, lower, upper]
        case let .beginsWith(operand, prefix):
            guard case .path = operand else {
                throw error(
                    "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as "
                        + "its first operand")
            }
            operands = [operand, prefix]
        }
        var attribute: String?
        var attributeIndex = 0
        var values: [DynamoDBValue] = []
        for (index, operand) in operands.enumerated() {
            switch operand {
            case let .path(path):
                if attribute != nil {
                    throw error("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition")
                }
                if !path.isTopLevel {
                    throw error("KeyConditionExpressions cannot have conditions on nested attributes")
                }
                attribute = path.topLevelAttribute
                attributeIndex = index
            case .size:
                throw error("KeyConditionExpressions cannot contain nested operations")
            case let .value(value):
                values.append(value)
            }
        }
        guard let attribute else {
            throw error("Invalid condition in KeyConditionExpression: No key attribute specified")
        }
        if conditions[attribute] != nil {
            throw error("KeyConditionExpressions must only contain one condition per key")
        }
        let kind: DynamoDBSortKeyCondition.Kind
        switch condition {
        case let .compare(_, comparator, _):
            kind = .compare(attributeIndex == 0 ? comparator : comparator.mirrored, values[0])
        case .between:
            kind = .between(values[0], values[1])
        default:
            kind = .beginsWith(values[0])
        }
        conditions[attribute] = DynamoDBSortKeyCondition(name: attribute, kind: kind)
        order.append(attribute)
    }
}
