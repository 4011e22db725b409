// StateMachineVersion: one published, immutable version of a state machine.
import StratusAPIStepFunctions

/// A published version of a state machine: a snapshot of its definition and configuration at one revision.
///
/// Guarantees: never changes once published; `number` is unique within its state machine and never reused, even
/// after the version is deleted (see ``StateMachineRecord/lastVersionNumber``).
package struct StateMachineVersion: Codable, Sendable, Equatable {
    /// The version number (1, 2, …).
    package var number: Int
    /// The revision of the state machine this version snapshots.
    package var revisionID: String
    /// The description given when publishing, if any.
    package var description: String?
    /// When it was published (milliseconds since the epoch).
    package var createdAt: Int64
    /// The definition at that revision.
    package var definition: String
    /// The role at that revision.
    package var roleArn: String
    /// The logging configuration at that revision.
    package var loggingConfiguration: StepFunctions.LoggingConfiguration?
    /// The tracing configuration at that revision.
    package var tracingConfiguration: StepFunctions.TracingConfiguration?

    /// Creates a version.
    package init(
        number: Int, revisionID: String, description: String?, createdAt: Int64, definition: String,
        roleArn: String, loggingConfiguration: StepFunctions.LoggingConfiguration?,
        tracingConfiguration: StepFunctions.TracingConfiguration?
    ) {
        self.number = number
        self.revisionID = revisionID
        self.description = description
        self.createdAt = createdAt
        self.definition = definition
        self.roleArn = roleArn
        self.loggingConfiguration = loggingConfiguration
        self.tracingConfiguration = tracingConfiguration
    }
}
