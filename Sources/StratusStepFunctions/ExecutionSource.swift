// ExecutionSource: the state machine version one execution runs.

/// The definition, role and state machine name an execution was started with.
///
/// Guarantees: fixed for the life of the execution, whatever later happens to its state machine (update, delete).
package struct ExecutionSource: Sendable, Equatable {
    /// The Amazon States Language text the execution runs.
    package var definition: String
    /// The role it runs as.
    package var roleArn: String
    /// The name of its state machine.
    package var stateMachineName: String

    /// The source of a stored execution.
    package init(_ stored: StoredExecution) {
        definition = stored.definition
        roleArn = stored.roleArn
        stateMachineName = stored.stateMachineName
    }
}
