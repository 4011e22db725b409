// LambdaAliasRecord: an alias of a function.

/// An alias: a name pointing at a published version (or `$LATEST`), optionally with weighted routing.
///
/// Guarantees: `revisionID` changes with every change of the alias.
package struct LambdaAliasRecord: Sendable, Codable, Equatable {
    /// The alias name.
    package var name: String
    /// The version it points at.
    package var functionVersion: String
    /// `Description`.
    package var description: String
    /// `RoutingConfig.AdditionalVersionWeights` (version → weight in 0…1).
    package var additionalVersionWeights: [String: Double]
    /// `RevisionId`.
    package var revisionID: String

    package init(name: String, functionVersion: String, description: String,
                 additionalVersionWeights: [String: Double], revisionID: String) {
        self.name = name
        self.functionVersion = functionVersion
        self.description = description
        self.additionalVersionWeights = additionalVersionWeights
        self.revisionID = revisionID
    }
}
