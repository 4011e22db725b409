// What a PartiQL WHERE says about the primary key.

/// Reads key attributes out of a WHERE condition, by DynamoDB's rules for PartiQL.
///
/// Guarantees: pure; only top-level attribute paths count as key attributes.
package enum DynamoDBPartiQLKeys {
    /// The `attribute = value` (or `value = attribute`) conjuncts at the top of a condition: what an AND chain pins.
    /// An attribute pinned twice keeps its first value (the condition itself then decides).
    package static func equalities(in condition: DynamoDBCondition) -> [String: DynamoDBValue] {
        switch condition {
        case let .and(left, right):
            return equalities(in: left).merging(equalities(in: right)) { first, _ in first }
        case let .compare(.path(path), .equal, .value(value)) where path.isTopLevel,
            let .compare(.value(value), .equal, .path(path)) where path.isTopLevel:
            return [path.topLevelAttribute: value]
        default:
            return [:]
        }
    }

    /// The values of `attribute` a condition limits it to, when it does (DynamoDB then reads only those partitions
    /// instead of scanning): `a = v`, `a IN [v, …]`, an OR of such on the same attribute, or an AND with at least
    /// one side that limits it. Nil when the condition can hold for other values too. Values keep their first
    /// written order, without repeats.
    package static func values(of attribute: String, in condition: DynamoDBCondition) -> [DynamoDBValue]? {
        let found: [DynamoDBValue]?
        switch condition {
        case let .compare(.path(path), .equal, .value(value)), let .compare(.value(value), .equal, .path(path)):
            found = path.isTopLevel && path.topLevelAttribute == attribute ? [value] : nil
        case let .isIn(.path(path), members) where path.isTopLevel && path.topLevelAttribute == attribute:
            var values: [DynamoDBValue] = []
            for member in members {
                guard case let .value(value) = member else { return nil }
                values.append(value)
            }
            found = values
        case let .or(left, right):
            guard let first = values(of: attribute, in: left), let second = values(of: attribute, in: right) else {
                return nil
            }
            found = first + second
        case let .and(left, right):
            let first = values(of: attribute, in: left)
            let second = values(of: attribute, in: right)
            if let first, let second {
                found = first.filter { second.contains($0) }
            } else {
                found = first ?? second
            }
        default:
            found = nil
        }
        guard let found else { return nil }
        var unique: [DynamoDBValue] = []
        for value in found where !unique.contains(value) { unique.append(value) }
        return unique
    }

    /// The conditions on `attribute` (the sort key) among the top-level AND conjuncts of a WHERE, in the forms a
    /// Query can narrow its range with: `=`, `<`, `<=`, `>`, `>=` against a value (either side), `BETWEEN` values,
    /// and `begins_with(attribute, value)`. The whole WHERE must still be applied as a filter.
    package static func sortKeyConditions(
        of attribute: String, in condition: DynamoDBCondition
    ) -> [DynamoDBSortKeyCondition] {
        func named(_ path: DynamoDBDocumentPath) -> Bool { path.isTopLevel && path.topLevelAttribute == attribute }
        switch condition {
        case let .and(left, right):
            return sortKeyConditions(of: attribute, in: left) + sortKeyConditions(of: attribute, in: right)
        case let .compare(.path(path), comparator, .value(value)) where named(path) && comparator != .notEqual:
            return [DynamoDBSortKeyCondition(name: attribute, kind: .compare(comparator, value))]
        case let .compare(.value(value), comparator, .path(path)) where named(path) && comparator != .notEqual:
            return [DynamoDBSortKeyCondition(name: attribute, kind: .compare(comparator.mirrored, value))]
        case let .between(.path(path), .value(lower), .value(upper)) where named(path):
            return [DynamoDBSortKeyCondition(name: attribute, kind: .between(lower, upper))]
        case let .beginsWith(.path(path), .value(prefix)) where named(path):
            return [DynamoDBSortKeyCondition(name: attribute, kind: .beginsWith(prefix))]
        default:
            return []
        }
    }
}
