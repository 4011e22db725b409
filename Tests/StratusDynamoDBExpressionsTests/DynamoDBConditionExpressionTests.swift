// ConditionExpression / FilterExpression: every operator and function, DynamoDB's typing rules and error texts.

import Testing

@testable import StratusDynamoDBExpressions

@Suite("DynamoDB condition expressions")
struct DynamoDBConditionExpressionTests {
    let item: DynamoDBItem = [
        "id": S("k1"), "n": N("5"), "s": S("hello"), "b": .binary([1, 2, 3]), "t": .bool(true), "z": .null,
        "ss": .stringSet(["red", "green"]), "ns": .numberSet([number("1"), number("2")]), "bs": .binarySet([[9]]),
        "l": .list([S("a"), N("2"), .map(["x": N("1")])]),
        "m": .map(["kid": .map(["deep": S("v")]), "nums": .list([N("10"), N("20")]), "cnt": N("3")]),
        "dot.name": S("dotted"), "status": S("open"),
    ]

    @Test(
        "comparisons on numbers, strings and binary",
        arguments: [
            ("n = :v", N("5"), true), ("n = :v", N("5.0"), true), ("n <> :v", N("5"), false), ("n < :v", N("6"), true),
            ("n <= :v", N("5"), true), ("n > :v", N("5"), false), ("n >= :v", N("5"), true), (":v < n", N("4"), true),
            ("s = :v", S("hello"), true), ("s < :v", S("help"), true), ("s > :v", S("Hello"), true),
            ("b < :v", .binary([1, 2, 4]), true), ("b >= :v", .binary([1, 2, 3]), true),
            ("ss = :v", .stringSet(["green", "red"]), true), ("ss <> :v", .stringSet(["red"]), true),
            ("l = :v", .list([S("a"), N("2.0"), .map(["x": N("1")])]), true), ("t = :v", .bool(true), true),
            ("z = :v", .null, true), ("m.cnt = :v", N("3"), true), ("m.nums[1] = :v", N("20"), true),
            ("l[2].x = :v", N("1"), true), ("m.kid.deep = :v", S("v"), true),
        ])
    func comparisons(expression: String, value: DynamoDBValue, expected: Bool) throws {
        #expect(try holds(expression, on: item, values: [":v": value]) == expected)
    }

    @Test("different types compare unequal and unordered; an absent attribute is unequal to everything")
    func typingRules() throws {
        #expect(try !holds("n = :v", on: item, values: [":v": S("5")]))
        #expect(try holds("n <> :v", on: item, values: [":v": S("5")]))
        #expect(try !holds("n < :v", on: item, values: [":v": S("9")]))
        #expect(try !holds("absent = :v", on: item, values: [":v": N("1")]))
        #expect(try holds("absent <> :v", on: item, values: [":v": N("1")]))
        #expect(try holds("absent <> another", on: item))
        #expect(try !holds("absent < :v", on: item, values: [":v": N("1")]))
        #expect(try !holds("absent >= another", on: item))
        #expect(try !holds("l < :v", on: item, values: [":v": N("1")]))
        #expect(try !holds("m.nope.deeper = :v", on: item, values: [":v": N("1")]))
        #expect(try !holds("l[7] = :v", on: item, values: [":v": N("1")]))
        #expect(try !holds("s[0] = :v", on: item, values: [":v": S("h")]))
    }

    @Test("BETWEEN and IN")
    func betweenAndIn() throws {
        #expect(try holds("n BETWEEN :a AND :b", on: item, values: [":a": N("1"), ":b": N("5")]))
        #expect(try !holds("n between :a and :b", on: item, values: [":a": N("6"), ":b": N("9")]))
        #expect(try holds("s BETWEEN :a AND :b", on: item, values: [":a": S("h"), ":b": S("i")]))
        #expect(try !holds("s BETWEEN :a AND :b", on: item, values: [":a": N("1"), ":b": N("9")]))
        #expect(try !holds("absent BETWEEN :a AND :b", on: item, values: [":a": N("1"), ":b": N("9")]))
        #expect(try holds("n IN (:a, :b)", on: item, values: [":a": N("4"), ":b": N("5.0")]))
        #expect(try !holds("n in (:a)", on: item, values: [":a": S("5")]))
        #expect(try holds("s IN (:a, m.kid.deep)", on: item, values: [":a": S("hello")]))
        #expect(try !holds("absent IN (:a)", on: item, values: [":a": N("1")]))
    }

