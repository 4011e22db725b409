import StratusASL
import StratusJSON
import StratusJSONPath
import Testing

/// Cases taken from AWS-recorded executions in ../shared/conformance/localstack-sfn (template, snapshot and
/// recording key named in each case). Each template is a Pass state whose `Parameters` holds
/// `"FunctionResult.$": <expression>`; the expected value is the recorded `FunctionResult`.
@Suite("Intrinsic functions against AWS recordings")
struct IntrinsicRecordedTests {
    struct Recorded: Sendable, CustomStringConvertible {
        var source: String
        var expression: String
        var input: String
        var expected: String
        var description: String { source }
    }

    static let mathAdd = "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"
    static let format1 = "States.Format('Formatting argument {}.', $.FunctionInput)"
    static let format2 = "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)"
    static let split = "States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)"
    static let hash = "States.Hash($.FunctionInput.fst, $.FunctionInput.snd)"

    /// v2/intrinsic_functions/test_math_operations.snapshot.json, TestMathOperations::test_math_add,
    /// exec_hist_resp_0…20 (template math_operations/math_add.json5): rounding is half up (Java Math.round).
    static let mathAddCases: [Recorded] = [
        ("-9", "3", "-6"), ("1.49", "1.5", "3"), ("1.5", "1.51", "4"), ("-1.49", "-1.5", "-2"), ("-1.5", "-1.51", "-3"),
        ("1.49", "0", "1"), ("1.49", "-1.49", "0"), ("1.5", "0", "2"), ("1.51", "0", "2"), ("-1.49", "0", "-1"),
        ("-1.5", "0", "-1"), ("-1.51", "0", "-2"), ("0.5", "0", "1"), ("1.5", "0", "2"), ("2.5", "0", "3"),
        ("3.5", "0", "4"), ("-0.5", "0.5", "1"), ("-0.5", "0", "0"), ("-1.5", "0", "-1"), ("-2.5", "0", "-2"),
        ("-3.5", "0", "-3"),
    ].enumerated().map { offset, values in
        Recorded(
            source: "test_math_add exec_hist_resp_\(offset)", expression: mathAdd,
            input: #"{"FunctionInput": {"fst": \#(values.0), "snd": \#(values.1)}}"#, expected: values.2
        )
    }

