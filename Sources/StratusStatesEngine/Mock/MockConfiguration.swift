import OrderedCollections
import StratusJSON

/// A mock configuration in AWS Step Functions Local's `MockConfigFile.json` format:
/// `StateMachines.<machine>.TestCases.<case>.<state> = <mocked response name>` and
/// `MockedResponses.<name>.<"0" | "1-2" …> = {"Return": value} | {"Throw": {"Error": …, "Cause": …}}`.
///
/// Guarantees: a value of this type passed every structural check when it was parsed (see
/// ``init(parsing:)``): both top-level objects are present, every test case refers only to defined mocked
/// responses, and every mocked response covers invocations 0…n−1 without gaps or overlaps, each with exactly
/// one `Return` or `Throw`. Pure: no files are read here.
package struct MockConfiguration: Sendable, Equatable {
    /// State machine name → test case name → test case, in file order.
    package var stateMachines: OrderedDictionary<String, OrderedDictionary<String, MockTestCase>>
    /// Mocked response name → mocked response, in file order.
    package var mockedResponses: OrderedDictionary<String, MockedResponse>

    /// Creates a configuration from parts already checked.
    package init(stateMachines: OrderedDictionary<String, OrderedDictionary<String, MockTestCase>>,
                 mockedResponses: OrderedDictionary<String, MockedResponse>) {
        self.stateMachines = stateMachines
        self.mockedResponses = mockedResponses
    }

    /// Parses and checks the text of a mock configuration file (strict JSON).
    /// - Throws: ``MockConfigurationError`` (`invalidJSON` or `invalidStructure`) naming what is wrong and where.
    package init(parsing text: String) throws(MockConfigurationError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            throw MockConfigurationError(code: .invalidJSON, message: "The mock configuration is not valid JSON: \(error.description)")
        }
        try self.init(value)
    }

    /// Checks a mock configuration already read as JSON.
    /// - Throws: ``MockConfigurationError`` (`invalidStructure`) naming what is wrong and where.
    package init(_ value: JSONValue) throws(MockConfigurationError) {
        var reader = MockConfigurationReader()
        self = try reader.read(value)
    }

    /// The test case `name` of the state machine `stateMachine`.
    /// - Throws: ``MockConfigurationError`` `unknownStateMachine` or `unknownTestCase`, listing the names the file
    ///   does define.
    package func testCase(stateMachine: String, name: String) throws(MockConfigurationError) -> MockTestCase {
        guard let testCases = stateMachines[stateMachine] else {
            throw MockConfigurationError(code: .unknownStateMachine, message:
                "The mock configuration has no state machine named '\(stateMachine)' under StateMachines "
                + "(it defines: \(Self.list(stateMachines.keys))).")
        }
        guard let testCase = testCases[name] else {
            throw MockConfigurationError(code: .unknownTestCase, message:
                "State machine '\(stateMachine)' has no test case named '\(name)' in the mock configuration "
                + "(it defines: \(Self.list(testCases.keys))).")
        }
        return testCase
    }

    private static func list(_ names: some Collection<String>) -> String {
        names.isEmpty ? "none" : names.map { "'\($0)'" }.joined(separator: ", ")
    }
}
