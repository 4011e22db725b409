// StepFunctionsStore: the storage port of the Step Functions service.

/// Where state machines live. Adapters: `SQLiteStepFunctionsStore` (StratusStoreSQLite).
///
/// Guarantees required of every adapter: each call is atomic and durable once it returns (a failed call
/// changed nothing); names are unique per account and region; listings are ordered by name.
package protocol StepFunctionsStore: Sendable {
    /// Inserts `record` unless a state machine with its ARN exists; then returns that one unchanged.
    func insertStateMachine(_ record: StateMachineRecord) async throws -> StateMachineInsertOutcome
    /// The state machine with this ARN, if any.
    func stateMachine(arn: String) async throws -> StateMachineRecord?
    /// Replaces the record with the same ARN; `false` if there is none.
    func replaceStateMachine(_ record: StateMachineRecord) async throws -> Bool
    /// Deletes the state machine with this ARN; `false` if there was none.
    func deleteStateMachine(arn: String) async throws -> Bool
    /// Up to `limit` state machines of an account and region whose name sorts after `afterName`, by name.
    func stateMachines(accountID: String, region: String, afterName: String?, limit: Int) async throws
        -> [StateMachineRecord]

    /// Stores a new Standard execution (its journal is empty).
    func insertExecution(_ execution: StoredExecution) async throws
    /// Appends journal entries to an execution and replaces its record, in one transaction.
    func appendJournal(executionArn: String, entries: [JournalEntry], record: ExecutionRecord) async throws
    /// Every stored execution with its journal, oldest first (for recovery after a restart).
    func storedExecutions() async throws -> [StoredExecution]

    /// Inserts `record` unless an activity with its ARN exists; then returns that one unchanged.
    func insertActivity(_ record: ActivityRecord) async throws -> ActivityInsertOutcome
    /// The activity with this ARN, if any.
    func activity(arn: String) async throws -> ActivityRecord?
    /// Replaces the activity with the same ARN (its tags); `false` if there is none.
    func replaceActivity(_ record: ActivityRecord) async throws -> Bool
    /// Deletes the activity with this ARN; `false` if there was none.
    func deleteActivity(arn: String) async throws -> Bool
    /// Up to `limit` activities of an account and region whose name sorts after `afterName`, by name.
    func activities(accountID: String, region: String, afterName: String?, limit: Int) async throws -> [ActivityRecord]
    /// The ARN of every activity of every account and region.
    func activityArns() async throws -> [String]
    /// Remembers the token an activity task was handed out with (so it still works after a restart).
    func insertStartedActivityTask(_ task: StartedActivityTask) async throws
    /// Every remembered activity task token, in hand-out order.
    func startedActivityTasks() async throws -> [StartedActivityTask]
}

/// The outcome of ``StepFunctionsStore/insertActivity(_:)``.
package enum ActivityInsertOutcome: Sendable, Equatable {
    /// The record was stored.
    case inserted
    /// An activity with the same ARN already existed (returned as stored).
    case existing(ActivityRecord)
}

/// The outcome of ``StepFunctionsStore/insertStateMachine(_:)``.
package enum StateMachineInsertOutcome: Sendable, Equatable {
    /// The record was stored.
    case inserted
    /// A state machine with the same ARN already existed (returned as stored).
    case existing(StateMachineRecord)
}
