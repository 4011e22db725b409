import OrderedCollections
import StratusJSON

/// EventBridge event patterns and SNS filter policies: the JSON documents that select events (or message attributes)
/// by their fields.
///
/// Guarantees: pure and deterministic. A pattern is an object whose keys name fields of the event; a nested object
/// matches a nested object, an array lists the matchers of which one must match (any element of an array value);
/// `$or` lists alternative patterns. Matchers: literals (strings, numbers compared numerically, booleans, null),
/// `prefix`, `suffix`, `equals-ignore-case`, `wildcard`, `anything-but` (a value, a list, or a `prefix`/`suffix`/
/// `equals-ignore-case` object), `numeric` (`=`, `<`, `<=`, `>`, `>=`, up to two comparisons), `exists`, `cidr`.
/// A field the event lacks matches only `{"exists": false}`.
package enum EventPattern {
    /// Why `pattern` is not a valid pattern, or nil when it is.
    package static func problem(in pattern: JSONValue) -> String? {
        guard case .object(let members) = pattern else { return "Filter is not an object" }
        for (key, value) in members {
            if key == "$or" {
                guard case .array(let alternatives) = value, alternatives.count >= 2 else {
                    return "$or must be an array of at least two patterns"
                }
                for alternative in alternatives { if let problem = problem(in: alternative) { return problem } }
                continue
            }
            switch value {
            case .object: if let problem = problem(in: value) { return problem }
            case .array(let matchers):
                guard !matchers.isEmpty else { return "Empty arrays are not allowed" }
                for matcher in matchers { if let problem = problem(matcher: matcher, key: key) { return problem } }
            default:
                return "Match value must be String, number, true, false, or null"
            }
        }
        return nil
    }

    private static func problem(matcher: JSONValue, key: String) -> String? {
        guard case .object(let operators) = matcher else { return nil }
        guard operators.count == 1, let name = operators.keys.first, let operand = operators[name] else {
            return "Only one key allowed in match expression"
        }
        switch name {
        case "prefix", "suffix", "wildcard", "cidr":
            if case .string = operand { return nil }
            if name != "wildcard", name != "cidr", case .object(let inner) = operand, inner.count == 1,
               case .string? = inner["equals-ignore-case"] { return nil }
            return "\(name) match pattern must be a string"
        case "equals-ignore-case":
            if case .string = operand { return nil }
            return "equals-ignore-case match pattern must be a string"
        case "exists":
            if case .bool = operand { return nil }
            return "exists match pattern must be either true or false."
        case "anything-but":
            switch operand {
            case .string, .number: return nil
            case .array(let values) where !values.isEmpty: return nil
            case .object(let inner) where inner.count == 1:
                let kind = inner.keys.first ?? ""
                return ["prefix", "suffix", "equals-ignore-case"].contains(kind) ? nil
                    : "Unsupported anything-but pattern: \(kind)"
            default: return "Value of anything-but must be an array or single string/number value."
            }
        case "numeric":
            guard case .array(let parts) = operand, !parts.isEmpty, parts.count % 2 == 0, parts.count <= 4 else {
                return "Value of numeric must be an array."
            }
            for pair in stride(from: 0, to: parts.count, by: 2) {
                guard case .string(let op) = parts[pair], ["=", "<", "<=", ">", ">="].contains(op),
                      case .number = parts[pair + 1] else { return "Unrecognized numeric range operator" }
            }
            return nil
        default:
            return "Unrecognized match type \(name)"
        }
    }

    /// Whether `event` matches `pattern` (a valid pattern: see ``problem(in:)``).
    package static func matches(_ pattern: JSONValue, _ event: JSONValue) -> Bool {
        guard case .object(let members) = pattern else { return false }
        for (key, value) in members {
            if key == "$or" {
                guard case .array(let alternatives) = value, alternatives.contains(where: { matches($0, event) }) else {
                    return false
                }
                continue
            }
            let field = event[key]
            switch value {
            case .object:
                guard let field, case .object = field, matches(value, field) else { return false }
            case .array(let matchers):
                guard matchers.contains(where: { matches(matcher: $0, field: field) }) else { return false }
            default:
                return false
            }
        }
        return true
    }

    /// Whether one matcher accepts a field (nil when the event lacks it; any element of an array value).
    private static func matches(matcher: JSONValue, field: JSONValue?) -> Bool {
        if case .object(let operators) = matcher, let name = operators.keys.first, name == "exists",
           case .bool(let wanted) = operators[name] {
            guard let field else { return !wanted }
            if case .object = field { return !wanted }
            return wanted
        }
        guard let field else { return false }
        if case .array(let elements) = field {
            if case .object(let operators) = matcher, operators.keys.first == "anything-but" {
                return !elements.isEmpty && elements.allSatisfy { single(matcher: matcher, value: $0) }
            }
            return elements.contains { single(matcher: matcher, value: $0) }
        }
        return single(matcher: matcher, value: field)
    }

    private static func single(matcher: JSONValue, value: JSONValue) -> Bool {
        guard case .object(let operators) = matcher, let name = operators.keys.first, let operand = operators[name] else {
            return equal(matcher, value)
        }
        switch name {
        case "prefix":
            guard case .string(let text) = value else { return false }
            if case .string(let prefix) = operand { return text.hasPrefix(prefix) }
            if case .string(let prefix)? = operand["equals-ignore-case"] { return text.lowercased().hasPrefix(prefix.lowercased()) }
            return false
        case "suffix":
            guard case .string(let text) = value else { return false }
            if case .string(let suffix) = operand { return text.hasSuffix(suffix) }
            if case .string(let suffix)? = operand["equals-ignore-case"] { return text.lowercased().hasSuffix(suffix.lowercased()) }
            return false
        case "equals-ignore-case":
            guard case .string(let text) = value, case .string(let wanted) = operand else { return false }
            return text.lowercased() == wanted.lowercased()
        case "wildcard":
            guard case .string(let text) = value, case .string(let wildcard) = operand else { return false }
            return Self.wildcard(Array(wildcard.unicodeScalars), matches: Array(text.unicodeScalars))
        case "anything-but":
            switch operand {
            case .array(let values): return !values.contains { equal($0, value) }
            case .object: return !single(matcher: operand, value: value)
            default: return !equal(operand, value)
            }
        case "numeric":
            guard case .number(let number) = value, case .array(let parts) = operand else { return false }
            let actual = number.doubleValue
            for pair in stride(from: 0, to: parts.count - 1, by: 2) {
                guard case .string(let op) = parts[pair], case .number(let bound) = parts[pair + 1] else { return false }
                let limit = bound.doubleValue
                let ok: Bool
                switch op {
                case "=": ok = actual == limit
                case "<": ok = actual < limit
                case "<=": ok = actual <= limit
                case ">": ok = actual > limit
                case ">=": ok = actual >= limit
                default: ok = false
                }
                if !ok { return false }
            }
            return true
        case "cidr":
            guard case .string(let address) = value, case .string(let block) = operand else { return false }
            return CIDRBlock(block)?.contains(address) ?? false
        default:
            return false
        }
    }

    /// Literal equality: numbers by value, everything else exactly.
    private static func equal(_ literal: JSONValue, _ value: JSONValue) -> Bool {
        if case .number(let left) = literal, case .number(let right) = value { return left.doubleValue == right.doubleValue }
        return literal == value
    }

    /// `*` matches any run of characters.
    private static func wildcard(_ pattern: [Unicode.Scalar], matches text: [Unicode.Scalar]) -> Bool {
        var (p, t, star, mark) = (0, 0, -1, 0)
        while t < text.count {
            if p < pattern.count, pattern[p] != "*", pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                mark = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
