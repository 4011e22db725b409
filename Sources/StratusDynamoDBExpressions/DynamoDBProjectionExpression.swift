// A parsed ProjectionExpression, and projecting items onto it.

/// A parsed `ProjectionExpression`: the document paths to return.
///
/// Guarantees: the paths neither overlap nor conflict (DynamoDB rejects that); projection keeps the item's
/// structure: nested map keys stay under their parents and list elements picked by index come back as a list in
/// index order, without the elements not asked for.
package struct DynamoDBProjectionExpression: Sendable, Hashable {
    /// The paths, in the order written.
    package let paths: [DynamoDBDocumentPath]
    /// The `#name` placeholders the expression used.
    package let usedNames: Set<String>

    /// Parses and checks a projection expression (values play no part in projections).
    package static func parse(
        _ text: String, names: [String: String]?
    ) throws(DynamoDBValidationError) -> DynamoDBProjectionExpression {
        try DynamoDBExpressionParser.checkNotEmpty(text, kind: .projection)
        var parser = DynamoDBExpressionParser(kind: .projection, text: text, names: names, values: nil)
        var paths: [DynamoDBDocumentPath] = []
        do {
            repeat {
                if !paths.isEmpty { try parser.expectPunctuation(",") }
                paths.append(try parser.parsePath(keywords: []))
            } while parser.current.kind != .end
        } catch {
            throw parser.failureError(error)
        }
        parser.checkPathsDoNotOverlap(paths)
        try parser.throwDiagnostics(in: [.reservedWord, .undefinedName, .pathOverlap, .pathConflict])
        return DynamoDBProjectionExpression(paths: paths, usedNames: parser.usedNames)
    }

    /// The top-level attributes the projection reads.
    package var topLevelAttributes: Set<String> {
        Set(paths.map(\.topLevelAttribute))
    }

    /// The item restricted to the projection's paths.
    package func project(_ item: DynamoDBItem) -> DynamoDBItem {
        Self.project(item, paths: paths)
    }

    /// An item restricted to the given paths (paths that do not resolve are left out, and so are maps and lists
    /// left with nothing in them by that).
    package static func project(_ item: DynamoDBItem, paths: [DynamoDBDocumentPath]) -> DynamoDBItem {
        let tree = ProjectionNode(paths: paths.map { ArraySlice($0.elements) })
        var result: DynamoDBItem = [:]
        for (name, child) in tree.attributes {
            if let value = item[name], let projected = child.extract(from: value) {
                result[name] = projected
            }
        }
        return result
    }
}

/// The requested paths as a tree.
private struct ProjectionNode {
    var isLeaf = false
    var attributes: [String: ProjectionNode] = [:]
    var indexes: [Int: ProjectionNode] = [:]

    init() {}

    init(paths: [ArraySlice<DynamoDBDocumentPath.Element>]) {
        for path in paths { insert(path) }
    }

    mutating func insert(_ path: ArraySlice<DynamoDBDocumentPath.Element>) {
        guard let first = path.first else {
            isLeaf = true
            return
        }
        switch first {
        case let .attribute(name): attributes[name, default: ProjectionNode()].insert(path.dropFirst())
        case let .index(index): indexes[index, default: ProjectionNode()].insert(path.dropFirst())
        }
    }

    func extract(from value: DynamoDBValue) -> DynamoDBValue? {
        if isLeaf { return value }
        switch value {
        case let .map(entries) where !attributes.isEmpty:
            var projected: [String: DynamoDBValue] = [:]
            for (name, child) in attributes {
                if let entry = entries[name], let part = child.extract(from: entry) { projected[name] = part }
            }
            return projected.isEmpty ? nil : .map(projected)
        case let .list(values) where !indexes.isEmpty:
            var projected: [DynamoDBValue] = []
            for index in indexes.keys.sorted() where index < values.count {
                if let part = indexes[index]!.extract(from: values[index]) { projected.append(part) }
            }
            return projected.isEmpty ? nil : .list(projected)
        default:
            return nil
        }
    }
}
