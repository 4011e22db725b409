import Foundation
import OrderedCollections
import StratusJSON
import Testing

/// Runs the same AWS-recorded executions as `RecordedExecutionTests` (manifest categories `self-contained` and
/// `self-contained-choice-cases` of ../shared/conformance/localstack-sfn) through the real HTTP API of the built
/// `stratus` binary: `CreateStateMachine`, `StartExecution`, `DescribeExecution` until it ends,
/// `GetExecutionHistory`, then the comparison rules of `RecordedHistoryComparison` (the in-process test's rules,
/// the one copy). Held-out entries run without comparison (they must finish). Prints the pass rate; fails below
/// the floor, and for every case whose result differs from the in-process run's (`RecordedExecutionTests`).
///
/// How the run is made comparable (the in-process test runs with the recordings' placeholder context instead):
/// - the server runs with `--fast-forward`, so Wait states and back-offs pass on a per-execution virtual clock, as
///   the in-process `VirtualTimeDriver` does;
/// - requests use the access key id `111111111111`, which selects the recordings' account;
/// - in the history, the real context values are replaced by the recordings' placeholders: the role ARN by
///   `snf_role_arn`, `arn:aws:states:us-east-1:111111111111:` by `arn:<partition>:states:<region>:111111111111:`,
///   the execution name by `<ExecArnPart_0idx>` and the state machine name by `<ArnPart_0idx>` (names are unique
///   per case, so the substitution touches nothing else).
@Suite("AWS-recorded executions through the HTTP API")
struct RecordedExecutionsOverHTTPTests {
    /// Regressions below this many passing executions fail the test: the in-process floor (519 today), since the
    /// same cases must pass.
    static let passingFloor = RecordedExecutionTests.passingFloor
    static let accountID = "111111111111"
    static let roleARN = "arn:aws:iam::111111111111:role/recorded-executions"
    /// Cases in flight at once.
    static let parallelism = 8
    /// How long one execution may stay `RUNNING` (with `--fast-forward` none should wait at all).
    static let runningDeadline: Duration = .seconds(20)

    typealias Outcome = RecordedExecutionTests.Outcome

