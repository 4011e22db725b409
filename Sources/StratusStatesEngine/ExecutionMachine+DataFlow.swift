import OrderedCollections
import StratusASL
import StratusJSON
import StratusJSONPath

extension ExecutionMachine {
    /// The Context object as the current state of `frame` sees it.
    func contextObject(_ frame: Frame, mapItem: (index: Int, value: JSONValue)? = nil) -> JSONValue {
        if let contextOverride { return contextOverride }
        return Self.contextObject(context: context, frame: frame, mapItem: mapItem)
    }

    /// The Context object, built from the execution's context and the frame's current state.
    static func contextObject(context: ExecutionContext, frame: Frame, mapItem: (index: Int, value: JSONValue)? = nil) -> JSONValue {
        var execution: OrderedDictionary<String, JSONValue> = [
            "Id": .string(context.executionARN),
            "Input": context.input,
            "StartTime": .string(RFC3339.format(context.startTime)),
            "Name": .string(context.executionName),
            "RoleArn": .string(context.roleARN),
            "RedriveCount": .number(JSONNumber(context.redriveCount)),
        ]
        _ = execution.updateValue(.number(JSONNumber(context.redriveCount)), forKey: "RedriveCount")
        if let redriveTime = context.redriveTime { execution["RedriveTime"] = .string(RFC3339.format(redriveTime)) }
        var object: OrderedDictionary<String, JSONValue> = [
            "Execution": .object(execution),
            "StateMachine": .object(["Id": .string(context.stateMachineARN), "Name": .string(context.stateMachineName)]),
            "State": .object([
                "Name": .string(frame.stateName),
                "EnteredTime": .string(RFC3339.format(frame.enteredAt)),
                "RetryCount": .number(JSONNumber(frame.retryCount)),
            ]),
        ]
        if let token = frame.taskToken { object["Task"] = .object(["Token": .string(token)]) }
        if let mapItem {
            object["Map"] = .object(["Item": .object(["Index": .number(JSONNumber(mapItem.index)), "Value": mapItem.value])])
        }
        return .object(object)
    }

    func scope(_ frame: Frame, withContext: Bool = true, mapItem: (index: Int, value: JSONValue)? = nil) -> JSONPathScope {
        JSONPathScope(context: withContext ? contextObject(frame, mapItem: mapItem) : .object([:]), variables: frame.variables)
    }

    func intrinsicEnvironment(_ scope: JSONPathScope) -> IntrinsicEnvironment {
        let random = self.random
        return IntrinsicEnvironment(scope: scope, randomSource: { random.next() },
                                    makeUUID: { IntrinsicEnvironment.uuidText(high: random.next(), low: random.next()) })
    }

    /// `InputPath` / `OutputPath`: `nil` (JSON null) gives `{}`; a path that selects nothing is `States.Runtime`.
    func selectPath(_ path: JSONPath?, _ input: JSONValue, frame: Frame) throws(StatesError) -> JSONValue {
        guard let path else { return .object([:]) }
        if path.isWholeInput { return input }
        let scope = path.root == .context ? scope(frame) : JSONPathScope(variables: frame.variables)
        do {
            return try path.evaluate(input, scope: scope)
        } catch {
            throw StatesError(name: StatesError.runtime, cause: error.invalidPathCause(path: path.text))
        }
    }

    /// `ResultPath`: `nil` keeps the raw input; `$` replaces it; otherwise writes the result into a copy.
    func applyResultPath(_ path: JSONPath?, rawInput: JSONValue, result: JSONValue) throws(StatesError) -> JSONValue {
        guard let path else { return rawInput }
        if path.isWholeInput { return result }
        do {
            return try path.assign(result, into: rawInput)
        } catch {
            throw StatesError(name: StatesError.resultPathMatchFailure, cause: error.message)
        }
    }

