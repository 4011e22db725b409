import OrderedCollections
import StratusJSON

extension ASLParser {
    /// How many `States` blocks may be nested (the top level counts as 1). AWS documents a `TOO_DEEPLY_NESTED`
    /// diagnostic but not its limit; this one is ours (see docs/asl-validation.md).
    package static let maximumNesting = 32

    /// A transition read from a state as written: the target and the location of the field naming it.
    struct Transition {
        var target: String
        var location: String
        /// The field's name (`Next`, `Default`).
        var field: String
    }

    /// The transitions a state declares (`Next`, Choice rules' `Next`, `Default`, Catchers' `Next`), read from the
    /// JSON as written so that a state with other errors still takes part in the graph checks.
    static func transitions(of value: JSONValue, location: String) -> [Transition] {
        guard case .object(let members) = value else { return [] }
        var result: [Transition] = []
        if case .string(let next)? = members["Next"] {
            result.append(Transition(target: next, location: "\(location)/Next", field: "Next"))
        }
        if case .array(let rules)? = members["Choices"] {
            for (offset, rule) in rules.enumerated() {
                if case .object(let ruleMembers) = rule, case .string(let next)? = ruleMembers["Next"] {
                    result.append(Transition(target: next, location: "\(location)/Choices[\(offset)]/Next", field: "Next"))
                }
            }
        }
        if case .string(let defaultState)? = members["Default"] {
            result.append(Transition(target: defaultState, location: "\(location)/Default", field: "Default"))
        }
        if case .array(let catchers)? = members["Catch"] {
            for (offset, catcher) in catchers.enumerated() {
                if case .object(let catcherMembers) = catcher, case .string(let next)? = catcherMembers["Next"] {
                    result.append(Transition(target: next, location: "\(location)/Catch[\(offset)]/Next", field: "Next"))
                }
            }
        }
        return result
    }

    /// Whether a state as written ends its block (`End: true`, `Succeed`, `Fail`).
    static func isTerminal(_ value: JSONValue) -> Bool {
        guard case .object(let members) = value else { return false }
        if members["End"] == .bool(true) { return true }
        if case .string(let type)? = members["Type"], type == "Succeed" || type == "Fail" { return true }
        return false
    }

    /// Checks one `States` block: every transition names a state of this block (`MISSING_TRANSITION_TARGET`), some
    /// state is terminal (`MISSING_END_STATE`, without location), and, when one is, every state is reachable from
    /// `StartAt` (`MISSING_TRANSITION_TARGET`, AWS's `State "X" is not reachable.`).
    mutating func checkTransitions(_ states: OrderedDictionary<String, JSONValue>, startAt: String?, startAtLocation: String,
                                   statesLocation: String) {
        // AWS reports MISSING_END_STATE without a location (`… Workflow has no terminal state at null`).
        var edges: [String: [String]] = [:]
        edges.reserveCapacity(states.count)
        for (name, value) in states {
            let transitions = Self.transitions(of: value, location: "\(statesLocation)/\(name)")
            for transition in transitions where states[transition.target] == nil {
                // AWS says 'Next' whatever the field (Choices[i]/Next, Default, Catch[i]/Next, StartAt).
                report("Missing 'Next' target: \(transition.target)", at: transition.location,
                       code: ASLDiagnostic.missingTransitionTarget)
            }
            edges[name] = transitions.map(\.target)
        }
        guard let startAt else { return }
        guard states[startAt] != nil else {
            report("Missing 'Next' target: \(startAt)", at: startAtLocation, code: ASLDiagnostic.missingTransitionTarget)
            return
        }
        // Without a terminal state AWS reports only that, not the unreachable states.
        guard states.values.contains(where: Self.isTerminal) else {
            report("Workflow has no terminal state", at: nil, code: ASLDiagnostic.missingEndState)
            return
        }
        var reached: Set<String> = [startAt]
        var pending = [startAt]
        while let name = pending.popLast() {
            for target in edges[name] ?? [] where states[target] != nil && !reached.contains(target) {
                reached.insert(target)
                pending.append(target)
            }
        }
        for name in states.keys where !reached.contains(name) {
            report("State \"\(name)\" is not reachable.", at: "\(statesLocation)/\(name)", code: ASLDiagnostic.missingTransitionTarget)
        }
    }
}
