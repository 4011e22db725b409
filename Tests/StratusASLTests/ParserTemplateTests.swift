import Foundation
import StratusASL
import StratusJSON
import Testing

/// Every state machine template of the LocalStack Step Functions suite (recorded against AWS) parses without
/// errors, except the ones AWS rejected, which must fail with AWS's recorded diagnostics.
@Suite struct ParserTemplateTests {
    /// `../shared/conformance/localstack-sfn/templates`, relative to the repository root.
    static let templatesFolder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/conformance/localstack-sfn/templates").standardizedFileURL

    /// Templates AWS rejected, with the diagnostic AWS recorded (code, message, location). Paths are relative to
    /// ``templatesFolder``.
    static let rejected: [String: ASLDiagnostic] = [
        "validation/statemachines/invalid_base_no_startat.json5":
            ASLDiagnostic(message: "These fields are required: [StartAt]", location: "/"),
        "validation/statemachines/invalid_downgrade_query_language.json5":
            ASLDiagnostic(message: "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", location: "/States/Pass"),
        "base/statemachines/invalid_der.json5":
            ASLDiagnostic(message: "These fields are required: [States]", location: "/"),
        "credentials/statemachines/empty_credentials.json5":
            ASLDiagnostic(message: "The field 'RoleArn' is required but was missing", location: "/States/State0/Credentials"),
        "credentials/statemachines/invalid_credentials_field.json5":
            ASLDiagnostic(message: "The field 'RoleArn' is required but was missing", location: "/States/State0/Credentials"),
        "scenarios/statemachines/escape_sequences_illegal_intrinsic_function.json5":
            ASLDiagnostic(message: "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call", location: "/States/IntrinsicEscape/Parameters"),
        "scenarios/statemachines/escape_sequences_illegal_intrinsic_function_2.json5":
            ASLDiagnostic(message: "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call", location: "/States/IntrinsicEscape/Parameters"),
        "services/statemachines/invalid_integration_dynamodb_query.json5":
            ASLDiagnostic(message: "The resource provided arn:aws:states:::dynamodb:query is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.", location: "/States/Query/Resource"),
        // The LocalStack test only runs against AWS, expecting InvalidDefinition; the recording holds no text.
        "services/statemachines/lambda_list_functions.json5":
            ASLDiagnostic(message: "The resource provided arn:aws:states:::lambda:listFunctions is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.", location: "/States/Start/Resource"),
        "test_state/statemachines/base_invalid_state_definition.json5":
            ASLDiagnostic(message: "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]", location: "/States/ExistingButInvalidState/Type"),
        // AWS rejected these; the recording holds LocalStack's wording, which we reuse (the code is AWS's
        // INVALID_LABEL_NAME, the location ours).
        "scenarios/statemachines/map_state_label_empty_fail.json5":
            ASLDiagnostic(code: ASLDiagnostic.invalidLabelName, message: "Label cannot be empty", location: "/States/MapState/Label"),
        "scenarios/statemachines/map_state_label_too_long_fail.json5":
            ASLDiagnostic(code: ASLDiagnostic.invalidLabelName, message: "Label cannot exceed 40 characters", location: "/States/MapState/Label"),
        "scenarios/statemachines/map_state_label_invalid_char_fail.json5":
            ASLDiagnostic(code: ASLDiagnostic.invalidLabelName, message: "Label contains invalid character: '{'", location: "/States/MapState/Label"),
    ]

    /// Templates valid for STANDARD machines that AWS rejected for EXPRESS machines (recorded diagnostics).
    static let rejectedWhenExpress: [String: ASLDiagnostic] = [
        "activities/statemachines/base_activity_task.json5":
            ASLDiagnostic(message: "Express state machine does not support Activity ARN", location: "/States/ActivityTask/Resource"),
        "callbacks/statemachines/sfn_start_execution_sync.json5":
            ASLDiagnostic(message: "Express state machine does not support '.sync' service integration", location: "/States/StartExecution/Resource"),
        "callbacks/statemachines/sns_publish_wait_for_task_token.json5":
            ASLDiagnostic(message: "Express state machine does not support '.waitForTaskToken' service integration ", location: "/States/Publish/Resource"),
    ]

