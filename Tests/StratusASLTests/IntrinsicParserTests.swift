import StratusASL
import StratusJSON
import StratusJSONPath
import Testing

@Suite("Intrinsic expression parsing")
struct IntrinsicParserTests {
    @Test("arguments: strings, numbers, booleans, null, paths, context paths, variables, nested calls")
    func argumentKinds() throws {
        let call = try IntrinsicCall(parsing: "States.Array('a', -1.5, 2, true, false, null, $.x['y z'][0], $$.Execution.Id, $var.f, States.UUID())")
        #expect(call.function == .array)
        #expect(call.arguments.count == 10)
        #expect(call.arguments[0] == .string(value: "a", raw: "a"))
        #expect(call.arguments[1] == .number(JSONNumber(text: "-1.5")!))
        #expect(call.arguments[2] == .number(2))
        #expect(call.arguments[3] == .bool(true))
        #expect(call.arguments[4] == .bool(false))
        #expect(call.arguments[5] == .null)
        #expect(call.arguments[6] == .path(try JSONPath("$.x['y z'][0]")))
        guard case .path(let context) = call.arguments[7], case .path(let variable) = call.arguments[8] else {
            Issue.record("expected paths")
            return
        }
        #expect(context.root == .context)
        #expect(variable.root == .variable("var"))
        guard case .call(let nested) = call.arguments[9] else {
            Issue.record("expected a nested call")
            return
        }
        #expect(nested.function == .uuid)
    }

    @Test("string escapes \\' \\{ \\} \\\\ resolve; the raw text is kept")
    func escapes() throws {
        let call = try IntrinsicCall(parsing: #"States.Format('it\'s \{\} \\ {}', 1)"#)
        #expect(call.arguments[0] == .string(value: #"it's {} \ {}"#, raw: #"it\'s \{\} \\ {}"#))
    }

    @Test("paths with filters and commas inside brackets stay one argument")
    func complexPathArguments() throws {
        let call = try IntrinsicCall(parsing: "States.ArrayLength($.a[?(@.b == 'x,y')])")
        #expect(call.arguments.count == 1)
        let two = try IntrinsicCall(parsing: "States.JsonMerge($['a','b'], $.c, false)")
        #expect(two.arguments.count == 3)
    }

    @Test("all 18 functions are known by their exact names")
    func functionNames() {
        #expect(IntrinsicFunction.allCases.count == 18)
        for function in IntrinsicFunction.allCases {
            #expect(function.rawValue.hasPrefix("States."))
        }
    }

    @Test("nesting up to 10 deep is accepted, 11 is rejected")
    func nesting() throws {
        func nested(_ depth: Int) -> String {
            var text = "'x'"
            for _ in 0..<depth { text = "States.Array(\(text))" }
            return text
        }
        _ = try IntrinsicCall(parsing: nested(10))
        #expect(throws: IntrinsicSyntaxError.self) { try IntrinsicCall(parsing: nested(11)) }
    }

    static let invalid: [String] = [
        "States.Nope(1)", "States.format('x')", "States.Format()", "States.UUID(1)", "States.MathAdd(1)",
        "States.MathAdd(1, 2, 3)", "States.MathRandom(1)", "States.JsonMerge($.a, $.b)", "States.Array(",
        "States.Array('a'", "States.Array('a',)", "States.Array('a' 'b')", "States.Array() x", "States.Array(@.a)",
        "States.Array(tru)", "States.Array('dangling\\')", "States.Array($.a b)", "States.Array(1.)",
        // Recorded: scenarios ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION and _2 — AWS rejects \" in a literal.
        #"States.StringToJson('{"text":"An \"escaped double quote\" here"}')"#,
        #"States.Format('He said, \"Hello, {}!\"', 'Test \"Name\" Here')"#,
    ]

    @Test("malformed expressions are rejected when parsed", arguments: invalid)
    func invalidExpressions(_ text: String) {
        #expect(throws: IntrinsicSyntaxError.self) { try IntrinsicCall(parsing: text) }
    }

    @Test("looksLikeCall tells intrinsic values from paths")
    func looksLikeCall() {
        #expect(IntrinsicCall.looksLikeCall("States.Format('x')"))
        #expect(!IntrinsicCall.looksLikeCall("$.States.x"))
        #expect(!IntrinsicCall.looksLikeCall("States.x"))
    }
}
