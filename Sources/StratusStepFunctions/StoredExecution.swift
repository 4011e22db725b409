// StoredExecution: a Standard execution as the store keeps it, journal included.

/// A durable Standard execution: what is needed to rebuild its ``ExecutionMachine`` (definition, context,
/// random seed) and its journal of handled events, plus the record DescribeExecution shows.
///
/// Guarantees: `journal` is in handling order (`sequence` 0, 1, 2, …); replaying it on the definition, context and
/// seed rebuilds the machine exactly (the engine is deterministic).
package struct StoredExecution: Sendable, Equatable {
    /// The visible state (status, output, error, times).
    package var record: ExecutionRecord
    /// The definition text the execution runs (a later UpdateStateMachine does not change it).
    package var definition: String
    /// The role ARN in its context.
    package var roleArn: String
    /// The state machine's name in its context.
    package var stateMachineName: String
    /// The engine's random seed.
    package var randomSeed: UInt64
    /// Every event handled, in order.
    package var journal: [JournalEntry]

    /// Creates a stored execution.
    package init(
        record: ExecutionRecord, definition: String, roleArn: String, stateMachineName: String, randomSeed: UInt64,
        journal: [JournalEntry] = []
    ) {
        self.record = record
        self.definition = definition
        self.roleArn = roleArn
        self.stateMachineName = stateMachineName
        self.randomSeed = randomSeed
        self.journal = journal
    }
}

/// One handled engine event: its position, its encoded form (``JournalCoding``) and when it was handled.
package struct JournalEntry: Sendable, Equatable {
    /// 0 for the first event after the start, then 1, 2, …
    package var sequence: Int
    /// The event, encoded by ``JournalCoding/encode(_:)``.
    package var event: String
    /// When it was handled, milliseconds since the epoch.
    package var at: Int64

    /// Creates an entry.
    package init(sequence: Int, event: String, at: Int64) {
        self.sequence = sequence
        self.event = event
        self.at = at
    }
}
