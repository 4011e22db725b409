import StratusJSON
import StratusJSONPath
import Testing

func json(_ text: String) -> JSONValue {
    do { return try JSONValue.parse(text) } catch { fatalError("bad test JSON: \(text)") }
}

@Suite("JSONPath evaluation")
struct JSONPathEvaluationTests {
    static let store = json("""
    {"store": {"book": [
      {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
      {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
      {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
      {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99}
    ], "bicycle": {"color": "red", "price": 19.95}}, "expensive": 10, "a b": {"c": 1}, "n": [0, 1, 2, 3, 4]}
    """)

    struct Case: Sendable, CustomStringConvertible {
        var path: String
        var expected: String
        var description: String { path }
    }

    static let cases: [Case] = [
        .init(path: "$.expensive", expected: "10"),
        .init(path: "$['a b'].c", expected: "1"),
        .init(path: "$.store.bicycle", expected: #"{"color": "red", "price": 19.95}"#),
        .init(path: "$.store.book[0].author", expected: #""Nigel Rees""#),
        .init(path: "$.store.book[-1].author", expected: #""J. R. R. Tolkien""#),
        .init(path: "$.store.book[*].author", expected: #"["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"]"#),
        .init(path: "$.store.bicycle.*", expected: #"["red", 19.95]"#),
        .init(path: "$.store.book[0,2].price", expected: "[8.95, 8.99]"),
        .init(path: "$.n[1:3]", expected: "[1, 2]"),
        .init(path: "$.n[:2]", expected: "[0, 1]"),
        .init(path: "$.n[-2:]", expected: "[3, 4]"),
        .init(path: "$.n[3:1]", expected: "[]"),
        .init(path: "$.n[2:99]", expected: "[2, 3, 4]"),
        .init(path: "$.store.book[?(@.price < 10)].title", expected: #"["Sayings of the Century", "Moby Dick"]"#),
        .init(path: "$.store.book[?(@.isbn)].title", expected: #"["Moby Dick", "The Lord of the Rings"]"#),
        .init(path: "$.store.book[?(!(@.isbn))].title", expected: #"["Sayings of the Century", "Sword of Honour"]"#),
        .init(path: "$.store.book[?(@.category == 'fiction' && @.price > 20)].author", expected: #"["J. R. R. Tolkien"]"#),
        .init(path: "$.store.book[?(@.category == \"reference\" || @.price >= 22.99)].price", expected: "[8.95, 22.99]"),
        .init(path: "$.store.book[?(@.price > $.expensive)].price", expected: "[12.99, 22.99]"),
        .init(path: "$.store.book[?(@.price != 8.95)].price", expected: "[12.99, 8.99, 22.99]"),
        .init(path: "$.store.book[?(@.author <= 'H')].author", expected: #"["Evelyn Waugh"]"#),
        .init(path: "$.store.book[?(@.nothing == 1)]", expected: "[]"),
        .init(path: "$..author", expected: #"["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"]"#),
        .init(path: "$.store..price", expected: "[8.95, 12.99, 8.99, 22.99, 19.95]"),
        .init(path: "$..book[2].title", expected: #"["Moby Dick"]"#),
        .init(path: "$..book[?(@.price > 20)].title", expected: #"["The Lord of the Rings"]"#),
        .init(path: "$.store.bicycle['color','price']", expected: #"{"color": "red", "price": 19.95}"#),
        .init(path: "$.store.bicycle['color','missing']", expected: #"{"color": "red"}"#),
        .init(path: "$.store.bicycle['x','y']", expected: "{}"),
        .init(path: "$.store.book[*].isbn", expected: #"["0-553-21311-3", "0-395-19395-8"]"#),
        .init(path: "$.n[9][*]", expected: "[]"),
        .init(path: "$.store.book[*].missing.deeper", expected: "[]"),
        .init(path: "$", expected: "null"),
    ]

    @Test("paths select what Jayway selects", arguments: cases)
    func evaluate(_ testCase: Case) throws {
        let path = try JSONPath(testCase.path)
        let input = testCase.path == "$" ? JSONValue.null : Self.store
        #expect(try path.evaluate(input) == json(testCase.expected))
    }

    @Test("filter on the users list (recorded: base PASS_RESULT_REGEX_JSON_PATH_BASE)")
    func recordedFilter() throws {
        // templates/base/statemachines/pass_result_regex_json_path_base.json5; v2/base/test_base.snapshot.json
        let input = json(#"{"users": [{"year": 1997, "status": 0}, {"year": 1998, "status": 1}]}"#)
        #expect(try JSONPath("$.users[?(@.status == 0)]").evaluate(input) == json(#"[{"year": 1997, "status": 0}]"#))
    }

    @Test("escaped quote in a bracket name (recorded: scenarios ESCAPE_SEQUENCES_JSONPATH)")
    func recordedEscape() throws {
        // templates/scenarios/statemachines/escape_sequences_jsonpath.json5 — output {"value": "Value\"\\"}
        let input = json(#"{"Test\\\"\"Name\"": "Value\"\\"}"#)
        #expect(try JSONPath(#"$['Test\""Name"']"#).evaluate(input) == .string(#"Value"\"#))
    }

    struct Missing: Sendable, CustomStringConvertible {
        var path: String
        var input: String
        var message: String
        var description: String { path }
    }

    static let missing: [Missing] = [
        // Recorded: scenarios INVALID_JSONPATH_IN_OUTPUTPATH ("Invalid path '$.NoSuchOutputPath' : No results for path: $['NoSuchOutputPath']")
        .init(path: "$.NoSuchOutputPath", input: "{}", message: "No results for path: $['NoSuchOutputPath']"),
        // Recorded: scenarios CATCH_STATES_RUNTIME ("Invalid path '$.no.such.result.path' : Missing property in path $['no']")
        .init(path: "$.no.such.result.path", input: #"{"a": 1}"#, message: "Missing property in path $['no']"),
        .init(path: "$.a.b.c", input: #"{"a": {"x": 1}}"#, message: "Missing property in path $['a']['b']"),
        .init(path: "$.a[5]", input: #"{"a": [1]}"#, message: "No results for path: $['a'][5]"),
        .init(path: "$.a.b", input: #"{"a": [1]}"#, message: "Expected to find an object with property ['b'] in path $['a'] but found 'array'"),
        .init(path: "$['x','y']", input: "3", message: "Expected to find an object with property ['x','y'] in path $ but found 'number'"),
        .init(path: "$.a.b", input: #"{"a": null}"#, message: "Expected to find an object with property ['b'] in path $['a'] but found 'null'"),
        .init(path: "$.a[0]", input: #"{"a": {"0": 1}}"#, message: #"Filter: [0] can only be applied to arrays. Current context is: {"0":1}"#),
    ]

    /// Recorded: base `test_json_path_array_wildcard_or_slice_with_no_input` — AWS evaluated each of these on `{}`
    /// (in a Pass state's `Parameters`) to `[]`; the last three are the same rule on other absent data.
    static let indefiniteOnAbsentData: [Missing] = [
        .init(path: "$.items[*]", input: "{}", message: ""),
        .init(path: "$.items[1:]", input: "{}", message: ""),
        .init(path: "$.items[:1].itemValue", input: "{}", message: ""),
        .init(path: "$.item.items[1:5].itemValue", input: "{}", message: ""),
        .init(path: "$.items[*].itemValue", input: "{}", message: ""),
        .init(path: "$.a.missing[?(@.x)]", input: #"{"a": {}}"#, message: ""),
        .init(path: "$.a.b[*]", input: #"{"a": "text"}"#, message: ""),
        .init(path: "$.a[5][*]", input: #"{"a": [1]}"#, message: ""),
    ]

    @Test("indefinite paths evaluate to [] on absent data, never fail", arguments: indefiniteOnAbsentData)
    func indefiniteOnAbsent(_ testCase: Missing) throws {
        let path = try JSONPath(testCase.path)
        #expect(try path.evaluate(json(testCase.input)) == .array([]))
        #expect(path.isPresent(in: json(testCase.input)))
    }

    @Test("definite paths that select nothing fail with Jayway's detail", arguments: missing)
    func missingPaths(_ testCase: Missing) throws {
        let path = try JSONPath(testCase.path)
        #expect {
            _ = try path.evaluate(json(testCase.input))
        } throws: { error in
            let error = error as? JSONPathError
            return error?.code == .notFound && error?.message == testCase.message
        }
        #expect(!path.isPresent(in: json(testCase.input)))
    }

    @Test("AWS's cause sentences")
    func causes() throws {
        let error = JSONPathError(code: .notFound, message: "No results for path: $['NoSuchOutputPath']")
        #expect(error.invalidPathCause(path: "$.NoSuchOutputPath")
            == "Invalid path '$.NoSuchOutputPath' : No results for path: $['NoSuchOutputPath']")
        // Recorded: scenarios INVALID_JSONPATH_IN_STRING_EXPR_JSONPATH
        #expect(JSONPathError.fieldNotFoundCause(path: "$.no_such_jsonpath", field: "value.$", input: json(#"{"a":1}"#))
            == #"The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{"a":1}'"#)
    }

    @Test("$$ reads the context object and $name the variables")
    func contextAndVariables() throws {
        let scope = JSONPathScope(
            context: json(#"{"Execution": {"Name": "run-1", "Input": {"x": 1}}, "Map": {"Item": {"Index": 2}}}"#),
            variables: ["answer": json(#"{"items": [10, 20]}"#), "n": 7]
        )
        let input = json(#"{"x": "input"}"#)
        #expect(try JSONPath("$$.Execution.Name").evaluate(input, scope: scope) == "run-1")
        #expect(try JSONPath("$$.Map.Item.Index").evaluate(input, scope: scope) == 2)
        #expect(try JSONPath("$$").evaluate(input, scope: scope) == scope.context)
        #expect(try JSONPath("$answer.items[1]").evaluate(input, scope: scope) == 20)
        #expect(try JSONPath("$answer.items[*]").evaluate(input, scope: scope) == [10, 20])
        #expect(try JSONPath("$n").evaluate(input, scope: scope) == 7)
        #expect(try JSONPath("$.x").evaluate(input, scope: scope) == "input")
        #expect {
            _ = try JSONPath("$unknown.a").evaluate(input, scope: scope)
        } throws: { error in
            (error as? JSONPathError)?.code == .undefinedVariable
        }
        #expect(!(try JSONPath("$unknown").isPresent(in: input, scope: scope)))
        #expect(try JSONPath("$n").isPresent(in: input, scope: scope))
    }

    @Test("select returns every match and never fails on absent data")
    func select() throws {
        #expect(try JSONPath("$.store.book[*].price").select(Self.store).count == 4)
        #expect(try JSONPath("$.nothing").select(Self.store).isEmpty)
        #expect(try JSONPath("$.expensive").select(Self.store) == [10])
    }

    @Test("a compiled path is reused without re-parsing")
    func compiledReuse() throws {
        let path = try JSONPath("$.store.book[2].title")
        for _ in 0..<10_000 {
            #expect(try path.evaluate(Self.store) == "Moby Dick")
        }
    }
}
