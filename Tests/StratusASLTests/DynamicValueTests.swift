import StratusASL
import StratusJSON
import StratusJSONPath
import Testing

@Suite("Dynamic values of .$ fields")
struct DynamicValueTests {
    @Test("paths and calls are told apart")
    func kinds() throws {
        guard case .path(let path) = try DynamicValue(parsing: "$.a", field: "x.$") else {
            Issue.record("expected a path")
            return
        }
        #expect(path.text == "$.a")
        guard case .intrinsic(let call) = try DynamicValue(parsing: "States.UUID()", field: "x.$") else {
            Issue.record("expected a call")
            return
        }
        #expect(call.function == .uuid)
    }

    @Test("invalid values get AWS's validation sentence (recorded: ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION)")
    func invalid() {
        // v2/scenarios/test_base_scenarios.snapshot.json: "SCHEMA_VALIDATION_FAILED: The value for the field 'parsed.$'
        // must be a valid JSONPath or a valid intrinsic function call at /States/IntrinsicEscape/Parameters"
        for text in [#"States.StringToJson('{"text":"An \"escaped double quote\" here"}')"#, "$.a b", "plain", "States.Nope()"] {
            #expect {
                _ = try DynamicValue(parsing: text, field: "parsed.$")
            } throws: { error in
                (error as? DynamicValueSyntaxError)?.message
                    == "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call"
            }
        }
    }

    @Test("a missing path is States.Runtime with AWS's cause (recorded: INVALID_JSONPATH_IN_STRING_EXPR_JSONPATH)")
    func missingPath() throws {
        let value = try DynamicValue(parsing: "$.no_such_jsonpath", field: "value.$")
        let environment = FixedSources().environment()
        #expect {
            _ = try value.evaluate(input: json(#"{"int-literal":0}"#), environment: environment, field: "value.$")
        } throws: { error in
            let error = error as? StatesError
            return error?.name == "States.Runtime"
                && error?.cause == #"The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{"int-literal":0}'"#
        }
    }

    @Test("paths, context paths, variables and calls evaluate")
    func evaluation() throws {
        let scope = JSONPathScope(context: json(#"{"Map": {"Item": {"Value": "Pikachu"}}}"#), variables: ["AnswerTemplate": "It's {}!"])
        let environment = FixedSources().environment(scope: scope)
        // Recorded: assign MAP_STATE_REFERENCE_IN_INTRINSIC_FUNCTION ("It's Pikachu!").
        let call = try DynamicValue(parsing: "States.Format($AnswerTemplate, $$.Map.Item.Value)", field: "AnnouncePokemon.$")
        #expect(try call.evaluate(input: json("{}"), environment: environment, field: "AnnouncePokemon.$") == "It's Pikachu!")
        let path = try DynamicValue(parsing: "$.users[?(@.status == 0)].year", field: "y.$")
        #expect(try path.evaluate(input: json(#"{"users": [{"year": 1997, "status": 0}]}"#), environment: environment, field: "y.$") == [1997])
    }
}
