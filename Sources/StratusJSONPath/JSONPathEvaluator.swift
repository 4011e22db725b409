import OrderedCollections
import StratusJSON

/// Walks compiled segments over a value (Jayway semantics).
enum JSONPathEvaluator {
    /// Every node the segments select from `start`, in document order; absent members and out-of-range indexes
    /// select nothing. A trailing multi-name union yields one object of the names present.
    static func select(_ segments: [JSONPath.Segment], from start: JSONValue, root: JSONValue) -> [JSONValue] {
        var results: [JSONValue] = []
        walk(segments[...], node: start, root: root, into: &results)
        return results
    }

    private static func walk(_ segments: ArraySlice<JSONPath.Segment>, node: JSONValue, root: JSONValue, into results: inout [JSONValue]) {
        guard let segment = segments.first else {
            results.append(node)
            return
        }
        let rest = segments.dropFirst()
        switch segment {
        case .property(let name):
            if let value = node[name] { walk(rest, node: value, root: root, into: &results) }
        case .properties(let names):
            guard case .object(let members) = node else { return }
            if rest.isEmpty {
                var merged = OrderedDictionary<String, JSONValue>()
                for name in names { if let value = members[name] { merged[name] = value } }
                results.append(.object(merged))
            } else {
                for name in names { if let value = members[name] { walk(rest, node: value, root: root, into: &results) } }
            }
        case .index(let index):
            guard case .array(let elements) = node else { return }
            let effective = index < 0 ? elements.count + index : index
            if elements.indices.contains(effective) { walk(rest, node: elements[effective], root: root, into: &results) }
        case .indexes(let indexes):
            guard case .array(let elements) = node else { return }
            for index in indexes {
                let effective = index < 0 ? elements.count + index : index
                if elements.indices.contains(effective) { walk(rest, node: elements[effective], root: root, into: &results) }
            }
        case .slice(let start, let end):
            guard case .array(let elements) = node else { return }
            let count = elements.count
            func clamp(_ value: Int) -> Int { max(0, min(count, value < 0 ? count + value : value)) }
            let from = clamp(start ?? 0), to = clamp(end ?? count)
            if from < to { for element in elements[from..<to] { walk(rest, node: element, root: root, into: &results) } }
        case .wildcard:
            switch node {
            case .array(let elements): for element in elements { walk(rest, node: element, root: root, into: &results) }
            case .object(let members): for value in members.values { walk(rest, node: value, root: root, into: &results) }
            default: return
            }
        case .filter(let filter):
            switch node {
            case .array(let elements):
                for element in elements where filter.holds(for: element, root: root) {
                    walk(rest, node: element, root: root, into: &results)
                }
            case .object:
                if filter.holds(for: node, root: root) { walk(rest, node: node, root: root, into: &results) }
            default: return
            }
        case .recursiveDescent:
            scan(rest, node: node, root: root, into: &results)
        }
    }

    /// Deep scan: applies `segments` to `node` and then to every descendant, in document order.
    private static func scan(_ segments: ArraySlice<JSONPath.Segment>, node: JSONValue, root: JSONValue, into results: inout [JSONValue]) {
        switch node {
        case .array(let elements):
            walk(segments, node: node, root: root, into: &results)
            for element in elements where element.isContainer { scan(segments, node: element, root: root, into: &results) }
        case .object(let members):
            walk(segments, node: node, root: root, into: &results)
            for value in members.values where value.isContainer { scan(segments, node: value, root: root, into: &results) }
        default:
            return
        }
    }
}
