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
/// placeholder ARNs and role the recordings contain; events whose ids the recorder replaced (concurrent
/// branches, sorted) are compared as a multiset, the others in order.
@Suite("AWS-recorded executions")
struct RecordedExecutionTests {
    /// Regressions below this many passing executions fail the test (raise it as the engine improves).
    static let passingFloor = 489

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
        var outcomes: [Outcome] = []
        for item in cases {
            guard let definitionValue = item.definition else {
                outcomes.append(Outcome(id: item.id, features: item.features, passed: false, heldOut: item.heldOut,
                                        reason: item.loadProblem ?? "no definition"))
                continue
            }
            let parsed = ASLParser.parse(definitionValue)
            guard let definition = parsed.definition else {
                outcomes.append(Outcome(id: item.id, features: item.features, passed: false, heldOut: item.heldOut,
                                        reason: "rejected: \(parsed.diagnostics.map(\.description).joined(separator: "; "))"))
                continue
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
            outcomes.append(Outcome(id: item.id, features: item.features, passed: passed, heldOut: item.heldOut, reason: reason))
        }
        Self.report(outcomes)
        let comparable = outcomes.filter { !$0.heldOut }
        #expect(comparable.filter(\.passed).count >= Self.passingFloor)
        #expect(!cases.isEmpty, "no recorded executions found under \(RecordedExecutions.root.path)")
    }

    static func report(_ outcomes: [Outcome]) {
        let comparable = outcomes.filter { !$0.heldOut }
        var features: OrderedDictionary<String, (Int, Int)> = [:]
        for outcome in comparable {
            for feature in outcome.features.isEmpty ? ["(basic)"] : outcome.features {
                let (pass, total) = features[feature] ?? (0, 0)
                features[feature] = (pass + (outcome.passed ? 1 : 0), total + 1)
            }
        }
        print("AWS-recorded executions: \(comparable.filter(\.passed).count)/\(comparable.count) pass "
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

    /// `nil` when the run matches the recording, else what differs.
    static func compare(_ machine: ExecutionMachine, expected: [JSONValue]) -> String? {
        guard let last = expected.max(by: { Self.eventID($0) < Self.eventID($1) }),
              case .string(let finalType)? = last["type"] else { return "recording has no final event" }
        let ours = machine.history
        guard let ourLast = ours.last else { return "no history" }
        if ourLast.type != finalType { return "final event \(ourLast.type), expected \(finalType)" }
        let detailsKey = finalType.prefix(1).lowercased() + finalType.dropFirst() + "EventDetails"
        let expectedDetails = last[detailsKey] ?? .object([:])
        let ourDetails = ourLast.details?[detailsKey] ?? .object([:])
        for field in ["output", "error", "cause"] {
            let want = Self.normalize(expectedDetails[field])
            let got = Self.normalize(ourDetails[field])
            if want != got {
                if let want, let got, let difference = Self.firstDifference(got, want, path: "$") { return "\(field) differs at \(difference)" }
                return "\(field): got \(got?.serializedString() ?? "nil"), expected \(want?.serializedString() ?? "nil")"
            }
        }
        if expected.count == 1 { return nil }
        let sortedRegion = expected.contains { if case .array? = $0["id"] { true } else { false } }
        let expectedTypes = expected.compactMap { $0["type"]?.stringValue }
        let ourTypes = ours.map(\.type)
        if sortedRegion {
            let maxID = expected.map(Self.eventID).max() ?? 0
            if ours.count != maxID { return "\(ours.count) events, expected \(maxID)" }
            var remaining = ourTypes
            for type in expectedTypes {
                guard let index = remaining.firstIndex(of: type) else { return "missing event \(type)" }
                remaining.remove(at: index)
            }
            return nil
        }
        if ourTypes != expectedTypes {
            return "events differ:\n    got      \(ourTypes.joined(separator: ","))\n    expected \(expectedTypes.joined(separator: ","))"
        }
        for (index, event) in expected.enumerated() {
            if case .number(let previous)? = event["previousEventId"], Int(previous.doubleValue) != ours[index].previousEventID {
                return "event \(index + 1) (\(ours[index].type)) previousEventId \(ours[index].previousEventID), expected \(previous)"
            }
        }
        return nil
    }

    /// Where two values first differ (`$.a[2]: got 1, expected 2`), or nil when equal.
    static func firstDifference(_ got: JSONValue, _ want: JSONValue, path: String) -> String? {
        switch (got, want) {
        case (.object(let a), .object(let b)):
            for key in Set(a.keys).union(b.keys).sorted() {
                guard let x = a[key] else { return "\(path).\(key): missing, expected \(b[key]!.serializedString().prefix(120))" }
                guard let y = b[key] else { return "\(path).\(key): unexpected \(x.serializedString().prefix(120))" }
                if let inner = firstDifference(x, y, path: "\(path).\(key)") { return inner }
            }
            return nil
        case (.array(let a), .array(let b)) where a.count == b.count:
            for (index, pair) in zip(a, b).enumerated() {
                if let inner = firstDifference(pair.0, pair.1, path: "\(path)[\(index)]") { return inner }
            }
            return nil
        default:
            return got == want ? nil : "\(path): got \(got.serializedString().prefix(150)), expected \(want.serializedString().prefix(150))"
        }
    }

    static func eventID(_ event: JSONValue) -> Int {
        if case .number(let number)? = event["id"] { return Int(number.doubleValue) }
        return 0
    }

    /// Recorded input/output fields are JSON text, sometimes already decoded by the recorder: compare values.
    static func normalize(_ value: JSONValue?) -> JSONValue? {
        guard let value else { return nil }
        if case .string(let text) = value, let parsed = try? JSONValue.parse(text) { return parsed }
        return value
    }
}
