// Writing parsed PartiQL parts as DynamoDB expressions with placeholders.

/// Renders conditions, update actions and projections as expression text in which every attribute name is a
/// `#nN` placeholder and every value a `:vN` placeholder, collecting the `ExpressionAttributeNames` and
/// `ExpressionAttributeValues` they need.
///
/// Guarantees: parsing the text with the collected maps (``DynamoDBConditionExpression/parse(_:names:values:kind:)``
/// and friends) gives back the same tree up to the grouping of chains of one associative operator (`a OR b OR c`);
/// parentheses are written only where precedence needs them (DynamoDB rejects redundant ones); every name and
/// value placeholder collected is used by the text rendered with it, so one renderer per request passes
/// DynamoDB's unused-placeholder check.
package struct DynamoDBPartiQLRenderer: Sendable {
    /// `#nN` placeholder → attribute name.
    package private(set) var names: [String: String] = [:]
    /// `:vN` placeholder → value.
    package private(set) var values: [String: DynamoDBValue] = [:]
    private var placeholderOfName: [String: String] = [:]

    /// An empty renderer.
    package init() {}

    /// The names map, or nil when empty (DynamoDB rejects an empty map).
    package var namesOrNil: [String: String]? { names.isEmpty ? nil : names }

    /// The values map, or nil when empty.
    package var valuesOrNil: [String: DynamoDBValue]? { values.isEmpty ? nil : values }

    /// The placeholder for an attribute name (one per distinct name).
    package mutating func name(_ name: String) -> String {
        if let existing = placeholderOfName[name] { return existing }
        let placeholder = "#n\(names.count)"
        names[placeholder] = name
        placeholderOfName[name] = placeholder
        return placeholder
    }

    /// A fresh placeholder for a value.
    package mutating func value(_ value: DynamoDBValue) -> String {
        let placeholder = ":v\(values.count)"
        values[placeholder] = value
        return placeholder
    }

    /// A document path: `#n0.#n1[2]`.
    package mutating func path(_ path: DynamoDBDocumentPath) -> String {
        var text = ""
        for element in path.elements {
            switch element {
            case let .attribute(attribute):
                if !text.isEmpty { text += "." }
                text += name(attribute)
            case let .index(index):
                text += "[\(index)]"
            }
        }
        return text
    }

    /// A projection expression.
    package mutating func projection(_ paths: [DynamoDBDocumentPath]) -> String {
        var parts: [String] = []
        for path in paths { parts.append(self.path(path)) }
        return parts.joined(separator: ", ")
    }

    /// A condition expression.
    package mutating func condition(_ condition: DynamoDBCondition) -> String {
        render(condition, context: .or)
    }

    /// How tightly a position binds: OR < AND < NOT.
    private enum Precedence: Int, Comparable {
        case or, and, not

        static func < (left: Precedence, right: Precedence) -> Bool { left.rawValue < right.rawValue }
    }

    private mutating func render(_ condition: DynamoDBCondition, context: Precedence) -> String {
        switch condition {
        case let .or(left, right):
            let text = render(left, context: .or) + " OR " + render(right, context: .or)
            return context > .or ? "(\(text))" : text
        case let .and(left, right):
            let text = render(left, context: .and) + " AND " + render(right, context: .and)
            return context > .and ? "(\(text))" : text
        case let .not(inner):
            return "NOT " + render(inner, context: .not)
        case let .compare(left, comparator, right):
            return operand(left) + " \(comparator.rawValue) " + operand(right)
        case let .between(subject, lower, upper):
            return operand(subject) + " BETWEEN " + operand(lower) + " AND " + operand(upper)
        case let .isIn(subject, members):
            var parts: [String] = []
            for member in members { parts.append(operand(member)) }
            return operand(subject) + " IN (" + parts.joined(separator: ", ") + ")"
        case let .attributeExists(path):
            return "attribute_exists(\(self.path(path)))"
        case let .attributeNotExists(path):
            return "attribute_not_exists(\(self.path(path)))"
        case let .attributeType(subject, type):
            return "attribute_type(\(operand(subject)), \(operand(type)))"
        case let .beginsWith(subject, prefix):
            return "begins_with(\(operand(subject)), \(operand(prefix)))"
        case let .contains(subject, member):
            return "contains(\(operand(subject)), \(operand(member)))"
        }
    }

    private mutating func operand(_ operand: DynamoDBConditionOperand) -> String {
        switch operand {
        case let .path(path): self.path(path)
        case let .value(value): self.value(value)
        case let .size(inner): "size(\(self.operand(inner)))"
        }
    }

    /// An update expression: `SET … REMOVE … ADD … DELETE …` sections in that order, actions in written order.
    package mutating func update(_ actions: [DynamoDBUpdateAction]) -> String {
        var sets: [String] = []
        var removes: [String] = []
        var adds: [String] = []
        var deletes: [String] = []
        for action in actions {
            switch action {
            case let .set(path, value): sets.append(self.path(path) + " = " + updateOperand(value, nested: false))
            case let .remove(path): removes.append(self.path(path))
            case let .add(path, value): adds.append(self.path(path) + " " + self.value(value))
            case let .delete(path, value): deletes.append(self.path(path) + " " + self.value(value))
            }
        }
        var sections: [String] = []
        if !sets.isEmpty { sections.append("SET " + sets.joined(separator: ", ")) }
        if !removes.isEmpty { sections.append("REMOVE " + removes.joined(separator: ", ")) }
        if !adds.isEmpty { sections.append("ADD " + adds.joined(separator: ", ")) }
        if !deletes.isEmpty { sections.append("DELETE " + deletes.joined(separator: ", ")) }
        return sections.joined(separator: " ")
    }

    private mutating func updateOperand(_ operand: DynamoDBUpdateOperand, nested: Bool) -> String {
        switch operand {
        case let .path(path): return self.path(path)
        case let .value(value): return self.value(value)
        case let .ifNotExists(path, fallback):
            return "if_not_exists(\(self.path(path)), \(updateOperand(fallback, nested: false)))"
        case let .listAppend(first, second):
            return "list_append(\(updateOperand(first, nested: false)), \(updateOperand(second, nested: false)))"
        case let .plus(left, right):
            let text = updateOperand(left, nested: true) + " + " + updateOperand(right, nested: true)
            return nested ? "(\(text))" : text
        case let .minus(left, right):
            let text = updateOperand(left, nested: true) + " - " + updateOperand(right, nested: true)
            return nested ? "(\(text))" : text
        }
    }
}