    /// Templates no recorded test uses that are not valid definitions (AWS never saw them accepted); each is
    /// still checked to fail, with the diagnostic we expect.
    static let unusedInvalid: [String: ASLDiagnostic] = [
        "assign/statemachines/task_retry_reference_exception.json5":
            ASLDiagnostic(message: "Expected value of type: Integer", location: "/States/Task/Retry[0]/IntervalSeconds"),
        "test_state/statemachines/base_map_state_machine_choice_fail.json5":
            ASLDiagnostic(code: ASLDiagnostic.missingTransitionTarget, message: "Missing 'Next' target: MapState", location: "/StartAt"),
    ]

    /// Templates the Python tests complete before use, and what they fill in.
    static let completedByTheTest: [String: String] = [
        "errorhandling/statemachines/task_lambda_invoke_catch_tbd.json5": "ErrorEquals filled in by the test",
        "errorhandling/statemachines/task_service_lambda_invoke_catch_tbd.json5": "ErrorEquals filled in by the test",
        "comment/statemachines/comments_as_per_docs.json5": "Resource (a documentation placeholder ARN) replaced by the test",
    ]

    /// Placeholders replaced here the way the Python tests replace them, so the templates can be checked:
    /// a placeholder `Resource` becomes a Lambda function ARN (an activity ARN for the activity templates), the
    /// function-ARN placeholder likewise, the Context-object placeholder a `$$` path, a placeholder JSONata `Items`
    /// an array literal, the callback error name `States.TaskFailed`. Other `__tbd__` values are plain strings and
    /// stay.
    static func substitute(_ file: String, _ text: String) -> String {
        let resource = file.hasPrefix("activities/") ? "arn:aws:states:us-east-1:000000000000:activity:activity"
                                                     : "arn:aws:lambda:us-east-1:000000000000:function:function"
        return text
            .replacingOccurrences(of: #""Resource":\s*"(__tbd__|_tbd_|_TBD_|__tbc__)""#, with: "\"Resource\": \"\(resource)\"",
                                  options: .regularExpression)
            .replacingOccurrences(of: "%LAMBDA_FUNCTION_ARN_LITERAL_PLACEHOLDER%", with: "arn:aws:lambda:us-east-1:000000000000:function:function")
            .replacingOccurrences(of: "%CONTEXT_OBJECT_LITERAL_PLACEHOLDER%", with: "$$.Execution.Input")
            .replacingOccurrences(of: "<%WaitForTaskTokenFailureErrorName%>", with: "States.TaskFailed")
            .replacingOccurrences(of: #""Items": "_tbd_""#, with: #""Items": [1, 2, 3]"#)
    }

    /// The Choice comparison template, completed the way the Python test completes it for one recorded case:
    /// the operator goes in, and with `add_literal_value` the `"$.Value"` operand becomes a literal of the
    /// operator's type.
    static func choiceCase(_ template: String, operator name: String, literal: Bool) -> String {
        let filled = template.replacingOccurrences(of: "%ComparisonOperatorType%", with: name)
        guard literal else { return filled }
        let value = name.hasPrefix("Timestamp") ? "\"2016-03-14T01:59:00Z\""
            : name.hasPrefix("String") ? "\"text\""
            : name.hasPrefix("Numeric") ? "1" : "true"
        return filled.replacingOccurrences(of: "\"$.Value\"", with: value)
    }

    /// Why a template is not checked, or `nil` when it is.
    static func skipReason(_ file: String, text: String, value: JSONValue) -> String? {
        if let reason = completedByTheTest[file] { return reason }
        if file == "choiceoperators/statemachines/template.json5" { return "operator filled in per case (see recordedChoiceOperatorCasesParse)" }
        if text.range(of: #"%[A-Za-z][A-Za-z0-9_]*%"#, options: .regularExpression) != nil { return "placeholder %…%" }
        return nil
    }

    /// Templates whose `ValidateStateMachineDefinition` response AWS recorded as `OK` with no diagnostics at all
    /// (test_sfn_api_validation), STANDARD and EXPRESS.
    static let recordedWithoutDiagnostics: Set<String> = [
        "validation/statemachines/valid_base_pass.json5",
        "validation/statemachines/valid_query_language_pass.json5",
    ]

    struct Outcome {
        var warnings: [String: Int] = [:]
        var singleStates = 0
        var checked: [String] = []
        var skipped: [(String, String)] = []
        var failures: [String] = []
    }

    static func runAll() throws -> Outcome {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: templatesFolder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TemplateFolderMissing(path: templatesFolder.path)
        }
        guard let enumerator = FileManager.default.enumerator(atPath: templatesFolder.path) else {
            throw TemplateFolderMissing(path: templatesFolder.path)
        }
        var files: [String] = []
        while let next = enumerator.nextObject() as? String {
            if next.hasSuffix(".json5") || next.hasSuffix(".json") { files.append(next) }
        }
        files.sort()
        var outcome = Outcome()
        for file in files {
            let text = substitute(file, try String(contentsOf: templatesFolder.appendingPathComponent(file), encoding: .utf8))
            let json = try JSON5.toJSON(text)
            let value = try JSONValue.parse(json)
            let expected = rejected[file] ?? unusedInvalid[file]
            if expected == nil, let reason = skipReason(file, text: text, value: value) {
                outcome.skipped.append((file, reason))
                continue
            }
            let isSingleState = value["States"] == nil && value["Type"] != nil
            let result = isSingleState ? ASLParser.parseState(value) : ASLParser.parse(text: json)
            outcome.checked.append(file)
            if isSingleState && expected == nil { outcome.singleStates += 1 }
            if let expected {
                if result.isValid || !result.diagnostics.contains(expected) {
                    outcome.failures.append("\(file): expected \(expected), got \(result.diagnostics)")
                }
            } else if !result.isValid {
                outcome.failures.append("\(file): \(result.diagnostics.map(\.description))")
            }
            for warning in result.diagnostics where warning.severity == .warning { outcome.warnings[warning.code, default: 0] += 1 }
            if recordedWithoutDiagnostics.contains(file) {
                for express in [false, true] where !ASLParser.parse(text: json, options: .init(isExpress: express)).diagnostics.isEmpty {
                    outcome.failures.append("\(file): AWS recorded no diagnostics (express: \(express))")
                }
            }
            if let expressError = rejectedWhenExpress[file] {
                let express = ASLParser.parse(text: json, options: .init(isExpress: true))
                if express.isValid || !express.diagnostics.contains(expressError) {
                    outcome.failures.append("\(file) (EXPRESS): expected \(expressError), got \(express.diagnostics)")
                }
            }
        }
        return outcome
    }

    @Test func acceptedTemplatesParseAndRejectedOnesFailAsAWSRecorded() throws {
        let outcome = try Self.runAll()
        for failure in outcome.failures { Issue.record(Comment(rawValue: failure)) }
        #expect(outcome.failures.isEmpty)
        // Every listed rejection was seen (a renamed file must not silently drop a check).
        for file in Self.rejected.keys.sorted() + Self.rejectedWhenExpress.keys.sorted() + Self.unusedInvalid.keys.sorted() {
            #expect(outcome.checked.contains(file), "\(file) was not checked")
        }
        // The suite holds 376 templates; keep this figure honest if the data changes.
        #expect(outcome.checked.count + outcome.skipped.count == 376)
        let accepted = outcome.checked.count - Self.rejected.count - Self.unusedInvalid.count
        print("ASL templates: \(accepted) accepted (\(outcome.singleStates) of them single-state TestState definitions), \(Self.rejected.count) rejected as AWS did, \(Self.unusedInvalid.count) unused and invalid, \(outcome.skipped.count) skipped")
        print("  warnings on accepted templates: \(outcome.warnings.sorted { $0.key < $1.key })")
        for (file, reason) in outcome.skipped { print("  skipped \(file): \(reason)") }
    }

    /// Every Choice operator case recorded against AWS (MANIFEST.generated.json's `choice_operator` entries) is
    /// accepted once the template is completed as the test completes it.
    @Test func recordedChoiceOperatorCasesParse() throws {
        let folder = Self.templatesFolder.deletingLastPathComponent()
        let manifest = try JSONValue.parse(try String(contentsOf: folder.appendingPathComponent("MANIFEST.generated.json"), encoding: .utf8))
        let template = try String(contentsOf: Self.templatesFolder.appendingPathComponent("choiceoperators/statemachines/template.json5"), encoding: .utf8)
        var cases: Set<String> = []
        for entry in manifest["entries"]?.arrayValue ?? [] {
            guard let choice = entry["choice_operator"], let name = choice["operator"]?.stringValue else { continue }
            let literal = choice["add_literal_value"]?.boolValue ?? false
            cases.insert(name + (literal ? " literal" : ""))
            let result = ASLParser.parse(text: try JSON5.toJSON(Self.choiceCase(template, operator: name, literal: literal)))
            #expect(result.isValid, "\(name) literal=\(literal): \(result.diagnostics)")
        }
        #expect(cases.count >= 30, "expected the recorded choice operator cases, found \(cases.count)")
        print("ASL choice operator cases: \(cases.count) distinct, all accepted")
    }

    @Test func json5HelperStripsCommentsTrailingCommasAndQuotesBareKeys() throws {
        let text = """
        {
          // a comment with "quotes" and a URL https://x
          Key: "a // not a comment", /* block */
          "List": [1, 2,],
        }
        """
        #expect(try JSONValue.parse(try JSON5.toJSON(text)) == json(#"{"Key": "a // not a comment", "List": [1, 2]}"#))
    }
}

/// The conformance folder is missing (the test must fail, not pass vacuously).
struct TemplateFolderMissing: Error, CustomStringConvertible {
    var path: String
    var description: String { "conformance templates not found at \(path)" }
}

/// Turns the JSON5 used by the templates into JSON: removes `//` and `/* */` comments and trailing commas, and
/// quotes bare identifier keys. Strings are copied untouched.
enum JSON5 {
    struct SyntaxError: Error { var message: String }

