import StratusASL
import StratusJSON
import StratusStatesEngine

/// One engine workload: a definition and its input, run to the end in-process on a virtual clock.
///
/// Guarantees: every measured execution must SUCCEED (a failure stops the benchmark with its error, so a broken
/// engine cannot report a rate); transitions are ``ExecutionMachine/transitions`` summed over measured runs.
struct EngineBenchmark {
    /// What the table calls it.
    var name: String
    /// The ASL definition.
    var definition: StateMachineDefinition
    /// The execution input.
    var input: JSONValue

    /// What one configuration (history on or off) measured.
    struct Measurement {
        var executions: Int
        var transitionsPerExecution: Int
        var seconds: Double
        var transitionsPerSecond: Double { Double(executions * transitionsPerExecution) / seconds }
        var millisecondsPerExecution: Double { seconds * 1000 / Double(executions) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses `text` (a benchmark definition is always valid).
    init(name: String, text: String, input: JSONValue) throws {
        let parsed = ASLParser.parse(text: text)
        guard let definition = parsed.definition else {
            throw Failure(description: "\(name): invalid definition: \(parsed.diagnostics.map(\.description))")
        }
        self.name = name
        self.definition = definition
        self.input = input
    }

    /// Runs one execution; returns its transitions.
    func execute(recordHistory: Bool) throws -> Int {
        let start = RFC3339.Instant(seconds: 1_700_000_000)
        let context = ExecutionContext(
            executionARN: "arn:aws:states:us-east-1:000000000000:execution:bench:run", executionName: "run",
            stateMachineARN: "arn:aws:states:us-east-1:000000000000:stateMachine:bench", stateMachineName: "bench",
            roleARN: "arn:aws:iam::000000000000:role/bench", startTime: start, input: input)
        // History limits would end the big Map early; the benchmark measures the engine, not AWS's quota.
        let options = EngineOptions(recordHistory: recordHistory, maximumHistoryEvents: Int.max)
        var machine = ExecutionMachine(definition: definition, context: context, options: options)
        var driver = VirtualTimeDriver(start: start)
        driver.run(&machine) { _ in .failure(error: "Bench.NoTasks", cause: "benchmarks have no Task states") }
        guard case .succeeded = machine.status else {
            throw Failure(description: "\(name): the execution ended \(machine.status.name): \(machine.status)")
        }
        return machine.transitions
    }

    /// Measures executions with history recording on or off.
    func measure(recordHistory: Bool, clock: BenchmarkClock) throws -> Measurement {
        let transitions = try execute(recordHistory: recordHistory)
        var failure: (any Error)?
        let result = clock.measure {
            do {
                let count = try execute(recordHistory: recordHistory)
                if count != transitions { failure = Failure(description: "\(name): \(count) transitions, then \(transitions)") }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return Measurement(executions: result.runs, transitionsPerExecution: transitions, seconds: result.seconds)
    }
}
