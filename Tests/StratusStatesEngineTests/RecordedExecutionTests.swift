import Foundation
import OrderedCollections
import StratusASL
import StratusJSON
@testable import StratusStatesEngine
import Testing

/// Runs the AWS-recorded executions of ../shared/conformance/localstack-sfn (categories `self-contained` and
/// `self-contained-choice-cases`) through the engine and compares final status, output or error/cause, and the
/// sequence of event types. Prints the pass count per feature; fails if fewer pass than the floor below.
///
/// Normalisation (the same LocalStack's recorder applied to AWS's answers): the execution runs with the
/// placeholder ARNs and role the recordings contain. The comparison rules are `RecordedHistoryComparison`, shared
/// with `RecordedExecutionsOverHTTPTests`, which runs the same cases through the built binary's HTTP API.
@Suite("AWS-recorded executions")
struct RecordedExecutionTests {
    /// Regressions below this many passing executions fail the test (raise it as the engine improves).
    static let passingFloor = 519

    struct Outcome {
        var id: String
        var features: [String]
        var passed: Bool
        var heldOut: Bool
        var reason: String
    }

    static let context = ExecutionContext(
        executionARN: "arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>",
        executionName: "<ExecArnPart_0idx>",
        stateMachineARN: "arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>",
        stateMachineName: "<ArnPart_0idx>",
        roleARN: "snf_role_arn",
        startTime: RFC3339.Instant(seconds: 1_700_000_000),
        input: .object([:]))

    static func run(definition: StateMachineDefinition, input: JSONValue) -> ExecutionMachine {
        var context = Self.context
        context.input = input
        var machine = ExecutionMachine(definition: definition, context: context)
        var driver = VirtualTimeDriver(start: context.startTime)
        driver.run(&machine) { invocation in
            .failure(error: "Stratus.NoService", cause: "self-contained test asked for task \(invocation.resource)")
        }
        return machine
    }

    @Test("recorded executions pass")
    func recordedExecutions() throws {
        let cases = try RecordedExecutions.load()
        let outcomes = cases.map(Self.outcome(of:))
        Self.report(outcomes, title: "AWS-recorded executions")
        let comparable = outcomes.filter { !$0.heldOut }
        #expect(comparable.filter(\.passed).count >= Self.passingFloor)
        #expect(!cases.isEmpty, "no recorded executions found under \(RecordedExecutions.root.path)")
    }

    /// Runs one case in-process and compares it with its recording.
    static func outcome(of item: RecordedExecutions.Case) -> Outcome {
        guard let definitionValue = item.definition else {
            return Outcome(id: item.id, features: item.features, passed: false, heldOut: item.heldOut,
                           reason: item.loadProblem ?? "no definition")
        }
        let parsed = ASLParser.parse(definitionValue)
        guard let definition = parsed.definition else {
            return Outcome(id: item.id, features: item.features, passed: false, heldOut: item.heldOut,
                           reason: "rejected: \(parsed.diagnostics.map(\.description).joined(separator: "; "))")
        }
        var passed = true
        var reason = ""
        for execution in item.executions {
            let machine = Self.run(definition: definition, input: execution.input)
            guard let expected = execution.events else {
                if !machine.status.isFinished { passed = false; reason = "did not finish" }
                continue
            }
            if let problem = Self.compare(machine, expected: expected) {
                passed = false
                reason = problem
                break
            }
        }
        return Outcome(id: item.id, features: item.features, passed: passed, heldOut: item.heldOut, reason: reason)
    }

    /// Prints the pass count, per feature, and every failure under `title`.
    static func report(_ outcomes: [Outcome], title: String) {
        let comparable = outcomes.filter { !$0.heldOut }
        var features: OrderedDictionary<String, (Int, Int)> = [:]
        for outcome in comparable {
            for feature in outcome.features.isEmpty ? ["(basic)"] : outcome.features {
                let (pass, total) = features[feature] ?? (0, 0)
                features[feature] = (pass + (outcome.passed ? 1 : 0), total + 1)
            }
        }
        print("\(title): \(comparable.filter(\.passed).count)/\(comparable.count) pass "
              + "(held-out, run without comparison: \(outcomes.filter { $0.heldOut && !$0.reason.contains("held-out recording") }.count), "
              + "finished: \(outcomes.filter { $0.heldOut && $0.passed }.count); held-out Choice entries without inputs: "
              + "\(outcomes.filter { $0.reason.contains("held-out recording") }.count))")
        for (feature, counts) in features.sorted(by: { $0.key < $1.key }) {
            print("  \(feature): \(counts.0)/\(counts.1)")
        }
        for outcome in comparable where !outcome.passed {
            print("  FAIL \(outcome.id): \(outcome.reason.prefix(300))")
        }
        for outcome in outcomes where outcome.heldOut && !outcome.passed && !outcome.reason.contains("held-out recording") {
            print("  HELD-OUT NOT FINISHED \(outcome.id): \(outcome.reason.prefix(300))")
        }
    }

    /// `nil` when the run matches the recording, else what differs (the rules: `RecordedHistoryComparison`).
    static func compare(_ machine: ExecutionMachine, expected: [JSONValue]) -> String? {
        RecordedHistoryComparison.compare(machine.history.map(\.jsonValue), expected: expected)
    }
}
