import OrderedCollections
import StratusASL
import StratusJSON

/// How much a state test reports (TestState's `inspectionLevel`).
package enum StateTestInspectionLevel: String, Sendable {
    /// Output, error, cause, next state and status only.
    case info = "INFO"
    /// Also the data after each data-flow step (``StateTestInspection``).
    case debug = "DEBUG"
    /// Also the HTTP request and response of HTTP Task states (Stratus runs none, so the same as `DEBUG`).
    case trace = "TRACE"
}

/// A mocked answer for the state's work (TestState's `mock`): the result, or an error.
package enum StateTestMock: Sendable {
    /// The Task's result, or the Map's/Parallel's result array.
    case result(JSONValue)
    /// The error the work fails with (`cause` may be absent).
    case error(name: String, cause: String?)
}

/// One state to evaluate once, as the TestState API does.
///
/// Guarantees: plain data; the tester never changes it.
package struct StateTestRequest: Sendable {
    /// The parsed definition the state belongs to (a single state is parsed as state `StateName`).
    package var definition: StateMachineDefinition
    /// The top-level state to test.
    package var stateName: String
    /// The state's raw input.
    package var input: JSONValue
    /// Variables in scope when the state is entered.
    package var variables: [String: JSONValue]
    /// The Context object the state sees; `nil` builds AWS's TestState default from the other fields.
    package var contextObject: JSONValue?
    /// The execution ARN of the default Context object (`$$.Execution.Id`).
    package var executionARN: String
    /// The state machine ARN of the default Context object.
    package var stateMachineARN: String
    /// The role ARN of the default Context object (`null` when absent).
    package var roleARN: String?
    /// What to report.
    package var inspectionLevel: StateTestInspectionLevel
    /// The state was named in a whole machine (TestState's `stateName`): AWS's default Context object then has no
    /// `State.RetryCount`.
    package var isStateOfMachine: Bool
    /// The mocked work, if any (required for Map and Parallel states).
    package var mock: StateTestMock?
    /// Attempts already used by the retrier that matches the error (`stateConfiguration.retrierRetryCount`).
    package var retrierRetryCount: Int
    /// Map iterations that failed (`stateConfiguration.mapIterationFailureCount`).
    package var mapIterationFailureCount: Int?
    /// When the state is entered.
    package var now: RFC3339.Instant
    /// Seed of the deterministic random source (`States.UUID`, `$random`, task tokens).
    package var randomSeed: UInt64

    /// Creates a request.
    package init(definition: StateMachineDefinition, stateName: String, input: JSONValue, variables: [String: JSONValue] = [:],
                 contextObject: JSONValue? = nil, executionARN: String, stateMachineARN: String, roleARN: String?,
                 inspectionLevel: StateTestInspectionLevel = .info, isStateOfMachine: Bool = false, mock: StateTestMock? = nil, retrierRetryCount: Int = 0,
                 mapIterationFailureCount: Int? = nil, now: RFC3339.Instant, randomSeed: UInt64 = 0x5EED) {
        self.definition = definition
        self.stateName = stateName
        self.input = input
        self.variables = variables
        self.contextObject = contextObject
        self.executionARN = executionARN
        self.stateMachineARN = stateMachineARN
        self.roleARN = roleARN
        self.inspectionLevel = inspectionLevel
        self.isStateOfMachine = isStateOfMachine
        self.mock = mock
        self.retrierRetryCount = retrierRetryCount
        self.mapIterationFailureCount = mapIterationFailureCount
        self.now = now
        self.randomSeed = randomSeed
    }
}
