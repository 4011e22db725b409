import StratusJSON
import OrderedCollections
import StratusJSONPath

extension ASLParser {
    mutating func parseChoice(_ fields: inout ObjectFields, language: QueryLanguage) -> StateKind? {
        let defaultState = string(&fields, "Default")
        guard let value = fields.take("Choices") else {
            report("These fields are required: [Choices]", at: fields.location)
            return nil
        }
        guard case .array(let elements) = value else {
            report("Expected value of type: Array", at: fields.at("Choices"))
            return nil
        }
        if elements.isEmpty {
            report("Value cannot be empty", at: fields.at("Choices"))
            return nil
        }
        var rules: [ChoiceRule] = []
        for (offset, element) in elements.enumerated() {
            let location = "\(fields.at("Choices"))[\(offset)]"
            guard case .object(let members) = element else {
                report("Expected value of type: Object", at: location)
                continue
            }
            var entry = ObjectFields(members, location: location)
            _ = string(&entry, "Comment")
            let next = string(&entry, "Next")
            if next == nil && !entry.members.keys.contains("Next") {
                report("These fields are required: [Next]", at: location)
            }
            let condition: ChoiceCondition?
            var output: JSONValue?
            if language == .jsonata {
                condition = jsonataCondition(&entry)
                output = jsonataValue(&entry, "Output")
            } else {
                condition = parseCondition(&entry)
            }
            let assign = assignBlock(&entry, "Assign", language: language)
            reportUnsupported(entry)
            if let condition, let next {
                rules.append(ChoiceRule(condition: condition, next: next, assign: assign, output: output))
            }
        }
        guard rules.count == elements.count else { return nil }
        return .choice(ChoiceState(rules: rules, defaultState: defaultState))
    }

    private mutating func jsonataCondition(_ entry: inout ObjectFields) -> ChoiceCondition? {
        guard let value = entry.take("Condition") else {
            report("These fields are required: [Condition]", at: entry.location)
            return nil
        }
        switch value {
        case .bool:
            return .jsonata(value)
        case .string(let text) where Self.isJSONataExpression(text):
            checkExpression(text, location: entry.at("Condition"))
            return .jsonata(value)
        default:
            report("The field 'Condition' must be a JSONata expression or a boolean", at: entry.at("Condition"))
            return nil
        }
    }

    /// A JSONPath Choice rule's condition (top-level or nested inside And/Or/Not).
    private mutating func parseCondition(_ entry: inout ObjectFields) -> ChoiceCondition? {
        var combinators: [String] = []
        var operators: [String] = []
        for key in entry.members.keys {
            if key == "And" || key == "Or" || key == "Not" {
                combinators.append(key)
            } else if Self.comparisonOperators[key] != nil {
                operators.append(key)
            }
        }
        if combinators.count + operators.count != 1 {
            report(combinators.count + operators.count == 0
                   ? "A Choice Rule must have exactly one comparison operator or one of 'And', 'Or', 'Not'"
                   : "A Choice Rule must not have more than one comparison operator or combinator",
                   at: entry.location)
            for key in combinators + operators { _ = entry.take(key) }
            _ = entry.take("Variable")
            return nil
        }
        if let combinator = combinators.first {
            if entry.has("Variable") {
                _ = entry.take("Variable")
                report("The field 'Variable' is not supported with '\(combinator)'", at: entry.at("Variable"))
            }
            let value = entry.take(combinator)
            let location = entry.at(combinator)
            if combinator == "Not" {
                guard case .object(let members)? = value else {
                    report("Expected value of type: Object", at: location)
                    return nil
                }
                return nestedCondition(members, location: location).map { .not($0) }
            }
            guard case .array(let elements)? = value else {
                report("Expected value of type: Array", at: location)
                return nil
            }
            if elements.isEmpty {
                report("Value cannot be empty", at: location)
                return nil
            }
            var conditions: [ChoiceCondition] = []
            for (offset, element) in elements.enumerated() {
                guard case .object(let members) = element else {
                    report("Expected value of type: Object", at: "\(location)[\(offset)]")
                    return nil
                }
                guard let inner = nestedCondition(members, location: "\(location)[\(offset)]") else { return nil }
                conditions.append(inner)
            }
            return combinator == "And" ? .and(conditions) : .or(conditions)
        }
        let key = operators[0]
        guard let (comparison, isPathForm) = Self.comparisonOperators[key] else { return nil }
        guard entry.has("Variable") else {
            _ = entry.take(key)
            report("These fields are required: [Variable]", at: entry.location)
            return nil
        }
        let (_, variablePath) = path(&entry, "Variable")
        guard let variable = variablePath else {
            report("The value for the field 'Variable' must be a valid JSONPath", at: entry.at("Variable"))
            _ = entry.take(key)
            return nil
        }
        let operandValue = entry.take(key)!
        if isPathForm {
            guard case .string(let text) = operandValue, let operandPath = try? JSONPath(text) else {
                report("The value for the field '\(key)' must be a valid JSONPath", at: entry.at(key))
                return nil
            }
            return .comparison(variable: variable, comparison, operand: .path(operandPath))
        }
        let typeOK: Bool
        switch (comparison.operandKind, operandValue) {
        case (.string, .string), (.number, .number), (.boolean, .bool): typeOK = true
        default: typeOK = false
        }
        guard typeOK else {
            let expected = switch comparison.operandKind {
            case .string: "String"
            case .number: "Number"
            case .boolean: "Boolean"
            }
            report("Expected value of type: \(expected)", at: entry.at(key))
            return nil
        }
        if comparison.rawValue.hasPrefix("Timestamp"), case .string(let text) = operandValue, RFC3339.parse(text) == nil {
            report("String does not match RFC3339 timestamp", at: entry.at(key))
            return nil
        }
        return .comparison(variable: variable, comparison, operand: .value(operandValue))
    }

    /// Every comparison operator key (`StringEquals`, `StringEqualsPath`, …) with its operator and whether it is
    /// the `…Path` form; built once.
    static let comparisonOperators: [String: (ChoiceComparison, Bool)] = {
        var table: [String: (ChoiceComparison, Bool)] = [:]
        for comparison in ChoiceComparison.allCases {
            table[comparison.rawValue] = (comparison, false)
            if comparison.hasPathForm { table[comparison.rawValue + "Path"] = (comparison, true) }
        }
        return table
    }()

    private mutating func nestedCondition(_ members: OrderedDictionary<String, JSONValue>, location: String) -> ChoiceCondition? {
        var nested = ObjectFields(members, location: location)
        _ = string(&nested, "Comment")
        if nested.has("Next") {
            _ = nested.take("Next")
            report("The field 'Next' is only supported in top-level Choice Rules", at: nested.at("Next"))
        }
        let condition = parseCondition(&nested)
        reportUnsupported(nested)
        return condition
    }
}
