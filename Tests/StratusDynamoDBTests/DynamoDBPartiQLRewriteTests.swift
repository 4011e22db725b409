import Foundation
import StratusAPIDynamoDB
import StratusDynamoDB
import StratusServiceKit
import Testing

@Suite struct DynamoDBPartiQLRewriteTests {
    @Test func selectRewritesWhereAndProjection() throws {
        let statement = try DynamoDBPartiQLRewrite.parse(
            #"SELECT a, "b c".d[2] FROM "tbl"."idx" WHERE a = ? AND x != 'y' AND n IN [1, 2] AND z IS NOT MISSING"#,
            parameters: [DynamoDB.AttributeValue(s: "v")])
        #expect(statement.kind == .select)
        #expect(statement.table == "tbl" && statement.index == "idx")
        #expect(statement.projection == "#q0, #q1.#q2[2]")
        #expect(statement.condition == "#q0 = :q0 AND #q3 <> :q1 AND #q4 IN (:q2, :q3) AND attribute_exists(#q5)")
        #expect(statement.names == ["#q0": "a", "#q1": "b c", "#q2": "d", "#q3": "x", "#q4": "n", "#q5": "z"])
        #expect(statement.values[":q0"] == DynamoDB.AttributeValue(s: "v"))
        #expect(statement.values[":q3"] == DynamoDB.AttributeValue(n: "2"))
    }

    @Test func insertParsesNestedLiterals() throws {
        let statement = try DynamoDBPartiQLRewrite.parse(
            "INSERT INTO t VALUE {'pk': 'a', 'n': -1.5e2, 'ok': TRUE, 'nil': NULL, 'l': [1, 'x'], 's': <<'a', 'b'>>, 'm': {'k': ?}}",
            parameters: [DynamoDB.AttributeValue(bool: false)])
        let item = try #require(statement.item)
        #expect(item["n"] == DynamoDB.AttributeValue(n: "-1.5e2"))
        #expect(item["ok"] == DynamoDB.AttributeValue(bool: true))
        #expect(item["nil"] == DynamoDB.AttributeValue(null: true))
        #expect(item["l"] == DynamoDB.AttributeValue(l: [DynamoDB.AttributeValue(n: "1"), DynamoDB.AttributeValue(s: "x")]))
        #expect(item["s"] == DynamoDB.AttributeValue(ss: ["a", "b"]))
        #expect(item["m"] == DynamoDB.AttributeValue(m: ["k": DynamoDB.AttributeValue(bool: false)]))
    }

    @Test func updateAndDeleteClauses() throws {
        let update = try DynamoDBPartiQLRewrite.parse(
            "UPDATE t SET a = a + 1, b = list_append(b, [2]) REMOVE c WHERE pk = 'x' RETURNING MODIFIED NEW *",
            parameters: [])
        #expect(update.update == "SET #q0 = #q0 + :q0, #q1 = list_append ( #q1 , :q1 ) REMOVE #q2")
        #expect(update.condition == "#q3 = :q2")
        #expect(update.returning == "UPDATED_NEW")
        let delete = try DynamoDBPartiQLRewrite.parse("DELETE FROM t WHERE pk = 'x' RETURNING ALL OLD *", parameters: [])
        #expect(delete.kind == .delete && delete.returning == "ALL_OLD")
    }

    @Test func malformedStatementsAndParameterCounts() {
        func message(_ text: String, _ parameters: [DynamoDB.AttributeValue] = []) -> String? {
            do {
                _ = try DynamoDBPartiQLRewrite.parse(text, parameters: parameters)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message("SELECT * FROM t WHERE a = ?") == "Number of parameters in request and statement don't match.")
        #expect(message("SELECT * FROM t", [DynamoDB.AttributeValue(s: "x")])
            == "Number of parameters in request and statement don't match.")
        #expect(message("UPSERT t")?.hasPrefix("Statement wasn't well formed, can't be processed") == true)
        #expect(message("SELECT * FROM t WHERE a = 'unterminated")?.hasPrefix("Statement wasn't well formed") == true)
        #expect(message("DELETE FROM t WHERE a = 1 RETURNING ALL NEW *")?.hasPrefix("Statement wasn't well formed") == true)
    }
}
