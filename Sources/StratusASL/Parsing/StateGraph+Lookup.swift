import OrderedCollections

extension StateGraph {
    /// The names of the block's states, in definition order (for callers that do not import OrderedCollections).
    package var stateNames: [String] { Array(states.keys) }

    /// The state named `name` in this block (not in nested branches or item processors), if any.
    package func state(named name: String) -> State? { states[name] }
}
