// ProjectionExpression and KeyConditionExpression: parsing, projecting, key schema checks and DynamoDB's errors.

import Testing

@testable import StratusDynamoDBExpressions

@Suite("DynamoDB projection and key condition expressions")
struct DynamoDBProjectionAndKeyConditionTests {
    let item: DynamoDBItem = [
        "id": S("k"), "a": .map(["b": N("1"), "c": .map(["d": S("x"), "e": S("y")]), "f": .list([N("1"), N("2"), N("3")])]),
        "l": .list([.map(["x": N("1"), "y": N("2")]), S("s"), .map(["x": N("3")])]), "n": N("7"),
    ]

    func project(_ expression: String, names: [String: String]? = nil) throws -> DynamoDBItem {
        try DynamoDBProjectionExpression.parse(expression, names: names).project(item)
    }

    @Test("top-level and nested paths, list elements in index order")
    func projection() throws {
        #expect(try project("id, n") == ["id": S("k"), "n": N("7")])
        #expect(try project("a.c.d") == ["a": .map(["c": .map(["d": S("x")])])])
        #expect(try project("a.b, a.c.e") == ["a": .map(["b": N("1"), "c": .map(["e": S("y")])])])
        #expect(try project("a.f[2], a.f[0]") == ["a": .map(["f": .list([N("1"), N("3")])])])
        #expect(try project("l[2].x, l[0].y") == ["l": .list([.map(["y": N("2")]), .map(["x": N("3")])])])
        #expect(try project("l[1].x, absent, a.zz, a.f[9]") == [:])
        #expect(try project("#s, #t.b", names: ["#s": "n", "#t": "a"]) == ["n": N("7"), "a": .map(["b": N("1")])])
        let parsed = try DynamoDBProjectionExpression.parse("#s, a.b", names: ["#s": "n", "#u": "u"])
        #expect(parsed.usedNames == ["#s"])
        #expect(parsed.topLevelAttributes == ["n", "a"])
        #expect(parsed.paths.map(\.description) == ["[n]", "[a, b]"])
    }

