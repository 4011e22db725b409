// Applies update actions to an item with DynamoDB's semantics.

/// Applies update actions: values come from the original item, list indexes refer to the original lists.
struct DynamoDBUpdateApplier {
    let original: DynamoDBItem
    let itemExists: Bool

    static let missingAttribute = DynamoDBValidationError(
        message: "The provided expression refers to an attribute that does not exist in the item")
    static let incorrectType = DynamoDBValidationError(
        message: "An operand in the update expression has an incorrect data type")
    static let invalidPath = DynamoDBValidationError(
        message: "The document path provided in the update expression is invalid for update")

    mutating func apply(_ actions: [DynamoDBUpdateAction]) throws(DynamoDBValidationError) -> DynamoDBItem {
        var writes: [(DynamoDBDocumentPath, DynamoDBValue)] = []
        var removals: [DynamoDBDocumentPath] = []
        for action in actions {
            switch action {
            case let .set(path, operand):
                writes.append((path, try evaluate(operand)))
            case let .add(path, value):
                writes.append((path, try added(value, to: path.value(in: original))))
            case let .delete(path, value):
                guard let current = path.value(in: original) else {
                    try checkParentExists(path)
                    continue
                }
                if let remaining = try deleted(value, from: current) {
                    writes.append((path, remaining))
                } else {
                    removals.append(path)
                }
            case let .remove(path):
                if try removalApplies(path) { removals.append(path) }
            }
        }
        var item = original
        // Sorted by path, so several appends to one list land in index order.
        for (path, value) in writes.sorted(by: { Self.precedes($0.0, $1.0) }) {
            try Self.write(value, at: path, in: &item)
        }
        // Last first, so removing a list element never shifts an index still to be removed.
        for path in removals.sorted(by: { Self.precedes($1, $0) }) {
            Self.remove(path, from: &item)
        }
        return item
    }

    func evaluate(_ operand: DynamoDBUpdateOperand) throws(DynamoDBValidationError) -> DynamoDBValue {
        switch operand {
        case let .path(path):
            guard let value = path.value(in: original) else { throw Self.missingAttribute }
            return value
        case let .value(value):
            return value
        case let .ifNotExists(path, fallback):
            if let value = path.value(in: original) { return value }
            return try evaluate(fallback)
        case let .listAppend(first, second):
            guard case let .list(head) = try evaluate(first), case let .list(tail) = try evaluate(second) else {
                throw Self.incorrectType
            }
            return .list(head + tail)
        case let .plus(first, second), let .minus(first, second):
            guard case let .number(left) = try evaluate(first), case let .number(right) = try evaluate(second) else {
                throw Self.incorrectType
            }
            if case .plus = operand { return .number(try left.adding(right)) }
            return .number(try left.subtracting(right))
        }
    }

    /// ADD: numbers are summed (a missing attribute counts as 0), sets are united.
    func added(_ value: DynamoDBValue, to current: DynamoDBValue?) throws(DynamoDBValidationError) -> DynamoDBValue {
        guard let current else { return value }
        switch (current, value) {
        case let (.number(a), .number(b)): return .number(try a.adding(b))
        case let (.stringSet(a), .stringSet(b)): return .stringSet(Self.union(a, b))
        case let (.numberSet(a), .numberSet(b)): return .numberSet(Self.union(a, b))
        case let (.binarySet(a), .binarySet(b)): return .binarySet(Self.union(a, b))
        default: throw Self.incorrectType
        }
    }

    /// DELETE: the set without the given members; nil when nothing is left (the attribute is removed).
    func deleted(_ value: DynamoDBValue, from current: DynamoDBValue) throws(DynamoDBValidationError) -> DynamoDBValue? {
        switch (current, value) {
        case let (.stringSet(a), .stringSet(b)):
            let rest = a.filter { !b.contains($0) }
            return rest.isEmpty ? nil : .stringSet(rest)
        case let (.numberSet(a), .numberSet(b)):
            let rest = a.filter { !b.contains($0) }
            return rest.isEmpty ? nil : .numberSet(rest)
        case let (.binarySet(a), .binarySet(b)):
            let rest = a.filter { !b.contains($0) }
            return rest.isEmpty ? nil : .binarySet(rest)
        default:
            throw Self.incorrectType
        }
    }

