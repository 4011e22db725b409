import Foundation
import OrderedCollections
import StratusJSON
import Testing

/// Runs the AWS-recorded executions of ../shared/conformance/localstack-sfn that need SQS and nothing else, and no
/// consumer of the test's own (manifest category `needs-services`, services exactly `sqs`, no fixture but
/// `sqs_create_queue`, outside `local_mocking`, not held out, and not the callback tests whose code sends the
/// heartbeats or failures) through the real HTTP API of the built `stratus`
/// binary with `--fast-forward` (task timeouts and heartbeat timeouts pass at once), and compares them with the rules
/// of `RecordedHistoryComparison`. Prints the pass rate and every difference; fails below `passingFloor`.
///
/// How each case is prepared, as LocalStack's test did: a queue of its own stands for the recording's queue URL
/// placeholder (`<sqs_queue_url>` or `sqs_queue_url`); `<no_such_sqs_queue_url>` is the name the test generated,
/// which the recording kept in its cause (`no-such-queue-fa484d45`). Before comparing, what the recorder replaced
/// is replaced the same way: the queue URL, the context values of `RecordedExecutionsOverHTTPTests.placeholders`,
/// the message's MD5s and id (`<m-d5-of-message-body:1>`, `<uuid:1>`), and in the result metadata the values that
/// differ per request (as `RecordedDynamoDBExecutionsOverHTTPTests.scrubMetadata` does).
@Suite("AWS-recorded SQS service executions through the HTTP API")
struct RecordedSQSExecutionsOverHTTPTests {
    static let accountID = RecordedExecutionsOverHTTPTests.accountID
    static let roleARN = RecordedExecutionsOverHTTPTests.roleARN
    /// Regressions below this many passing cases fail the test.
    static let passingFloor = 7
    /// The queue name LocalStack's `test_send_message_no_such_queue_no_catch` generated (kept in the recorded cause).
    static let missingQueue = "no-such-queue-fa484d45"

    struct SQSCase {
        var id: String
        var definition: JSONValue
        var executions: [RecordedExecutions.Execution]
    }

    /// The manifest's SQS-only cases that need no consumer, and how many SQS-only cases were left out.
    static func load() throws -> (cases: [SQSCase], leftOut: Int) {
        let (entries, leftOut) = try RecordedServiceCases.load { id, services, fixtures, heldOut in
            // Tests whose own code answers the task token (heartbeats, failures) cannot run without that code.
            let drivenByTheTest = id.contains("heartbeat_notifications") || id.contains("failure_in_wait_for_task_tok")
            return services == ["sqs"] && Set(fixtures).isSubset(of: ["sqs_create_queue"])
                && !id.contains("/local_mocking/") && !heldOut && !drivenByTheTest
        }
        let recorded = entries.filter { $0.executions.contains { $0.events != nil } }
        let cases = recorded.map { SQSCase(id: $0.id, definition: $0.definition, executions: $0.executions) }
        return (cases, leftOut.filter { $0.services == ["sqs"] }.count + entries.count - recorded.count)
    }

    @Test("recorded SQS service executions pass through the API")
    func recordedSQSExecutions() async throws {
        let (cases, leftOut) = try Self.load()
        #expect(cases.count >= 7, "expected the SQS service cases of the manifest")
        let server = try await StratusBinaryServer.start(arguments: ["--fast-forward"])
        defer { server.stop() }
        let client = StepFunctionsHTTPClient(endpoint: server.endpoint, accessKeyID: Self.accountID)
        var failures: [String] = []
        for (index, item) in cases.enumerated() {
            if let problem = await Self.run(item, index: index, client: client, endpoint: server.endpoint) {
                failures.append("\(item.id): \(problem)")
            }
        }
        let passed = cases.count - failures.count
        print("AWS-recorded SQS service cases through the HTTP API: \(passed)/\(cases.count) pass "
              + "(left out, needing a consumer, other services, local mocking or held out: \(leftOut))")
        for failure in failures { print("  differs: \(failure)") }
        #expect(passed >= Self.passingFloor, "SQS service cases passing: \(passed), floor \(Self.passingFloor)")
    }

    /// Prepares the case's queue, runs each recorded input and compares; the first difference, or nil.
    static func run(_ item: SQSCase, index: Int, client: StepFunctionsHTTPClient, endpoint: URL) async -> String? {
        let machineName = "RecordedSQSMachine\(index)"
        do {
            let created = try await sqs("CreateQueue", ["QueueName": .string("recorded-sqs-\(index)")], endpoint: endpoint)
            let queueURL = created["QueueUrl"]?.stringValue ?? ""
            return try await RecordedServiceCases.runExecutions(
                definition: item.definition, executions: item.executions, machineName: machineName,
                executionPrefix: "RecordedSQSRun\(index)", client: client,
                substitutions: { input in
                    [
                        // The recording kept the generated name in the cause, so it is not restored.
                        .init(placeholder: "<no_such_sqs_queue_url>", real: missingQueue, restored: false),
                        .init(placeholder: input.contains("<sqs_queue_url>") ? "<sqs_queue_url>" : "sqs_queue_url", real: queueURL),
                    ]
                },
                scrub: scrubbed)
        } catch {
            return "\(error)"
        }
    }

    /// An event with the per-message values of SQS results replaced as the recorder did, and the metadata scrubbed.
    static func scrubbed(_ event: JSONValue) -> JSONValue {
        let event = RecordedDynamoDBExecutionsOverHTTPTests.scrubbed(event)
        guard case .object(var members) = event else { return event }
        for (key, value) in members where key.hasSuffix("EventDetails") {
            guard case .object(var details) = value, let output = details["output"] else { continue }
            // The metadata scrub above already parsed outputs that are JSON text.
            details["output"] = scrubMessage(output)
            members[key] = .object(details)
        }
        return .object(members)
    }

    /// `MD5OfMessageBody`, `MD5OfMessageAttributes` and `MessageId` wherever they occur, as the recorder named them.
    static func scrubMessage(_ value: JSONValue) -> JSONValue {
        RecordedServiceCases.replacingMembers(value) { key, _ in
            switch key {
            case "MD5OfMessageBody": "<m-d5-of-message-body:1>"
            case "MD5OfMessageAttributes": "<m-d5-of-message-attributes:1>"
            case "MessageId": "<uuid:1>"
            default: nil
            }
        }
    }

    /// One SQS call (AWS JSON 1.0) to the server; the answer's JSON, or an error with the body.
    static func sqs(_ operation: String, _ body: JSONValue, endpoint: URL) async throws -> JSONValue {
        try await RecordedServiceCases.call("AmazonSQS.\(operation)", signingService: "sqs", body, endpoint: endpoint)
    }
}
