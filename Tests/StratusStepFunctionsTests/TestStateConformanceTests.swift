import Foundation
import OrderedCollections
import StratusAPIStepFunctions
import StratusJSON
import StratusServiceKit
import StratusStepFunctions
import Testing

/// Runs every recorded TestState case of `../shared/conformance/localstack-sfn/v2/test_state` through the service
/// and compares the answer with AWS's recording. Values the recorder replaced (`<resource:1>`, `<uuid:1>`,
/// `"date"`, …) match any string in their place; JSON text fields are compared as JSON.
@Suite struct TestStateConformanceTests {
    /// What the recordings' answers must keep passing (raise it when more pass).
    static let floor = 198

    @Test func recordedTestStateCases() async throws {
        guard let templates = TestStateTemplates.locate() else {
            Issue.record("conformance data not found beside the repository")
            return
        }
        let recordings = try Self.recordings(templates.root)
        let cases = try TestStateConformanceCases.all(templates: templates)
        var passed = 0
        var failures: [String] = []
        var notRunnable: [String] = []
        var reconstructed = 0
        for testCase in cases {
            let label = "\(testCase.test) / \(testCase.key)"
            guard let request = testCase.request else {
                notRunnable.append("\(label): \(testCase.reason ?? "")")
                continue
            }
            guard let recorded = recordings[testCase.test]?[testCase.key] else {
                failures.append("\(label): no such recording")
                continue
            }
            if testCase.reconstructed { reconstructed += 1 }
            let fixture = try StepFunctionsFixture()
            let actual: JSONValue
            do {
                let output = try await fixture.service.testState(request, context: fixture.context)
                actual = try JSONValue.parse(String(decoding: try JSONEncoder().encode(output), as: UTF8.self))
            } catch let error as AWSServiceError {
                actual = Self.errorValue(error, style: testCase.key == "exception" ? .exception : .response)
            }
            let expected = Self.withoutMetadata(recorded)
            if Self.matches(expected, actual) {
                passed += 1
            } else {
                failures.append("\(label):\n    recorded \(expected.serializedString())\n    answered \(actual.serializedString())")
            }
        }
        let runnable = cases.count - notRunnable.count
        print("TestState conformance: \(passed) of \(runnable) runnable recorded answers pass (\(cases.count) recorded, "
            + "\(notRunnable.count) not runnable, \(reconstructed) with requests reconstructed from the answer)")
        for line in notRunnable { print("  not runnable: \(line)") }
        for line in failures { print("  FAIL \(line)") }
        #expect(passed >= Self.floor)
    }

    enum ErrorStyle { case response, exception }

    /// An error as the recordings show it: boto3's `e.value.response`, or pytest's type name and message.
    static func errorValue(_ error: AWSServiceError, style: ErrorStyle) -> JSONValue {
        let message = error.message ?? ""
        switch style {
        case .response:
            return .object(["Error": .object(["Code": .string(error.code.code), "Message": .string(message)]), "message": .string(message)])
        case .exception:
            return .object([
                "exception_typename": .string(error.code.code),
                "exception_value": .string("An error occurred (\(error.code.code)) when calling the TestState operation: \(message)"),
            ])
        }
    }

    /// Every recorded answer, by pytest id (after the class) and key.
    static func recordings(_ root: URL) throws -> [String: [String: JSONValue]] {
        let folder = root.appendingPathComponent("v2/test_state")
        var result: [String: [String: JSONValue]] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".snapshot.json") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            guard case .object(let entries) = try JSONValue.parse(text) else { continue }
            for (id, entry) in entries {
                guard let test = id.components(separatedBy: "::").last, case .object(let content)? = entry["recorded-content"] else { continue }
                var keyed: [String: JSONValue] = result[test] ?? [:]
                for (key, value) in content { keyed[key] = value }
                result[test] = keyed
            }
        }
        return result
    }

    static func withoutMetadata(_ value: JSONValue) -> JSONValue {
        guard case .object(var members) = value else { return value }
        members.removeValue(forKey: "ResponseMetadata")
        return .object(members)
    }

    /// A JSON text (object or array) as its value; anything else as it is.
    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text):
            if let first = text.first, first == "{" || first == "[" || first == "\"", let parsed = try? JSONValue.parse(text) {
                return normalized(parsed)
            }
            return value
        case .array(let elements): return .array(elements.map(normalized))
        case .object(let members):
            var object = OrderedDictionary<String, JSONValue>()
            for (key, member) in members { object[key] = normalized(member) }
            return .object(object)
        default: return value
        }
    }

    static func matches(_ recorded: JSONValue, _ actual: JSONValue) -> Bool {
        compare(normalized(recorded), normalized(actual))
    }

    private static func compare(_ recorded: JSONValue, _ actual: JSONValue) -> Bool {
        switch (recorded, actual) {
        case (.object(let expected), .object(let answered)):
            guard Set(expected.keys) == Set(answered.keys) else { return false }
            return expected.allSatisfy { key, value in compare(value, answered[key]!) }
        case (.array(let expected), .array(let answered)):
            return expected.count == answered.count && zip(expected, answered).allSatisfy { compare($0, $1) }
        case (.string(let pattern), .string(let text)):
            return placeholderMatch(pattern, text)
        case (.string(let pattern), _) where isPlaceholder(pattern):
            return true
        case (.number(let expected), .number(let answered)):
            return expected.doubleValue == answered.doubleValue
        default:
            return recorded == actual
        }
    }

    /// The recorder's stand-ins for values that differ per run.
    static let wholePlaceholders: Set<String> = ["date", "start-date", "x-amzn-RequestId", "X-Amzn-Trace-Id"]

    static func isPlaceholder(_ text: String) -> Bool {
        wholePlaceholders.contains(text) || (text.hasPrefix("<") && text.hasSuffix(">") && !text.dropFirst().contains("<"))
    }

    /// `pattern` equals `text`, where each `<…>` token of the pattern stands for any non-empty text.
    static func placeholderMatch(_ recordedPattern: String, _ text: String) -> Bool {
        if recordedPattern == text || wholePlaceholders.contains(recordedPattern) { return true }
        // The recorder writes every account id as 111111111111.
        let pattern = recordedPattern.replacingOccurrences(of: "111111111111", with: "<account>")
        var parts: [Substring] = []
        var rest = pattern[...]
        var hasToken = false
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            parts.append(rest[rest.startIndex..<open])
            rest = rest[rest.index(after: close)...]
            hasToken = true
        }
        guard hasToken else { return false }
        parts.append(rest)
        var remaining = text[...]
        for (index, part) in parts.enumerated() {
            if index == 0 {
                guard remaining.hasPrefix(part) else { return false }
                remaining = remaining.dropFirst(part.count)
                continue
            }
            // Each token takes at least one character; the literal part follows it.
            guard !remaining.isEmpty else { return false }
            if index == parts.count - 1 && part.isEmpty { return true }
            let searchArea = remaining.dropFirst()
            guard let range = searchArea.range(of: part) else { return false }
            remaining = searchArea[range.upperBound...]
        }
        return remaining.isEmpty
    }
}
