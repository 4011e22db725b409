import OrderedCollections
import StratusJSON

/// The Choice-specific part of a state.
package struct ChoiceState: Sendable {
    /// `Choices`, in order; the first whose condition holds wins.
    package var rules: [ChoiceRule]
    /// `Default`, if any.
    package var defaultState: String?

    /// Creates the Choice part.
    package init(rules: [ChoiceRule], defaultState: String?) {
        self.rules = rules
        self.defaultState = defaultState
    }
}

/// One top-level entry of `Choices`: a condition, its `Next`, and (optionally) `Assign`/`Output`.
package struct ChoiceRule: Sendable {
    /// The condition.
    package var condition: ChoiceCondition
    /// `Next`.
    package var next: String
    /// `Assign` of the rule.
    package var assign: AssignBlock?
    /// `Output` of the rule (JSONata).
    package var output: JSONValue?

    /// Creates a rule.
    package init(condition: ChoiceCondition, next: String, assign: AssignBlock? = nil, output: JSONValue? = nil) {
        self.condition = condition
        self.next = next
        self.assign = assign
        self.output = output
    }
}
