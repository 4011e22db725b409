// The sort key part of a Query's key condition.

/// The condition on a sort key in a Query.
package struct DynamoDBSortKeyCondition: Sendable, Hashable {
    /// The kinds of sort key condition DynamoDB allows.
    package enum Kind: Sendable, Hashable {
        /// `key <op> value` with `=`, `<`, `<=`, `>` or `>=` (never `<>`), key on the left.
        case compare(DynamoDBComparator, DynamoDBValue)
        /// `key BETWEEN lower AND upper`.
        case between(DynamoDBValue, DynamoDBValue)
        /// `begins_with(key, prefix)`.
        case beginsWith(DynamoDBValue)
    }

    /// The sort key attribute's name.
    package var name: String
    /// The condition.
    package var kind: Kind

    /// Whether a sort key value satisfies the condition (values of another type never do).
    package func matches(_ value: DynamoDBValue) -> Bool {
        switch kind {
        case let .compare(comparator, operand):
            return DynamoDBConditionEvaluator.compare(value, comparator, operand)
        case let .between(lower, upper):
            guard let low = DynamoDBValueOrdering.compare(value, lower),
                let high = DynamoDBValueOrdering.compare(value, upper)
            else { return false }
            return low >= 0 && high <= 0
        case let .beginsWith(prefix):
            switch (value, prefix) {
            case let (.string(text), .string(start)): return text.utf8.starts(with: start.utf8)
            case let (.binary(bytes), .binary(start)): return bytes.starts(with: start)
            default: return false
            }
        }
    }

    /// The values the condition compares with (for type checks against the key schema).
    package var operands: [DynamoDBValue] {
        switch kind {
        case let .compare(_, value), let .beginsWith(value): [value]
        case let .between(lower, upper): [lower, upper]
        }
    }
}