    @Test(
        "projection errors",
        arguments: [
            ("", "The expression can not be empty;"),
            ("a,,b", "Syntax error; token: \",\", near: \",,b\""),
            ("a..b", "Syntax error; token: \".\", near: \"..b\""),
            ("abort,", "Syntax error; token: \"<EOF>\", near: \",\""),
            ("a.abORt", "Attribute name is a reserved keyword; reserved keyword: abORt"),
            ("a, b, a, #a", "An expression attribute name used in the document path is not defined; attribute name: #a"),
            ("b[1], b.a, #b.b, a", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]"),
            ("a, #b[1]", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, [1]]"),
            ("a.b, #b[1], #c", "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]"),
            ("a[3].b, #b.#c.b", "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [3], b], path two: [a, [3], b]"),
            ("whatever(stuff)", "Syntax error; token: \"(\", near: \"whatever(stuff\""),
            (":a", "Syntax error; token: \":a\", near: \":a\""),
            ("a[b]", "Syntax error; token: \"b\", near: \"[b]\""),
            ("a-b", "Syntax error; token: \"-\", near: \"a-b\""),
        ])
    func projectionErrors(expression: String, message: String) {
        #expect(throws: validation("Invalid ProjectionExpression: " + message)) {
            try DynamoDBProjectionExpression.parse(expression, names: ["#b": "a", "#c": "[3]"])
        }
    }

    @Test("path depth and list index limits")
    func pathLimits() throws {
        let deepest = "a" + String(repeating: ".b", count: 31)
        #expect(try DynamoDBProjectionExpression.parse(deepest, names: nil).paths[0].elements.count == 32)
        #expect(throws: validation("Invalid ProjectionExpression: The document path has too many nesting levels; nesting levels: 33")) {
            try DynamoDBProjectionExpression.parse(deepest + ".b", names: nil)
        }
        #expect(try DynamoDBProjectionExpression.parse("a[2147483647]", names: nil).paths[0].elements.last == .index(2_147_483_647))
        for index in ["2147483648", "99999999999", "00000000001"] {
            #expect(throws: validation("Invalid ProjectionExpression: List index is not within the allowable range; index: [\(index)]")) {
                try DynamoDBProjectionExpression.parse("a[\(index)]", names: nil)
            }
        }
    }

    func keyCondition(
        _ expression: String, values: [String: DynamoDBValue] = [":p": S("p"), ":a": N("1"), ":b": N("5"), ":t": S("S")],
        names: [String: String]? = nil, rangeKey: String? = "sk"
    ) throws -> DynamoDBKeyConditionExpression {
        try DynamoDBKeyConditionExpression.parse(expression, names: names, values: values, hashKey: "pk", rangeKey: rangeKey)
    }

    @Test("partition key alone, and every sort key condition")
    func keyConditions() throws {
        let hashOnly = try keyCondition("pk = :p", values: [":p": S("p")])
        #expect(hashOnly.hashKeyName == "pk")
        #expect(hashOnly.hashKeyValue == S("p"))
        #expect(hashOnly.sortKeyCondition == nil)
        let cases: [(String, DynamoDBSortKeyCondition.Kind)] = [
            ("pk = :p AND sk = :a", .compare(.equal, N("1"))),
            ("pk = :p AND sk < :a", .compare(.less, N("1"))),
            ("pk = :p AND sk <= :a", .compare(.lessOrEqual, N("1"))),
            ("pk = :p AND sk > :a", .compare(.greater, N("1"))),
            ("pk = :p AND sk >= :a", .compare(.greaterOrEqual, N("1"))),
            ("pk = :p AND :a < sk", .compare(.greater, N("1"))),
            ("sk <= :a AND :p = pk", .compare(.lessOrEqual, N("1"))),
            ("pk = :p AnD sk BeTwEeN :a aNd :b", .between(N("1"), N("5"))),
            ("((sk = :a) AND (pk = :p))", .compare(.equal, N("1"))),
        ]
        for (expression, kind) in cases {
            let parsed = try keyCondition(expression)
            #expect(parsed.sortKeyCondition == DynamoDBSortKeyCondition(name: "sk", kind: kind), "\(expression)")
            #expect(parsed.hashKeyValue == S("p"))
        }
        let prefix = try keyCondition("#h = :p AND begins_with(#r, :s)", values: [":p": S("p"), ":s": S("ab")], names: ["#h": "pk", "#r": "sk"])
        #expect(prefix.sortKeyCondition == DynamoDBSortKeyCondition(name: "sk", kind: .beginsWith(S("ab"))))
        #expect(prefix.usedNames == ["#h", "#r"])
        #expect(prefix.usedValues == [":p", ":s"])
    }

    @Test("sort key conditions match values of their type")
    func sortKeyMatching() {
        let between = DynamoDBSortKeyCondition(name: "sk", kind: .between(N("1"), N("5")))
        #expect(between.matches(N("1")) && between.matches(N("5")) && between.matches(N("2.5")))
        #expect(!between.matches(N("5.01")) && !between.matches(S("3")))
        let prefix = DynamoDBSortKeyCondition(name: "sk", kind: .beginsWith(S("ab")))
        #expect(prefix.matches(S("abc")) && !prefix.matches(S("ba")) && !prefix.matches(.binary([0x61, 0x62])))
        let binary = DynamoDBSortKeyCondition(name: "sk", kind: .beginsWith(.binary([1])))
        #expect(binary.matches(.binary([1, 2])) && !binary.matches(.binary([2])))
        let less = DynamoDBSortKeyCondition(name: "sk", kind: .compare(.less, S("m")))
        #expect(less.matches(S("a")) && !less.matches(S("z")) && !less.matches(N("1")))
        #expect(between.operands == [N("1"), N("5")])
    }

    @Test(
        "DynamoDB's key condition errors",
        arguments: [
            ("sk = :a", "Query condition missed key schema element: pk"),
            ("pk < :p", "Query key condition not supported"),
            ("begins_with(pk, :p)", "Query key condition not supported"),
            ("pk = :p AND misc = :a", "Query condition missed key schema element: sk"),
            ("pk = :p AND sk = :a AND misc = :b", "Conditions can be of length 1 or 2 only"),
            ("pk = :p AND pk = :p", "KeyConditionExpressions must only contain one condition per key"),
            ("pk = :p AND sk >= :a AND sk <= :b", "KeyConditionExpressions must only contain one condition per key"),
            ("pk = :p OR sk = :a", "Invalid operator used in KeyConditionExpression: OR"),
            ("NOT pk = :p", "Invalid operator used in KeyConditionExpression: NOT"),
            ("pk = :p AND sk IN (:a)", "Invalid operator used in KeyConditionExpression: IN"),
            ("pk = :p AND sk <> :a", "Invalid operator used in KeyConditionExpression: <>"),
            ("pk = :p AND attribute_exists(sk)", "Invalid operator used in KeyConditionExpression: attribute_exists"),
            ("pk = :p AND attribute_not_exists(sk)", "Invalid operator used in KeyConditionExpression: attribute_not_exists"),
            ("pk = :p AND contains(sk, :a)", "Invalid operator used in KeyConditionExpression: contains"),
            ("pk = :p AND attribute_type(sk, :t)", "Invalid operator used in KeyConditionExpression: attribute_type"),
            ("pk = :p AND :a BETWEEN sk AND :b", "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand"),
            ("pk = :p AND begins_with(:p, sk)", "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand"),
            ("pk = :p AND sk > size(pk)", "KeyConditionExpressions cannot contain nested operations"),
            ("pk = :p AND sk = pk", "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"),
            ("pk = :p AND sk.x = :a", "KeyConditionExpressions cannot have conditions on nested attributes"),
            ("pk = :p AND sk[0] = :a", "KeyConditionExpressions cannot have conditions on nested attributes"),
            ("pk = :p AND :a = :b", "Invalid condition in KeyConditionExpression: No key attribute specified"),
        ])
    func keyConditionErrors(expression: String, message: String) {
        #expect(throws: validation(message)) { try keyCondition(expression) }
    }

    @Test("key condition parse errors carry the parameter name")
    func keyConditionParseErrors() {
        #expect(throws: validation("Invalid KeyConditionExpression: The expression can not be empty;")) { try keyCondition("") }
        #expect(throws: validation("Invalid KeyConditionExpression: Syntax error; token: \"!\", near: \"sk!=\"")) {
            try keyCondition("pk = :p AND sk!=:a")
        }
        #expect(throws: validation("Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: status")) {
            try keyCondition("pk = :p AND status = :a")
        }
        #expect(throws: validation("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N")) {
            try keyCondition("pk = :p AND begins_with(sk, :a)")
        }
        #expect(throws: validation("Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}")) {
            try keyCondition("pk = :p AND sk BETWEEN :b AND :a")
        }
        #expect(throws: validation("Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :q")) {
            try keyCondition("pk = :q")
        }
        #expect(throws: validation("Invalid KeyConditionExpression: The expression has redundant parentheses;")) {
            try keyCondition("((sk = :a) AND ((pk = :p)))")
        }
    }

    @Test("a table without a sort key accepts only the partition key")
    func hashOnlyTable() throws {
        #expect(try keyCondition("pk = :p", values: [":p": S("p")], rangeKey: nil).sortKeyCondition == nil)
        #expect(throws: validation("Query key condition not supported")) {
            try keyCondition("pk = :p AND sk = :a", rangeKey: nil)
        }
    }
}