    static let otherCases: [Recorded] = [
        // v2/intrinsic_functions/test_generic.snapshot.json, TestGeneric::test_format_1 (generic/format_1.json5)
        .init(source: "test_format_1 exec_hist_resp_0", expression: format1, input: #"{"FunctionInput": ""}"#, expected: #""Formatting argument .""#),
        .init(source: "test_format_1 exec_hist_resp_1", expression: format1, input: #"{"FunctionInput": " "}"#, expected: #""Formatting argument  .""#),
        .init(source: "test_format_1 exec_hist_resp_2", expression: format1, input: #"{"FunctionInput": "HelloWorld"}"#, expected: #""Formatting argument HelloWorld.""#),
        .init(source: "test_format_1 exec_hist_resp_3", expression: format1, input: #"{"FunctionInput": null}"#, expected: #""Formatting argument null.""#),
        .init(source: "test_format_1 exec_hist_resp_4", expression: format1, input: #"{"FunctionInput": 1}"#, expected: #""Formatting argument 1.""#),
        .init(source: "test_format_1 exec_hist_resp_5", expression: format1, input: #"{"FunctionInput": 1.1}"#, expected: #""Formatting argument 1.1.""#),
        .init(source: "test_format_1 exec_hist_resp_6", expression: format1, input: #"{"FunctionInput": "{\"Arg1\": 1, \"Arg2\": []}"}"#,
              expected: #""Formatting argument {\"Arg1\": 1, \"Arg2\": []}.""#),
        // TestGeneric::test_format_2 (generic/format_2.json5)
        .init(source: "test_format_2 exec_hist_resp_0", expression: format2, input: #"{"FunctionInput": {"fst": "", "snd": ""}}"#,
              expected: #""Formatting arguments fst= and snd=.""#),
        .init(source: "test_format_2 exec_hist_resp_3", expression: format2, input: #"{"FunctionInput": {"fst": null, "snd": null}}"#,
              expected: #""Formatting arguments fst=null and snd=null.""#),
        .init(source: "test_format_2 exec_hist_resp_5", expression: format2, input: #"{"FunctionInput": {"fst": 1.1, "snd": 1.1}}"#,
              expected: #""Formatting arguments fst=1.1 and snd=1.1.""#),
        .init(source: "test_format_2 exec_hist_resp_7", expression: format2,
              input: #"{"FunctionInput": {"fst": {"Arg1": 1, "Arg2": []}, "snd": {"Arg1": 1, "Arg2": []}}}"#,
              expected: #""Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}.""#),
        // TestGeneric::test_escape_sequence (generic/escape_sequence.json5): the JSON "\n" is a real line break.
        .init(source: "test_escape_sequence", expression: "States.StringSplit('Hello\nWorld', '\n')", input: "{}", expected: #"["Hello", "World"]"#),
        // v2/intrinsic_functions/test_string_operations.snapshot.json, TestStringOperations::test_string_split
        .init(source: "test_string_split exec_hist_resp_0", expression: split, input: #"{"FunctionInput": {"fst": " ", "snd": ","}}"#, expected: #"[" "]"#),
        .init(source: "test_string_split exec_hist_resp_1", expression: split, input: #"{"FunctionInput": {"fst": " , ", "snd": ","}}"#, expected: #"[" ", " "]"#),
        .init(source: "test_string_split exec_hist_resp_2", expression: split, input: #"{"FunctionInput": {"fst": ", , ,", "snd": ","}}"#, expected: #"[" ", " "]"#),
        .init(source: "test_string_split exec_hist_resp_3", expression: split, input: #"{"FunctionInput": {"fst": ",,,,", "snd": ","}}"#, expected: "[]"),
        .init(source: "test_string_split exec_hist_resp_4", expression: split, input: #"{"FunctionInput": {"fst": "1,2,3,4,5", "snd": ","}}"#,
              expected: #"["1", "2", "3", "4", "5"]"#),
        .init(source: "test_string_split exec_hist_resp_5", expression: split, input: #"{"FunctionInput": {"fst": "This.is+a,test=string", "snd": ".+,="}}"#,
              expected: #"["This", "is", "a", "test", "string"]"#),
        .init(source: "test_string_split exec_hist_resp_6", expression: split, input: #"{"FunctionInput": {"fst": "split on T and \nnew line", "snd": "T\n"}}"#,
              expected: #"["split on ", " and ", "new line"]"#),
        // TestStringOperations::test_string_split_context_object (string_split_context_object.json5)
        .init(source: "test_string_split_context_object", expression: "States.StringSplit($.FunctionInput, ',')",
              input: #"{"FunctionInput": "Value1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n"}"#,
              expected: #"["Value1", "Value2", "Value3\nValue4", "Value5", "Value6\n", "\ntrue", "1", "'HelloWorld'\nNull", "None", "\n   \n"]"#),
        // v2/intrinsic_functions/test_hash_calculations.snapshot.json, TestHashCalculations::test_hash
        .init(source: "test_hash exec_hist_resp_0", expression: hash, input: #"{"FunctionInput": {"fst": "input data", "snd": "MD5"}}"#,
              expected: #""812f45842bc6d66ee14572ce20db8e86""#),
        .init(source: "test_hash exec_hist_resp_1", expression: hash, input: #"{"FunctionInput": {"fst": "input data", "snd": "SHA-1"}}"#,
              expected: #""aaff4a450a104cd177d28d18d74485e8cae074b7""#),
        .init(source: "test_hash exec_hist_resp_2", expression: hash, input: #"{"FunctionInput": {"fst": "input data", "snd": "SHA-256"}}"#,
              expected: #""b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3""#),
        .init(source: "test_hash exec_hist_resp_3", expression: hash, input: #"{"FunctionInput": {"fst": "input data", "snd": "SHA-384"}}"#,
              expected: #""d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562""#),
        .init(source: "test_hash exec_hist_resp_4", expression: hash, input: #"{"FunctionInput": {"fst": "input data", "snd": "SHA-512"}}"#,
              expected: #""6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4""#),
        // v2/intrinsic_functions/test_json_manipulation.snapshot.json, TestJsonManipulation::test_json_to_string
        .init(source: "test_json_to_string exec_hist_resp_0", expression: "States.JsonToString($.FunctionInput)", input: #"{"FunctionInput": null}"#, expected: #""null""#),
        .init(source: "test_json_to_string exec_hist_resp_3", expression: "States.JsonToString($.FunctionInput)", input: #"{"FunctionInput": 1.1}"#, expected: #""1.1""#),
        .init(source: "test_json_to_string exec_hist_resp_5", expression: "States.JsonToString($.FunctionInput)", input: #"{"FunctionInput": "HelloWorld"}"#,
              expected: #""\"HelloWorld\"""#),
        .init(source: "test_json_to_string exec_hist_resp_6", expression: "States.JsonToString($.FunctionInput)", input: #"{"FunctionInput": [1, 2, "HelloWorld"]}"#,
              expected: #""[1,2,\"HelloWorld\"]""#),
        .init(source: "test_json_to_string exec_hist_resp_7", expression: "States.JsonToString($.FunctionInput)", input: #"{"FunctionInput": {"Arg1": 1, "Arg2": []}}"#,
              expected: #""{\"Arg1\":1,\"Arg2\":[]}""#),
        // TestJsonManipulation::test_string_to_json
        .init(source: "test_string_to_json exec_hist_resp_0", expression: "States.StringToJson($.FunctionInput)", input: #"{"FunctionInput": ""}"#, expected: "null"),
        .init(source: "test_string_to_json exec_hist_resp_1", expression: "States.StringToJson($.FunctionInput)", input: #"{"FunctionInput": " "}"#, expected: "null"),
        .init(source: "test_string_to_json exec_hist_resp_2", expression: "States.StringToJson($.FunctionInput)", input: #"{"FunctionInput": "null"}"#, expected: "null"),
        .init(source: "test_string_to_json exec_hist_resp_3", expression: "States.StringToJson($.FunctionInput)", input: #"{"FunctionInput": "-0"}"#, expected: "0"),
        .init(source: "test_string_to_json exec_hist_resp_5", expression: "States.StringToJson($.FunctionInput)", input: #"{"FunctionInput": "1.1"}"#, expected: "1.1"),
        .init(source: "test_string_to_json exec_hist_resp_6", expression: "States.StringToJson($.FunctionInput)", input: #"{"FunctionInput": "true"}"#, expected: "true"),
        .init(source: "test_string_to_json exec_hist_resp_7", expression: "States.StringToJson($.FunctionInput)", input: #"{"FunctionInput": "\"HelloWorld\""}"#,
              expected: #""HelloWorld""#),
        .init(source: "test_string_to_json exec_hist_resp_9", expression: "States.StringToJson($.FunctionInput)", input: #"{"FunctionInput": "{\"Arg1\": 1, \"Arg2\": []}"}"#,
              expected: #"{"Arg1": 1, "Arg2": []}"#),
        // TestJsonManipulation::test_json_merge (json_manipulation/json_merge.json5)
        .init(source: "test_json_merge", expression: "States.JsonMerge($.FunctionInput.fst, $.FunctionInput.snd, false)",
              input: #"{"FunctionInput": {"fst": {"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3}, "snd": {"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}}}"#,
              expected: #"{"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3, "d": 4}"#),
        // v2/intrinsic_functions/test_encode_decode.snapshot.json
        .init(source: "test_base_64_encode exec_hist_resp_0", expression: "States.Base64Encode($.FunctionInput)", input: #"{"FunctionInput": ""}"#, expected: #""""#),
        .init(source: "test_base_64_encode exec_hist_resp_1", expression: "States.Base64Encode($.FunctionInput)", input: #"{"FunctionInput": "Data to encode"}"#,
              expected: #""RGF0YSB0byBlbmNvZGU=""#),
        .init(source: "test_base_64_decode exec_hist_resp_0", expression: "States.Base64Decode($.FunctionInput)", input: #"{"FunctionInput": ""}"#, expected: #""""#),
        .init(source: "test_base_64_decode exec_hist_resp_1", expression: "States.Base64Decode($.FunctionInput)", input: #"{"FunctionInput": "RGF0YSB0byBlbmNvZGU="}"#,
              expected: #""Data to encode""#),
        // v2/intrinsic_functions/test_array.snapshot.json
        .init(source: "test_array_0", expression: "States.Array()", input: #"{"FunctionInput": "HelloWorld"}"#, expected: "[]"),
        .init(source: "test_array_get_item", expression: "States.ArrayGetItem($.FunctionInput.fst, $.FunctionInput.snd)",
              input: #"{"FunctionInput": {"fst": [1, 2, 3, 4, 5, 6, 7, 8, 9], "snd": 5}}"#, expected: "6"),
        .init(source: "test_array_unique (recorded with the ArrayLength template)", expression: "States.ArrayLength($.FunctionInput)",
              input: #"{"FunctionInput": [null, null, true, true, false, false, 1, 1, 1.1, 0, 0, "HelloWorld", "HelloWorld", [], [], [null], [null], {"a": 1, "b": 2}, {"a": 1, "b": 2}, {"a": 1, "b": 1}]}"#,
              expected: "20"),
        // v2/base/test_base.snapshot.json, TestSnfBase::test_state_fail_intrinsic (base/raise_failure_path_intrinsic.json5)
        .init(source: "test_state_fail_intrinsic CausePath", expression: "States.Format('This is a custom error message for {}, caused by {}.', $.Error, $.Cause)",
              input: #"{"Error": "error string", "Cause": "cause string"}"#, expected: #""This is a custom error message for error string, caused by cause string.""#),
        // v2/assign/test_assign_reference_variables.snapshot.json, BASE_REFERENCE_IN_INTRINSIC_FUNCTION (variables as arguments)
        .init(source: "BASE_REFERENCE_IN_INTRINSIC_FUNCTION hashValue", expression: "States.Hash('Hash this string', 'SHA-256')", input: "{}",
              expected: #""1cac63f39fd68d8c531f27b807610fb3d50f0fc3f186995767fb6316e7200a3e""#),
    ]

    @Test("MathAdd rounding", arguments: mathAddCases)
    func recordedMathAdd(_ recorded: Recorded) throws {
        let result = try evaluate(recorded.expression, input: json(recorded.input))
        #expect(result == json(recorded.expected))
        #expect(result.numberValue?.isInteger == true)
    }

    @Test("recorded results", arguments: otherCases)
    func recordedResults(_ recorded: Recorded) throws {
        #expect(try evaluate(recorded.expression, input: json(recorded.input)) == json(recorded.expected))
    }

    @Test("variables as arguments (recorded: BASE_REFERENCE_IN_INTRINSIC_FUNCTION)")
    func recordedVariables() throws {
        let scope = JSONPathScope(variables: [
            "rawString": "Hello World", "encodedString": "SGVsbG8gV29ybGQ=", "inputString": "Hash this string",
            "json1": json(#"{"a": 1, "b": 2}"#), "json2": json(#"{"c": 3, "d": 4}"#), "jsonString": #"{"key":"value"}"#,
            "jsonObject": json(#"{"test": "object"}"#), "value1": 5, "value2": 3, "csvString": "a,b,c,d,e",
            "name": "John", "place": "LocalStack",
        ])
        let expectations: [(String, String)] = [
            ("States.Base64Encode($rawString)", #""SGVsbG8gV29ybGQ=""#),
            ("States.Base64Decode($encodedString)", #""Hello World""#),
            ("States.Hash($inputString, 'SHA-256')", #""1cac63f39fd68d8c531f27b807610fb3d50f0fc3f186995767fb6316e7200a3e""#),
            ("States.JsonMerge($json1, $json2, false)", #"{"a": 1, "b": 2, "c": 3, "d": 4}"#),
            ("States.StringToJson($jsonString)", #"{"key": "value"}"#),
            ("States.JsonToString($jsonObject)", #""{\"test\":\"object\"}""#),
            ("States.MathAdd($value1, $value2)", "8"),
            ("States.StringSplit($csvString, ',')", #"["a", "b", "c", "d", "e"]"#),
            ("States.Format('Hello {}, welcome to {}!', $name, $place)", #""Hello John, welcome to LocalStack!""#),
        ]
        for (expression, expected) in expectations {
            #expect(try evaluate(expression, scope: scope) == json(expected), "\(expression)")
        }
    }

    @Test("context paths and nesting (recorded: TestGeneric test_context_json_path, test_nested_calls_2)")
    func recordedContext() throws {
        let scope = JSONPathScope(context: json("""
        {"Execution": {"Name": "exec-1", "Input": {"input_field": {"constant_input_field": "constant_value"}}},
         "StateMachine": {"Id": "arn:aws:states:us-east-1:111111111111:stateMachine:sm-part-last", "Name": "sm-part-last"}}
        """))
        #expect(try evaluate("States.Format('Formatting arguments fst={} and snd={}.', $$.Execution.Name, $$.StateMachine)", scope: scope)
            == "Formatting arguments fst=exec-1 and snd={Id=arn:aws:states:us-east-1:111111111111:stateMachine:sm-part-last, Name=sm-part-last}.")
        let nested = "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), "
            + "States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))"
        #expect(try evaluate(nested, scope: scope) == "last")
        // TestJsonManipulation::test_json_merge_escaped_argument (json_merge_escaped_argument.json5)
        let merged = try evaluate(
            #"States.JsonMerge(States.StringToJson('{"constant_in_literal": "false"}'), $$.Execution.Input.input_field, false)"#,
            scope: scope
        )
        #expect(merged == json(#"{"constant_input_field": "constant_value", "constant_in_literal": "false"}"#))
    }

    @Test("a missing path argument is States.Runtime with AWS's cause (recorded: INVALID_JSONPATH_IN_STRING_EXPR_JSONPATH wording)")
    func missingPath() {
        #expect {
            _ = try evaluate("States.Format('{}', $.no_such_jsonpath)", input: json(#"{"a":1}"#))
        } throws: { error in
            let error = error as? StatesError
            return error?.name == "States.Runtime"
                && error?.cause == #"The JSONPath '$.no_such_jsonpath' specified for the field 'FunctionResult.$' could not be found in the input '{"a":1}'"#
        }
    }
}
