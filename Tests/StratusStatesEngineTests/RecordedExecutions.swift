import Foundation
import OrderedCollections
import StratusJSON

/// The AWS-recorded executions in ../shared/conformance/localstack-sfn that need no services.
struct RecordedExecutions {
    struct Execution {
        var input: JSONValue
        var events: [JSONValue]?
    }

    struct Case {
        var id: String
        var features: [String]
        var definitionText: String?
        var definition: JSONValue?
        var executions: [Execution]
        var heldOut: Bool
        var loadProblem: String?
    }

    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/conformance/localstack-sfn")

    static func read(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Every `self-contained`, `self-contained-mutated` (changed as its test changes it: `RecordedMutations`) and
    /// `self-contained-choice-cases` entry of the manifest.
    static func load() throws -> [Case] {
        let manifest = try JSONValue.parse(try read("MANIFEST.generated.json"))
        guard case .array(let entries)? = manifest["entries"] else { throw LoadError("manifest has no entries") }
        var snapshots: [String: JSONValue] = [:]
        var cases: [Case] = []
        for entry in entries {
            guard case .string(let category)? = entry["category"],
                  ["self-contained", "self-contained-mutated", "self-contained-choice-cases"].contains(category),
                  case .string(let id)? = entry["id"], case .string(let snapshotPath)? = entry["snapshot"] else { continue }
            let heldOut = entry["heldout"] == .bool(true)
            let features = entry["features"]?.arrayValue?.compactMap(\.stringValue) ?? []
            var recorded: JSONValue?
            if !heldOut {
                if snapshots[snapshotPath] == nil { snapshots[snapshotPath] = try JSONValue.parse(try read(snapshotPath)) }
                recorded = snapshots[snapshotPath]?[id]?["recorded-content"]
            }
            if category == "self-contained-choice-cases" {
                cases.append(contentsOf: try choiceCases(entry: entry, id: id, recorded: recorded, heldOut: heldOut))
                continue
            }
            let templates = entry["templates"]?.arrayValue?.compactMap(\.stringValue) ?? []
            var item = Case(id: id, features: features, executions: [], heldOut: heldOut)
            guard templates.count == 1 else {
                item.loadProblem = "uses \(templates.count) templates"
                cases.append(item)
                continue
            }
            let text = try read(templates[0])
            item.definitionText = text
            item.definition = try JSON5.parse(text)
            if let template = item.definition,
               let changed = try RecordedMutations.definition(forTest: id, templateText: text, template: template) {
                item.definition = changed
                item.definitionText = changed.serializedString()
            } else if category == "self-contained-mutated" {
                item.definition = nil
                item.loadProblem = "the test's change to its template is not known here"
            }
            if category == "self-contained-mutated" { item.features.append("Mutated") }
            for execution in entry["executions"]?.arrayValue ?? [] {
                let input = execution["input"] ?? .object([:])
                var events: [JSONValue]?
                if let key = execution["history_key"]?.stringValue, let history = recorded?[key] {
                    events = history["events"]?.arrayValue
                }
                item.executions.append(Execution(input: input, events: events))
            }
            cases.append(item)
        }
        return cases
    }

    /// Choice-operator entries: one template with the operator substituted, many input/output cases.
    private static func choiceCases(entry: JSONValue, id: String, recorded: JSONValue?, heldOut: Bool) throws -> [Case] {
        guard case .string(let op)? = entry["choice_operator"]?["operator"] else { return [] }
        let addLiteral = entry["choice_operator"]?["add_literal_value"] == .bool(true)
        let template = try read("templates/choiceoperators/statemachines/template.json5")
        var result: [Case] = []
        let recordedCases = recorded?["cases"]?.arrayValue ?? []
        for (offset, recordedCase) in recordedCases.enumerated() {
            guard let input = recordedCase["input"] else { continue }
            var text = template.replacingOccurrences(of: "%ComparisonOperatorType%", with: op)
            if addLiteral, let value = input["Value"] {
                text = text.replacingOccurrences(of: "\"$.Value\"", with: value.serializedString())
            }
            var item = Case(id: "\(id)#\(offset)", features: ["Choice"], executions: [], heldOut: heldOut)
            item.definitionText = text
            item.definition = try JSON5.parse(text)
            var expected: JSONValue = .object([:])
            if let output = recordedCase["output"] {
                expected = .object(["events": .array([
                    .object(["type": "ExecutionSucceeded", "id": 1,
                             "executionSucceededEventDetails": .object(["output": output])]),
                ])])
            } else if let error = recordedCase["error"] {
                expected = .object(["events": .array([
                    .object(["type": "ExecutionFailed", "id": 1, "executionFailedEventDetails": error]),
                ])])
            }
            item.executions = [Execution(input: input, events: expected["events"]?.arrayValue)]
            item.features = ["Choice", "ChoiceOperators"]
            result.append(item)
        }
        if recordedCases.isEmpty {
            result.append(Case(id: id, features: ["Choice", "ChoiceOperators"], executions: [], heldOut: heldOut,
                               loadProblem: heldOut ? "its inputs are in the held-out recording" : "no recorded cases"))
        }
        return result
    }

    struct LoadError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