    @Test("recorded executions pass through the API")
    func recordedExecutionsThroughTheAPI() async throws {
        let cases = try RecordedExecutions.load()
        #expect(!cases.isEmpty, "no recorded executions found under \(RecordedExecutions.root.path)")
        let server = try await StratusBinaryServer.start(arguments: ["--fast-forward"])
        defer { server.stop() }
        let client = StepFunctionsHTTPClient(endpoint: server.endpoint, accessKeyID: Self.accountID)
        let started = ContinuousClock.now
        var outcomes = [Outcome?](repeating: nil, count: cases.count)
        await withTaskGroup(of: (Int, Outcome).self) { group in
            var next = 0
            func addNext() {
                guard next < cases.count else { return }
                let index = next, item = cases[index]
                next += 1
                group.addTask { (index, await Self.run(item, index: index, client: client)) }
            }
            for _ in 0..<Self.parallelism { addNext() }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                addNext()
            }
        }
        let finished = outcomes.compactMap { $0 }
        RecordedExecutionTests.report(finished, title: "AWS-recorded executions through the HTTP API "
                                      + "(\(ContinuousClock.now - started) for \(cases.count) cases)")
        #expect(finished.count == cases.count)
        #expect(finished.filter { !$0.heldOut && $0.passed }.count >= Self.passingFloor)
        // The API must not lose what the engine does: the same cases pass (and held-out ones finish) as in-process.
        let inProcess = cases.map(RecordedExecutionTests.outcome(of:))
        for (outcome, local) in zip(finished, inProcess) where outcome.passed != local.passed {
            Issue.record("""
                \(outcome.id): through the API \(outcome.passed ? "passes" : "fails (\(outcome.reason.prefix(300)))"), \
                in-process \(local.passed ? "passes" : "fails (\(local.reason.prefix(300)))")
                """)
        }
    }

    /// Creates the case's state machine, runs each recorded input and compares; never throws (a failed call is the
    /// outcome's reason).
    static func run(_ item: RecordedExecutions.Case, index: Int, client: StepFunctionsHTTPClient) async -> Outcome {
        var outcome = Outcome(id: item.id, features: item.features, passed: false, heldOut: item.heldOut, reason: "")
        guard let definition = item.definition else {
            outcome.reason = item.loadProblem ?? "no definition"
            return outcome
        }
        let machineName = "RecordedMachine\(index)"
        let machineARN: String
        do {
            let created = try await client.call("CreateStateMachine", .object([
                "name": .string(machineName), "definition": .string(definition.serializedString()),
                "roleArn": .string(roleARN), "type": "STANDARD",
            ]))
            machineARN = created["stateMachineArn"]?.stringValue ?? ""
        } catch {
            outcome.reason = "rejected: \(error)"
            return outcome
        }
        for (number, execution) in item.executions.enumerated() {
            let executionName = "RecordedRun\(index)x\(number)"
            do {
                let started = try await client.call("StartExecution", .object([
                    "stateMachineArn": .string(machineARN), "name": .string(executionName),
                    "input": .string(execution.input.serializedString()),
                ]))
                let executionARN = started["executionArn"]?.stringValue ?? ""
                let status = try await waitForEnd(executionARN, client: client)
                if status == "RUNNING" {
                    _ = try? await client.call("StopExecution", .object(["executionArn": .string(executionARN)]))
                    outcome.reason = "still RUNNING after \(runningDeadline)"
                    return outcome
                }
                guard let expected = execution.events else { continue }
                let history = try await history(executionARN, client: client)
                let ours = try placeholders(in: history, machineName: machineName, executionName: executionName)
                if let problem = RecordedHistoryComparison.compare(ours, expected: expected) {
                    outcome.reason = problem
                    return outcome
                }
            } catch {
                outcome.reason = "\(error)"
                return outcome
            }
        }
        outcome.passed = true
        return outcome
    }

    /// Polls `DescribeExecution` until the status is not `RUNNING` or the deadline passes; the last status.
    static func waitForEnd(_ executionARN: String, client: StepFunctionsHTTPClient) async throws -> String {
        let deadline = ContinuousClock.now + runningDeadline
        while true {
            let described = try await client.call("DescribeExecution", .object(["executionArn": .string(executionARN)]))
            let status = described["status"]?.stringValue ?? "?"
            if status != "RUNNING" || ContinuousClock.now >= deadline { return status }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Every event of the execution, in id order (`GetExecutionHistory` pages of 1,000).
    static func history(_ executionARN: String, client: StepFunctionsHTTPClient) async throws -> [JSONValue] {
        var events: [JSONValue] = []
        var token: String?
        repeat {
            var request: OrderedDictionary<String, JSONValue> = ["executionArn": .string(executionARN), "maxResults": 1000]
            if let token { request["nextToken"] = .string(token) }
            let page = try await client.call("GetExecutionHistory", .object(request))
            events += page["events"]?.arrayValue ?? []
            token = page["nextToken"]?.stringValue
        } while token != nil
        return events
    }

    /// The history with this run's context values replaced by the recordings' placeholders (see the type's doc).
    static func placeholders(in events: [JSONValue], machineName: String, executionName: String) throws -> [JSONValue] {
        var text = JSONValue.array(events).serializedString()
        for (real, placeholder) in [
            (roleARN, "snf_role_arn"),
            ("arn:aws:states:us-east-1:\(accountID):", "arn:<partition>:states:<region>:\(accountID):"),
            (executionName, "<ExecArnPart_0idx>"),
            (machineName, "<ArnPart_0idx>"),
        ] {
            text = text.replacingOccurrences(of: real, with: placeholder)
        }
        return try JSONValue.parse(text).arrayValue ?? []
    }
}