    static func toJSON(_ text: String) throws -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        func isIdentifierByte(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x24
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                output.append(byte)
                index += 1
                while index < bytes.count && bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") && index + 1 < bytes.count {
                        output.append(bytes[index])
                        index += 1
                    }
                    output.append(bytes[index])
                    index += 1
                }
                guard index < bytes.count else { throw SyntaxError(message: "unterminated string") }
                output.append(bytes[index])
                index += 1
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/"):
                while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                index += 2
                while index + 1 < bytes.count && !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
                index += 2
            case UInt8(ascii: ","):
                var look = index + 1
                while look < bytes.count {
                    let next = bytes[look]
                    if next == 0x20 || next == 0x0A || next == 0x0D || next == 0x09 {
                        look += 1
                    } else if next == UInt8(ascii: "/") && look + 1 < bytes.count && bytes[look + 1] == UInt8(ascii: "/") {
                        while look < bytes.count && bytes[look] != UInt8(ascii: "\n") { look += 1 }
                    } else if next == UInt8(ascii: "/") && look + 1 < bytes.count && bytes[look + 1] == UInt8(ascii: "*") {
                        look += 2
                        while look + 1 < bytes.count && !(bytes[look] == UInt8(ascii: "*") && bytes[look + 1] == UInt8(ascii: "/")) { look += 1 }
                        look += 2
                    } else {
                        break
                    }
                }
                if look < bytes.count && (bytes[look] == UInt8(ascii: "}") || bytes[look] == UInt8(ascii: "]")) {
                    index += 1
                } else {
                    output.append(byte)
                    index += 1
                }
            default:
                if isIdentifierByte(byte) && !(byte >= 0x30 && byte <= 0x39) {
                    var end = index
                    while end < bytes.count && isIdentifierByte(bytes[end]) { end += 1 }
                    var look = end
                    while look < bytes.count && (bytes[look] == 0x20 || bytes[look] == 0x09) { look += 1 }
                    let word = bytes[index..<end]
                    if look < bytes.count && bytes[look] == UInt8(ascii: ":") {
                        output.append(UInt8(ascii: "\""))
                        output.append(contentsOf: word)
                        output.append(UInt8(ascii: "\""))
                    } else {
                        output.append(contentsOf: word)
                    }
                    index = end
                } else {
                    output.append(byte)
                    index += 1
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