    @Test("AND, OR and NOT with precedence and parentheses")
    func logic() throws {
        let values: [String: DynamoDBValue] = [":t": N("5"), ":f": N("0")]
        #expect(try holds("n = :t OR n = :f AND n = :f", on: item, values: values))
        #expect(try !holds("(n = :t OR n = :f) AND n = :f", on: item, values: values))
        #expect(try holds("NOT n = :f", on: item, values: values))
        #expect(try !holds("NOT n = :t AND n = :t", on: item, values: values))
        #expect(try holds("NOT (n = :f AND n = :t)", on: item, values: values))
        #expect(try holds("not not n = :t", on: item, values: values))
        #expect(try holds("NOT NOT NOT NOT n = :t", on: item, values: values))
        #expect(try holds("attribute_exists (n) AND size (s) = :t", on: item, values: values))
        #expect(try holds("(n) = :t", on: item, values: values))
        #expect(try holds("((n = :t) and (n <> :f))", on: item, values: values))
        #expect(try holds("n=:t AND(n<>:f)OR n=:f", on: item, values: values))
    }

    @Test("attribute_exists, attribute_not_exists and attribute_type")
    func existenceAndType() throws {
        #expect(try holds("attribute_exists(m.kid.deep)", on: item))
        #expect(try !holds("attribute_exists(m.kid.nope)", on: item))
        #expect(try holds("attribute_exists(l[2])", on: item))
        #expect(try holds("attribute_not_exists(l[3])", on: item))
        #expect(try holds("attribute_not_exists(another)", on: [:]))
        #expect(try holds("attribute_exists(#d)", on: item, names: ["#d": "dot.name"]))
        #expect(try !holds("attribute_exists(dot.#n)", on: item, names: ["#n": "name"]))
        for (attribute, type) in [("s", "S"), ("n", "N"), ("b", "B"), ("ss", "SS"), ("ns", "NS"), ("bs", "BS"),
                                  ("m", "M"), ("l", "L"), ("z", "NULL"), ("t", "BOOL")] {
            #expect(try holds("attribute_type(\(attribute), :t)", on: item, values: [":t": S(type)]))
            #expect(try !holds("attribute_type(\(attribute), :t)", on: item, values: [":t": S(type == "S" ? "N" : "S")]))
        }
        #expect(try !holds("attribute_type(absent, :t)", on: item, values: [":t": S("S")]))
        #expect(try holds("attribute_type(:v, :t)", on: item, values: [":v": N("0"), ":t": S("N")]))
        #expect(try holds("begins_with(:v, s)", on: item, values: [":v": S("hello world")]))
        #expect(try holds("contains(l, :v)", on: ["l": .list([.stringSet(["x"]), .list([N("3")])])], values: [":v": .list([N("3")])]))
        #expect(try !holds("contains(b, :v)", on: item, values: [":v": .numberSet([number("1")])]))
    }

