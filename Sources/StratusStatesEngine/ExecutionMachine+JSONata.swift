import OrderedCollections
import StratusASL
import StratusJSON
import StratusJSONata

extension ExecutionMachine {
    /// The `$states` binding of a JSONata state: `input`, `context`, and `result` or `errorOutput` where allowed.
    func statesBinding(_ frame: Frame, input: JSONValue, result: JSONValue? = nil, errorOutput: JSONValue? = nil,
                       mapItem: (index: Int, value: JSONValue)? = nil) -> JSONValue {
        var states: OrderedDictionary<String, JSONValue> = ["input": input, "context": contextObject(frame, mapItem: mapItem)]
        if let result { states["result"] = result }
        if let errorOutput { states["errorOutput"] = errorOutput }
        return .object(states)
    }

    var jsonataOptions: JSONataOptions {
        let random = self.random
        let millis = Double(now.milliseconds)
        return JSONataOptions(currentTime: { millis }, random: { random.unit() },
                              makeUUID: { IntrinsicEnvironment.uuidText(high: random.next(), low: random.next()) },
                              awsStepFunctions: true)
    }

    /// Evaluates every `{% … %}` string inside `value` (at any depth); other values are copied.
    /// - Parameter field: the field's location for error causes, e.g. `Output` (nested keys are appended: `Output/a`).
    func evaluateJSONataValue(_ value: JSONValue, field: String, frame: Frame, states: JSONValue) throws(StatesError) -> JSONValue {
        switch value {
        case .string(let text) where text.hasPrefix("{%") && text.hasSuffix("%}") && text.utf8.count >= 4:
            return try evaluateJSONataExpression(text, field: field, frame: frame, states: states)
        case .object(let members):
            var object = OrderedDictionary<String, JSONValue>(minimumCapacity: members.count)
            for (key, member) in members {
                object[key] = try evaluateJSONataValue(member, field: field + "/" + key, frame: frame, states: states)
            }
            return .object(object)
        case .array(let elements):
            var values: [JSONValue] = []
            values.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                values.append(try evaluateJSONataValue(element, field: field + "/" + String(index), frame: frame, states: states))
            }
            return .array(values)
        default:
            return value
        }
    }

    /// Evaluates one `{% … %}` string; *undefined* and evaluation errors are `States.QueryEvaluationError`.
    func evaluateJSONataExpression(_ text: String, field: String, frame: Frame, states: JSONValue) throws(StatesError) -> JSONValue {
        let inner = String(text.dropFirst(2).dropLast(2))
        let trimmed = String(inner.trimmingASCIIWhitespaceForJSONata)
        let expression: JSONataExpression
        switch JSONataCache.shared.expression(inner) {
        case .success(let compiled): expression = compiled
        case .failure(let error):
            throw StatesError(name: StatesError.queryEvaluationError,
                              cause: "The JSONata expression '\(trimmed)' specified for the field '\(field)' threw an error during evaluation. \(error.code): \(error.message)",
                              location: field)
        }
        var bindings = frame.variables
        if inner.contains("$states") { bindings["states"] = states }
        let result: JSONataResult
        do {
            result = try expression.evaluateResult(input: nil, bindings: bindings, options: jsonataOptions)
        } catch {
            throw StatesError(name: StatesError.queryEvaluationError,
                              cause: "The JSONata expression '\(trimmed)' specified for the field '\(field)' threw an error during evaluation. \(error.code): \(error.message)",
                              location: field)
        }
        switch result {
        case .value(let value):
            return value
        case .undefined:
            throw StatesError(name: StatesError.queryEvaluationError,
                              cause: "The JSONata expression '\(trimmed)' specified for the field '\(field)' returned nothing (undefined).",
                              location: field)
        case .function:
            // Recorded: scenarios test_map_state_items_eval_jsonata_fail[function].
            throw StatesError(name: StatesError.queryEvaluationError,
                              cause: "The JSONata expression '\(trimmed)' specified for the field '\(field)' returned an unsupported result type.",
                              location: field)
        }
    }

    /// A JSONata `Assign` block: each value computed with the variables as they were on entry.
    func evaluateJSONataAssign(_ block: AssignBlock?, frame: Frame, states: JSONValue) throws(StatesError) -> [(String, JSONValue)]? {
        guard case .jsonata(.object(let members))? = block else { return nil }
        var assigned: [(String, JSONValue)] = []
        assigned.reserveCapacity(members.count)
        for (name, value) in members {
            assigned.append((name, try evaluateJSONataValue(value, field: "Assign/" + name, frame: frame, states: states)))
        }
        return assigned
    }

    /// `Output` (default: `defaultOutput`).
    func evaluateJSONataOutput(_ output: JSONValue?, defaultOutput: JSONValue, frame: Frame, states: JSONValue) throws(StatesError) -> JSONValue {
        guard let output else { return defaultOutput }
        return try evaluateJSONataValue(output, field: "Output", frame: frame, states: states)
    }

    /// A numeric JSONata field (`Seconds`, `MaxConcurrency`, …).
    func evaluateJSONataNumber(_ text: String, field: String, frame: Frame, input: JSONValue,
                               integer: Bool = true) throws(StatesError) -> Double {
        let states = statesBinding(frame, input: input)
        let value = try evaluateJSONataExpression(text, field: field, frame: frame, states: states)
        guard case .number(let number) = value, !integer || number.doubleValue == number.doubleValue.rounded() else {
            let trimmed = String(text.dropFirst(2).dropLast(2).trimmingASCIIWhitespaceForJSONata)
            throw StatesError(name: StatesError.queryEvaluationError,
                              cause: "The JSONata expression '\(trimmed)' specified for the field '\(field)' returned an unexpected result type. Expected '\(integer ? "integer" : "number")', but was '\(Self.jsonataTypeName(value))' for value: \(value.serializedString())",
                              location: field)
        }
        return number.doubleValue
    }

    static func jsonataTypeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension StringProtocol {
    var trimmingASCIIWhitespaceForJSONata: SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return self[startIndex..<startIndex]
        }
        return self[start...end]
    }
}
