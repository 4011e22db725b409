import Foundation
import OrderedCollections
import StratusJSON
import Testing

/// Runs the AWS-recorded executions of ../shared/conformance/localstack-sfn that need DynamoDB and nothing else
/// (manifest category `needs-services` with services `dynamodb` and/or `aws-sdk:dynamodb`, outside `local_mocking`)
/// through the
/// real HTTP API of the built `stratus` binary, and compares them with the rules of `RecordedHistoryComparison`.
/// Also checks the recorded `CreateStateMachine` refusal of `arn:aws:states:::dynamodb:query` (not an optimized
/// integration). Prints the pass rate and every difference; fails below `passingFloor`.
///
/// 10 of 12 pass. Known differences: the two `error_handling/test_aws_sdk` cases were recorded in 2023, when the
/// AWS SDK's cause ended at `Request ID: …)`; the SDK Step Functions uses now appends ` (SDK Attempt Count: 1)`
/// (as the 2025 recordings of `aws-sdk:sfn` errors show), and Stratus writes the current form.
///
/// How each case is prepared, as LocalStack's test did: a table of its own (`recorded-ddb-<n>`) stands for the
/// recording's placeholder table name (`table-name` or `<test-table>`) in the input; when the test used the
/// `dynamodb_create_table` fixture the table exists first (hash key `id`, a string). What the recorder replaced by
/// placeholders is replaced here the same way before comparing: the table name, the context values of
/// `RecordedExecutionsOverHTTPTests.placeholders`, and in the Step Functions result metadata the values that differ
/// per request (`x-amzn-RequestId`, `x-amz-crc32`, `Date`, `SdkResponseMetadata.RequestId`, `Request ID: …` in
/// causes). Header names, `Content-Length` and every other value are compared as recorded.
@Suite("AWS-recorded DynamoDB service executions through the HTTP API")
struct RecordedDynamoDBExecutionsOverHTTPTests {
    static let accountID = RecordedExecutionsOverHTTPTests.accountID
    static let roleARN = RecordedExecutionsOverHTTPTests.roleARN
    /// Regressions below this many passing cases (of the 11 executions and the refused definition) fail the test.
    static let passingFloor = 10

    struct DynamoDBCase {
        var id: String
        var definition: JSONValue
        var executions: [RecordedExecutions.Execution]
        var createsTable: Bool
        /// Held out: nothing recorded here to compare with; it must run to an end.
        var heldOut: Bool
    }

    /// The manifest's DynamoDB-only service cases, and the ids of the DynamoDB cases left out (other services).
    static func load() throws -> (cases: [DynamoDBCase], leftOut: [String]) {
        let (entries, leftOut) = try RecordedServiceCases.load { id, services, _, _ in
            !services.isEmpty && Set(services).isSubset(of: ["dynamodb", "aws-sdk:dynamodb"])
                && !id.contains("/local_mocking/")
        }
        let cases = entries.map {
            DynamoDBCase(id: $0.id, definition: $0.definition, executions: $0.executions,
                         createsTable: $0.fixtures.contains("dynamodb_create_table"), heldOut: $0.heldOut)
        }
        // Only the DynamoDB cases that were left out count (the manifest has many other services' cases).
        return (cases, leftOut.filter { $0.services.contains { $0.contains("dynamodb") } }.map(\.id))
    }

    @Test("recorded DynamoDB service executions pass through the API")
    func recordedDynamoDBExecutions() async throws {
        let (cases, leftOut) = try Self.load()
        let compared = cases.filter { !$0.heldOut }
        #expect(compared.count >= 11, "expected the DynamoDB service cases of the manifest")
        let server = try await StratusBinaryServer.start(arguments: ["--fast-forward"])
        defer { server.stop() }
        let client = StepFunctionsHTTPClient(endpoint: server.endpoint, accessKeyID: Self.accountID)
        var failures: [String] = []
        var unfinished: [String] = []
        for (index, item) in cases.enumerated() {
            if let problem = await Self.run(item, index: index, client: client, endpoint: server.endpoint) {
                if item.heldOut { unfinished.append("\(item.id): \(problem)") } else { failures.append("\(item.id): \(problem)") }
            }
        }
        let invalid = await Self.invalidIntegrationProblem(client: client)
        let passed = compared.count - failures.count + (invalid == nil ? 1 : 0)
        let heldOut = cases.count - compared.count
        print("AWS-recorded DynamoDB service cases through the HTTP API: \(passed)/\(compared.count + 1) pass "
              + "(held-out, run without comparison: \(heldOut), finished: \(heldOut - unfinished.count); "
              + "left out, needing other services or local mocking: \(leftOut.count))")
        for failure in failures { print("  differs: \(failure)") }
        for problem in unfinished { print("  held-out, did not finish: \(problem)") }
        #expect(unfinished.isEmpty)
        if let invalid { print("  differs: test_invalid_integration: \(invalid)") }
        #expect(passed >= Self.passingFloor, "DynamoDB service cases passing: \(passed), floor \(Self.passingFloor)")
    }

