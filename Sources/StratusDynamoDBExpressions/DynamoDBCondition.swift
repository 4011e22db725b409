// The parsed form of condition, filter and key-condition expressions.

/// An operand in a condition: a document path, a value from `ExpressionAttributeValues`, or `size(operand)`.
package indirect enum DynamoDBConditionOperand: Sendable, Hashable {
    /// The value at a path in the item (missing when the path does not resolve).
    case path(DynamoDBDocumentPath)
    /// A value supplied in `ExpressionAttributeValues`.
    case value(DynamoDBValue)
    /// `size(operand)`: a number, or missing for operands without a size.
    case size(DynamoDBConditionOperand)
}

/// The comparison operators.
package enum DynamoDBComparator: String, Sendable, Hashable, CaseIterable {
    /// `=`
    case equal = "="
    /// `<>`
    case notEqual = "<>"
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="

    /// The operator with its operands swapped (`a < b` ⇔ `b > a`).
    package var mirrored: DynamoDBComparator {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        }
    }
}

/// A parsed condition (the tree of a `ConditionExpression`, `FilterExpression` or `KeyConditionExpression`).
///
/// Guarantees: placeholders are already substituted; every function has the right operand count and kinds.
package indirect enum DynamoDBCondition: Sendable, Hashable {
    /// `a <op> b`.
    case compare(DynamoDBConditionOperand, DynamoDBComparator, DynamoDBConditionOperand)
    /// `a BETWEEN lower AND upper`.
    case between(DynamoDBConditionOperand, lower: DynamoDBConditionOperand, upper: DynamoDBConditionOperand)
    /// `a IN (b, c, …)`.
    case isIn(DynamoDBConditionOperand, [DynamoDBConditionOperand])
    /// `attribute_exists(path)`.
    case attributeExists(DynamoDBDocumentPath)
    /// `attribute_not_exists(path)`.
    case attributeNotExists(DynamoDBDocumentPath)
    /// `attribute_type(path, type)`.
    case attributeType(DynamoDBConditionOperand, DynamoDBConditionOperand)
    /// `begins_with(a, prefix)`.
    case beginsWith(DynamoDBConditionOperand, DynamoDBConditionOperand)
    /// `contains(a, b)`.
    case contains(DynamoDBConditionOperand, DynamoDBConditionOperand)
    /// `a AND b`.
    case and(DynamoDBCondition, DynamoDBCondition)
    /// `a OR b`.
    case or(DynamoDBCondition, DynamoDBCondition)
    /// `NOT a`.
    case not(DynamoDBCondition)
}
