// Rendering parsed PartiQL as expressions, and reading key values out of WHERE conditions.

import Testing

@testable import StratusDynamoDBExpressions

private func condition(_ where: String, _ parameters: [DynamoDBValue] = []) throws -> DynamoDBCondition {
    guard case let .select(select) = try DynamoDBPartiQLStatement.parse("SELECT * FROM t WHERE " + `where`, parameters: parameters),
        let condition = select.condition
    else { throw DynamoDBValidationError(message: "no condition") }
    return condition
}

@Suite struct PartiQLRenderingTests {
    @Test func conditionsRoundTripThroughTheExpressionParser() throws {
        for text in [
            "a = 1 OR b <> 'x' AND NOT c = 2", "(a = 1 OR b = 2) AND c = 3", "NOT (a = 1 AND b = 2)",
            "begins_with(a, 'x') AND contains(b, 'y') AND attribute_type(c, 'N')", "size(a.b[1]) BETWEEN 1 AND 3",
            "\"select\" IN [1, 2, 3] AND x IS MISSING AND y IS NOT MISSING", "z IS NULL OR z IS NOT NULL",
        ] {
            let parsed = try condition(text)
            var renderer = DynamoDBPartiQLRenderer()
            let rendered = renderer.condition(parsed)
            let reparsed = try DynamoDBConditionExpression.parse(
                rendered, names: renderer.namesOrNil, values: renderer.valuesOrNil)
            #expect(reparsed.usedNames == Set(renderer.names.keys), "\(text) → \(rendered)")
            #expect(reparsed.usedValues == Set(renderer.values.keys), "\(text) → \(rendered)")
            // Same meaning on a few items.
            let items: [DynamoDBItem] = [
                [:], ["a": N("1")], ["b": S("x"), "c": N("2")], ["a": .map(["b": .list([S("x"), S("ab")])])],
                ["select": N("2"), "y": .null], ["z": .null], ["a": S("xa"), "b": S("yy"), "c": N("3")],
            ]
            for item in items {
                #expect(
                    try reparsed.evaluate(on: item) == DynamoDBConditionEvaluator(item: item).evaluate(parsed),
                    "\(text) on \(item)")
            }
        }
    }

    @Test func orChainsAreNotParenthesized() throws {
        var renderer = DynamoDBPartiQLRenderer()
        #expect(renderer.condition(try condition("a = 1 OR b = 2 OR a = 3")) == "#n0 = :v0 OR #n1 = :v1 OR #n0 = :v2")
    }

    @Test func updatesRoundTrip() throws {
        guard case let .update(update) = try DynamoDBPartiQLStatement.parse(
            "UPDATE t SET a = a + 1, b = list_append(b, ?), c = if_not_exists(c, 0) - 2 SET s = set_add(s, <<'x'>>)"
                + " REMOVE d.e SET f = set_delete(f, <<1>>) WHERE pk = 1",
            parameters: [.list([N("9")])])
        else { Issue.record("not an update"); return }
        var renderer = DynamoDBPartiQLRenderer()
        let text = renderer.update(update.actions)
        #expect(text == "SET #n0 = #n0 + :v0, #n1 = list_append(#n1, :v1), #n2 = if_not_exists(#n2, :v2) - :v3"
            + " REMOVE #n4.#n5 ADD #n3 :v4 DELETE #n6 :v5")
        let parsed = try DynamoDBUpdateExpression.parse(text, names: renderer.names, values: renderer.values)
        let before: DynamoDBItem = [
            "a": N("1"), "b": .list([N("1")]), "d": .map(["e": N("1"), "k": N("2")]), "s": .stringSet(["y"]),
            "f": .numberSet([number("1"), number("2")]),
        ]
        #expect(try parsed.apply(to: before).item == [
            "a": N("2"), "b": .list([N("1"), N("9")]), "c": N("-2"), "d": .map(["k": N("2")]),
            "s": .stringSet(["y", "x"]), "f": .numberSet([number("2")]),
        ])
    }

    @Test func nestedArithmeticIsParenthesized() throws {
        guard case let .update(update) = try DynamoDBPartiQLStatement.parse(
            "UPDATE t SET a = a + 1 + 2 WHERE pk = 1", parameters: [])
        else { return }
        var renderer = DynamoDBPartiQLRenderer()
        #expect(renderer.update(update.actions) == "SET #n0 = (#n0 + :v0) + :v1")
    }

    @Test func projections() throws {
        guard case let .select(select) = try DynamoDBPartiQLStatement.parse(
            #"SELECT a.b[1], "c d" FROM t"#, parameters: [])
        else { return }
        var renderer = DynamoDBPartiQLRenderer()
        #expect(renderer.projection(select.projection ?? []) == "#n0.#n1[1], #n2")
        #expect(renderer.names == ["#n0": "a", "#n1": "b", "#n2": "c d"])
    }

    @Test func keyEqualities() throws {
        #expect(DynamoDBPartiQLKeys.equalities(in: try condition("pk = 'a' AND 3 = sk AND x > 1"))
            == ["pk": S("a"), "sk": N("3")])
        #expect(DynamoDBPartiQLKeys.equalities(in: try condition("pk = 'a' OR sk = 3")) == [:])
        #expect(DynamoDBPartiQLKeys.equalities(in: try condition("pk.x = 'a'")) == [:])
    }

    @Test func partitionValuesFollowDynamoDBsQueryRule() throws {
        func values(_ text: String) throws -> [DynamoDBValue]? {
            DynamoDBPartiQLKeys.values(of: "pk", in: try condition(text))
        }
        #expect(try values("pk = 1") == [N("1")])
        #expect(try values("pk = 1 AND a = 'x'") == [N("1")])
        #expect(try values("pk = 1 OR pk = 2 OR pk = 1") == [N("1"), N("2")])
        #expect(try values("pk IN [3, 1, 2]") == [N("3"), N("1"), N("2")])
        #expect(try values("pk IN [1, 2] AND pk = 2") == [N("2")])
        #expect(try values("pk > 1") == nil)
        #expect(try values("a = 'x'") == nil)
        #expect(try values("pk = 1 OR a = 'x'") == nil)
        #expect(try values("NOT pk = 1") == nil)
    }

    @Test func sortKeyConditionsComeFromTopLevelConjuncts() throws {
        let found = DynamoDBPartiQLKeys.sortKeyConditions(
            of: "sk", in: try condition("pk = 1 AND sk > 2 AND 9 >= sk AND sk BETWEEN 1 AND 5 AND begins_with(sk, 'a') AND sk <> 3"))
        #expect(found.map(\.kind) == [
            .compare(.greater, N("2")), .compare(.lessOrEqual, N("9")), .between(N("1"), N("5")), .beginsWith(S("a")),
        ])
        #expect(DynamoDBPartiQLKeys.sortKeyConditions(of: "sk", in: try condition("pk = 1 OR sk > 2")).isEmpty)
        #expect(DynamoDBPartiQLKeys.sortKeyConditions(of: "sk", in: try condition("NOT sk > 2")).isEmpty)
    }
}
