import OrderedCollections
import StratusJSON

extension JSONPath {
    /// The value the path addresses, with Jayway's rules (which AWS follows).
    ///
    /// - Definite paths return the one node, or throw ``JSONPathError/Code/notFound`` with Jayway's detail:
    ///   `Missing property in path $['a']` when a member on the way is absent, `No results for path: $['a']['b']`
    ///   when the last step selects nothing (an absent last member or an index out of range), and
    ///   `Expected to find an object with property ['b'] in path $['a'] but found 'array'` when a name is applied
    ///   to a non-object.
    /// - Indefinite paths (with a wildcard, slice, union, filter or deep scan) return an array of every match,
    ///   possibly empty, and never fail for absent members or wrong types: AWS answered `$.items[*]`,
    ///   `$.items[1:]` and `$.item.items[1:5].itemValue` on `{}` with `[]` (recordings
    ///   `test_json_path_array_wildcard_or_slice_with_no_input`), as Jayway does with exceptions suppressed.
    /// - Throws: ``JSONPathError/Code/undefinedVariable`` for an unassigned `$name`.
    public func evaluate(_ input: JSONValue, scope: JSONPathScope = .empty) throws(JSONPathError) -> JSONValue {
        let start = try rootValue(input, scope: scope)
        if isDefinite { return try evaluateDefinite(start) }
        return .array(JSONPathEvaluator.select(segments, from: start, root: start))
    }

    /// Every node the path selects, in document order (empty when nothing matches; never throws for absent data).
    /// - Throws: ``JSONPathError/Code/undefinedVariable`` for an unassigned `$name`.
    public func select(_ input: JSONValue, scope: JSONPathScope = .empty) throws(JSONPathError) -> [JSONValue] {
        let start = try rootValue(input, scope: scope)
        return JSONPathEvaluator.select(segments, from: start, root: start)
    }

    /// Whether ``evaluate(_:scope:)`` would succeed (`IsPresent` in Choice rules). Never throws.
    public func isPresent(in input: JSONValue, scope: JSONPathScope = .empty) -> Bool {
        (try? evaluate(input, scope: scope)) != nil
    }

    private func notAnObject(_ name: String, at offset: Int, found node: JSONValue) -> JSONPathError {
        notAnObject(fragment: "['\(name)']", at: offset, found: node)
    }

    private func notAnObject(fragment: String, at offset: Int, found node: JSONValue) -> JSONPathError {
        JSONPathError(
            code: .notFound,
            message: "Expected to find an object with property \(fragment) in path \(prefixText(offset)) but found '\(node.typeName)'"
        )
    }

    private func notAnArray(_ index: Int, found node: JSONValue) -> JSONPathError {
        JSONPathError(
            code: .notFound,
            message: "Filter: [\(index)] can only be applied to arrays. Current context is: \(node.serializedString())"
        )
    }

    /// The node the root of the path refers to.
    public func rootValue(_ input: JSONValue, scope: JSONPathScope) throws(JSONPathError) -> JSONValue {
        switch root {
        case .input: return input
        case .context: return scope.context
        case .variable(let name):
            guard let value = scope.variables[name] else {
                throw JSONPathError(code: .undefinedVariable, message: "The variable '$\(name)' is not defined")
            }
            return value
        }
    }

    private func evaluateDefinite(_ start: JSONValue) throws(JSONPathError) -> JSONValue {
        var node = start
        for (offset, segment) in segments.enumerated() {
            switch segment {
            case .property(let name):
                guard case .object(let members) = node else { throw notAnObject(name, at: offset, found: node) }
                guard let value = members[name] else {
                    let isLast = offset == segments.count - 1
                    throw JSONPathError(
                        code: .notFound,
                        message: isLast ? "No results for path: \(normalizedText)" : "Missing property in path \(prefixText(offset + 1))"
                    )
                }
                node = value
            case .index(let index):
                guard case .array(let elements) = node else { throw notAnArray(index, found: node) }
                let effective = index < 0 ? elements.count + index : index
                guard elements.indices.contains(effective) else {
                    throw JSONPathError(code: .notFound, message: "No results for path: \(normalizedText)")
                }
                node = elements[effective]
            case .properties(let names):
                guard case .object(let members) = node else {
                    throw notAnObject(fragment: segment.normalizedText, at: offset, found: node)
                }
                var merged = OrderedDictionary<String, JSONValue>()
                for name in names { if let value = members[name] { merged[name] = value } }
                node = .object(merged)
            default:
                preconditionFailure("a definite path has only names, indexes and a trailing name union")
            }
        }
        return node
    }

    /// The normalized text of the first `count` segments (built only for error messages).
    private func prefixText(_ count: Int) -> String {
        segments.prefix(count).reduce("$") { $0 + $1.normalizedText }
    }
}
