import OrderedCollections
import StratusJSON

/// One variable written by an `Assign` block, for the scope check.
struct VariableAssignment {
    /// The `States` block whose scope the variable is written in.
    var scope: Int
    /// The variable's name.
    var name: String
    /// The location of the `Assign` field.
    var location: String
    /// The location of the state the `Assign` belongs to.
    var state: String?
}

/// The `$states` fields a JSONata expression may use where it is being read (`input` and `context` are always
/// allowed).
struct StatesAccess: OptionSet {
    let rawValue: UInt8
    /// `$states.result`: the top-level `Output` and `Assign` of Task, Map and Parallel states.
    static let result = StatesAccess(rawValue: 1)
    /// `$states.errorOutput`: a Catcher's `Output` and `Assign`.
    static let errorOutput = StatesAccess(rawValue: 2)
}

extension ASLParser {
    /// Runs `body` with `access` as the `$states` fields JSONata expressions may use.
    mutating func withStatesAccess<Result>(_ access: StatesAccess, _ body: (inout ASLParser) -> Result) -> Result {
        let saved = statesAccess
        statesAccess = access
        defer { statesAccess = saved }
        return body(&self)
    }

    /// Checks one JSONata expression string (`{% … %}`) for `$states` fields used where they are not available.
    mutating func checkExpression(_ text: String, location: String) {
        guard !skipsExpressionChecks else { return }
        if let check = options.jsonataCheck {
            let body = String(text.dropFirst(2).dropLast(2))
            if let issue = check(body) {
                report(issue.message, at: location, code: issue.code)
                return
            }
        }
        if text.contains("$$") && Self.references(text, "$$") {
            report("Reference to '$$' is not supported.", at: location, code: ASLDiagnostic.unsupportedJSONataExpression)
        }
        guard text.utf8.count > 8, text.contains("$states.") else { return }
        for (field, access) in Self.restrictedStatesFields where !statesAccess.contains(access) {
            if Self.references(text, field) {
                report("Field '\(field)' does not exist.", at: location, code: ASLDiagnostic.unsupportedJSONataExpression)
            }
        }
    }

    /// `$states.result` exists in the top-level `Output`/`Assign` of Task, Map and Parallel states;
    /// `$states.errorOutput` in a Catcher's `Output`/`Assign`.
    static let restrictedStatesFields: [(String, StatesAccess)] = [("$states.result", .result), ("$states.errorOutput", .errorOutput)]

    /// Whether `text` names `field` as a whole word (`$states.result` but not `$states.resultSet`), outside
    /// string literals.
    static func references(_ text: String, _ field: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        let pattern = Array(field.unicodeScalars)
        var quote: Unicode.Scalar?
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == "\\" { index += 2; continue }
                if scalar == open { quote = nil }
                index += 1
                continue
            }
            if scalar == "\"" || scalar == "'" {
                quote = scalar
                index += 1
                continue
            }
            if scalar == "$", index + pattern.count <= scalars.count, Array(scalars[index..<index + pattern.count]) == pattern {
                let after = index + pattern.count
                if after == scalars.count || !(scalars[after].properties.isXIDContinue || scalars[after] == "$") {
                    return true
                }
            }
            index += 1
        }
        return false
    }

    /// Records the variables an `Assign` block writes in the current scope.
    mutating func recordAssignments(_ names: some Sequence<String>, location: String) {
        guard let scope = currentScope else { return }
        for name in names {
            assignments.append(VariableAssignment(scope: scope, name: name, location: location, state: currentStateLocation))
        }
    }

    /// A variable assigned in an outer scope must not be assigned in an inner (Parallel branch, Map iteration)
    /// scope. Reported once per inner `Assign` and name.
    ///
    /// The Map/Parallel state that opens the inner scope is not counted: its own `Assign` and its Catchers'
    /// `Assign` run after the inner scope has ended (AWS accepts a Parallel whose Catcher assigns a name one of
    /// its branches assigns too).
    mutating func checkVariableScopes() {
        guard scopeParents.count > 1 else { return }
        var statesByScopeAndName: [Int: [String: [String?]]] = [:]
        for assignment in assignments {
            statesByScopeAndName[assignment.scope, default: [:]][assignment.name, default: []].append(assignment.state)
        }
        for assignment in assignments {
            var inner = assignment.scope
            while let scope = scopeParents[inner] {
                let owner = scopeOwners[inner]
                if let writers = statesByScopeAndName[scope]?[assignment.name], writers.contains(where: { $0 != owner }) {
                    report("The variable '\(assignment.name)' is assigned in an outer scope and cannot be assigned in a Parallel branch or Map iteration",
                           at: assignment.location)
                    break
                }
                inner = scope
            }
        }
    }
}
