// UpdateExpression: SET (arithmetic, if_not_exists, list_append), REMOVE, ADD, DELETE, and DynamoDB's errors.

import Testing

@testable import StratusDynamoDBExpressions

@Suite("DynamoDB update expressions")
struct DynamoDBUpdateExpressionTests {
    let key: DynamoDBItem = ["id": S("k")]

    @Test("SET values, copies and nested paths")
    func setBasics() throws {
        var item = try updated(key, "SET a = :v, b = :w", values: [":v": N("4"), ":w": S("x")])
        #expect(item == ["id": S("k"), "a": N("4"), "b": S("x")])
        item = try updated(item, "set c = a")
        #expect(item["c"] == N("4"))
        item = try updated(["id": S("k"), "m": .map(["x": N("1")])], "SET m.y = :v, m.x = :w", values: [":v": N("2"), ":w": N("3")])
        #expect(item["m"] == .map(["x": N("3"), "y": N("2")]))
        item = try updated(["l": .list([S("a"), S("b"), S("c")])], "SET l[1] = :v", values: [":v": S("B")])
        #expect(item["l"] == .list([S("a"), S("B"), S("c")]))
        item = try updated(["#weird": N("1")], "SET #n = :v", names: ["#n": "a.b"], values: [":v": N("2")])
        #expect(item["a.b"] == N("2"))
        let deep: DynamoDBItem = ["a": .map(["c": .list([S("hi"), .map(["x": .map(["y": .list([N("3"), N("5"), N("7")])])])])])]
        item = try updated(deep, "SET a.c[1].#n.y[1] = :v", names: ["#n": "x"], values: [":v": N("9")])
        #expect(item["a"] == .map(["c": .list([S("hi"), .map(["x": .map(["y": .list([N("3"), N("9"), N("7")])])])])]))
    }

