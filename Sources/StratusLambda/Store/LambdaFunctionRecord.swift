// LambdaFunctionRecord: a function with its versions, aliases and per-function settings.

/// A function as one aggregate: `$LATEST`, the published versions, the aliases, tags, reserved concurrency and
/// the asynchronous-invocation configs. The store reads and writes it whole, atomically.
///
/// Guarantees: `versions` holds `$LATEST` first, then published versions in ascending number order;
/// `lastPublishedVersion` only grows (deleted version numbers are never reused).
package struct LambdaFunctionRecord: Sendable, Codable, Equatable {
    /// The owning account.
    package var accountID: String
    /// The region.
    package var region: String
    /// The function name.
    package var name: String
    /// Creation time (ms).
    package var createdAt: Int64
    /// Tags.
    package var tags: [String: String]
    /// `ReservedConcurrentExecutions`, nil when not reserved.
    package var reservedConcurrency: Int?
    /// The highest version number ever published (0: none).
    package var lastPublishedVersion: Int
    /// `$LATEST`, then the published versions.
    package var versions: [LambdaVersionRecord]
    /// The aliases, sorted by name.
    package var aliases: [LambdaAliasRecord]
    /// Asynchronous-invocation configs, one per qualifier.
    package var eventInvokeConfigs: [LambdaEventInvokeConfigRecord]
    /// The statements of the function's resource-based policies (every qualifier), nil when there are none.
    package var permissions: [LambdaPermissionRecord]?
    /// The function URLs (unqualified, or one per alias), nil when there are none.
    package var urls: [LambdaFunctionURLRecord]?
    /// Provisioned concurrency, one per version or alias, nil when there is none.
    package var provisionedConcurrency: [LambdaProvisionedConcurrencyRecord]?

    package init(accountID: String, region: String, name: String, createdAt: Int64, tags: [String: String],
                 reservedConcurrency: Int?, lastPublishedVersion: Int, versions: [LambdaVersionRecord],
                 aliases: [LambdaAliasRecord], eventInvokeConfigs: [LambdaEventInvokeConfigRecord]) {
        self.accountID = accountID
        self.region = region
        self.name = name
        self.createdAt = createdAt
        self.tags = tags
        self.reservedConcurrency = reservedConcurrency
        self.lastPublishedVersion = lastPublishedVersion
        self.versions = versions
        self.aliases = aliases
        self.eventInvokeConfigs = eventInvokeConfigs
    }

    /// `arn:aws:lambda:<region>:<account>:function:<name>`.
    package var arn: String { "arn:aws:lambda:\(region):\(accountID):function:\(name)" }

    /// The version record `version` (`$LATEST` or a number), if it exists.
    package func version(_ version: String) -> LambdaVersionRecord? { versions.first { $0.version == version } }

    /// `$LATEST`.
    package var latest: LambdaVersionRecord { versions[0] }

    /// The alias `name`, if it exists.
    package func alias(_ name: String) -> LambdaAliasRecord? { aliases.first { $0.name == name } }

    /// Replaces the version with the same number.
    package mutating func replace(_ record: LambdaVersionRecord) {
        if let index = versions.firstIndex(where: { $0.version == record.version }) { versions[index] = record }
    }
}
