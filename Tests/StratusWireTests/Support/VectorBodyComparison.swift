import OrderedCollections
import Foundation
import StratusJSON
@testable import StratusWire

/// Compares message bodies by meaning, as the vectors README prescribes.
enum VectorBodyComparison {
    /// `nil` when `actual` means the same as `expected`, else why not.
    /// - `json`: parsed values (key order and whitespace ignored, numbers by value);
    /// - `xml`: element trees (whitespace-only text between elements, attribute order and declaration ignored;
    ///   namespaces kept). An AWS Query server always appends `ResponseMetadata` to the response root; vectors
    ///   written for clients omit it, so it is ignored when `expected` has none;
    /// - `form`: decoded pairs, order-insensitive; anything else byte for byte.
    static func difference(actual: [UInt8], expected: String, mediaType: String) -> String? {
        if expected.isEmpty { return actual.isEmpty ? nil : "expected an empty body, got \(text(actual))" }
        switch mediaType {
        case "json":
            guard let left = try? JSONValue.parse(actual) else { return "body is not JSON: \(text(actual))" }
            guard let right = try? JSONValue.parse(expected) else { return "expected body is not JSON" }
            return jsonEqual(left, right) ? nil : "JSON \(text(actual)) ≠ \(expected)"
        case "xml":
            guard var left = try? XMLElement.parse(actual) else { return "body is not XML: \(text(actual))" }
            guard let right = try? XMLElement.parse(expected) else { return "expected body is not XML" }
            if right.child(named: "ResponseMetadata") == nil {
                left.children.removeAll {
                    if case .element(let element) = $0 { return element.name == "ResponseMetadata" }
                    return false
                }
            }
            return xmlEqual(left, right) ? nil : "XML \(text(actual)) ≠ \(expected)"
        case "form":
            let left = AWSQueryForm(Substring(text(actual))).pairs.map { "\($0.key)=\($0.value)" }.sorted()
            let right = AWSQueryForm(Substring(expected)).pairs.map { "\($0.key)=\($0.value)" }.sorted()
            return left == right ? nil : "form \(left) ≠ \(right)"
        default:
            return actual == Array(expected.utf8) ? nil : "bytes \(text(actual)) ≠ \(expected)"
        }
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    static func jsonEqual(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.number(let a), .number(let b)): return a.doubleValue == b.doubleValue
        case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy(jsonEqual)
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { jsonEqual(value, $0) } ?? false }
        default: return left == right
        }
    }

    static func xmlEqual(_ left: XMLElement, _ right: XMLElement) -> Bool {
        guard left.name == right.name else { return false }
        let leftAttributes = left.attributes.map { "\($0.name)=\($0.value)" }.sorted()
        let rightAttributes = right.attributes.map { "\($0.name)=\($0.value)" }.sorted()
        guard leftAttributes == rightAttributes else { return false }
        let leftChildren = significant(left.children)
        let rightChildren = significant(right.children)
        guard leftChildren.count == rightChildren.count else { return false }
        for (a, b) in zip(leftChildren, rightChildren) {
            switch (a, b) {
            case (.element(let x), .element(let y)): if !xmlEqual(x, y) { return false }
            case (.text(let x), .text(let y)): if x != y { return false }
            default: return false
            }
        }
        return true
    }

    private static func significant(_ nodes: [XMLNode]) -> [XMLNode] {
        let hasElements = nodes.contains { if case .element = $0 { return true } else { return false } }
        var result: [XMLNode] = []
        for node in nodes {
            if case .text(let text) = node {
                if hasElements && text.allSatisfy(\.isWhitespace) { continue }
                if case .text(let previous)? = result.last {
                    result[result.count - 1] = .text(previous + text)
                    continue
                }
            }
            result.append(node)
        }
        return result
    }
}
