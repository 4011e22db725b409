// A document path into an item: `a.b[2].c`, with expression attribute names already substituted.

/// A path from an item's top-level attribute through nested maps and lists.
///
/// Guarantees: never empty; the first element is always an attribute name; `description` is DynamoDB's rendering
/// in messages, e.g. `[a, b, [2], c]`.
package struct DynamoDBDocumentPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    package enum Element: Sendable, Hashable {
        /// A map key (or, first, a top-level attribute name).
        case attribute(String)
        /// A list index.
        case index(Int)
    }

    /// The steps, first the top-level attribute.
    package var elements: [Element]

    /// A path of the given steps; the first must be an attribute.
    package init(_ elements: [Element]) {
        precondition(!elements.isEmpty, "a document path has at least one element")
        self.elements = elements
    }

    /// A path naming one top-level attribute.
    package init(attribute name: String) {
        self.elements = [.attribute(name)]
    }

    /// The top-level attribute the path starts at.
    package var topLevelAttribute: String {
        guard case let .attribute(name) = elements[0] else { preconditionFailure("a path starts with an attribute") }
        return name
    }

    /// Whether the path names a top-level attribute only.
    package var isTopLevel: Bool { elements.count == 1 }

    /// DynamoDB's rendering: `[a, b, [2], c]`.
    package var description: String {
        "[" + elements.map { element in
            switch element {
            case let .attribute(name): name
            case let .index(index): "[\(index)]"
            }
        }.joined(separator: ", ") + "]"
    }

    /// The value at this path in an item, or nil when any step is missing or of the wrong kind.
    package func value(in item: DynamoDBItem) -> DynamoDBValue? {
        guard var current = item[topLevelAttribute] else { return nil }
        for element in elements.dropFirst() {
            switch (element, current) {
            case let (.attribute(name), .map(entries)):
                guard let next = entries[name] else { return nil }
                current = next
            case let (.index(index), .list(values)):
                guard index < values.count else { return nil }
                current = values[index]
            default:
                return nil
            }
        }
        return current
    }

    /// How two paths relate, by DynamoDB's rules for paths in one expression.
    package enum Relation: Sendable, Equatable {
        /// Neither is a prefix of the other and they never disagree on a step's kind.
        case independent
        /// One is a prefix of (or equal to) the other.
        case overlap
        /// At some shared step one goes through a map key and the other through a list index.
        case conflict
    }

    /// DynamoDB's relation between two paths (`a` and `a.b` overlap; `a.b` and `a[1]` conflict).
    package func relation(to other: DynamoDBDocumentPath) -> Relation {
        for (mine, theirs) in zip(elements, other.elements) {
            switch (mine, theirs) {
            case let (.attribute(a), .attribute(b)):
                if a != b { return .independent }
            case let (.index(a), .index(b)):
                if a != b { return .independent }
            default:
                return .conflict
            }
        }
        return .overlap
    }
}