    static func union<Member: Hashable>(_ existing: [Member], _ added: [Member]) -> [Member] {
        var seen = Set(existing)
        var result = existing
        for member in added where seen.insert(member).inserted { result.append(member) }
        return result
    }

    /// Throws the invalid-path error when a nested path's parent is missing or not a container of the right kind.
    func checkParentExists(_ path: DynamoDBDocumentPath) throws(DynamoDBValidationError) {
        guard !path.isTopLevel else { return }
        let parent = DynamoDBDocumentPath(Array(path.elements.dropLast()))
        switch (parent.value(in: original), path.elements.last!) {
        case (.map?, .attribute), (.list?, .index): return
        default: throw Self.invalidPath
        }
    }

    /// Whether a REMOVE changes anything; throws for a path through a missing or wrong-kind parent of an
    /// existing item (DynamoDB ignores such paths when the item does not exist).
    func removalApplies(_ path: DynamoDBDocumentPath) throws(DynamoDBValidationError) -> Bool {
        if path.isTopLevel { return original[path.topLevelAttribute] != nil }
        do {
            try checkParentExists(path)
        } catch {
            if !itemExists { return false }
            throw error
        }
        return path.value(in: original) != nil
    }

    /// Path order: names by string, indexes numerically, a prefix first.
    static func precedes(_ left: DynamoDBDocumentPath, _ right: DynamoDBDocumentPath) -> Bool {
        for (a, b) in zip(left.elements, right.elements) {
            switch (a, b) {
            case let (.attribute(x), .attribute(y)) where x != y: return x < y
            case let (.index(x), .index(y)) where x != y: return x < y
            case (.attribute, .index): return true
            case (.index, .attribute): return false
            default: continue
            }
        }
        return left.elements.count < right.elements.count
    }

    /// Writes a value at a path: the parent must exist; a list index past the end appends.
    static func write(
        _ value: DynamoDBValue, at path: DynamoDBDocumentPath, in item: inout DynamoDBItem
    ) throws(DynamoDBValidationError) {
        let name = path.topLevelAttribute
        if path.isTopLevel {
            item[name] = value
            return
        }
        guard var root = item[name] else { throw invalidPath }
        try write(value, at: path.elements.dropFirst(), in: &root)
        item[name] = root
    }

    static func write(
        _ value: DynamoDBValue, at elements: ArraySlice<DynamoDBDocumentPath.Element>, in container: inout DynamoDBValue
    ) throws(DynamoDBValidationError) {
        let element = elements.first!
        let rest = elements.dropFirst()
        switch (element, container) {
        case let (.attribute(key), .map(entries)):
            var entries = entries
            if rest.isEmpty {
                entries[key] = value
            } else {
                guard var child = entries[key] else { throw invalidPath }
                try write(value, at: rest, in: &child)
                entries[key] = child
            }
            container = .map(entries)
        case let (.index(index), .list(values)):
            var values = values
            if rest.isEmpty {
                if index < values.count { values[index] = value } else { values.append(value) }
            } else {
                guard index < values.count else { throw invalidPath }
                var child = values[index]
                try write(value, at: rest, in: &child)
                values[index] = child
            }
            container = .list(values)
        default:
            throw invalidPath
        }
    }

    /// Removes the value at a path that is known to exist.
    static func remove(_ path: DynamoDBDocumentPath, from item: inout DynamoDBItem) {
        let name = path.topLevelAttribute
        if path.isTopLevel {
            item[name] = nil
            return
        }
        guard var root = item[name] else { return }
        remove(path.elements.dropFirst(), from: &root)
        item[name] = root
    }

    static func remove(_ elements: ArraySlice<DynamoDBDocumentPath.Element>, from container: inout DynamoDBValue) {
        let element = elements.first!
        let rest = elements.dropFirst()
        switch (element, container) {
        case let (.attribute(key), .map(entries)):
            var entries = entries
            if rest.isEmpty {
                entries[key] = nil
            } else if var child = entries[key] {
                remove(rest, from: &child)
                entries[key] = child
            }
            container = .map(entries)
        case let (.index(index), .list(values)) where index < values.count:
            var values = values
            if rest.isEmpty {
                values.remove(at: index)
            } else {
                var child = values[index]
                remove(rest, from: &child)
                values[index] = child
            }
            container = .list(values)
        default:
            return
        }
    }
}