    @Test("begins_with and contains")
    func stringFunctions() throws {
        #expect(try holds("begins_with(s, :p)", on: item, values: [":p": S("he")]))
        #expect(try holds("begins_with(s, :p)", on: item, values: [":p": S("")]))
        #expect(try !holds("begins_with(s, :p)", on: item, values: [":p": S("lo")]))
        #expect(try holds("begins_with(b, :p)", on: item, values: [":p": .binary([1, 2])]))
        #expect(try !holds("begins_with(n, :p)", on: item, values: [":p": S("5")]))
        #expect(try holds("contains(s, :p)", on: item, values: [":p": S("ell")]))
        #expect(try !holds("contains(s, :p)", on: item, values: [":p": S("xyz")]))
        #expect(try holds("contains(ss, :p)", on: item, values: [":p": S("red")]))
        #expect(try !holds("contains(ss, :p)", on: item, values: [":p": S("re")]))
        #expect(try holds("contains(ns, :p)", on: item, values: [":p": N("2.0")]))
        #expect(try !holds("contains(ns, :p)", on: item, values: [":p": S("2")]))
        #expect(try holds("contains(bs, :p)", on: item, values: [":p": .binary([9])]))
        #expect(try holds("contains(l, :p)", on: item, values: [":p": N("2")]))
        #expect(try holds("contains(l, :p)", on: item, values: [":p": .map(["x": N("1")])]))
        #expect(try !holds("contains(m, :p)", on: item, values: [":p": S("kid")]))
        #expect(try holds("contains(b, :p)", on: item, values: [":p": .binary([2, 3])]))
        #expect(try holds("contains(:p, s)", on: item, values: [":p": S("say hello!")]))
    }

    @Test("size of every type")
    func size() throws {
        let cases: [(String, String)] = [
            ("s", "5"), ("b", "3"), ("ss", "2"), ("ns", "2"), ("bs", "1"), ("l", "3"), ("m", "3"), ("m.nums", "2"),
        ]
        for (path, size) in cases {
            #expect(try holds("size(\(path)) = :v", on: item, values: [":v": N(size)]), "size(\(path))")
        }
        #expect(try holds("size(#u) = :v", on: ["u": S("héllo")], names: ["#u": "u"], values: [":v": N("5")]))
        #expect(try !holds("size(n) = :v", on: item, values: [":v": N("1")]))
        #expect(try !holds("size(t) >= :v", on: item, values: [":v": N("0")]))
        #expect(try !holds("size(absent) >= :v", on: item, values: [":v": N("0")]))
        #expect(try holds("size(l) > size(ss)", on: item))
        #expect(try holds(":v < size(s)", on: item, values: [":v": N("4")]))
        #expect(try holds("size(s) BETWEEN :a AND :b", on: item, values: [":a": N("1"), ":b": N("5")]))
    }

    @Test("names and values used are reported; names resolve anywhere in a path")
    func placeholders() throws {
        let parsed = try DynamoDBConditionExpression.parse(
            "#a.#b[1] = :v AND attribute_exists(#c)", names: ["#a": "m", "#b": "nums", "#c": "status", "#x": "x"],
            values: [":v": N("20"), ":w": N("1")])
        #expect(parsed.usedNames == ["#a", "#b", "#c"])
        #expect(parsed.usedValues == [":v"])
        #expect(try parsed.evaluate(on: item))
        #expect(parsed.topLevelAttributes == ["m", "status"])
    }

