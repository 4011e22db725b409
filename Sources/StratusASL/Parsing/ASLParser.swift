import OrderedCollections
import StratusJSON
import StratusJSONPath

/// Parses an Amazon States Language definition into the typed model, collecting every diagnostic in one pass
/// (AWS's `ValidateStateMachineDefinition` reports them all at once).
///
/// Guarantees: never throws; ``ASLParseResult/definition`` is set only when no error diagnostic was found;
/// diagnostics come in definition order with AWS's codes, locations and (where known) wording.
package struct ASLParser {
    /// What kind of state machine the definition is for (Express machines reject some integrations).
    package struct Options: Sendable {
        /// `true` for `EXPRESS` state machines.
        package var isExpress: Bool

        /// Creates options.
        package init(isExpress: Bool = false) { self.isExpress = isExpress }
    }

    var diagnostics: [ASLDiagnostic] = []
    let options: Options
    var machineLanguage: QueryLanguage = .jsonPath

    init(options: Options) { self.options = options }

    /// Parses definition text (JSON).
    package static func parse(text: String, options: Options = .init()) -> ASLParseResult {
        if text.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }) {
            return ASLParseResult(definition: nil, diagnostics: [
                ASLDiagnostic(message: "Definition must be a valid JSON object", location: nil),
            ])
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            return ASLParseResult(definition: nil, diagnostics: [
                ASLDiagnostic(code: ASLDiagnostic.invalidJSONDescription, message: error.description, location: nil),
            ])
        }
        return parse(value, options: options)
    }

    /// Parses a definition already read as JSON.
    package static func parse(_ value: JSONValue, options: Options = .init()) -> ASLParseResult {
        var parser = ASLParser(options: options)
        let definition = parser.parseDefinition(value)
        let hasErrors = parser.diagnostics.contains { $0.severity == .error }
        return ASLParseResult(definition: hasErrors ? nil : definition, diagnostics: parser.diagnostics)
    }

    mutating func report(_ message: String, at location: String?, code: String = ASLDiagnostic.schemaValidationFailed) {
        diagnostics.append(ASLDiagnostic(code: code, message: message, location: location))
    }

    mutating func reportUnsupported(_ fields: ObjectFields) {
        for key in fields.unread {
            report("Field '\(key)' is not supported", at: fields.at(key))
        }
    }

    private mutating func parseDefinition(_ value: JSONValue) -> StateMachineDefinition? {
        guard case .object(let members) = value else {
            report("Definition must be a valid JSON object", at: nil)
            return nil
        }
        var fields = ObjectFields(members, location: "/")
        var missing: [String] = []
        if !fields.has("States") { missing.append("States") }
        if !fields.has("StartAt") { missing.append("StartAt") }
        if !missing.isEmpty {
            report("These fields are required: [\(missing.joined(separator: ", "))]", at: "/")
        }
        let comment = string(&fields, "Comment")
        let version = string(&fields, "Version")
        if let version, version != "1.0" {
            report("The field 'Version' should have one of these values: [1.0]", at: fields.at("Version"))
        }
        let timeout = integer(&fields, "TimeoutSeconds", range: 0...99_999_999)
        machineLanguage = queryLanguage(&fields) ?? .jsonPath
        let graph = parseGraph(&fields, language: machineLanguage, isTopLevel: true)
        reportUnsupported(fields)
        guard let graph, missing.isEmpty else { return nil }
        return StateMachineDefinition(comment: comment, version: version, timeoutSeconds: timeout,
                                      queryLanguage: machineLanguage, graph: graph)
    }

    /// Reads `StartAt` and `States` from `fields` (the top level, a branch or an item processor).
    mutating func parseGraph(_ fields: inout ObjectFields, language: QueryLanguage, isTopLevel: Bool = false) -> StateGraph? {
        let startAt = string(&fields, "StartAt")
        let statesLocation = fields.at("States")
        guard let statesValue = fields.take("States") else {
            if !isTopLevel { report("These fields are required: [States]", at: fields.location) }
            return nil
        }
        guard case .object(let statesMembers) = statesValue else {
            report("Expected value of type: Object", at: statesLocation)
            return nil
        }
        if !isTopLevel && startAt == nil && !fields.has("StartAt") {
            report("These fields are required: [StartAt]", at: fields.location)
        }
        var states: OrderedDictionary<String, State> = [:]
        for (name, stateValue) in statesMembers {
            let location = "\(statesLocation)/\(name)"
            if name.isEmpty || name.count > 80 {
                report("State names must be 1 to 80 characters long", at: location, code: "INVALID_STATE_NAME")
            }
            if let state = parseState(name: name, stateValue, location: location, inherited: language) {
                states[name] = state
            }
        }
        guard let startAt else { return nil }
        if statesMembers[startAt] == nil {
            report("Missing 'Next' target: \(startAt)", at: fields.at("StartAt"), code: ASLDiagnostic.missingTransitionTarget)
        }
        checkTransitions(statesMembers.keys, states: states, location: statesLocation)
        return StateGraph(startAt: startAt, states: states)
    }

    private mutating func checkTransitions(_ names: OrderedSet<String>, states: OrderedDictionary<String, State>, location: String) {
        for (name, state) in states {
            var targets: [(String, String)] = []
            if case .next(let next) = state.transition { targets.append((next, "Next")) }
            for (offset, catcher) in state.catchers.enumerated() { targets.append((catcher.next, "Catch[\(offset)]/Next")) }
            if case .choice(let choice) = state.kind {
                for (offset, rule) in choice.rules.enumerated() { targets.append((rule.next, "Choices[\(offset)]/Next")) }
                if let defaultState = choice.defaultState { targets.append((defaultState, "Default")) }
            }
            for (target, field) in targets where !names.contains(target) {
                report("Missing 'Next' target: \(target)", at: "\(location)/\(name)/\(field)", code: ASLDiagnostic.missingTransitionTarget)
            }
        }
    }

    mutating func queryLanguage(_ fields: inout ObjectFields) -> QueryLanguage? {
        guard let value = fields.take("QueryLanguage") else { return nil }
        guard case .string(let text) = value, let language = QueryLanguage(rawValue: text) else {
            report("The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]", at: fields.at("QueryLanguage"))
            return nil
        }
        return language
    }
}
