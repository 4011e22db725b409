/// An error in Step Functions terms: an error name (`States.Runtime`, `States.IntrinsicFailure`, or a user's name)
/// and a cause text.
///
/// Guarantees: ``name`` is exactly the name AWS reports in `Error` / `error` fields, ``cause`` the human text
/// AWS puts in `Cause` (without the engine's "An error occurred while executing the state …" prefix, which the
/// engine adds). The static names are AWS's predefined error names.
public struct StatesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error name.
    public var name: String
    /// The cause text.
    public var cause: String
    /// The field whose evaluation failed (`Output/result`, `Items`, …), for `States.QueryEvaluationError`.
    public var location: String?

    /// An error with the given name and cause.
    public init(name: String, cause: String, location: String? = nil) {
        self.location = location
        self.name = name
        self.cause = cause
    }

    /// `name: cause`.
    public var description: String { "\(name): \(cause)" }

    /// Whether the error has no name: a task failure reported without one (`SendTaskFailure` with no `error`, which
    /// the service passes on as the empty name). AWS's history then has no `error` member and the Error Output has
    /// `"Error": null`.
    public var isUnnamed: Bool { name.isEmpty }

    /// Matches every error name except the terminal ones (`States.Runtime`, `States.DataLimitExceeded`).
    public static let all = "States.ALL"
    /// An unprocessable runtime fault; never retried or caught.
    public static let runtime = "States.Runtime"
    /// An intrinsic function call failed.
    public static let intrinsicFailure = "States.IntrinsicFailure"
    /// `ResultPath` could not be applied to the input.
    public static let resultPathMatchFailure = "States.ResultPathMatchFailure"
    /// A payload template path failed (the spec's name; see docs/jsonpath.md for when AWS reports it).
    public static let parameterPathFailure = "States.ParameterPathFailure"
    /// A Task failed.
    public static let taskFailed = "States.TaskFailed"
    /// A timeout.
    public static let timeout = "States.Timeout"
    /// A missed heartbeat.
    public static let heartbeatTimeout = "States.HeartbeatTimeout"
    /// Insufficient privileges.
    public static let permissions = "States.Permissions"
    /// A JSONata evaluation failed.
    public static let queryEvaluationError = "States.QueryEvaluationError"
    /// A Parallel branch failed.
    public static let branchFailed = "States.BranchFailed"
    /// A Choice state matched no rule and has no Default.
    public static let noChoiceMatched = "States.NoChoiceMatched"
    /// A Map state's failures exceeded its tolerated threshold.
    public static let exceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold"
    /// A payload exceeded the size quota; terminal.
    public static let dataLimitExceeded = "States.DataLimitExceeded"
    /// A Distributed Map item reader failed.
    public static let itemReaderFailed = "States.ItemReaderFailed"
    /// A Distributed Map result writer failed.
    public static let resultWriterFailed = "States.ResultWriterFailed"
    /// An HTTP Task socket timeout.
    public static let httpSocket = "States.Http.Socket"
}
