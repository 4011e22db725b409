import OrderedCollections
import StratusASL
import StratusJSON
import StratusJSONPath

/// Evaluates JSONPath Choice Rules against a state's effective input.
///
/// Guarantees: AWS's rules — a type mismatch makes a comparison false; `IsPresent` never fails; other
/// comparisons on a missing `Variable` raise `States.Runtime`; strings compare by Unicode scalar values with no
/// folding; timestamps compare as instants; `StringMatches` knows only `*` with `\*` and `\\` escapes.
struct ChoiceEvaluator {
    let scope: () -> JSONPathScope
    let variables: [String: JSONValue]

    func holds(_ condition: ChoiceCondition, input: JSONValue) throws(StatesError) -> Bool {
        switch condition {
        case .and(let conditions):
            for inner in conditions where try !holds(inner, input: input) { return false }
            return true
        case .or(let conditions):
            for inner in conditions where try holds(inner, input: input) { return true }
            return false
        case .not(let inner):
            return try !holds(inner, input: input)
        case .jsonata:
            throw StatesError(name: StatesError.runtime, cause: "A JSONata Condition cannot appear inside a JSONPath Choice Rule")
        case .comparison(let variable, let comparison, let operand):
            let pathScope = variable.root == .context ? scope() : JSONPathScope(variables: variables)
            if comparison == .isPresent {
                let present = variable.isPresent(in: input, scope: pathScope)
                guard case .value(.bool(let expected)) = operand else { return false }
                return present == expected
            }
            let value: JSONValue
            do {
                value = try variable.evaluate(input, scope: pathScope)
            } catch {
                throw StatesError(name: StatesError.runtime, cause: error.invalidPathCause(path: variable.text))
            }
            let right: JSONValue
            switch operand {
            case .value(let literal): right = literal
            case .path(let path):
                let operandScope = path.root == .context ? scope() : JSONPathScope(variables: variables)
                do {
                    right = try path.evaluate(input, scope: operandScope)
                } catch {
                    throw StatesError(name: StatesError.runtime, cause: error.invalidPathCause(path: path.text))
                }
            }
            return Self.compare(value, comparison, right)
        }
    }

    static func compare(_ value: JSONValue, _ comparison: ChoiceComparison, _ operand: JSONValue) -> Bool {
        switch comparison {
        case .isNull, .isNumeric, .isString, .isBoolean, .isTimestamp:
            guard case .bool(let expected) = operand else { return false }
            let actual: Bool = switch comparison {
            case .isNull: value == .null
            case .isNumeric: if case .number = value { true } else { false }
            case .isString: if case .string = value { true } else { false }
            case .isBoolean: if case .bool = value { true } else { false }
            default: if case .string(let text) = value { RFC3339.parse(text) != nil } else { false }
            }
            return actual == expected
        case .isPresent:
            return false
        case .stringMatches:
            guard case .string(let text) = value, case .string(let pattern) = operand else { return false }
            return Self.wildcardMatches(Array(text.unicodeScalars), pattern: Array(pattern.unicodeScalars))
        case .booleanEquals:
            guard case .bool(let left) = value, case .bool(let right) = operand else { return false }
            return left == right
        case .stringEquals, .stringLessThan, .stringGreaterThan, .stringLessThanEquals, .stringGreaterThanEquals:
            guard case .string(let left) = value, case .string(let right) = operand else { return false }
            let order = Self.compareScalars(left, right)
            return Self.satisfies(order, comparison.rawValue.dropFirst("String".count))
        case .numericEquals, .numericLessThan, .numericGreaterThan, .numericLessThanEquals, .numericGreaterThanEquals:
            guard case .number(let left) = value, case .number(let right) = operand else { return false }
            let l = left.doubleValue
            let r = right.doubleValue
            let order = l < r ? -1 : (l > r ? 1 : 0)
            return Self.satisfies(order, comparison.rawValue.dropFirst("Numeric".count))
        case .timestampEquals, .timestampLessThan, .timestampGreaterThan, .timestampLessThanEquals, .timestampGreaterThanEquals:
            guard case .string(let leftText) = value, case .string(let rightText) = operand,
                  let left = RFC3339.parse(leftText), let right = RFC3339.parse(rightText) else { return false }
            let order = left < right ? -1 : (left > right ? 1 : 0)
            return Self.satisfies(order, comparison.rawValue.dropFirst("Timestamp".count))
        }
    }

    private static func satisfies(_ order: Int, _ suffix: Substring) -> Bool {
        switch suffix {
        case "Equals": order == 0
        case "LessThan": order < 0
        case "GreaterThan": order > 0
        case "LessThanEquals": order <= 0
        case "GreaterThanEquals": order >= 0
        default: false
        }
    }

    private static func compareScalars(_ left: String, _ right: String) -> Int {
        var l = left.unicodeScalars.makeIterator()
        var r = right.unicodeScalars.makeIterator()
        while true {
            switch (l.next(), r.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let a?, let b?):
                if a.value != b.value { return a.value < b.value ? -1 : 1 }
            }
        }
    }

    /// `*` matches any run of characters; `\*` a literal star and `\\` a literal backslash.
    static func wildcardMatches(_ text: [Unicode.Scalar], pattern: [Unicode.Scalar]) -> Bool {
        enum Token { case literal(Unicode.Scalar), star }
        var tokens: [Token] = []
        var index = 0
        while index < pattern.count {
            let scalar = pattern[index]
            if scalar == "\\", index + 1 < pattern.count, pattern[index + 1] == "*" || pattern[index + 1] == "\\" {
                tokens.append(.literal(pattern[index + 1]))
                index += 2
            } else if scalar == "*" {
                tokens.append(.star)
                index += 1
            } else {
                tokens.append(.literal(scalar))
                index += 1
            }
        }
        var t = 0, p = 0, starToken = -1, starText = 0
        while t < text.count {
            if p < tokens.count, case .literal(let c) = tokens[p], c == text[t] {
                t += 1; p += 1
            } else if p < tokens.count, case .star = tokens[p] {
                starToken = p; starText = t; p += 1
            } else if starToken >= 0 {
                p = starToken + 1; starText += 1; t = starText
            } else {
                return false
            }
        }
        while p < tokens.count, case .star = tokens[p] { p += 1 }
        return p == tokens.count
    }
}
