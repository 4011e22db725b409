import Foundation
import OrderedCollections
import StratusJSON

/// How LocalStack's tests change a template before running it: the manifest's `self-contained-mutated` entries.
///
/// Each mutation is what the test's Python does, keyed by the test function; the pytest parameter id (the text
/// between the brackets of the entry's id) selects the value. Where LocalStack's test code was available the values
/// are its own; the map-items values are those the recordings show (the JSONata texts quoted in the recorded causes,
/// the recorded `assignedVariables`), and the held-out siblings follow the same pattern. Tests whose change neither
/// source shows (`test_base_jsonata_regular_expressions`, `test_merge_with_dynamic_args`, `test_wait_timestamp`) are
/// reported as not runnable rather than guessed. Some tests the manifest files as `self-contained` change their
/// template too (`test_base_map`); their known changes are applied the same way.
enum RecordedMutations {
    /// The definition the test `id` runs (the template's text and parsed value given), or `nil` when the mutation
    /// of that test is not known here.
    static func definition(forTest id: String, templateText: String, template: JSONValue) throws -> JSONValue? {
        let name = id.split(separator: "::", omittingEmptySubsequences: false).dropFirst().joined(separator: "::")
        let function: String
        var parameter: String?
        if let open = name.firstIndex(of: "["), name.hasSuffix("]") {
            function = String(name[..<open])
            parameter = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
        } else {
            function = name
        }
        switch (function, parameter) {
        case ("TestSnfBase::test_json_path_array_access", let path?),
             ("TestSnfBase::test_json_path_array_wildcard_or_slice_with_no_input", let path?):
            return template.setting(["States", "EntryState", "Parameters", "item.$"], to: .string(path))
        case ("TestSnfBase::test_state_pass_result_jsonpaths", nil):
            return template.setting(["States", "State_1", "Result"],
                                    to: .object(["unsupported1.$": "$.jsonpath", "unsupported2.$": "$$"]))
        case ("TestSnfBase::test_input_path", let literal?), ("TestSnfBase::test_output_path", let literal?):
            return try replacingPlaceholder(in: templateText, with: literal)
        case ("TestSnfBase::test_variable", nil):
            return try replacingPlaceholder(in: templateText, with: "$$.Execution.Input.input-value")
        case ("TestArgumentsBase::test_base_output_any_non_dict", let kind?):
            guard let output = anyNonDictOutputs[kind] else { return nil }
            return template.setting(["States", "State0", "Output"], to: output)
        case ("TestBaseScenarios::test_map_state_items_eval_jsonata", let kind?),
             ("TestBaseScenarios::test_map_state_items_eval_jsonata_fail", let kind?):
            guard let expression = itemsExpressions[kind] else { return nil }
            return template.setting(["States", "MapIterateState", "Items"], to: .string("{% \(expression) %}"))
        case ("TestBaseScenarios::test_map_state_items_variable_sampling", let kind?):
            guard let value = sampledValues[kind] else { return nil }
            return template.setting(["States", "Start", "Assign", "ItemsVar"], to: value)
        case ("TestBaseScenarios::test_map_state_items_eval_jsonata_variable_sampling_fail", let kind?):
            guard let value = sampledValues[kind] else { return nil }
            return template.setting(["States", "Start", "Assign", "ItemsVar"],
                                    to: .string("{% \(value.serializedString()) %}"))
        case ("TestBaseEvaluateJsonata::test_base_map", let kind?):
            guard let (field, value) = baseMapFields[kind] else { return nil }
            return template.setting(["States", "Start", field], to: value)
        default:
            return nil
        }
    }

    /// `test_base_map`'s parameters: the field the test sets on the Map state and its value (LocalStack's
    /// `EvaluateJsonataTemplate` constants).
    static let baseMapFields: [String: (String, JSONValue)] = [
        "ITEMS": ("Items", .array([1, "{% $number(\"2\") %}", 3])),
        "ITEMS_DOUBLE_QUOTES": ("Items", .array([1, "{% $number('2') %}", 3])),
        "MAX_CONCURRENCY": ("MaxConcurrency", "{% $variable := 1 %}"),
        "TOLERATED_FAILURE_PERCENTAGE": ("ToleratedFailurePercentage", "{% $variable := 1 %}"),
        "TOLERATED_FAILURE_COUNT": ("ToleratedFailureCount", "{% $variable := 1 %}"),
    ]

    /// `test_base_output_any_non_dict`'s parameters, by id.
    static let anyNonDictOutputs: [String: JSONValue] = [
        "NULL": .null, "INT": 0, "FLOAT": 0.1, "BOOL": true, "STR_LIT": "string literal",
        "JSONATA_EXPR": "{% $states.input %}", "LIST_EMPY": .array([]),
        "LIST_RICH": .array([.null, 0, 0.1, true, "string", .array([]), "$nosuchvar", "$.no.such.path",
                             "{% $states.input %}", .object(["key": "{% true %}"])]),
    ]

    /// The JSONata `Items` of the map-items tests, by id (the failing ones' texts are quoted in the recorded causes).
    static let itemsExpressions: [String: String] = [
        "empty": "[]", "mixed": "[1, \"two\", 3]", "singleton": "[1]",
        "boolean": "true", "function": "$fn := function($x){$x}", "null": "null", "number": "1",
        "object": "{\"foo\": \"bar\"}", "string": "\"string\"",
    ]

    /// The values the variable-sampling tests assign to `ItemsVar` (as the recordings' `assignedVariables` show).
    static let sampledValues: [String: JSONValue] = [
        "boolean": true, "null": .null, "number": 1, "object": .object(["foo": "bar"]), "string": "string",
    ]

    private static func replacingPlaceholder(in text: String, with literal: String) throws -> JSONValue {
        try JSON5.parse(text.replacingOccurrences(of: "%CONTEXT_OBJECT_LITERAL_PLACEHOLDER%", with: literal))
    }
}

extension JSONValue {
    /// This value with the member at `path` (object keys) set to `value`; missing objects on the way are created.
    func setting(_ path: [String], to value: JSONValue) -> JSONValue {
        guard let key = path.first else { return value }
        var members: OrderedDictionary<String, JSONValue> = [:]
        if case .object(let existing) = self { members = existing }
        members[key] = (members[key] ?? .object([:])).setting(Array(path.dropFirst()), to: value)
        return .object(members)
    }
}
