import OrderedCollections

/// A parsed Amazon States Language definition: the top-level fields and the graph of states.
///
/// Guarantees: produced only by ``ASLParser`` from a definition without validation errors, so every `Next`,
/// `Default` and `StartAt` names a state of the same ``StateGraph`` and every field has its AWS type.
package struct StateMachineDefinition: Sendable {
    /// `Comment`, if any.
    package var comment: String?
    /// `Version` (only `1.0` exists).
    package var version: String?
    /// `TimeoutSeconds` of the whole execution, if set.
    package var timeoutSeconds: Int?
    /// The top-level `QueryLanguage` (default `JSONPath`).
    package var queryLanguage: QueryLanguage
    /// `StartAt` and `States`.
    package var graph: StateGraph

    /// Creates a definition.
    package init(comment: String?, version: String?, timeoutSeconds: Int?, queryLanguage: QueryLanguage, graph: StateGraph) {
        self.comment = comment
        self.version = version
        self.timeoutSeconds = timeoutSeconds
        self.queryLanguage = queryLanguage
        self.graph = graph
    }
}

/// A `StartAt` plus `States` block: the top level, a Parallel branch or a Map's item processor.
///
/// Guarantees: `states` keeps the definition's order; `startAt` is a key of `states`.
package struct StateGraph: Sendable {
    /// `StartAt`.
    package var startAt: String
    /// `States`, in definition order.
    package var states: OrderedDictionary<String, State>
    /// `Comment` of the block, if any.
    package var comment: String?

    /// Creates a graph.
    package init(startAt: String, states: OrderedDictionary<String, State>, comment: String? = nil) {
        self.startAt = startAt
        self.states = states
        self.comment = comment
    }
}
