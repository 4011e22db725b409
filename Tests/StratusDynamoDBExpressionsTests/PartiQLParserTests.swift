// The PartiQL parser: statement forms, conditions, literals, parameters and DynamoDB's errors.

import Testing

@testable import StratusDynamoDBExpressions

private func parse(_ text: String, _ parameters: [DynamoDBValue] = []) throws -> DynamoDBPartiQLStatement {
    try DynamoDBPartiQLStatement.parse(text, parameters: parameters)
}

private func path(_ names: String...) -> DynamoDBDocumentPath {
    DynamoDBDocumentPath(names.map { .attribute($0) })
}

private func message(_ text: String, _ parameters: [DynamoDBValue] = []) -> String? {
    do {
        _ = try DynamoDBPartiQLStatement.parse(text, parameters: parameters)
        return nil
    } catch {
        return error.message
    }
}

@Suite struct PartiQLParserTests {
    @Test func selectWithIndexProjectionWhereAndOrder() throws {
        let statement = try parse(
            #"SELECT a, "b c".d[2], m['k'] FROM "my-table"."by-x" WHERE pk = ? AND sk >= 3 ORDER BY sk DESC"#,
            [S("p")])
        guard case let .select(select) = statement else { Issue.record("not a select"); return }
        #expect(select.table == "my-table")
        #expect(select.index == "by-x")
        #expect(select.projection == [
            path("a"), DynamoDBDocumentPath([.attribute("b c"), .attribute("d"), .index(2)]), path("m", "k"),
        ])
        #expect(select.condition == .and(
            .compare(.path(path("pk")), .equal, .value(S("p"))),
            .compare(.path(path("sk")), .greaterOrEqual, .value(N("3")))))
        #expect(select.orderBy.map(\.attribute) == ["sk"] && select.orderBy.map(\.ascending) == [false])
        #expect(statement.isRead && statement.table == "my-table")
    }

    @Test func selectStarWithoutWhereAndKeywordsInAnyCase() throws {
        let statement = try parse("select * from Orders")
        #expect(statement == .select(.init(table: "Orders")))
    }

    @Test func conditionPrecedenceAndPredicates() throws {
        guard case let .select(select) = try parse(
            "SELECT * FROM t WHERE a = 1 OR b <> 'x' AND NOT c != 2 AND d BETWEEN 1 AND 5 AND e IN [1, 2]")
        else { Issue.record("not a select"); return }
        let expected: DynamoDBCondition = .or(
            .compare(.path(path("a")), .equal, .value(N("1"))),
            .and(
                .and(
                    .and(
                        .compare(.path(path("b")), .notEqual, .value(S("x"))),
                        .not(.compare(.path(path("c")), .notEqual, .value(N("2"))))),
                    .between(.path(path("d")), lower: .value(N("1")), upper: .value(N("5")))),
                .isIn(.path(path("e")), [.value(N("1")), .value(N("2"))])))
        #expect(select.condition == expected)
    }

    @Test func functionsMissingAndNull() throws {
        guard case let .select(select) = try parse(
            "SELECT * FROM t WHERE BEGINS_WITH(a, 'x') AND contains(b, 3) AND attribute_type(c, 'S') AND size(d) > 2"
                + " AND e IS MISSING AND f IS NOT MISSING AND g NOT IN (1) AND h NOT BETWEEN 1 AND 2")
        else { Issue.record("not a select"); return }
        var conjuncts: [DynamoDBCondition] = []
        var rest = select.condition!
        while case let .and(left, right) = rest {
            conjuncts.insert(right, at: 0)
            rest = left
        }
        conjuncts.insert(rest, at: 0)
        #expect(conjuncts == [
            .beginsWith(.path(path("a")), .value(S("x"))),
            .contains(.path(path("b")), .value(N("3"))),
            .attributeType(.path(path("c")), .value(S("S"))),
            .compare(.size(.path(path("d"))), .greater, .value(N("2"))),
            .attributeNotExists(path("e")),
            .attributeExists(path("f")),
            .not(.isIn(.path(path("g")), [.value(N("1"))])),
            .not(.between(.path(path("h")), lower: .value(N("1")), upper: .value(N("2")))),
        ])
        guard case let .select(nulls) = try parse("SELECT * FROM t WHERE a IS NULL") else { return }
        let isNull = DynamoDBCondition.attributeType(.path(path("a")), .value(S("NULL")))
        #expect(nulls.condition == .or(.attributeNotExists(path("a")), isNull))
    }

    @Test func insertLiteralsOfEveryKind() throws {
        let statement = try parse(
            "INSERT INTO t VALUE {'pk': 'a', 'n': -1.5e2, 'ok': TRUE, 'no': false, 'nil': NULL, 'gone': MISSING,"
                + " 'l': [1, 'x', [2]], 'ss': <<'a', 'b'>>, 'ns': <<1, 2>>, 'm': {'k': ?}, 'q': 'it''s'}",
            [.bool(false)])
        guard case let .insert(insert) = statement else { Issue.record("not an insert"); return }
        #expect(insert.item == [
            "pk": S("a"), "n": N("-150"), "ok": .bool(true), "no": .bool(false), "nil": .null,
            "l": .list([N("1"), S("x"), .list([N("2")])]), "ss": .stringSet(["a", "b"]),
            "ns": .numberSet([number("1"), number("2")]), "m": .map(["k": .bool(false)]), "q": S("it's"),
        ])
    }

    @Test func updateActions() throws {
        let statement = try parse(
            "UPDATE t SET a = a + 1, b = list_append(b, [2]) SET c = ?, s = set_add(s, <<'x'>>)"
                + " REMOVE d, e[1] SET f = set_delete(f, <<3>>) WHERE pk = 'k' AND v > 0 RETURNING MODIFIED NEW *",
            [S("c")])
        guard case let .update(update) = statement else { Issue.record("not an update"); return }
        #expect(update.actions == [
            .set(path("a"), .plus(.path(path("a")), .value(N("1")))),
            .set(path("b"), .listAppend(.path(path("b")), .value(.list([N("2")])))),
            .set(path("c"), .value(S("c"))),
            .add(path("s"), .stringSet(["x"])),
            .remove(path("d")),
            .remove(DynamoDBDocumentPath([.attribute("e"), .index(1)])),
            .delete(path("f"), .numberSet([number("3")])),
        ])
        #expect(update.returning == .modifiedNew)
        #expect(DynamoDBPartiQLKeys.equalities(in: update.condition) == ["pk": S("k")])
    }

    @Test func deleteAndExists() throws {
        let delete = try parse(#"DELETE FROM "t" WHERE pk = 'x' RETURNING ALL OLD *"#)
        #expect(delete == .delete(.init(
            table: "t", condition: .compare(.path(path("pk")), .equal, .value(S("x"))), returning: .allOld)))
        let exists = try parse("EXISTS(SELECT * FROM t WHERE pk = 'x' AND n > 1)")
        guard case let .exists(select) = exists else { Issue.record("not EXISTS"); return }
        #expect(select.table == "t" && !exists.isRead)
    }

    @Test func commentsAreSkipped() throws {
        let statement = try parse("SELECT * -- everything\n FROM /* the table */ t")
        #expect(statement == .select(.init(table: "t")))
    }

    @Test func parameterCountMustMatch() {
        let mismatch = "Number of parameters in request and statement don't match."
        #expect(message("SELECT * FROM t WHERE a = ?") == mismatch)
        #expect(message("SELECT * FROM t", [S("x")]) == mismatch)
        #expect(message("SELECT * FROM t WHERE a = ? AND b = ?", [S("x")]) == mismatch)
        #expect(message("SELECT * FROM t WHERE a = ?", [S("x")]) == nil)
    }

    @Test func malformedStatements() {
        let prefix = "Statement wasn't well formed, can't be processed: "
        let cases = [
            "UPSERT t", "SELECT * FROM t WHERE a = 'open", "SELECT * FROM", "SELECT * FROM t WHERE",
            "DELETE FROM t WHERE a = 1 RETURNING ALL NEW *", "UPDATE t WHERE a = 1", "UPDATE t SET a = 1",
            "INSERT INTO t VALUE 'x'", "SELECT * FROM t WHERE a", "SELECT * FROM t extra", "SELECT * FROM t WHERE a = 1e",
            "SELECT * FROM t WHERE a = <<1, 'x'>>", "SELECT * FROM t WHERE a = <<>>", "SELECT * FROM select",
            "INSERT INTO t VALUE {'a': 1, 'a': 2}", "SELECT * FROM t WHERE a = 1 #",
        ]
        for text in cases {
            #expect(message(text)?.hasPrefix(prefix) == true, "\(text): \(message(text) ?? "parsed")")
        }
        #expect(message("SELECT * FROM t WHERE a = 1 AND") == prefix + "unexpected end of statement, expected a value")
        #expect(message("SELECT * FROM t WHERE a == 1") == prefix + "unexpected token '=' at position 25, expected a value")
    }

    @Test func unsupportedFeatures() {
        for text in [
            "SELECT * FROM t WHERE a = MISSING", "SELECT * FROM t WHERE foo(a) = 1",
            "UPDATE t SET a = set_add(b, <<'x'>>) WHERE pk = 1", "INSERT INTO t VALUES ('a')",
            "SELECT * FROM t WHERE EXISTS(SELECT * FROM t)",
        ] {
            #expect(message(text)?.hasPrefix("Unsupported operation: ") == true, "\(text): \(message(text) ?? "parsed")")
        }
    }

    @Test func invalidNumbersUseDynamoDBsMessage() {
        #expect(message("SELECT * FROM t WHERE a = 1e999")?.contains("Number overflow") == true
            || message("SELECT * FROM t WHERE a = 1e999")?.contains("numeric") == true)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = 5000
        for text in [
            "SELECT * FROM t WHERE " + String(repeating: "(", count: deep) + "a = 1" + String(repeating: ")", count: deep),
            "SELECT * FROM t WHERE " + String(repeating: "NOT ", count: deep) + "a = 1",
            "INSERT INTO t VALUE {'a': " + String(repeating: "[", count: deep) + String(repeating: "]", count: deep) + "}",
            "UPDATE t SET a = " + String(repeating: "(", count: deep) + "1" + String(repeating: ")", count: deep) + " WHERE pk = 1",
            "SELECT * FROM t WHERE a = " + String(repeating: "size(", count: deep) + "b" + String(repeating: ")", count: deep),
        ] {
            #expect(message(text)?.hasPrefix("Statement wasn't well formed, can't be processed: the statement nests too deeply") == true)
        }
        let chain = (0..<400).map { "a\($0) = 1" }.joined(separator: " AND ")
        #expect(message("SELECT * FROM t WHERE " + chain)
            == "Statement wasn't well formed, can't be processed: the statement has more than 300 AND, OR, + and - operators")
        let sum = "UPDATE t SET a = 1" + String(repeating: " + 1", count: 400) + " WHERE pk = 1"
        #expect(message(sum)?.hasSuffix("more than 300 AND, OR, + and - operators") == true)
        #expect(message("SELECT * FROM t WHERE " + (0..<300).map { "a\($0) = 1" }.joined(separator: " OR ")) == nil)
        // 32 levels of nested values, as DynamoDB allows, still parse.
        let nested = "INSERT INTO t VALUE {'a': " + String(repeating: "[", count: 31) + String(repeating: "]", count: 31) + "}"
        #expect(message(nested) == nil)
    }
}
