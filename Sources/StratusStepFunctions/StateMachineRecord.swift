// StateMachineRecord: one state machine as the store keeps it.
import StratusAPIStepFunctions

/// A state machine: its identity, definition and configuration, as ``StepFunctionsStore`` keeps it.
///
/// Guarantees: `Codable` round-trips every field (adapters may store it as one JSON document); times are integer
/// milliseconds since the epoch; `arn` is derived from account, region and name and never changes.
package struct StateMachineRecord: Codable, Sendable, Equatable {
    /// The owning account.
    package var accountID: String
    /// The region it lives in.
    package var region: String
    /// The name (unique per account and region).
    package var name: String
    /// `arn:aws:states:<region>:<account>:stateMachine:<name>`.
    package var arn: String
    /// The Amazon States Language text, exactly as given.
    package var definition: String
    /// The IAM role executions run as (recorded, not assumed).
    package var roleArn: String
    /// `STANDARD` or `EXPRESS`.
    package var type: String
    /// When it was created.
    package var createdAt: Int64
    /// When it was last updated, if ever.
    package var updatedAt: Int64?
    /// Changes on every update.
    package var revisionID: String
    /// The logging configuration as given (returned, not acted on).
    package var loggingConfiguration: StepFunctions.LoggingConfiguration?
    /// The tracing configuration as given (returned, not acted on).
    package var tracingConfiguration: StepFunctions.TracingConfiguration?
    /// Tags in the order given, later duplicates replacing earlier values.
    package var tags: [StateMachineTag]
    /// Published versions, oldest first (absent in records stored before versions existed).
    package var versions: [StateMachineVersion]?
    /// The highest version number ever published (deleted numbers are not reused).
    package var lastVersionNumber: Int?
    /// Aliases, by creation (absent in records stored before aliases existed).
    package var aliases: [StateMachineAlias]?

    /// Creates a record.
    package init(
        accountID: String, region: String, name: String, arn: String, definition: String, roleArn: String,
        type: String, createdAt: Int64, updatedAt: Int64? = nil, revisionID: String,
        loggingConfiguration: StepFunctions.LoggingConfiguration? = nil,
        tracingConfiguration: StepFunctions.TracingConfiguration? = nil, tags: [StateMachineTag] = []
    ) {
        self.accountID = accountID
        self.region = region
        self.name = name
        self.arn = arn
        self.definition = definition
        self.roleArn = roleArn
        self.type = type
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.revisionID = revisionID
        self.loggingConfiguration = loggingConfiguration
        self.tracingConfiguration = tracingConfiguration
        self.tags = tags
    }
}

/// One resource tag.
package struct StateMachineTag: Codable, Sendable, Equatable {
    /// The key.
    package var key: String
    /// The value (possibly empty).
    package var value: String

    /// Creates a tag.
    package init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
