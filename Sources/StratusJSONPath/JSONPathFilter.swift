import StratusJSON

/// A compiled filter predicate (`[?(…)]`) in Jayway's syntax.
///
/// Guarantees: supports `@`-relative and `$`-rooted paths, literals (numbers, `'strings'`, `"strings"`, `true`,
/// `false`, `null`), the comparisons `==`, `!=`, `<`, `<=`, `>`, `>=`, bare paths as existence tests, `!`, `&&`,
/// `||` and parentheses. Comparisons between different types are false (never an error); `<`-style comparisons
/// apply to two numbers or two strings only. Other Jayway operators (`=~`, `in`, `nin`, `size`, …) are rejected
/// when the path is compiled.
public indirect enum JSONPathFilter: Sendable, Hashable {
    /// A path relative to the current node (`@…`) or the document root (`$…`); as a predicate, "exists".
    case path(relative: Bool, segments: [JSONPath.Segment])
    /// A literal value.
    case literal(JSONValue)
    /// A comparison.
    case comparison(Comparison, JSONPathFilter, JSONPathFilter)
    /// Logical negation.
    case not(JSONPathFilter)
    /// Both hold.
    case and(JSONPathFilter, JSONPathFilter)
    /// Either holds.
    case or(JSONPathFilter, JSONPathFilter)

    /// A comparison operator.
    public enum Comparison: String, Sendable, Hashable {
        /// `==`
        case equal = "=="
        /// `!=`
        case notEqual = "!="
        /// `<`
        case less = "<"
        /// `<=`
        case lessOrEqual = "<="
        /// `>`
        case greater = ">"
        /// `>=`
        case greaterOrEqual = ">="
    }

    /// Whether the filter holds for `node` (with `root` the document `$` refers to).
    func holds(for node: JSONValue, root: JSONValue) -> Bool {
        switch self {
        case .path(let relative, let segments):
            return !JSONPathEvaluator.select(segments, from: relative ? node : root, root: root).isEmpty
        case .literal(let value):
            if case .bool(let flag) = value { return flag }
            return !value.isNull
        case .not(let inner):
            return !inner.holds(for: node, root: root)
        case .and(let left, let right):
            return left.holds(for: node, root: root) && right.holds(for: node, root: root)
        case .or(let left, let right):
            return left.holds(for: node, root: root) || right.holds(for: node, root: root)
        case .comparison(let comparison, let left, let right):
            // A side whose path selects nothing makes every comparison false.
            guard let lhs = left.operand(for: node, root: root), let rhs = right.operand(for: node, root: root) else {
                return false
            }
            return JSONPathFilter.compare(comparison, lhs, rhs)
        }
    }

    /// The value an operand stands for; `nil` when a path selects nothing.
    private func operand(for node: JSONValue, root: JSONValue) -> JSONValue? {
        switch self {
        case .literal(let value):
            return value
        case .path(let relative, let segments):
            let matches = JSONPathEvaluator.select(segments, from: relative ? node : root, root: root)
            if matches.isEmpty { return nil }
            let definite = segments.allSatisfy { if case .property = $0 { return true }; if case .index = $0 { return true }; return false }
            return definite ? matches[0] : .array(matches)
        default:
            return .bool(holds(for: node, root: root))
        }
    }

    private static func compare(_ comparison: Comparison, _ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch comparison {
        case .equal: return lhs == rhs
        case .notEqual: return lhs != rhs
        default: break
        }
        let order: Int
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            let x = a.doubleValue, y = b.doubleValue
            order = x < y ? -1 : (x > y ? 1 : 0)
        case (.string(let a), .string(let b)):
            order = a < b ? -1 : (a > b ? 1 : 0)
        default:
            return false
        }
        switch comparison {
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        case .equal, .notEqual: return false
        }
    }
}
