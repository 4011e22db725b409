import OrderedCollections
import StratusJSON

/// How a tested state ended (TestState's `status`).
package enum StateTestStatus: String, Sendable {
    /// The state completed; `output` (and `nextState` unless it ends the machine) are set.
    case succeeded = "SUCCEEDED"
    /// The state failed and no retrier or catcher took the error.
    case failed = "FAILED"
    /// A retrier with attempts left matches the error.
    case retriable = "RETRIABLE"
    /// A catcher took the error; `output` is its output and `nextState` its `Next`.
    case caughtError = "CAUGHT_ERROR"
}

/// The data a state test reports at `DEBUG`/`TRACE` (TestState's `inspectionData`); each field is set only where
/// AWS fills it for the state's type and query language.
package struct StateTestInspection: Sendable, Equatable {
    /// The raw input.
    package var input: JSONValue?
    /// The evaluated `Arguments` (JSONata).
    package var afterArguments: JSONValue?
    /// After `InputPath`.
    package var afterInputPath: JSONValue?
    /// After `Parameters` (the effective input when there are none).
    package var afterParameters: JSONValue?
    /// The work's result (or a Pass state's `Result`).
    package var result: JSONValue?
    /// After `ResultSelector`.
    package var afterResultSelector: JSONValue?
    /// After `ResultPath`.
    package var afterResultPath: JSONValue?
    /// The variables in scope after the state (when there are any).
    package var variables: JSONValue?
    /// A Map state's items after `ItemsPath`.
    package var afterItemsPath: JSONValue?
    /// A Map state's items after `ItemSelector`.
    package var afterItemSelector: JSONValue?
    /// A Map state's batches after `ItemBatcher`.
    package var afterItemBatcher: JSONValue?
    /// A Map state's resolved `ToleratedFailureCount`.
    package var toleratedFailureCount: Int?
    /// A Map state's resolved `ToleratedFailurePercentage`.
    package var toleratedFailurePercentage: Double?
    /// A Map state's resolved `MaxConcurrency` (0 when unset).
    package var maxConcurrency: Int?
    /// Index of the catcher that took the error.
    package var catchIndex: Int?
    /// Index of the retrier that matched the error.
    package var retryIndex: Int?
    /// The back-off before the next attempt, in whole seconds (only when the retrier has attempts left).
    package var retryBackoffIntervalSeconds: Int?

    /// An empty inspection.
    package init() {}

    /// Whether any error detail is set.
    package var hasErrorDetails: Bool { catchIndex != nil || retryIndex != nil || retryBackoffIntervalSeconds != nil }
}

/// What a state test answers.
package struct StateTestOutcome: Sendable, Equatable {
    /// How the state ended.
    package var status: StateTestStatus
    /// The state's output (succeeded, or caught error).
    package var output: JSONValue?
    /// The error (failed, retriable, caught).
    package var error: String?
    /// The cause, when the error has one.
    package var cause: String?
    /// The state to go to next.
    package var nextState: String?
    /// The inspection data; `nil` at `INFO`.
    package var inspection: StateTestInspection?

    /// Creates an outcome.
    package init(status: StateTestStatus, output: JSONValue? = nil, error: String? = nil, cause: String? = nil,
                 nextState: String? = nil, inspection: StateTestInspection? = nil) {
        self.status = status
        self.output = output
        self.error = error
        self.cause = cause
        self.nextState = nextState
        self.inspection = inspection
    }
}

/// Where a state test stands after a step.
package enum StateTestStep: Sendable {
    /// The test is over.
    case finished(StateTestOutcome)
    /// The host must run the Task's work and answer with ``StateTester/taskSucceeded(_:)`` or
    /// ``StateTester/taskFailed(error:cause:)``.
    case invokeTask(TaskInvocation)
}
