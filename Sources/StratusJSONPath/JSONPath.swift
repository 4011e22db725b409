import StratusJSON

/// A compiled path in the JSONPath dialect of AWS Step Functions (Jayway JsonPath syntax).
///
/// Guarantees:
/// - Parsed once: evaluation walks the compiled ``segments`` and never re-reads the text.
/// - ``root`` says which data the path addresses: the state input (`$`), the Context object (`$$`) or a
///   variable (`$name`).
/// - ``isDefinite`` is `true` when the path can select at most one node (only names, single indexes and a
///   trailing multi-name union, which Jayway merges into one object); definite paths evaluate to that node and
///   fail when it is absent; indefinite paths evaluate to an array of every match (possibly empty).
/// - ``isReferencePath`` is `true` when the path is a Reference Path in AWS's sense: rooted at `$`, `$$` or a
///   variable, made of names and single indexes only (no `*`, `..`, `,`, `:`, `?`, `@`).
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// The data a path starts from.
    public enum Root: Sendable, Hashable {
        /// The input (`$`).
        case input
        /// The Context object (`$$`).
        case context
        /// A variable (`$name`).
        case variable(String)
    }

    /// One step of a path.
    public enum Segment: Sendable, Hashable {
        /// A member of an object (`.name`, `['name']`).
        case property(String)
        /// Several members (`['a','b']`); as the last segment Jayway returns them merged into one object.
        case properties([String])
        /// An array element; negative indexes count from the end (`[0]`, `[-1]`).
        case index(Int)
        /// Several array elements (`[0,2]`).
        case indexes([Int])
        /// A slice of an array, end exclusive (`[1:3]`, `[:2]`, `[-2:]`).
        case slice(start: Int?, end: Int?)
        /// Every member value or element (`.*`, `[*]`).
        case wildcard
        /// Elements (or the object itself) for which the filter holds (`[?(@.x > 1)]`).
        case filter(JSONPathFilter)
        /// Deep scan (`..`): applies the next segment to the node and every node below it.
        case recursiveDescent
    }

    /// The text as written (trimmed of surrounding whitespace).
    public let text: String
    /// The data the path starts from.
    public let root: Root
    /// The steps, in order.
    public let segments: [Segment]

    /// Compiles a path. Accepts `$`, `$$` and `$name` roots followed by Jayway segments.
    /// - Throws: ``JSONPathError`` with code ``JSONPathError/Code/syntax`` and a message naming the problem.
    public init(_ text: String) throws(JSONPathError) {
        var parser = JSONPathParser(text: text)
        let (root, segments) = try parser.parsePath()
        self.text = parser.trimmedText
        self.root = root
        self.segments = segments
        self.isDefinite = JSONPath.definite(segments)
        self.isReferencePath = JSONPath.reference(segments)
    }

    /// Compiles a Reference Path (single node only).
    /// - Parameters:
    ///   - allowContext: whether `$$…` is accepted (not for `ResultPath`).
    ///   - allowVariables: whether `$name…` is accepted (not for `ResultPath`).
    /// - Throws: ``JSONPathError`` with code ``JSONPathError/Code/syntax`` for bad text, or
    ///   ``JSONPathError/Code/notReferencePath`` when the path may select several nodes or uses a forbidden root.
    public static func referencePath(
        _ text: String, allowContext: Bool = true, allowVariables: Bool = true
    ) throws(JSONPathError) -> JSONPath {
        let path = try JSONPath(text)
        guard path.isReferencePath else {
            throw JSONPathError(code: .notReferencePath, message: "The value for the field must be a valid Reference Path: '\(path.text)'")
        }
        switch path.root {
        case .input: break
        case .context where !allowContext:
            throw JSONPathError(code: .notReferencePath, message: "The Reference Path '\(path.text)' must not refer to the Context object ($$)")
        case .variable where !allowVariables:
            throw JSONPathError(code: .notReferencePath, message: "The Reference Path '\(path.text)' must not refer to a variable")
        default: break
        }
        return path
    }

    /// `true` when the path selects at most one node (see the type's guarantees).
    public let isDefinite: Bool

    /// `true` when the path is a Reference Path: names and single indexes only.
    public let isReferencePath: Bool

    private static func definite(_ segments: [Segment]) -> Bool {
        for (offset, segment) in segments.enumerated() {
            switch segment {
            case .property, .index: continue
            case .properties: if offset != segments.count - 1 { return false }
            default: return false
            }
        }
        return true
    }

    private static func reference(_ segments: [Segment]) -> Bool {
        segments.allSatisfy { segment in
            switch segment {
            case .property, .index: return true
            default: return false
            }
        }
    }

    /// The path in Jayway's normalized bracket form, as AWS prints it in error messages: `$['a'][0]`.
    /// The root prints as `$` whatever it is (as Jayway does once AWS has resolved `$$` and variables).
    public var normalizedText: String {
        var result = "$"
        for segment in segments { result += segment.normalizedText }
        return result
    }

    /// The text as written.
    public var description: String { text }

    /// Paths are equal when their texts are.
    public static func == (lhs: JSONPath, rhs: JSONPath) -> Bool { lhs.text == rhs.text }

    /// Hashes the text.
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

extension JSONPath.Segment {
    /// Jayway's bracket notation of this segment.
    var normalizedText: String {
        switch self {
        case .property(let name): return "['\(name)']"
        case .properties(let names): return "[" + names.map { "'\($0)'" }.joined(separator: ",") + "]"
        case .index(let index): return "[\(index)]"
        case .indexes(let indexes): return "[" + indexes.map(String.init).joined(separator: ",") + "]"
        case .slice(let start, let end): return "[\(start.map(String.init) ?? ""):\(end.map(String.init) ?? "")]"
        case .wildcard: return "[*]"
        case .filter: return "[?]"
        case .recursiveDescent: return ".."
        }
    }
}