    @Test(
        "syntax errors name the token and the text around it",
        arguments: [
            ("a x b", "Invalid ConditionExpression: Syntax error; token: \"x\", near: \"a x b\""),
            ("a", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"a\""),
            ("foo", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"foo\""),
            ("a = ", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\""),
            ("a != :v", "Invalid ConditionExpression: Syntax error; token: \"!\", near: \"a !=\""),
            ("_a = :v", "Invalid ConditionExpression: Syntax error; token: \"_\", near: \"_a\""),
            ("a = :v AND", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\""),
            ("a IN ()", "Invalid ConditionExpression: Syntax error; token: \")\", near: \"()\""),
            ("a[x] = :v", "Invalid ConditionExpression: Syntax error; token: \"x\", near: \"[x]\""),
            ("a BETWEEN :v", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \":v\""),
            ("(a = :v", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \":v\""),
            ("and = :v", "Invalid ConditionExpression: Syntax error; token: \"and\", near: \"and =\""),
            ("a = :v)", "Invalid ConditionExpression: Syntax error; token: \")\", near: \":v)\""),
        ])
    func syntaxErrors(expression: String, message: String) {
        #expect(throws: validation(message)) {
            try DynamoDBConditionExpression.parse(expression, names: nil, values: [":v": N("1")])
        }
    }

    @Test("the parameter name in messages follows the kind")
    func filterKind() {
        #expect(throws: validation("Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"foo\"")) {
            try DynamoDBConditionExpression.parse("foo", names: nil, values: nil, kind: .filter)
        }
        #expect(throws: validation("Invalid FilterExpression: The expression can not be empty;")) {
            try DynamoDBConditionExpression.parse("  ", names: nil, values: nil, kind: .filter)
        }
    }

    @Test(
        "DynamoDB's semantic errors",
        arguments: [
            ("status = :v", "Attribute name is a reserved keyword; reserved keyword: status"),
            ("a.Name = :v", "Attribute name is a reserved keyword; reserved keyword: Name"),
            ("a = :nope", "An expression attribute value used in expression is not defined; attribute value: :nope"),
            ("#nope = :v", "An expression attribute name used in the document path is not defined; attribute name: #nope"),
            ("foo(a)", "Invalid function name; function: foo"),
            ("Size(a) = :v", "Invalid function name; function: Size"),
            ("if_not_exists(a, a) = :v", "The function is not allowed in a condition expression; function: if_not_exists"),
            ("list_append(a, :l) = :v", "The function is not allowed in a condition expression; function: list_append"),
            ("size(a, a) = :v", "Incorrect number of operands for operator or function; operator or function: size, number of operands: 2"),
            ("size(a)", "The function is not allowed to be used this way in an expression; function: size"),
            ("begins_with(a, :v) = :v", "The function is not allowed to be used this way in an expression; function: begins_with"),
            ("attribute_exists(a, b)", "Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2"),
            ("begins_with(a)", "Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1"),
            ("attribute_exists(:v)", "Operator or function requires a document path; operator or function: attribute_exists"),
            ("begins_with(a, :v)", "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"),
            ("begins_with(a, size(b))", "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"),
            ("attribute_type(a, :v)", "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N"),
            ("attribute_type(a, :s)", "Invalid attribute type name found; type: X, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}"),
            ("size(:v) > :v", "Incorrect operand type for operator or function; operator or function: size, operand type: N"),
            ("a = a", "The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]"),
            ("contains(a.b, a.b)", "The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a, b]"),
            ("a BETWEEN :v AND :s", "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:X}"),
            ("a BETWEEN :w AND :v", "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}"),
            ("a < :l", "Incorrect operand type for operator or function; operator or function: <, operand type: L"),
            ("((a = :v))", "The expression has redundant parentheses;"),
            ("((a)) = :v", "The expression has redundant parentheses;"),
            ("((attribute_not_exists(a)))", "The expression has redundant parentheses;"),
        ])
    func semanticErrors(expression: String, message: String) {
        #expect(throws: validation("Invalid ConditionExpression: " + message)) {
            try DynamoDBConditionExpression.parse(
                expression, names: nil, values: [":v": N("1"), ":w": N("2"), ":s": S("X"), ":l": .list([])])
        }
    }

    @Test("expressions are limited to 4 KB")
    func sizeLimit() throws {
        let name = "a" + String(repeating: "b", count: 4090)
        #expect(try holds("\(name) = :v", on: [name: N("1")], values: [":v": N("1")]))
        #expect(throws: validation("Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097")) {
            try DynamoDBConditionExpression.parse("\(name)b = :v", names: nil, values: [":v": N("1")])
        }
    }

    @Test("deeply nested parentheses parse without backtracking")
    func deepParentheses() throws {
        let depth = 1000
        let operand = String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth) + " = :v"
        #expect(throws: validation("Invalid ConditionExpression: The expression has redundant parentheses;")) {
            try DynamoDBConditionExpression.parse(operand, names: nil, values: [":v": N("1")])
        }
        let condition = String(repeating: "(", count: depth) + "a = :v" + String(repeating: ")", count: depth)
        #expect(throws: validation("Invalid ConditionExpression: The expression has redundant parentheses;")) {
            try DynamoDBConditionExpression.parse(condition, names: nil, values: [":v": N("1")])
        }
        let unbalanced = String(repeating: "(", count: depth) + "a = :v"
        #expect(throws: validation("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \":v\"")) {
            try DynamoDBConditionExpression.parse(unbalanced, names: nil, values: [":v": N("1")])
        }
        let nots = String(repeating: "NOT ", count: 1000) + "a = :v"
        #expect(throws: validation("Invalid ConditionExpression: The expression contains too many operators; operator count: 1001")) {
            try DynamoDBConditionExpression.parse(nots, names: nil, values: [":v": N("1")])
        }
        let functions = String(repeating: "size(", count: 400) + "a" + String(repeating: ")", count: 400) + " = :v"
        #expect(throws: validation("Invalid ConditionExpression: The expression contains too many operators; operator count: 401")) {
            try DynamoDBConditionExpression.parse(functions, names: nil, values: [":v": N("1")])
        }
        let legit = String(repeating: "(a = :v AND ", count: 140) + "a = :v" + String(repeating: ")", count: 140)
        #expect(try holds(legit, on: ["a": N("1")], values: [":v": N("1")]))
        #expect(try holds(
            "(a) = :s AND (b.c) IN (:v) AND (size(a)) BETWEEN :v AND :v", on: ["a": S("x"), "b": .map(["c": N("1")])],
            values: [":v": N("1"), ":s": S("x")]))
    }

    @Test("at most 300 operators and functions per expression")
    func operatorLimit() throws {
        let values: [String: DynamoDBValue] = [":v": N("1")]
        let allowed = Array(repeating: "a = :v", count: 150).joined(separator: " OR ")
        #expect(try holds(allowed, on: ["a": N("1")], values: values))
        let tooMany = Array(repeating: "a = :v", count: 151).joined(separator: " OR ")
        #expect(throws: validation("Invalid ConditionExpression: The expression contains too many operators; operator count: 301")) {
            try DynamoDBConditionExpression.parse(tooMany, names: nil, values: values)
        }
        let functions = Array(repeating: "attribute_exists(a)", count: 151).joined(separator: " AND ")
        #expect(throws: validation("Invalid ConditionExpression: The expression contains too many operators; operator count: 301")) {
            try DynamoDBConditionExpression.parse(functions, names: nil, values: nil)
        }
    }

    @Test("IN takes up to 100 operands")
    func inLimit() throws {
        var values: [String: DynamoDBValue] = [:]
        for index in 0..<101 { values[":v\(index)"] = N("\(index)") }
        let hundred = (0..<100).map { ":v\($0)" }.joined(separator: ", ")
        #expect(try holds("a IN (\(hundred))", on: ["a": N("99")], values: values))
        #expect(throws: validation("Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101")) {
            try DynamoDBConditionExpression.parse("a IN (\(hundred), :v100)", names: nil, values: values)
        }
    }

    @Test("error priority: unknown functions before reserved words, reserved words before undefined values")
    func errorPriority() {
        #expect(throws: validation("Invalid ConditionExpression: Invalid function name; function: foo")) {
            try DynamoDBConditionExpression.parse("status = :nope AND foo(a)", names: nil, values: nil)
        }
        #expect(throws: validation("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status")) {
            try DynamoDBConditionExpression.parse("a = :nope AND status = :v", names: nil, values: [":v": N("1")])
        }
        #expect(throws: validation("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"")) {
            try DynamoDBConditionExpression.parse("status = :nope AND", names: nil, values: nil)
        }
    }
}