    /// Evaluates a payload template against `input` (what `$` means for the field).
    func applyTemplate(_ template: PayloadTemplate, input: JSONValue, scope: JSONPathScope) throws(StatesError) -> JSONValue {
        switch template {
        case .literal(let value):
            return value
        case .array(let elements):
            var values: [JSONValue] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try applyTemplate(element, input: input, scope: scope)) }
            return .array(values)
        case .object(let members):
            var object = OrderedDictionary<String, JSONValue>(minimumCapacity: members.count)
            for (key, member) in members { object[key] = try applyTemplate(member, input: input, scope: scope) }
            return .object(object)
        case .dynamic(let value, let field):
            return try value.evaluate(input: input, environment: intrinsicEnvironment(scope), field: field)
        }
    }

    /// Whether evaluating the template may read the Context object (so it is built only when needed).
    static func templateReadsContext(_ template: PayloadTemplate) -> Bool {
        switch template {
        case .literal: false
        case .array(let elements): elements.contains(where: templateReadsContext)
        case .object(let members): members.values.contains(where: templateReadsContext)
        case .dynamic(let value, _):
            switch value {
            case .path(let path): path.root == .context
            case .intrinsic(let call): callReadsContext(call)
            }
        }
    }

    static func callReadsContext(_ call: IntrinsicCall) -> Bool {
        call.arguments.contains { argument in
            switch argument {
            case .path(let path): path.root == .context
            case .call(let inner): callReadsContext(inner)
            default: false
            }
        }
    }

    func evaluateTemplate(_ template: PayloadTemplate, input: JSONValue, frame: Frame,
                          mapItem: (index: Int, value: JSONValue)? = nil) throws(StatesError) -> JSONValue {
        let scope = scope(frame, withContext: mapItem != nil || Self.templateReadsContext(template), mapItem: mapItem)
        return try applyTemplate(template, input: input, scope: scope)
    }

    /// A JSONPath `Assign` block: every value computed against the variables as they were on entry.
    func evaluateAssign(_ block: AssignBlock?, input: JSONValue, frame: Frame) throws(StatesError) -> [(String, JSONValue)]? {
        guard let block else { return nil }
        switch block {
        case .jsonPath(let template):
            guard case .object(let members) = try evaluateTemplate(template, input: input, frame: frame) else { return nil }
            return members.map { ($0.key, $0.value) }
        case .jsonata:
            return try evaluateJSONataAssign(block, frame: frame, states: statesBinding(frame, input: frame.stateInput, result: input))
        }
    }

    /// Resolves a numeric setting (literal or Reference Path) to a number, with AWS's wording for bad values:
    /// `The MaxConcurrencyPath field refers to value "x" which is not a valid integer: $.path`, and for a path that
    /// selects nothing `Invalid path '$.x' : No results for path: $['x']`. Numeric strings are accepted (AWS reads
    /// `"1"` as 1).
    func resolveNumber(_ setting: NumberSetting?, input: JSONValue, frame: Frame, field: String,
                       integer: Bool = true) throws(StatesError) -> Double? {
        guard let setting else { return nil }
        switch setting {
        case .literal(let value):
            return value
        case .path(let path):
            let value: JSONValue
            do {
                value = try path.evaluate(input, scope: scope(frame, withContext: path.root == .context))
            } catch {
                // Recorded (TimeoutSecondsPath, HeartbeatSecondsPath): "Invalid path '$.x' : No results for path: $['x']".
                throw StatesError(name: StatesError.runtime, cause: error.invalidPathCause(path: path.text))
            }
            var number: Double?
            switch value {
            case .number(let n): number = n.doubleValue
            case .string(let text): number = Double(text)
            default: number = nil
            }
            if let candidate = number, integer, candidate != candidate.rounded() { number = nil }
            guard let number else {
                throw StatesError(name: StatesError.runtime,
                                  cause: "The \(field) field refers to value \"\(value.stringValue ?? value.serializedString())\" which is not a valid \(integer ? "integer" : "float"): \(path.text)")
            }
            return number
        case .jsonata(let text):
            let name = field.hasSuffix("Path") ? String(field.dropLast(4)) : field
            return try evaluateJSONataNumber(text, field: name, frame: frame, input: frame.stateInput, integer: integer)
        }
    }

    /// ``resolveNumber(_:input:frame:field:integer:)`` as an integer.
    func resolveInteger(_ setting: NumberSetting?, input: JSONValue, frame: Frame, field: String) throws(StatesError) -> Int? {
        guard let number = try resolveNumber(setting, input: input, frame: frame, field: field) else { return nil }
        return Int(exactly: number.rounded()) ?? Int.max
    }

    /// Payload limit check for a value about to become a state's output or a task's result.
    func checkPayload(_ value: JSONValue, what: String) throws(StatesError) {
        if value.exceedsSerializedSize(options.maximumPayloadBytes) {
            throw StatesError(name: StatesError.dataLimitExceeded, cause: Self.dataLimitCause(what: what))
        }
    }
}
