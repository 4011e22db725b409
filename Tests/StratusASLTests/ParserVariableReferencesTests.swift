import Foundation
import StratusASL
import StratusJSON
import Testing

/// `ASLParser.variableReferences` against the `variableReferences` AWS returned from DescribeStateMachine
/// (LocalStack's test_sfn_api_variable_references, recorded against AWS).
@Suite struct ParserVariableReferencesTests {
    static let snapshot = ParserTemplateTests.templatesFolder.deletingLastPathComponent()
        .appendingPathComponent("v2/test_sfn_api_variable_references.snapshot.json")

    /// Recordings whose definition the snapshot tool redacted (`"TimestampPath": "timestamp"`, the date variable
    /// `"date"`): the template the test sent is used instead.
    static let redacted: [String: String] = [
        "BASE_REFERENCE_IN_WAIT": "assign/statemachines/base_reference_in_wait.json5",
    ]

    @Test func recordedDescribeResponsesMatch() throws {
        let data = try Data(contentsOf: Self.snapshot)
        let root = try JSONValue.parse(try String(contentsOf: Self.snapshot, encoding: .utf8))
        guard let tests = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TemplateFolderMissing(path: Self.snapshot.path)
        }
        var compared = 0
        for (name, test) in tests.sorted(by: { $0.key < $1.key }) {
            guard let recorded = (test as? [String: Any])?["recorded-content"] as? [String: Any] else { continue }
            for (key, response) in recorded {
                guard let response = response as? [String: Any], response["definition"] != nil,
                      var definition = root[name]?["recorded-content"]?[key]?["definition"] else { continue }
                if let template = Self.redacted.first(where: { name.contains("[\($0.key)]") })?.value {
                    let text = try String(contentsOf: ParserTemplateTests.templatesFolder.appendingPathComponent(template), encoding: .utf8)
                    definition = try JSONValue.parse(try JSON5.toJSON(text))
                }
                #expect(ASLParser.parse(definition).isValid, "\(name)")
                let expected = response["variableReferences"] as? [String: [String]] ?? [:]
                #expect(ASLParser.variableReferences(definition) == expected, "\(name)")
                compared += 1
            }
        }
        #expect(compared == 38, "expected the 38 recorded responses that carry a definition, compared \(compared)")
        print("ASL variable references: \(compared) recorded DescribeStateMachine responses compared")
    }

    static func references(_ text: String) -> [String: [String]] {
        guard let value = try? JSONValue.parse(text) else { return ["<invalid test JSON>": []] }
        return ASLParser.variableReferences(value)
    }

    @Test func jsonataReferencesSkipStatesFunctionsLiteralsAndRegexes() {
        let text = #"""
        {"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true,
          "Output": {"a": "{% $x & $count($ys) & '$notVar' & \"$nor\" & $states.input & $map($zs, $string) %}",
                     "b": ["{% $match($w, /a$b/) %}", "$literal", "{% $v.field / 2 %}"]},
          "Assign": {"n": "{% $u %}"}}}}
        """#
        #expect(Self.references(text) == ["A": ["u", "v", "w", "x", "ys", "zs"]])
    }

    @Test func jsonPathReferencesComeFromDynamicValuesPathsAndVariables() {
        let text = #"""
        {"StartAt": "A", "States": {
          "A": {"Type": "Pass", "Result": {"r.$": "$ignored"}, "Parameters": {"p.$": "$a.b", "q": "$literal", "i.$": "States.Format('{}', $c)", "BucketPath": "$d"},
                "InputPath": "$e", "Next": "M"},
          "M": {"Type": "Map", "ItemsPath": "$f", "MaxConcurrencyPath": "$g", "End": true,
                "ItemProcessor": {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$h", "NumericEqualsPath": "$i"}, "Next": "D"}], "Default": "D"},
                                                             "D": {"Type": "Fail", "ErrorPath": "States.Format('{}', $j)", "CausePath": "$$.Execution.Id"}}}}}}
        """#
        #expect(Self.references(text) == ["A": ["a", "c", "e"], "M": ["f", "g"], "C": ["h", "i"], "D": ["j"]])
    }
}
