// LambdaProvisionedConcurrencyRecord: the provisioned concurrency of one function version or alias.

/// `PutProvisionedConcurrencyConfig` of a published version or an alias.
///
/// Guarantees: `qualifier` is a version number or an alias name (never `$LATEST`); `requested` is at least 1.
package struct LambdaProvisionedConcurrencyRecord: Sendable, Codable, Equatable {
    /// A version number or an alias name.
    package var qualifier: String
    /// `ProvisionedConcurrentExecutions`.
    package var requested: Int
    /// When it was last set (ms).
    package var lastModified: Int64

    package init(qualifier: String, requested: Int, lastModified: Int64) {
        self.qualifier = qualifier
        self.requested = requested
        self.lastModified = lastModified
    }
}
