import OrderedCollections
import StratusJSON
@testable import StratusJSONata
import Testing

private func evaluate(_ text: String, _ input: JSONValue? = nil, bindings: [String: JSONValue] = [:],
                      options: JSONataOptions = .init()) throws -> JSONValue? {
    try JSONataExpression(text).evaluate(input: input, bindings: bindings, options: options)
}

private func errorCode(_ text: String, _ input: JSONValue? = nil, options: JSONataOptions = .init()) -> String? {
    do {
        _ = try JSONataExpression(text).evaluate(input: input, options: options)
        return nil
    } catch {
        return error.code
    }
}

@Test func undefinedIsDistinctFromNull() throws {
    let input = try JSONValue.parse(#"{"a": null}"#)
    #expect(try evaluate("a", input) == .null)
    #expect(try evaluate("b", input) == nil)
    #expect(try evaluate("{'x': b}", input) == .object([:]))
}

@Test func numbersCrossTheBoundaryAsJSONNumbers() throws {
    #expect(try evaluate("1 + 2")?.serializedString() == "3")
    #expect(try evaluate("0.1 + 0.2")?.serializedString() == "0.30000000000000004")
    #expect(try evaluate("$string(1e21)") == .string("1e+21"))
    #expect(try evaluate("$string(100000000000000000000)") == .string("100000000000000000000"))
    #expect(try evaluate("$string(1/3)") == .string("0.333333333333333"))
    #expect(errorCode("1/0") == "D1001")
}

@Test func bindingsAndPaths() throws {
    let input = try JSONValue.parse(#"{"orders": [{"price": 10, "qty": 2}, {"price": 5, "qty": 1}]}"#)
    #expect(try evaluate("$sum(orders.(price * qty)) * $rate", input, bindings: ["rate": 2]) == .number(50))
    #expect(try evaluate("orders[price > 6].qty", input) == .number(2))
    #expect(try evaluate("orders[].qty", try JSONValue.parse(#"{"orders": {"qty": 3}}"#)) == .array([3]))
}

@Test func parseErrorsCarryCodesAndTokens() {
    #expect(throws: JSONataError.self) { try JSONataExpression("(1 + ") }
    do {
        _ = try JSONataExpression("[1, 2")
        Issue.record("expected a syntax error")
    } catch {
        #expect(error.code == "S0203")
    }
    #expect(errorCode("$sum('a')") == "T0412")
    #expect(errorCode("$substring(\"a\", \"b\")") == "T0410")
}

@Test func deepRecursionIsStoppedBeforeTheStack() {
    // Non-tail recursion nests evaluation; the depth guard raises U1001 instead of overflowing the stack.
    let text = "( $f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000) )"
    #expect(errorCode(text) == "U1001")
}

@Test func tailRecursionRunsInConstantStack() throws {
    let text = "( $loop := function($n, $acc){ $n = 0 ? $acc : $loop($n - 1, $acc + 1) }; $loop(20000, 0) )"
    #expect(try evaluate(text) == .number(20000))
}

@Test func timeBudgetRaisesU1001() {
    final class Ticks: @unchecked Sendable { var value = 0.0 }
    let ticks = Ticks()
    var options = JSONataOptions()
    options.timeLimitMilliseconds = 100
    options.monotonicClock = {
        ticks.value += 1  // every evaluation step "takes" 1 ms
        return ticks.value
    }
    #expect(errorCode("[1..1000].($ * 2)", options: options) == "U1001")
}

@Test func injectedClockFixesNowPerEvaluation() throws {
    var options = JSONataOptions()
    options.currentTime = { 1_700_000_000_000 }
    #expect(try evaluate("$millis()", options: options) == .number(1_700_000_000_000))
    #expect(try evaluate("$now()", options: options) == .string("2023-11-14T22:13:20.000Z"))
    #expect(errorCode("$now()") == "D3150")
}

@Test func compiledExpressionsAreSharedAcrossTasks() async throws {
    let expression = try JSONataExpression("$sum($.values) + $offset")
    try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<16 {
            group.addTask {
                let input: JSONValue = ["values": .array((0..<100).map { JSONValue.number(JSONNumber($0)) })]
                let result = try expression.evaluate(input: input, bindings: ["offset": .number(JSONNumber(index))])
                #expect(result == .number(JSONNumber(4950 + index)))
            }
        }
        try await group.waitForAll()
    }
}

@Test func resultNumbersPrintAsJavaScriptWould() throws {
    #expect(try evaluate("100000000000000000000")?.serializedString() == "100000000000000000000")
    #expect(try evaluate("1e21")?.serializedString() == "1e+21")
    #expect(try evaluate("0.000001")?.serializedString() == "0.000001")
    #expect(try evaluate("1.5e-7")?.serializedString() == "1.5e-7")
    #expect(try evaluate("$", try JSONValue.parse(#"{"a": 1.0, "b": [2.50]}"#))?.serializedString() == #"{"a":1,"b":[2.5]}"#)
}

@Test(arguments: [
    "( $f := function($n){ $n = 0 ? 0 : $f($n - 1) }; $g := { 'h': function(){ $g } }; $f(50) )",
    "( $f := function($n){ $n = 0 ? $error('stop') : $f($n - 1) }; $f(5) )",
    "$f := function(){ $f }",
])
func evaluationsReleaseTheirScopes(_ text: String) throws {
    // A named recursive closure lives in the frame that holds it (a reference cycle under ARC); evaluations break
    // such cycles when they end, also when they fail. Block frames keep the root alive, so a freed root means
    // every scope of the evaluation was freed.
    weak var weakRoot: Frame?
    do {
        let ast = try Parser.parse(text, newOperators: true)
        let evaluator = Evaluator(options: JSONataOptions())
        let root = Frame(parent: nil)
        weakRoot = root
        _ = try? evaluator.evaluate(ast, nil, root)
        evaluator.releaseFrames()
    }
    #expect(weakRoot == nil)
}
