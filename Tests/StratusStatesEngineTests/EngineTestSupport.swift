import OrderedCollections
import StratusASL
import StratusJSON
@testable import StratusStatesEngine

/// Builds and runs small definitions for the engine's unit tests.
enum EngineTestSupport {
    static let start = RFC3339.Instant(seconds: 1_700_000_000)

    static func definition(_ text: String) throws -> StateMachineDefinition {
        let result = ASLParser.parse(text: text)
        guard let definition = result.definition else {
            throw DefinitionError(diagnostics: result.diagnostics)
        }
        return definition
    }

    struct DefinitionError: Error { var diagnostics: [ASLDiagnostic] }

    static func context(input: JSONValue) -> ExecutionContext {
        ExecutionContext(executionARN: "arn:aws:states:us-east-1:000000000000:execution:sm:run",
                         executionName: "run",
                         stateMachineARN: "arn:aws:states:us-east-1:000000000000:stateMachine:sm",
                         stateMachineName: "sm", roleARN: "arn:aws:iam::000000000000:role/r",
                         startTime: start, input: input)
    }

    /// Runs to the end on a virtual clock; `answer` plays the services.
    static func run(_ text: String, input: JSONValue = .object([:]), options: EngineOptions = .init(),
                    answer: (TaskInvocation) -> VirtualTimeDriver.TaskAnswer = { _ in .success(.object([:])) })
        throws -> (machine: ExecutionMachine, end: RFC3339.Instant) {
        var machine = ExecutionMachine(definition: try definition(text), context: context(input: input), options: options)
        var driver = VirtualTimeDriver(start: start)
        driver.run(&machine, answer: answer)
        return (machine, driver.now)
    }

    static func types(_ machine: ExecutionMachine) -> [String] { machine.history.map(\.type) }
}
