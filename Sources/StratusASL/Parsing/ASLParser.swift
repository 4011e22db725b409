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
        /// Checks one JSONata expression (the text between `{%` and `%}`), returning what is wrong or `nil`.
        /// StratusASL does not link a JSONata parser; a layer that does supplies this (AWS refuses expressions that
        /// do not parse, `INVALID_JSONATA_EXPRESSION`, and top-level field references,
        /// `UNSUPPORTED_JSONATA_EXPRESSION`). Without it, JSONata strings are checked for shape and `$states` use only.
        package var jsonataCheck: (@Sendable (String) -> JSONataExpressionIssue?)?

        /// Creates options.
        package init(isExpress: Bool = false, jsonataCheck: (@Sendable (String) -> JSONataExpressionIssue?)? = nil) {
            self.isExpress = isExpress
            self.jsonataCheck = jsonataCheck
        }
    }

    var diagnostics: [ASLDiagnostic] = []
    /// How many of ``diagnostics`` are errors.
    var errorCount = 0
    let options: Options
    var machineLanguage: QueryLanguage = .jsonPath
    /// Every state name seen so far in the whole machine, with where it was first defined.
    var stateNameLocations: [String: String] = [:]
    /// Every distributed Map `Label` seen so far, with where it was first defined.
    var labelLocations: [String: String] = [:]
    /// The variable scopes: one per `States` block; the value is the enclosing scope (`nil` for the top level).
    var scopeParents: [Int?] = []
    /// The Map/Parallel state (its location) whose branch or item processor opened each scope.
    var scopeOwners: [String?] = []
    /// The scope of the `States` block being parsed.
    var currentScope: Int?
    /// The location of the state being parsed (innermost).
    var currentStateLocation: String?
    /// Every variable assignment (scope, name, location of its `Assign`), in definition order.
    var assignments: [VariableAssignment] = []
    /// Which `$states` fields JSONata expressions being read may use (`result`, `errorOutput`).
    var statesAccess: StatesAccess = []
    /// Task resources already classified in this definition (machines repeat the same few).
    var resourceKinds: [String: TaskResourceKind?] = [:]
    /// `true` while re-reading values whose JSONata strings were already checked (no second report).
    var skipsExpressionChecks = false
    /// How deeply the `States` block being parsed is nested (the top level is 1).
    var nesting = 0
    /// `true` while parsing the top level of a single-state definition (TestState): its `Next` names a state
    /// that is not part of the definition, so the top block's transition checks are skipped.
    var isSingleStateTopLevel = false

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
        var parser = ASLParser(options: options)
        var scanner = DuplicateStateNameScanner(text: text)
        for (name, location) in scanner.scan() {
            parser.report("Duplicate State name: \(name)", at: location, code: ASLDiagnostic.duplicateStateName)
        }
        return parser.finish(value)
    }

    /// Parses a definition already read as JSON.
    /// A JSON value cannot hold a state name twice in one `States` object (the last one wins), so only
    /// ``parse(text:options:)`` reports such duplicates.
    package static func parse(_ value: JSONValue, options: Options = .init()) -> ASLParseResult {
        var parser = ASLParser(options: options)
        return parser.finish(value)
    }

    /// Parses the definition and builds the result.
    private mutating func finish(_ value: JSONValue) -> ASLParseResult {
        let definition = parseDefinition(value)
        return ASLParseResult(definition: errorCount > 0 ? nil : definition, diagnostics: diagnostics)
    }

    /// The name AWS gives the state of a single-state definition (TestState): diagnostics read
    /// `… at /States/StateName/Field`.
    package static let singleStateName = "StateName"

    /// Parses a single state's definition, as the TestState API receives it: the state is checked as state
    /// ``singleStateName`` of a machine that starts with it (AWS's locations), without the graph checks (its
    /// `Next` names a state outside the definition). Nested branches and item processors get every check.
    package static func parseState(_ value: JSONValue, options: Options = .init()) -> ASLParseResult {
        var parser = ASLParser(options: options)
        parser.isSingleStateTopLevel = true
        let machine = JSONValue.object(["StartAt": .string(singleStateName), "States": .object([singleStateName: value])])
        let definition = parser.parseDefinition(machine)
        return ASLParseResult(definition: parser.errorCount > 0 ? nil : definition, diagnostics: parser.diagnostics)
    }

    mutating func report(_ message: String, at location: String?, code: String = ASLDiagnostic.schemaValidationFailed) {
        diagnostics.append(ASLDiagnostic(code: code, message: message, location: location))
        errorCount += 1
    }

    /// Adds a `WARNING` diagnostic (it does not make the definition invalid).
    mutating func warn(_ message: String, at location: String?, code: String) {
        diagnostics.append(ASLDiagnostic(severity: .warning, code: code, message: message, location: location))
    }

    mutating func reportUnsupported(_ fields: ObjectFields) {
        for key in fields.unread {
            report("Field '\(key)' is not supported", at: fields.location)
        }
    }

    mutating func parseDefinition(_ value: JSONValue) -> StateMachineDefinition? {
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
        checkVariableScopes()
        guard let graph, missing.isEmpty else { return nil }
        return StateMachineDefinition(comment: comment, version: version, timeoutSeconds: timeout,
                                      queryLanguage: machineLanguage, graph: graph)
    }

    /// Reads `StartAt` and `States` from `fields` (the top level, a branch or an item processor), then checks the
    /// block's transitions: every target exists in this block, every state is reachable from `StartAt`, and some
    /// state ends the block.
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
        let outerScope = currentScope
        currentScope = scopeParents.count
        scopeParents.append(outerScope)
        scopeOwners.append(currentStateLocation)
        nesting += 1
        defer {
            currentScope = outerScope
            nesting -= 1
        }
        if nesting > Self.maximumNesting {
            report("The states are nested more than \(Self.maximumNesting) levels deep", at: statesLocation, code: ASLDiagnostic.tooDeeplyNested)
            return nil
        }
        var states: OrderedDictionary<String, State> = [:]
        for (name, stateValue) in statesMembers {
            let location = "\(statesLocation)/\(name)"
            if name.isEmpty || name.count > 80 {
                report("State names must be 1 to 80 characters long", at: location, code: ASLDiagnostic.invalidStateName)
            }
            if stateNameLocations[name] != nil {
                report("Duplicate State name: \(name)", at: location, code: ASLDiagnostic.duplicateStateName)
            } else {
                stateNameLocations[name] = location
            }
            if let state = parseState(name: name, stateValue, location: location, inherited: language) {
                states[name] = state
            }
        }
        if isSingleStateTopLevel && isTopLevel {
            isSingleStateTopLevel = false
        } else {
            checkTransitions(statesMembers, startAt: startAt, startAtLocation: fields.at("StartAt"), statesLocation: statesLocation)
        }
        guard let startAt, statesMembers[startAt] != nil else { return nil }
        return StateGraph(startAt: startAt, states: states)
    }

    /// Reads `QueryLanguage`. As AWS does, only the exact string `JSONPath` means JSONPath: any other value present
    /// means JSONata (and is reported when it is not `JSONata`).
    mutating func queryLanguage(_ fields: inout ObjectFields) -> QueryLanguage? {
        guard let value = fields.take("QueryLanguage") else { return nil }
        guard case .string(let text) = value else {
            report("Expected value of type: String", at: fields.at("QueryLanguage"))
            return .jsonata
        }
        guard let language = QueryLanguage(rawValue: text) else {
            report("The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]", at: fields.at("QueryLanguage"))
            return .jsonata
        }
        return language
    }
}
