// StateMachineAlias: a named route to one or two versions of a state machine.

/// An alias of a state machine: a name routing executions to one or two of its versions by weight.
///
/// Guarantees (enforced by the service): 1–2 routes to distinct existing versions of the same state machine,
/// weights 0–100 summing to 100; times are milliseconds since the epoch.
package struct StateMachineAlias: Codable, Sendable, Equatable {
    /// The alias name (unique within its state machine).
    package var name: String
    /// The description, if any.
    package var description: String?
    /// The routes: version number and weight.
    package var routes: [StateMachineAliasRoute]
    /// When it was created.
    package var createdAt: Int64
    /// When it was last updated, if ever.
    package var updatedAt: Int64?

    /// Creates an alias.
    package init(name: String, description: String?, routes: [StateMachineAliasRoute], createdAt: Int64) {
        self.name = name
        self.description = description
        self.routes = routes
        self.createdAt = createdAt
    }
}

/// One route of an alias.
package struct StateMachineAliasRoute: Codable, Sendable, Equatable {
    /// The version number routed to.
    package var version: Int
    /// Its weight (0–100).
    package var weight: Int

    /// Creates a route.
    package init(version: Int, weight: Int) {
        self.version = version
        self.weight = weight
    }
}