    @Test("every SET value is read from the item before the update")
    func setReadsOldItem() throws {
        let item: DynamoDBItem = ["a": N("1"), "b": N("2")]
        #expect(try updated(item, "SET a = b, b = a") == ["a": N("2"), "b": N("1")])
        #expect(try updated(item, "REMOVE a SET c = a") == ["b": N("2"), "c": N("1")])
        #expect(throws: validation("The provided expression refers to an attribute that does not exist in the item")) {
            try updated(item, "SET x = :v, y = x", values: [":v": N("4")])
        }
    }

    @Test("SET arithmetic")
    func arithmetic() throws {
        let item: DynamoDBItem = ["a": N("2"), "s": S("x")]
        #expect(try updated(item, "SET a = a + :v", values: [":v": N("3")])["a"] == N("5"))
        #expect(try updated(item, "SET a = :v - a", values: [":v": N("0.5")])["a"] == N("-1.5"))
        #expect(try updated(item, "SET b = a + a")["b"] == N("4"))
        #expect(try updated(item, "SET b = (:v + :w)", values: [":v": N("1"), ":w": N("2")])["b"] == N("3"))
        #expect(try updated(item, "SET b = if_not_exists(b, :z) + :v", values: [":z": N("10"), ":v": N("1")])["b"] == N("11"))
        #expect(throws: validation("An operand in the update expression has an incorrect data type")) {
            try updated(item, "SET a = s + :v", values: [":v": N("1")])
        }
        #expect(throws: validation("The provided expression refers to an attribute that does not exist in the item")) {
            try updated(item, "SET a = nope + :v", values: [":v": N("1")])
        }
        #expect(throws: validation("Number overflow. Attempting to store a number with magnitude larger than supported range")) {
            try updated(["a": N("9e125")], "SET a = a + :v", values: [":v": N("1e125")])
        }
    }

    @Test("if_not_exists and list_append")
    func functions() throws {
        let item: DynamoDBItem = ["a": N("2"), "l": .list([S("x")])]
        #expect(try updated(item, "SET a = if_not_exists(a, :v)", values: [":v": N("9")])["a"] == N("2"))
        #expect(try updated(item, "SET b = if_not_exists(c, :v)", values: [":v": N("9")])["b"] == N("9"))
        #expect(try updated(item, "SET b = if_not_exists(c, if_not_exists(a, :v))", values: [":v": N("9")])["b"] == N("2"))
        #expect(try updated(item, "SET l = list_append(l, :v)", values: [":v": .list([S("y")])])["l"] == .list([S("x"), S("y")]))
        #expect(try updated(item, "SET l = list_append(:v, l)", values: [":v": .list([S("y")])])["l"] == .list([S("y"), S("x")]))
        #expect(
            try updated(item, "SET n = list_append(if_not_exists(n, :e), :v)", values: [":e": .list([]), ":v": .list([N("1")])])["n"]
                == .list([N("1")]))
        #expect(throws: validation("An operand in the update expression has an incorrect data type")) {
            try updated(item, "SET l = list_append(a, :v)", values: [":v": .list([])])
        }
        #expect(throws: validation("The provided expression refers to an attribute that does not exist in the item")) {
            try updated(item, "SET l = list_append(nope, :v)", values: [":v": .list([])])
        }
    }

    @Test("SET past the end of a list appends, several appends in index order")
    func listAppendByIndex() throws {
        let item: DynamoDBItem = ["a": .list([S("one"), S("two"), S("three")])]
        #expect(try updated(item, "SET a[7] = :v", values: [":v": S("hello")])["a"]
            == .list([S("one"), S("two"), S("three"), S("hello")]))
        let values: [String: DynamoDBValue] = [":v1": S("a1"), ":v2": S("a2"), ":v3": S("a3"), ":v4": S("a4")]
        #expect(try updated(item, "SET a[84] = :v1, a[37] = :v2, a[17] = :v3, a[50] = :v4", values: values)["a"]
            == .list([S("one"), S("two"), S("three"), S("a3"), S("a2"), S("a4"), S("a1")]))
    }

    @Test("REMOVE: attributes, nested keys, list elements by their original index")
    func remove() throws {
        let item: DynamoDBItem = ["a": .map(["b": N("3"), "c": .list([S("hi"), .map(["x": .map(["y": .list([N("3"), N("5"), N("7")])]), "q": N("2")])])])]
        #expect(try updated(item, "REMOVE a.c[1].x.y[1], a.c[1].q")["a"]
            == .map(["b": N("3"), "c": .list([S("hi"), .map(["x": .map(["y": .list([N("3"), N("7")])])])])]))
        let list: DynamoDBItem = ["a": .list([N("2"), N("3"), N("4"), N("5"), N("6"), N("7")])]
        #expect(try updated(list, "REMOVE a[1] SET a[3] = :v", values: [":v": N("17")])["a"]
            == .list([N("2"), N("4"), N("17"), N("6"), N("7")]))
        #expect(try updated(list, "SET a[3] = :v REMOVE a[1]", values: [":v": N("17")])["a"]
            == .list([N("2"), N("4"), N("17"), N("6"), N("7")]))
        #expect(try updated(list, "REMOVE a[0], a[2], a[5]")["a"] == .list([N("3"), N("5"), N("6")]))
        #expect(try updated(list, "REMOVE a[17]") == list)
        #expect(try updated(list, "REMOVE a[3] SET a[9] = :v", values: [":v": N("1")])["a"]
            == .list([N("2"), N("3"), N("4"), N("6"), N("7"), N("1")]))
        #expect(try updated(["a": .map(["b": N("1")])], "REMOVE a.b")["a"] == .map([:]))
        #expect(try updated(["a": .list([N("1")])], "REMOVE a[0]")["a"] == .list([]))
        #expect(try updated(["a": .map(["x": N("3")])], "REMOVE a.y, c") == ["a": .map(["x": N("3")])])
        #expect(try updated(["id": S("k")], "REMOVE x.y", itemExists: false) == ["id": S("k")])
        #expect(try updated(["id": S("k")], "REMOVE x[0]", itemExists: false) == ["id": S("k")])
    }

    @Test("paths into missing or wrong-kind parents are invalid for update")
    func invalidPaths() {
        let item: DynamoDBItem = ["a": S("hello"), "b": .list([S("hi")])]
        let invalid = validation("The document path provided in the update expression is invalid for update")
        for expression in ["SET a.c = :v", "SET b.c = :v", "SET c.c = :v", "SET a[0] = :v", "SET c[0] = :v", "SET b[0].x = :v", "ADD c.d :v"] {
            #expect(throws: invalid, "\(expression)") { try updated(item, expression, values: [":v": N("7")]) }
        }
        for expression in ["REMOVE a.c", "REMOVE b.c", "REMOVE c.c", "REMOVE a[0]", "REMOVE c[0]"] {
            #expect(throws: invalid, "\(expression)") { try updated(item, expression) }
        }
    }

    @Test("ADD numbers and sets")
    func add() throws {
        let item: DynamoDBItem = ["n": N("3"), "s": S("hi"), "ss": .stringSet(["dog", "cat"]), "l": .list([N("1")])]
        #expect(try updated(item, "ADD n :v", values: [":v": N("4")])["n"] == N("7"))
        #expect(try updated(item, "ADD created :v", values: [":v": N("-8")])["created"] == N("-8"))
        #expect(try updated(item, "ADD ss :v", values: [":v": .stringSet(["pig", "cat"])])["ss"] == .stringSet(["dog", "cat", "pig"]))
        #expect(try updated(item, "ADD fresh :v", values: [":v": .numberSet([number("1")])])["fresh"] == .numberSet([number("1")]))
        #expect(try updated(item, "ADD n :v, fresh :w", values: [":v": N("1"), ":w": .binarySet([[1]])])["fresh"] == .binarySet([[1]]))
        let incorrect = validation("An operand in the update expression has an incorrect data type")
        #expect(throws: incorrect) { try updated(item, "ADD s :v", values: [":v": N("1")]) }
        #expect(throws: incorrect) { try updated(item, "ADD ss :v", values: [":v": .numberSet([number("1")])]) }
        #expect(throws: incorrect) { try updated(item, "ADD n :v", values: [":v": .stringSet(["x"])]) }
        #expect(throws: incorrect) { try updated(item, "ADD l :v", values: [":v": .numberSet([number("1")])]) }
    }

    @Test("DELETE from sets")
    func delete() throws {
        let item: DynamoDBItem = ["ss": .stringSet(["dog", "cat", "mouse"]), "b": S("hi"), "ns": .numberSet([number("1"), number("2")])]
        #expect(try updated(item, "DELETE ss :v", values: [":v": .stringSet(["cat", "mouse"])])["ss"] == .stringSet(["dog"]))
        #expect(try updated(item, "DELETE ss :v", values: [":v": .stringSet(["pig"])]) == item)
        #expect(try updated(item, "DELETE ss :v", values: [":v": .stringSet(["dog", "cat", "mouse"])])["ss"] == nil)
        #expect(try updated(item, "DELETE nope :v", values: [":v": .stringSet(["dog"])]) == item)
        #expect(try updated(item, "DELETE ns :v", values: [":v": .numberSet([number("2.0")])])["ns"] == .numberSet([number("1")]))
        #expect(throws: validation("An operand in the update expression has an incorrect data type")) {
            try updated(item, "DELETE b :v", values: [":v": .stringSet(["h"])])
        }
        #expect(throws: validation("An operand in the update expression has an incorrect data type")) {
            try updated(item, "DELETE ns :v", values: [":v": .stringSet(["1"])])
        }
    }

    @Test("sections in any order and case; changed attributes and updated paths are reported")
    func result() throws {
        let parsed = try DynamoDBUpdateExpression.parse(
            "remove r add n :one Set s = :s, m.x = :s delete ds :d", names: nil,
            values: [":one": N("1"), ":s": S("v"), ":d": .stringSet(["q"])])
        let item: DynamoDBItem = ["r": N("1"), "n": N("1"), "m": .map(["x": S("v")]), "ds": .stringSet(["q", "w"])]
        let result = try parsed.apply(to: item)
        #expect(result.item == ["n": N("2"), "s": S("v"), "m": .map(["x": S("v")]), "ds": .stringSet(["w"])])
        #expect(result.changedAttributes == ["r", "n", "s", "ds"])
        #expect(result.updatedPaths.map(\.description) == ["[r]", "[n]", "[s]", "[m, x]", "[ds]"])
        #expect(parsed.writtenTopLevelAttributes == ["r", "n", "s", "m", "ds"])
        #expect(parsed.usedValues == [":one", ":s", ":d"])
        #expect(DynamoDBProjectionExpression.project(result.item, paths: result.updatedPaths)
            == ["n": N("2"), "s": S("v"), "m": .map(["x": S("v")]), "ds": .stringSet(["w"])])
    }

    @Test(
        "DynamoDB's parse errors",
        arguments: [
            ("", "The expression can not be empty;"),
            ("SET a = :v SET b = :v", "The \"SET\" section can only be used once in an update expression;"),
            ("SET a = :v REMOVE b SET c = :v", "The \"SET\" section can only be used once in an update expression;"),
            ("REMOVE a remove b", "The \"REMOVE\" section can only be used once in an update expression;"),
            ("SET a = :v REMOVE a", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"),
            ("SET a = :v, a.b = :v", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"),
            ("SET a[1][1] = :v, a[1] = :v", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, [1], [1]], path two: [a, [1]]"),
            ("SET #a = :v, #b = :v", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"),
            ("SET a.b = :v, a[1] = :v", "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]"),
            ("SET a = :nope", "An expression attribute value used in expression is not defined; attribute value: :nope"),
            ("SET #nope = :v", "An expression attribute name used in the document path is not defined; attribute name: #nope"),
            ("SET status = :v", "Attribute name is a reserved keyword; reserved keyword: status"),
            ("SET a = f(b, c, d)", "Invalid function name; function: f"),
            ("SET a = LIST_APPEND(:l, :l)", "Invalid function name; function: LIST_APPEND"),
            ("SET a = size(b)", "The function is not allowed in an update expression; function: size"),
            ("SET a = list_append(:l)", "Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1"),
            ("SET a = list_append(:l, :v)", "Incorrect operand type for operator or function; operator or function: list_append, operand type: N"),
            ("SET a = :s + :v", "Incorrect operand type for operator or function; operator or function: +, operand type: S"),
            ("SET a = :l - :v", "Incorrect operand type for operator or function; operator or function: -, operand type: L"),
            ("SET a = if_not_exists(:v, :v)", "Operator or function requires a document path; operator or function: if_not_exists"),
            ("SET a = list_append(list_append(:l, :l), :l)", "The function is not allowed to be used this way in an expression; function: list_append"),
            ("ADD a :s", "Incorrect operand type for operator or function; operator: ADD, operand type: STRING"),
            ("ADD a :l", "Incorrect operand type for operator or function; operator: ADD, operand type: LIST"),
            ("DELETE a :v", "Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER"),
            ("DELETE a :m", "Incorrect operand type for operator or function; operator: DELETE, operand type: MAP"),
        ])
    func parseErrors(expression: String, message: String) {
        #expect(throws: validation("Invalid UpdateExpression: " + message)) {
            try DynamoDBUpdateExpression.parse(
                expression, names: ["#a": "a", "#b": "a"],
                values: [":v": N("1"), ":s": S("x"), ":l": .list([]), ":m": .map([:])])
        }
    }

    @Test(
        "syntax errors",
        arguments: [
            ("SET _123 = :v", "Syntax error; token: \"_\", near: \"SET _123\""),
            ("HELLO b = :v", "Syntax error; token: \"HELLO\", near: \"HELLO b\""),
            ("SET a = :v + :v + :v", "Syntax error; token: \"+\", near: \":v + :v\""),
            ("SET a[:v] = :v", "Syntax error; token: \":v\", near: \"[:v]\""),
            ("SET :v = :v", "Syntax error; token: \":v\", near: \"SET :v =\""),
            ("SET a = if_not_exists(a, :v + :v)", "Syntax error; token: \"+\", near: \":v + :v\""),
            ("SET a = :v,", "Syntax error; token: \"<EOF>\", near: \",\""),
            ("SET a = :v, REMOVE b", "Syntax error; token: \"REMOVE\", near: \", REMOVE b\""),
            ("ADD a", "Syntax error; token: \"<EOF>\", near: \"a\""),
            ("SET 123 = :v", "Syntax error; token: \"123\", near: \"SET 123 =\""),
            ("SET a = :", "Syntax error; token: \":\", near: \"= :\""),
            ("ADD hits : incr", "Syntax error; token: \":\", near: \"hits : incr\""),
            ("INVALID SYNTAX HERE", "Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\""),
        ])
    func syntaxErrors(expression: String, message: String) {
        #expect(throws: validation("Invalid UpdateExpression: " + message)) {
            try DynamoDBUpdateExpression.parse(expression, names: nil, values: [":v": N("1")])
        }
    }

    @Test(
        "more forms DynamoDB rejects as syntax errors",
        arguments: [
            "whatever", "set a", "add a", "delete a", "set a=set", "remove a = b", "add a = b", "delete a = b",
            "delete a b", "delete a if_not_exist(b)", "add abort b", "add a if_not_exist(b)", "remove a b", "set a b",
            "set :a = b", "add :a b", "delete :a b", "remove :a", "set a = b / c", "set a = b * c",
            "set a[1] = \"eight\"", "set a[1] = 1", "SET a = b REMOVE , c", "SET , a = b", "REMOVE a,, b", "SET a = if_not_exist(a, 100)", "SET if_not_exist(a, b) = a",
            "set (a = (b + c))", "set a = (b.c).d + e", "set a = (b.c)[0] + e", "set a = b + c + d",
        ])
    func moreSyntaxErrors(expression: String) {
        #expect {
            try DynamoDBUpdateExpression.parse(expression, names: nil, values: [":a": S("a")])
        } throws: { error in
            (error as? DynamoDBValidationError)?.message.hasPrefix("Invalid UpdateExpression: Syntax error; ") == true
        }
    }

    @Test("deep nesting in updates is bounded")
    func deepNesting() throws {
        let deep = "SET a = " + String(repeating: "(", count: 1000) + "b" + String(repeating: ")", count: 1000)
        #expect {
            try DynamoDBUpdateExpression.parse(deep, names: nil, values: nil)
        } throws: { error in
            (error as? DynamoDBValidationError)?.message.hasPrefix("Invalid UpdateExpression: Syntax error; ") == true
        }
        let sums = "SET " + (0..<301).map { "x\($0)=b+c" }.joined(separator: ",")
        #expect(throws: validation("Invalid UpdateExpression: The expression contains too many operators; operator count: 301")) {
            try DynamoDBUpdateExpression.parse(sums, names: nil, values: nil)
        }
        let allowed = "SET a = " + String(repeating: "if_not_exists(b, ", count: 150) + ":v" + String(repeating: ")", count: 150)
        #expect(try updated([:], allowed, values: [":v": N("1")]) == ["a": N("1")])
    }

    @Test("UPDATED_OLD / UPDATED_NEW: projecting the old and new item onto the written paths, as DynamoDB does")
    func updatedValues() throws {
        func returned(
            _ item: DynamoDBItem, _ expression: String, _ values: [String: DynamoDBValue]? = nil
        ) throws -> (old: DynamoDBItem, new: DynamoDBItem, item: DynamoDBItem) {
            let result = try DynamoDBUpdateExpression.parse(expression, names: nil, values: values).apply(to: item)
            return (
                DynamoDBProjectionExpression.project(item, paths: result.updatedPaths),
                DynamoDBProjectionExpression.project(result.item, paths: result.updatedPaths), result.item
            )
        }
        var item: DynamoDBItem = ["p": S("k"), "a": .map(["b": S("dog"), "c": .list([N("1"), N("2"), N("3")])]), "d": S("cat")]
        var step = try returned(item, "SET a.b = :v", [":v": S("hi")])
        #expect(step.old == ["a": .map(["b": S("dog")])])
        #expect(step.new == ["a": .map(["b": S("hi")])])
        item = step.item
        step = try returned(item, "SET a.c[1] = :v, a.b = :w", [":v": N("7"), ":w": S("yo")])
        #expect(step.old == ["a": .map(["b": S("hi"), "c": .list([N("2")])])])
        #expect(step.new == ["a": .map(["b": S("yo"), "c": .list([N("7")])])])
        item = step.item
        step = try returned(item, "REMOVE a.c[1], a.c[3]")
        #expect(step.old == ["a": .map(["c": .list([N("7")])])])
        item = step.item
        step = try returned(item, "SET a.x1 = :v", [":v": N("8")])
        #expect(step.old.isEmpty)
        #expect(step.new == ["a": .map(["x1": N("8")])])
        item = step.item
        // An append past the end is not found at the written index, so UPDATED_NEW has nothing.
        step = try returned(item, "SET a.c[100] = :v", [":v": N("70")])
        #expect(step.new.isEmpty)
        #expect(step.item["a"] == .map(["b": S("yo"), "c": .list([N("1"), N("3"), N("70")]), "x1": N("8")]))
        item = step.item
        // After a REMOVE the next element has moved into the index, and DynamoDB returns it.
        step = try returned(item, "REMOVE a.c[1]")
        #expect(step.new == ["a": .map(["c": .list([N("70")])])])
    }

    @Test("an update may not nest a document past 32 levels")
    func nestingAfterUpdate() throws {
        var deep = S("leaf")
        for _ in 0..<30 { deep = .map(["n": deep]) }
        let item: DynamoDBItem = ["a": .map(["b": N("1")])]
        #expect(try updated(item, "SET c = :d", values: [":d": deep])["c"] == deep)
        #expect(throws: validation("Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit")) {
            try updated(item, "SET a.b = :d", values: [":d": .map(["x": deep])])
        }
    }

    @Test("forms DynamoDB accepts")
    func acceptedForms() throws {
        for expression in [
            "set a = (b + c)", "set a = ((b.c.d)+(e))", "set a = (b) + (c)", "set a = (b)", "set a = ((b))", "SET a = if_not_exists(a, b) + b",
            "SET a = if_not_exists(a, if_not_exists(a, b))", "  set   b=c  ", "sEt b = c",
        ] {
            #expect(try DynamoDBUpdateExpression.parse(expression, names: nil, values: nil).actions.count == 1, "\(expression)")
        }
    }

    @Test("error priority between paths, operands and functions")
    func errorPriority() {
        let names = ["#b": "b", "#c": "c", "#d": "[3]"]
        let cases: [(String, String)] = [
            ("set b = list_append(:a, a), c = if_not_exists(a) add a.b :a", "Incorrect operand type for operator or function; operator: ADD, operand type: STRING"),
            (" set #c = :a set abOrt = true ", "Attribute name is a reserved keyword; reserved keyword: abOrt"),
            ("set d[1] = a, d.b = a, c[1].a = a, #c = if_not_exists(a)", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, [1], a], path two: [c]"),
            ("set #c[3].#d = a, #c[3] = a", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, [3], [3]], path two: [c, [3]]"),
            ("set #c[3].#d = a, #c.#d[3] = if_not_exists(a)", "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [c, [3], [3]], path two: [c, [3], [3]]"),
            ("remove a.#c set a[1] = #d", "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, c], path two: [a, [1]]"),
            ("set a = if_not_exists(if_not_exists(a, b), c)", "Operator or function requires a document path; operator or function: if_not_exists"),
            ("set #b = if_not_exist(:a) set c = d", "Invalid function name; function: if_not_exist"),
        ]
        for (expression, message) in cases {
            #expect(throws: validation("Invalid UpdateExpression: " + message), "\(expression)") {
                try DynamoDBUpdateExpression.parse(expression, names: names, values: [":a": S("a")])
            }
        }
    }

    @Test("operand types of list_append, + and -", arguments: [
        ("S", DynamoDBValue.string("a")), ("N", N("1")), ("B", .binary([0x61])), ("BOOL", .bool(false)), ("NULL", .null),
        ("SS", .stringSet(["a"])), ("NS", .numberSet([number("1")])), ("BS", .binarySet([[0x61]])), ("M", .map([:])),
        ("L", .list([])),
    ])
    func functionOperandTypes(type: String, value: DynamoDBValue) {
        let prefix = "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: "
        if type != "L" {
            #expect(throws: validation(prefix + "list_append, operand type: \(type)")) {
                try DynamoDBUpdateExpression.parse("set a = list_append(:x, a)", names: nil, values: [":x": value])
            }
        }
        if type != "N" {
            for symbol in ["+", "-"] {
                #expect(throws: validation(prefix + "\(symbol), operand type: \(type)")) {
                    try DynamoDBUpdateExpression.parse("set a = a \(symbol) :x", names: nil, values: [":x": value])
                }
            }
        }
    }
}
