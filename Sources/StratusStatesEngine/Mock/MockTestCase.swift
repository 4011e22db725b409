import OrderedCollections

/// One test case of a state machine in a mock configuration: which mocked response each Task state uses.
///
/// Guarantees: every state listed has its mocked response resolved (the parser rejects references to responses
/// that `MockedResponses` does not define); states not listed are not mocked.
package struct MockTestCase: Sendable, Equatable {
    /// The state machine the test case belongs to (its key under `StateMachines`).
    package var stateMachineName: String
    /// The test case's name (its key under `TestCases`).
    package var name: String
    /// State name → the mocked response its invocations use, in file order.
    package var states: OrderedDictionary<String, MockedResponse>

    /// Creates a test case.
    package init(stateMachineName: String, name: String, states: OrderedDictionary<String, MockedResponse>) {
        self.stateMachineName = stateMachineName
        self.name = name
        self.states = states
    }
}
