import ArgumentParser
import Foundation
import OrderedCollections
import StratusASL
import StratusAWSCore
import StratusJSON
import StratusStatesEngine

/// `stratus sfn run FILE`: runs one execution of a definition in-process and prints how it ended.
///
/// Guarantees: Task states are answered only from the mock configuration (`--mock-config`, `--test-case`); a
/// Task with no mocked response fails with `Stratus.NoMockedResponse` (and a warning on standard error). Exit
/// code 0 when the execution SUCCEEDED, 1 when it ended otherwise, 2 when an input was unusable (see
/// docs/sfn-cli.md for the output formats).
struct SfnRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a state machine definition in-process and print its outcome (or its history).",
        discussion: """
            Prints {"executionArn", "status", "output"} when the execution succeeds, {"executionArn", "status", \
            "error", "cause"} otherwise; with --history, {"events": [...]} as GetExecutionHistory returns it. \
            Exit code 0 for SUCCEEDED, 1 otherwise, 2 for unusable inputs.
            """
    )

    @Argument(help: "The definition file (JSON); '-' reads standard input.")
    var file: String

    @Option(help: "The execution input (JSON text). [default: {}]")
    var input: String?

    @Option(name: .customLong("input-file"), help: "Read the execution input from this file ('-': standard input).")
    var inputFile: String?

    @Flag(help: "Print the execution's history ({\"events\": [...]}, as GetExecutionHistory returns it) instead of the outcome.")
    var history = false

    @Flag(name: .customLong("fast-forward"), help: "Run on a virtual clock: Wait states, retry back-offs and timeouts take no time.")
    var fastForward = false

    @Option(name: .customLong("mock-config"), help: "A Step Functions Local mock configuration file (MockConfigFile.json format).")
    var mockConfig: String?

    @Option(name: .customLong("test-case"), help: "The test case of the mock configuration that answers Task states.")
    var testCase: String?

    @Option(name: .customLong("state-machine-name"), help: "The state machine's name (ARN, mock lookup). [default: the file name without .json/.asl]")
    var stateMachineName: String?

    @Option(name: .customLong("name"), help: "The execution name. [default: a random UUID]")
    var executionName: String?

    @Option(help: "Seed of the execution's random source (States.UUID, States.MathRandom, retry jitter). [default: random]")
    var seed: UInt64?

    func validate() throws {
        if input != nil && inputFile != nil {
            throw ValidationError("Give the input with --input or --input-file, not both.")
        }
        if file == "-" && inputFile == "-" {
            throw ValidationError("The definition and the input cannot both come from standard input.")
        }
        if (mockConfig == nil) != (testCase == nil) {
            throw ValidationError("--mock-config and --test-case go together: the test case names which mocks answer Task states.")
        }
        if let stateMachineName, let problem = Self.nameProblem(stateMachineName) {
            throw ValidationError("--state-machine-name \(problem)")
        }
        if let executionName, let problem = Self.nameProblem(executionName) {
            throw ValidationError("--name \(problem)")
        }
    }

    func run() async throws {
        let prepared: PreparedRun
        do {
            prepared = try prepare()
        } catch {
            SfnCommandIO.printError(error.message)
            throw ExitCode(SfnCommandIO.inputErrorExitCode)
        }
        var machine = prepared.machine
        var responder = MockTaskResponder(testCase: prepared.testCase)
        if fastForward {
            var driver = VirtualTimeDriver(start: machine.context.startTime)
            driver.run(&machine) { responder.answer($0) }
        } else {
            var driver = SfnRealTimeDriver(clock: prepared.clock)
            try await driver.run(&machine) { responder.answer($0) }
        }
        Self.warnAboutUnmockedTasks(responder.unmockedCauses)
        if case .running = machine.status {
            SfnCommandIO.printError("The execution is still running but nothing is left to happen (a task never answered).")
        }
        if history {
            SfnCommandIO.printJSON(.object(["events": .array(machine.history.map(\.jsonValue))]))
        } else {
            SfnCommandIO.printJSON(Self.outcome(machine))
        }
        guard case .succeeded = machine.status else { throw ExitCode(1) }
    }

    /// Everything read and checked before the execution starts.
    struct PreparedRun {
        var machine: ExecutionMachine
        var testCase: MockTestCase?
        var clock: any WallClock
    }

    private func prepare() throws(SfnCommandIO.InputError) -> PreparedRun {
        let text = try SfnCommandIO.readText(file, what: "definition file")
        let parsed = ASLParser.parse(text: text, options: .checkingJSONata())
        guard let definition = parsed.definition else {
            let errors = parsed.diagnostics.filter { $0.severity == .error }
            throw SfnCommandIO.InputError(message: "The definition is not valid (\(errors.count) error\(errors.count == 1 ? "" : "s")):\n"
                + errors.map { "  \($0.description)" }.joined(separator: "\n"))
        }
        let inputText = try inputFile.map { path throws(SfnCommandIO.InputError) in try SfnCommandIO.readText(path, what: "input file") }
            ?? input ?? "{}"
        let inputValue: JSONValue
        do {
            inputValue = try JSONValue.parse(inputText)
        } catch {
            throw SfnCommandIO.InputError(message: "The execution input is not valid JSON: \(error.description)")
        }
        let machineName = stateMachineName ?? Self.defaultMachineName(file: file)
        var testCase: MockTestCase?
        if let mockConfig, let testCaseName = self.testCase {
            let mockText = try SfnCommandIO.readText(mockConfig, what: "mock configuration file")
            do {
                testCase = try MockConfiguration(parsing: mockText).testCase(stateMachine: machineName, name: testCaseName)
            } catch {
                throw SfnCommandIO.InputError(message: "Mock configuration '\(mockConfig)': \(error.message)")
            }
        }
        let clock = SystemWallClock()
        let start = SfnRealTimeDriver.instant(clock.now())
        let name = executionName ?? RandomRequestIDGenerator().next()
        let account = AWSDefaults.accountID
        let region = AWSDefaults.region
        let context = ExecutionContext(
            executionARN: "arn:aws:states:\(region):\(account):execution:\(machineName):\(name)",
            executionName: name,
            stateMachineARN: "arn:aws:states:\(region):\(account):stateMachine:\(machineName)",
            stateMachineName: machineName,
            roleARN: "arn:aws:iam::\(account):role/\(Self.roleName)",
            startTime: start,
            input: inputValue)
        var generator = SystemRandomNumberGenerator()
        let options = EngineOptions(recordHistory: history, randomSeed: seed ?? generator.next())
        return PreparedRun(machine: ExecutionMachine(definition: definition, context: context, options: options),
                           testCase: testCase, clock: clock)
    }
}
