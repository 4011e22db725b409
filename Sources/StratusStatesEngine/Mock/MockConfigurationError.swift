/// Why a mock configuration file (Step Functions Local's `MockConfigFile.json` format) was rejected, or why a
/// test case could not be selected from it.
///
/// Guarantees: for `invalidStructure`, `message` starts with the offending place as a JSON-pointer-like path
/// (`/MockedResponses/Name/1-2: …`) and says what was expected there.
package struct MockConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    package enum Code: String, Sendable, Equatable {
        /// The text is not JSON.
        case invalidJSON
        /// The JSON does not have the mock configuration's structure.
        case invalidStructure
        /// The requested state machine has no entry under `StateMachines`.
        case unknownStateMachine
        /// The requested test case is not defined for that state machine.
        case unknownTestCase
    }

    /// The kind of problem.
    package var code: Code
    /// What is wrong, for people.
    package var message: String

    /// Creates an error.
    package init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    package var description: String { message }
}
