import StratusAPIDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit

/// DynamoDB's legacy (pre-expression) parameters — `Expected`, `AttributeUpdates`, `KeyConditions`,
/// `QueryFilter`, `ScanFilter` — rewritten as the equivalent expressions with generated placeholders, so they
/// are checked and evaluated by the same code as expressions.
///
/// Guarantees: the rewrite has the legacy parameter's meaning for the operators DynamoDB documents (EQ, NE, LE,
/// LT, GE, GT, NOT_NULL, NULL, CONTAINS, NOT_CONTAINS, BEGINS_WITH, IN, BETWEEN; PUT, ADD, DELETE); an operator
/// with the wrong number of values throws DynamoDB's message.
package struct DynamoDBLegacyParameters {
    /// The generated `ExpressionAttributeNames`.
    package private(set) var names: [String: String] = [:]
    /// The generated `ExpressionAttributeValues`.
    package private(set) var values: [String: DynamoDB.AttributeValue] = [:]
    private let prefix: String

    /// A rewriter whose placeholders start with `prefix` (distinct per parameter of one request).
    package init(prefix: String) { self.prefix = prefix }

    private mutating func name(_ attribute: String) -> String {
        let placeholder = "#\(prefix)\(names.count)"
        names[placeholder] = attribute
        return placeholder
    }

    private mutating func value(_ value: DynamoDB.AttributeValue) -> String {
        let placeholder = ":\(prefix)\(values.count)"
        values[placeholder] = value
        return placeholder
    }

    /// The placeholder maps as a request's expression context.
    package func expressions() throws(AWSServiceError) -> DynamoDBRequestExpressions {
        try DynamoDBRequestExpressions(
            names: names.isEmpty ? nil : names, values: values.isEmpty ? nil : values, hasExpressions: true)
    }

    /// `Expected` as a condition expression.
    package mutating func expected(
        _ expected: [String: DynamoDB.ExpectedAttributeValue], conditionalOperator: DynamoDB.ConditionalOperator?
    ) throws(AWSServiceError) -> String {
        var parts: [String] = []
        for attribute in expected.keys.sorted() {
            let entry = expected[attribute]!
            if let comparison = entry.comparisonOperator {
                if entry.value != nil {
                    throw .validation(
                        "One or more parameter values were invalid: Value and ComparisonOperator cannot be used together for Attribute: \(attribute)")
                }
                parts.append(try condition(attribute, comparison.rawValue, entry.attributeValueList ?? []))
            } else if entry.exists == false {
                if entry.value != nil {
                    throw .validation(
                        "One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: \(attribute)")
                }
                parts.append("attribute_not_exists(\(name(attribute)))")
            } else {
                guard let expectedValue = entry.value else {
                    throw .validation(
                        "One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: \(attribute)")
                }
                parts.append("\(name(attribute)) = \(value(expectedValue))")
            }
        }
        return try join(parts, conditionalOperator)
    }

    /// `QueryFilter`, `ScanFilter` or `KeyConditions` as a condition expression.
    package mutating func conditions(
        _ conditions: [String: DynamoDB.Condition], conditionalOperator: DynamoDB.ConditionalOperator?
    ) throws(AWSServiceError) -> String {
        var parts: [String] = []
        for attribute in conditions.keys.sorted() {
            let entry = conditions[attribute]!
            parts.append(try condition(attribute, entry.comparisonOperator.rawValue, entry.attributeValueList ?? []))
        }
        return try join(parts, conditionalOperator)
    }

    private func join(_ parts: [String], _ conditionalOperator: DynamoDB.ConditionalOperator?) throws(AWSServiceError)
        -> String
    {
        let joiner = conditionalOperator?.rawValue ?? "AND"
        guard joiner == "AND" || joiner == "OR" else {
            throw DynamoDBFailure.constraint(
                value: "'\(joiner)'", member: "conditionalOperator", "Member must satisfy enum value set: [OR, AND]")
        }
        return parts.map { "(\($0))" }.joined(separator: " \(joiner) ")
    }

    private mutating func condition(_ attribute: String, _ comparison: String, _ arguments: [DynamoDB.AttributeValue])
        throws(AWSServiceError) -> String
    {
        func arity(_ count: Int) throws(AWSServiceError) {
            guard arguments.count == count else {
                throw .validation(
                    "One or more parameter values were invalid: Invalid number of argument(s) for the \(comparison) ComparisonOperator")
            }
        }
        let path = name(attribute)
        switch comparison {
        case "EQ", "NE", "LE", "LT", "GE", "GT":
            try arity(1)
            let symbol = ["EQ": "=", "NE": "<>", "LE": "<=", "LT": "<", "GE": ">=", "GT": ">"][comparison]!
            return "\(path) \(symbol) \(value(arguments[0]))"
        case "NOT_NULL":
            try arity(0)
            return "attribute_exists(\(path))"
        case "NULL":
            try arity(0)
            return "attribute_not_exists(\(path))"
        case "CONTAINS":
            try arity(1)
            return "contains(\(path), \(value(arguments[0])))"
        case "NOT_CONTAINS":
            try arity(1)
            return "NOT contains(\(path), \(value(arguments[0])))"
        case "BEGINS_WITH":
            try arity(1)
            return "begins_with(\(path), \(value(arguments[0])))"
        case "IN":
            guard !arguments.isEmpty else { try arity(1); return "" }
            return "\(path) IN (\(arguments.map { value($0) }.joined(separator: ", ")))"
        case "BETWEEN":
            try arity(2)
            return "\(path) BETWEEN \(value(arguments[0])) AND \(value(arguments[1]))"
        default:
            throw DynamoDBFailure.constraint(
                value: "'\(comparison)'", member: "comparisonOperator",
                "Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]")
        }
    }

    /// `AttributeUpdates` as an update expression.
    package mutating func attributeUpdates(_ updates: [String: DynamoDB.AttributeValueUpdate]) throws(AWSServiceError)
        -> String
    {
        var sets: [String] = [], removes: [String] = [], adds: [String] = [], deletes: [String] = []
        for attribute in updates.keys.sorted() {
            let update = updates[attribute]!
            switch update.action?.rawValue ?? "PUT" {
            case "PUT":
                guard let newValue = update.value else {
                    throw .validation(
                        "One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified")
                }
                sets.append("\(name(attribute)) = \(value(newValue))")
            case "DELETE":
                if let members = update.value {
                    deletes.append("\(name(attribute)) \(value(members))")
                } else {
                    removes.append(name(attribute))
                }
            case "ADD":
                guard let amount = update.value else {
                    throw .validation(
                        "One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified")
                }
                if amount.l != nil {
                    let path = name(attribute)
                    sets.append("\(path) = list_append(if_not_exists(\(path), \(value(DynamoDB.AttributeValue(l: [])))), \(value(amount)))")
                } else {
                    adds.append("\(name(attribute)) \(value(amount))")
                }
            case let other:
                throw DynamoDBFailure.constraint(
                    value: "'\(other)'", member: "attributeUpdates.action", "Member must satisfy enum value set: [ADD, PUT, DELETE]")
            }
        }
        var clauses: [String] = []
        if !sets.isEmpty { clauses.append("SET " + sets.joined(separator: ", ")) }
        if !removes.isEmpty { clauses.append("REMOVE " + removes.joined(separator: ", ")) }
        if !adds.isEmpty { clauses.append("ADD " + adds.joined(separator: ", ")) }
        if !deletes.isEmpty { clauses.append("DELETE " + deletes.joined(separator: ", ")) }
        return clauses.joined(separator: " ")
    }
}