    /// Prepares the case's table, runs each recorded input and compares; the first difference, or nil.
    static func run(_ item: DynamoDBCase, index: Int, client: StepFunctionsHTTPClient, endpoint: URL) async -> String? {
        let tableName = "recorded-ddb-\(index)"
        let machineName = "RecordedDynamoDBMachine\(index)"
        do {
            if item.createsTable {
                _ = try await dynamoDB("CreateTable", .object([
                    "TableName": .string(tableName), "BillingMode": "PAY_PER_REQUEST",
                    "AttributeDefinitions": [["AttributeName": "id", "AttributeType": "S"]],
                    "KeySchema": [["AttributeName": "id", "KeyType": "HASH"]],
                ]), endpoint: endpoint)
            }
            return try await RecordedServiceCases.runExecutions(
                definition: item.definition, executions: item.executions, machineName: machineName,
                executionPrefix: "RecordedDynamoDBRun\(index)", client: client,
                substitutions: { input in
                    [.init(placeholder: input.contains("<test-table>") ? "<test-table>" : "table-name", real: tableName)]
                },
                scrub: scrubbed)
        } catch {
            return "\(error)"
        }
    }

    /// `test_invalid_integration`: `dynamodb:query` is refused by `CreateStateMachine` with AWS's message.
    static func invalidIntegrationProblem(client: StepFunctionsHTTPClient) async -> String? {
        do {
            let recorded = try JSONValue.parse(try RecordedExecutions.read("v2/services/test_dynamodb_task_service.snapshot.json"))
            let key = "tests/aws/services/stepfunctions/v2/services/test_dynamodb_task_service.py::TestTaskServiceDynamoDB::test_invalid_integration"
            let expected = recorded[key]?["recorded-content"]?["exception"]?["exception_value"]?.stringValue ?? ""
            let definition = try JSON5.parse(try RecordedExecutions.read(
                "templates/services/statemachines/invalid_integration_dynamodb_query.json5"))
            do {
                _ = try await client.call("CreateStateMachine", .object([
                    "name": "RecordedDynamoDBInvalidIntegration", "definition": .string(definition.serializedString()),
                    "roleArn": .string(roleARN), "type": "STANDARD",
                ]))
                return "CreateStateMachine accepted the definition"
            } catch let error as StepFunctionsHTTPClient.APIError {
                let ours = "An error occurred (\(error.type)) when calling the CreateStateMachine operation: "
                    + error.message.replacingOccurrences(of: "arn:aws:", with: "arn:<partition>:")
                return ours == expected ? nil : "got \(ours), expected \(expected)"
            }
        } catch {
            return "\(error)"
        }
    }

    /// An event with the per-request values of Step Functions' DynamoDB results replaced as the recorder did.
    static func scrubbed(_ event: JSONValue) -> JSONValue {
        guard case .object(var members) = event else { return event }
        for (key, value) in members where key.hasSuffix("EventDetails") {
            guard case .object(var details) = value else { continue }
            if case .string(let text)? = details["output"], let parsed = try? JSONValue.parse(text) {
                details["output"] = scrubMetadata(parsed)
            }
            if case .string(let cause)? = details["cause"] {
                // The optimized integrations' SDK v1 text ends the id with ";", the SDK v2 text of aws-sdk with ")".
                details["cause"] = .string(cause
                    .replacingOccurrences(of: #"Request ID: [^;)]+;"#, with: "Request ID: <request_id>;", options: .regularExpression)
                    .replacingOccurrences(of: #"Request ID: [^;)]+\)"#, with: "Request ID: <request_id>)", options: .regularExpression))
            }
            members[key] = .object(details)
        }
        return .object(members)
    }

    /// Replaces, wherever `SdkHttpMetadata`/`SdkResponseMetadata` occur, the request id, checksum and date values
    /// by the recorder's placeholders (`x-amzn-RequestId` → `"x-amzn-RequestId"`, `Date` → `"date"`, …).
    static func scrubMetadata(_ value: JSONValue) -> JSONValue {
        RecordedServiceCases.replacingMembers(value) { key, member in
            switch key {
            case "AllHttpHeaders", "HttpHeaders":
                guard case .object(var headers) = member else { return nil }
                for name in headers.keys {
                    switch name {
                    case "x-amzn-RequestId", "x-amzn-requestid", "x-amz-crc32": headers[name] = .string(name)
                    case "Date": headers[name] = "date"
                    default: break
                    }
                }
                return .object(headers)
            case "SdkResponseMetadata":
                return .object(["RequestId": "RequestId"])
            default:
                return nil
            }
        }
    }

    /// One DynamoDB call (AWS JSON 1.0) to the server; the answer's JSON, or an error with the body.
    static func dynamoDB(_ operation: String, _ body: JSONValue, endpoint: URL) async throws -> JSONValue {
        try await RecordedServiceCases.call(
            "DynamoDB_20120810.\(operation)", signingService: "dynamodb", body, endpoint: endpoint)
    }
}
