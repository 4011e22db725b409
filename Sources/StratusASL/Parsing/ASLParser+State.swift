import OrderedCollections
import StratusJSON
import StratusJSONPath

extension ASLParser {
    static let stateTypes = ["Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Parallel", "Map"]

    mutating func parseState(name: String, _ value: JSONValue, location: String, inherited: QueryLanguage) -> State? {
        guard case .object(let members) = value else {
            report("Expected value of type: Object", at: location)
            return nil
        }
        var fields = ObjectFields(members, location: location)
        let enclosingState = currentStateLocation
        currentStateLocation = location
        defer { currentStateLocation = enclosingState }
        guard let typeValue = fields.take("Type") else {
            report("These fields are required: [Type]", at: location)
            return nil
        }
        guard case .string(let type) = typeValue, Self.stateTypes.contains(type) else {
            report("The field 'Type' should have one of these values: [\(Self.stateTypes.joined(separator: ", "))]", at: fields.at("Type"))
            return nil
        }
        let errorsBefore = errorCount
        let ownLanguage = queryLanguage(&fields)
        if ownLanguage == .jsonPath && machineLanguage == .jsonata {
            report("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", at: location)
        }
        let language = ownLanguage ?? inherited
        let comment = string(&fields, "Comment")

        var kind: StateKind?
        switch type {
        case "Pass": kind = parsePass(&fields, language: language)
        case "Task": kind = parseTask(&fields, language: language)
        case "Choice": kind = parseChoice(&fields, language: language)
        case "Wait": kind = parseWait(&fields, language: language)
        case "Succeed": kind = .succeed
        case "Fail": kind = parseFail(&fields, language: language)
        case "Parallel": kind = parseParallel(&fields, language: language)
        case "Map": kind = parseMap(&fields, language: language)
        default: kind = nil
        }
        let transition = parseTransition(&fields, type: type)
        var state = State(name: name, queryLanguage: language, kind: kind ?? .succeed, transition: transition ?? .end)
        state.comment = comment
        parseDataFields(&fields, type: type, language: language, into: &state)
        if ["Task", "Parallel", "Map"].contains(type) {
            state.retriers = parseRetriers(&fields)
            state.catchers = parseCatchers(&fields, language: language)
        }
        reportUnsupported(fields)
        guard kind != nil, transition != nil, errorCount == errorsBefore else { return nil }
        return state
    }

    private mutating func parseTransition(_ fields: inout ObjectFields, type: String) -> StateTransition? {
        let next = string(&fields, "Next")
        let end = boolean(&fields, "End")
        switch type {
        case "Succeed", "Fail":
            if fields.has("Next") || end != nil {
                report("The field '\(next != nil ? "Next" : "End")' is not supported for state type '\(type)'", at: fields.location)
            }
            return .end
        case "Choice":
            if next != nil || end != nil {
                report("The field '\(next != nil ? "Next" : "End")' is not supported for state type 'Choice'", at: fields.location)
            }
            return .end
        default:
            switch (next, end) {
            case (let next?, nil), (let next?, false?): return .next(next)
            case (nil, true?): return .end
            case (_?, true?):
                reportExclusive(["Next", "End"], at: fields.location)
                return nil
            default:
                report("This state must have either a 'Next' or an 'End' field", at: fields.location)
                return nil
            }
        }
    }

    /// InputPath/OutputPath/ResultPath/Parameters/ResultSelector (JSONPath) or Arguments/Output (JSONata), and Assign.
    private mutating func parseDataFields(_ fields: inout ObjectFields, type: String, language: QueryLanguage, into state: inout State) {
        let hasResult = ["Task", "Parallel", "Map", "Pass"].contains(type)
        if language == .jsonata {
            for key in ["InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector"] where fields.has(key) {
                reportOtherLanguage(key, in: &fields, language: language)
            }
            state.inputPath = .dollar
            state.outputPath = .dollar
            state.resultPath = .dollar
            let access: StatesAccess = ["Task", "Parallel", "Map"].contains(type) ? .result : []
            if type != "Fail" { state.output = withStatesAccess(access) { $0.jsonataValue(&fields, "Output") } }
            if type == "Task" || type == "Parallel" { state.arguments = jsonataValue(&fields, "Arguments") }
        } else {
            if type != "Fail" {
                let input = path(&fields, "InputPath")
                if input.present { state.inputPath = input.path }
                let output = path(&fields, "OutputPath")
                if output.present { state.outputPath = output.path }
            }
            if hasResult {
                let result = referencePath(&fields, "ResultPath", allowContext: false, allowVariables: false)
                if result.present { state.resultPath = result.path }
                if type != "Map" { state.parameters = template(&fields, "Parameters") }
                if type != "Pass" { state.resultSelector = template(&fields, "ResultSelector") }
            }
            for key in ["Arguments", "Output"] where fields.has(key) {
                reportOtherLanguage(key, in: &fields, language: language)
            }
        }
        if type != "Succeed" && type != "Fail" {
            let access: StatesAccess = ["Task", "Parallel", "Map"].contains(type) ? .result : []
            state.assign = withStatesAccess(access) { $0.assignBlock(&fields, "Assign", language: language) }
        }
    }

    mutating func assignBlock(_ fields: inout ObjectFields, _ key: String, language: QueryLanguage) -> AssignBlock? {
        guard fields.has(key) else { return nil }
        if language == .jsonata {
            guard let value = jsonataValue(&fields, key) else { return nil }
            guard case .object(let members) = value else {
                report("Expected value of type: Object", at: fields.at(key))
                return nil
            }
            checkVariableNames(members.keys.map { $0 }, location: fields.at(key))
            recordAssignments(members.keys, location: fields.at(key))
            return .jsonata(value)
        }
        guard let template = template(&fields, key) else { return nil }
        if case .object(let members) = template {
            checkVariableNames(members.keys.map { $0 }, location: fields.at(key))
            recordAssignments(members.keys, location: fields.at(key))
        }
        return .jsonPath(template)
    }

    private mutating func checkVariableNames(_ names: [String], location: String) {
        for name in names {
            if name == "states" {
                report("The variable name 'states' is reserved", at: location)
            } else if !Self.isVariableName(name) {
                report("The variable name '\(name)' is invalid: it must be an identifier of 1 to 80 characters", at: location)
            }
        }
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= 80 else { return false }
        guard first == "_" || first.properties.isXIDStart else { return false }
        return name.unicodeScalars.dropFirst().allSatisfy { $0.properties.isXIDContinue }
    }
}
