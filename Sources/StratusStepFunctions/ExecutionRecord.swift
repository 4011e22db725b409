// ExecutionRecord: what DescribeExecution and ListExecutions report about one execution.

/// The externally visible state of one execution.
///
/// Guarantees: times are integer milliseconds since the epoch; `status` is AWS's name (`RUNNING`, `SUCCEEDED`,
/// `FAILED`, `TIMED_OUT`, `ABORTED`); `stopDate` is set exactly when the status is not `RUNNING`.
package struct ExecutionRecord: Sendable, Equatable {
    /// The execution ARN.
    package var arn: String
    /// The state machine's ARN.
    package var stateMachineArn: String
    /// The execution name.
    package var name: String
    /// The input text, as given.
    package var input: String
    /// When it started.
    package var startedAt: Int64
    /// AWS's status name.
    package var status: String
    /// When it ended, once it has.
    package var stoppedAt: Int64?
    /// The output text, when it succeeded.
    package var output: String?
    /// The error, when it failed, timed out or was aborted with one.
    package var error: String?
    /// The cause, when there is one.
    package var cause: String?
    /// The version it runs, when it was started with a version ARN (or an alias routing to one).
    package var stateMachineVersionArn: String?
    /// The alias it was started through, if any.
    package var stateMachineAliasArn: String?
    /// How many times it was redriven (`RedriveExecution`).
    package var redriveCount = 0
    /// When it was last redriven, if it was.
    package var redriveDate: Int64?

    /// Creates a record of a running execution.
    package init(arn: String, stateMachineArn: String, name: String, input: String, startedAt: Int64) {
        self.arn = arn
        self.stateMachineArn = stateMachineArn
        self.name = name
        self.input = input
        self.startedAt = startedAt
        self.status = "RUNNING"
    }
}
