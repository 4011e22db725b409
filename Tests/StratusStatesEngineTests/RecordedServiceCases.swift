import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OrderedCollections
import StratusJSON

/// What the conformance runs of recorded executions that need a service (`RecordedDynamoDBExecutionsOverHTTPTests`,
/// `RecordedSQSExecutionsOverHTTPTests`) share: the manifest's `needs-services` entries with their recorded
/// executions, and AWS JSON calls to the server under test.
enum RecordedServiceCases {
    /// One `needs-services` entry of the manifest with one template.
    struct Entry {
        var id: String
        var services: [String]
        var fixtures: [String]
        var heldOut: Bool
        var definition: JSONValue
        var executions: [RecordedExecutions.Execution]
    }

    /// Every `needs-services` entry with exactly one template that `include` accepts (given its id, services and
    /// fixtures), with its definition and recorded executions; and the entries it left out (id and services).
    static func load(
        _ include: (_ id: String, _ services: [String], _ fixtures: [String], _ heldOut: Bool) -> Bool
    ) throws -> (entries: [Entry], leftOut: [(id: String, services: [String])]) {
        let manifest = try JSONValue.parse(try RecordedExecutions.read("MANIFEST.generated.json"))
        var entries: [Entry] = []
        var leftOut: [(id: String, services: [String])] = []
        var snapshots: [String: JSONValue] = [:]
        for entry in manifest["entries"]?.arrayValue ?? [] {
            guard entry["category"]?.stringValue == "needs-services", let id = entry["id"]?.stringValue,
                  let snapshotPath = entry["snapshot"]?.stringValue else { continue }
            let services = entry["services"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let fixtures = entry["service_fixtures_used"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let templates = entry["templates"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let heldOut = entry["heldout"] == .bool(true)
            guard templates.count == 1, include(id, services, fixtures, heldOut) else {
                leftOut.append((id, services))
                continue
            }
            if snapshots[snapshotPath] == nil {
                snapshots[snapshotPath] = try JSONValue.parse(try RecordedExecutions.read(snapshotPath))
            }
            let recorded = snapshots[snapshotPath]?[id]?["recorded-content"]
            var executions: [RecordedExecutions.Execution] = []
            for execution in entry["executions"]?.arrayValue ?? [] {
                let events = execution["history_key"]?.stringValue.flatMap { recorded?[$0]?["events"]?.arrayValue }
                executions.append(RecordedExecutions.Execution(input: execution["input"] ?? .object([:]), events: events))
            }
            entries.append(Entry(
                id: id, services: services, fixtures: fixtures, heldOut: heldOut,
                definition: try JSON5.parse(try RecordedExecutions.read(templates[0])), executions: executions))
        }
        return (entries, leftOut)
    }

    /// `value` with every object member, at any depth, that `replacement(key, member)` answers replaced by that
    /// answer; the other members are walked into. Arrays are walked element by element.
    static func replacingMembers(_ value: JSONValue, _ replacement: (String, JSONValue) -> JSONValue?) -> JSONValue {
        switch value {
        case .array(let elements):
            return .array(elements.map { replacingMembers($0, replacement) })
        case .object(var members):
            for (key, member) in members {
                members[key] = replacement(key, member) ?? replacingMembers(member, replacement)
            }
            return .object(members)
        default:
            return value
        }
    }

    /// A value of a recorded input and what stands for it in the run: `real` goes into the input in place of
    /// `placeholder`, and, when `restored`, back to `placeholder` in the run's history before comparing.
    struct Substitution {
        var placeholder: String
        var real: String
        var restored = true
    }

    /// Creates the state machine of `definition` as `machineName`, runs each recorded execution (its input with
    /// `substitutions(input)` applied), waits for its end and compares its history (substitutions restored, the
    /// context placeholders of `RecordedExecutionsOverHTTPTests.placeholders` applied, each event through `scrub`)
    /// with the recording; the first difference, or nil.
    static func runExecutions(
        definition: JSONValue, executions: [RecordedExecutions.Execution], machineName: String, executionPrefix: String,
        client: StepFunctionsHTTPClient, substitutions: (String) -> [Substitution], scrub: (JSONValue) -> JSONValue
    ) async throws -> String? {
        let created = try await client.call("CreateStateMachine", .object([
            "name": .string(machineName), "definition": .string(definition.serializedString()),
            "roleArn": .string(RecordedExecutionsOverHTTPTests.roleARN), "type": "STANDARD",
        ]))
        let machineARN = created["stateMachineArn"]?.stringValue ?? ""
        for (number, execution) in executions.enumerated() {
            var input = execution.input.serializedString()
            let applied = substitutions(input)
            for substitution in applied {
                input = input.replacingOccurrences(of: substitution.placeholder, with: substitution.real)
            }
            let executionName = "\(executionPrefix)x\(number)"
            let started = try await client.call("StartExecution", .object([
                "stateMachineArn": .string(machineARN), "name": .string(executionName), "input": .string(input),
            ]))
            let executionARN = started["executionArn"]?.stringValue ?? ""
            let status = try await RecordedExecutionsOverHTTPTests.waitForEnd(executionARN, client: client)
            if status == "RUNNING" { return "still RUNNING" }
            guard let expected = execution.events else { continue }
            var text = JSONValue.array(try await RecordedExecutionsOverHTTPTests.history(executionARN, client: client))
                .serializedString()
            for substitution in applied where substitution.restored {
                text = text.replacingOccurrences(of: substitution.real, with: substitution.placeholder)
            }
            let history = try RecordedExecutionsOverHTTPTests.placeholders(
                in: try JSONValue.parse(text).arrayValue ?? [], machineName: machineName, executionName: executionName)
            if let problem = RecordedHistoryComparison.compare(history.map(scrub), expected: expected) { return problem }
        }
        return nil
    }

    /// One AWS JSON 1.0 call (`target` such as `DynamoDB_20120810.CreateTable`) to the server, signed (not
    /// verified) for `signingService` in the recordings' account; the answer's JSON, or an error with the body.
    static func call(_ target: String, signingService: String, _ body: JSONValue, endpoint: URL) async throws -> JSONValue {
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.httpBody = Data(body.serializedString().utf8)
        request.setValue("application/x-amz-json-1.0", forHTTPHeaderField: "Content-Type")
        request.setValue(target, forHTTPHeaderField: "X-Amz-Target")
        request.setValue("20240101T000000Z", forHTTPHeaderField: "X-Amz-Date")
        request.setValue(
            "AWS4-HMAC-SHA256 Credential=\(RecordedExecutionsOverHTTPTests.accountID)/20240101/us-east-1/\(signingService)/"
                + "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
                + String(repeating: "0", count: 64),
            forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let text = String(decoding: data, as: UTF8.self)
        guard (200..<300).contains(status) else {
            throw StepFunctionsHTTPClient.APIError(status: status, type: target, message: text)
        }
        return text.isEmpty ? .object([:]) : try JSONValue.parse(text)
    }
}
