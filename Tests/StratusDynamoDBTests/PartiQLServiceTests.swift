// PartiQL through the service: ExecuteStatement, BatchExecuteStatement and ExecuteTransaction over SQLite.

import Foundation
import StratusAPIDynamoDB
import StratusDynamoDB
import StratusServiceKit
import Testing

extension DynamoDBFixture {
    @discardableResult
    fileprivate func run(
        _ statement: String, _ parameters: [DynamoDB.AttributeValue]? = nil, limit: Int? = nil, nextToken: String? = nil
    ) async throws -> DynamoDB.ExecuteStatementOutput {
        try await service.executeStatement(
            DynamoDB.ExecuteStatementInput(statement: statement, parameters: parameters, nextToken: nextToken, limit: limit),
            context: context)
    }

    /// "pk/sk" of each item returned.
    fileprivate func keys(_ output: DynamoDB.ExecuteStatementOutput) -> [String] {
        (output.items ?? []).map { "\($0["pk"]?.s ?? "")/\($0["sk"]?.n ?? "")" }
    }

    /// Every page of a SELECT with `limit`, as "pk/sk" lists.
    fileprivate func pages(_ statement: String, limit: Int) async throws -> [[String]] {
        var pages: [[String]] = []
        var token: String?
        repeat {
            let page = try await run(statement, limit: limit, nextToken: token)
            pages.append(keys(page))
            token = page.nextToken
        } while token != nil && pages.count < 50
        return pages
    }

    fileprivate func item(_ pk: String, _ sk: Int) async throws -> [String: DynamoDB.AttributeValue]? {
        try await get("tbl", ["pk": s(pk), "sk": n(String(sk))])
    }
}

@Suite struct PartiQLServiceTests {
    @Test func insertUpdateDeleteFollowDynamoDBsRules() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("tbl")
        try await fixture.run("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'n': 5, 'l': [1]}")
        try await fixture.run("INSERT INTO \"tbl\" VALUE {'pk': ?, 'sk': ?}", [s("a"), n("2")])
        let duplicate = await awsError { try await fixture.run("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1}") }
        #expect(duplicate?.code == DynamoDBErrors.duplicateItemException)
        #expect(duplicate?.message == "Duplicate primary key exists in table")

        let updated = try await fixture.run(
            "UPDATE tbl SET n = n + 1 SET l = list_append(l, [2]) WHERE pk = 'a' AND sk = 1 RETURNING MODIFIED NEW *")
        #expect(updated.items == [["n": n("6"), "l": DynamoDB.AttributeValue(l: [n("1"), n("2")])]])
        let missing = await awsError { try await fixture.run("UPDATE tbl SET n = 1 WHERE pk = 'b' AND sk = 1") }
        #expect(missing?.code == DynamoDBErrors.conditionalCheckFailedException)
        #expect(try await fixture.item("b", 1) == nil)
        let unmatched = await awsError { try await fixture.run("UPDATE tbl SET n = 1 WHERE pk = 'a' AND sk = 1 AND n = 0") }
        #expect(unmatched?.code == DynamoDBErrors.conditionalCheckFailedException)
        let partialKey = await awsError { try await fixture.run("UPDATE tbl SET n = 1 WHERE pk = 'a'") }
        #expect(partialKey?.message == "Where clause does not contain a mandatory equality on all key attributes")
        let keyUpdate = await awsError { try await fixture.run("UPDATE tbl SET sk = 3 WHERE pk = 'a' AND sk = 1") }
        #expect(keyUpdate?.message == "One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key")

        let deleteUnmatched = await awsError { try await fixture.run("DELETE FROM tbl WHERE pk = 'a' AND sk = 1 AND n > 100") }
        #expect(deleteUnmatched?.code == DynamoDBErrors.conditionalCheckFailedException)
        #expect(try await fixture.run("DELETE FROM tbl WHERE pk = 'zz' AND sk = 1 AND n > 100").items == [])
        let deleted = try await fixture.run("DELETE FROM tbl WHERE pk = 'a' AND sk = 1 RETURNING ALL OLD *")
        #expect(deleted.items?.first?["n"] == n("6"))
        #expect(try await fixture.item("a", 1) == nil)
    }

    @Test func selectQueriesPinnedPartitionsAndScansOtherwise() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("tbl")
        for pk in ["a", "b", "c"] {
            for sk in 0..<3 { try await fixture.put("tbl", ["pk": s(pk), "sk": n(String(sk)), "v": n(String(sk))]) }
        }
        // A Query reads only partition b, so Limit 1 finds its first item at once.
        let first = try await fixture.run("SELECT * FROM tbl WHERE pk = 'b'", limit: 1)
        #expect(fixture.keys(first) == ["b/0"])
        #expect(first.nextToken != nil)
        // IN reads its partitions in the order written; pages continue across them.
        let pages = try await fixture.pages("SELECT pk, sk FROM tbl WHERE pk IN ['c', 'a'] AND v <> 1", limit: 2)
        #expect(pages.flatMap { $0 } == ["c/0", "c/2", "a/0", "a/2"])
        #expect(pages.first == ["c/0"])
        let descending = try await fixture.run("SELECT pk, sk FROM tbl WHERE pk = 'a' OR pk = 'b' ORDER BY pk DESC, sk DESC")
        #expect(fixture.keys(descending) == ["b/2", "b/1", "b/0", "a/2", "a/1", "a/0"])
        // Sort key conditions narrow each Query, so Limit counts only items in the range.
        #expect(fixture.keys(try await fixture.run("SELECT * FROM tbl WHERE pk = 'b' AND sk >= 1", limit: 1)) == ["b/1"])
        #expect(fixture.keys(try await fixture.run("SELECT * FROM tbl WHERE pk = 'b' AND 2 > sk ORDER BY sk DESC", limit: 1))
            == ["b/1"])
        #expect(fixture.keys(try await fixture.run("SELECT * FROM tbl WHERE pk IN ['a', 'c'] AND sk BETWEEN 1 AND 1"))
            == ["a/1", "c/1"])
        #expect(fixture.keys(try await fixture.run("SELECT * FROM tbl WHERE pk = 'a' AND sk > 0 AND sk < 2 AND sk <> 1")) == [])
        #expect(fixture.keys(try await fixture.run("SELECT * FROM tbl WHERE pk = 'a' AND sk = 'x'")) == [])
        // A condition on the partition key that is not = or IN scans.
        let scanned = try await fixture.pages("SELECT pk, sk FROM tbl WHERE pk >= 'b' AND v = 2", limit: 4)
        #expect(Set(scanned.flatMap { $0 }) == ["b/2", "c/2"])
        // A pinned value of the wrong type matches nothing.
        #expect(try await fixture.run("SELECT * FROM tbl WHERE pk = 1").items == [])
        let ordered = await awsError { try await fixture.run("SELECT * FROM tbl WHERE v = 1 ORDER BY sk") }
        #expect(ordered?.message == "Must have WHERE clause in the statement when using ORDER BY clause.")
        let badOrder = await awsError { try await fixture.run("SELECT * FROM tbl WHERE pk = 'a' ORDER BY v") }
        #expect(badOrder?.code == .validation)
    }

    @Test func selectProjectsAndFilters() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("tbl")
        try await fixture.put("tbl", [
            "pk": s("a"), "sk": n("1"), "name": s("alpha"),
            "doc": DynamoDB.AttributeValue(m: ["list": DynamoDB.AttributeValue(l: [n("1"), n("2"), n("3")]), "x": s("y")]),
        ])
        try await fixture.put("tbl", ["pk": s("a"), "sk": n("2"), "name": DynamoDB.AttributeValue(null: true)])
        let projected = try await fixture.run("SELECT doc.list[2], name FROM tbl WHERE pk = 'a' AND size(doc.list) > 2")
        #expect(projected.items == [[
            "doc": DynamoDB.AttributeValue(m: ["list": DynamoDB.AttributeValue(l: [n("3")])]), "name": s("alpha"),
        ]])
        #expect(fixture.keys(try await fixture.run("SELECT * FROM tbl WHERE name IS NULL")) == ["a/2"])
        #expect(fixture.keys(try await fixture.run("SELECT * FROM tbl WHERE doc IS MISSING")) == ["a/2"])
        #expect(fixture.keys(try await fixture.run("SELECT * FROM tbl WHERE BEGINS_WITH(name, 'al')")) == ["a/1"])
        #expect(fixture.keys(try await fixture.run("SELECT * FROM tbl WHERE attribute_type(name, 'NULL')")) == ["a/2"])
    }

    @Test func statementErrors() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("tbl")
        let malformed = await awsError { try await fixture.run("UPDATE tbl SET n = n * 2 WHERE pk = 'a' AND sk = 1") }
        #expect(malformed?.message?.hasPrefix("Statement wasn't well formed, can't be processed: ") == true)
        let count = await awsError { try await fixture.run("SELECT * FROM tbl WHERE pk = ?", [s("a"), s("b")]) }
        #expect(count?.message == "Number of parameters in request and statement don't match.")
        let table = await awsError { try await fixture.run("SELECT * FROM nope") }
        #expect(table?.code == DynamoDBErrors.resourceNotFoundException)
        let exists = await awsError { try await fixture.run("EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 1)") }
        #expect(exists?.code == .validation)
        let empty = await awsError { try await fixture.run("SELECT * FROM tbl WHERE pk = ?", []) }
        #expect(empty?.code == .validation)
    }

    @Test func batchesAreAllReadsOrAllWritesWithPerStatementErrors() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("tbl")
        try await fixture.put("tbl", ["pk": s("a"), "sk": n("1"), "v": s("one")])
        func batch(_ statements: [String]) async throws -> [DynamoDB.BatchStatementResponse] {
            try await fixture.service.batchExecuteStatement(
                DynamoDB.BatchExecuteStatementInput(statements: statements.map { DynamoDB.BatchStatementRequest(statement: $0) }),
                context: fixture.context
            ).responses ?? []
        }
        let reads = try await batch([
            "SELECT v FROM tbl WHERE pk = 'a' AND sk = 1", "SELECT * FROM tbl WHERE pk = 'a' AND sk = 2",
            "SELECT * FROM tbl WHERE pk = 'a'",
        ])
        #expect(reads[0].item == ["v": s("one")] && reads[0].tableName == "tbl")
        #expect(reads[1].item == nil && reads[1].error == nil)
        #expect(reads[2].error?.code == "ValidationError")
        let writes = try await batch([
            "INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1}", "INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2}",
            "UPDATE tbl SET v = 'x' WHERE pk = 'a' AND sk = 1 AND v = 'no'", "DELETE FROM nope WHERE pk = 'a' AND sk = 1",
        ])
        #expect(writes.map { $0.error?.code?.rawValue } == ["DuplicateItem", nil, "ConditionalCheckFailed", "ResourceNotFound"])
        #expect(try await fixture.item("a", 2) != nil)
        let mixed = await awsError {
            _ = try await batch(["SELECT * FROM tbl WHERE pk = 'a' AND sk = 1", "INSERT INTO tbl VALUE {'pk': 'a', 'sk': 3}"])
        }
        #expect(mixed?.code == .validation)
        #expect(try await fixture.item("a", 3) == nil)
    }

    @Test func transactionsAreAllOrNothing() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("tbl")
        try await fixture.put("tbl", ["pk": s("a"), "sk": n("1"), "n": n("10")])
        func transact(_ statements: [String], token: String? = nil) async throws -> DynamoDB.ExecuteTransactionOutput {
            try await fixture.service.executeTransaction(
                DynamoDB.ExecuteTransactionInput(
                    transactStatements: statements.map { DynamoDB.ParameterizedStatement(statement: $0) },
                    clientRequestToken: token),
                context: fixture.context)
        }
        let cancelled = await awsError {
            _ = try await transact([
                "INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2}", "INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1}",
                "EXISTS(SELECT * FROM tbl WHERE pk = 'b' AND sk = 1)",
            ])
        }
        #expect(cancelled?.code == DynamoDBErrors.transactionCanceledException)
        #expect(cancelled?.message
            == "Transaction cancelled, please refer cancellation reasons for specific reasons [None, DuplicateItem, ConditionalCheckFailed]")
        #expect(try await fixture.item("a", 2) == nil)

        _ = try await transact(["UPDATE tbl SET n = n + 1 WHERE pk = 'a' AND sk = 1"], token: "once")
        _ = try await transact(["UPDATE tbl SET n = n + 1 WHERE pk = 'a' AND sk = 1"], token: "once")
        #expect(try await fixture.item("a", 1)?["n"] == n("11"))
        let mismatch = await awsError { _ = try await transact(["DELETE FROM tbl WHERE pk = 'a' AND sk = 1"], token: "once") }
        #expect(mismatch?.code == DynamoDBErrors.idempotentParameterMismatchException)

        let read = try await transact(["SELECT n FROM tbl WHERE pk = 'a' AND sk = 1", "SELECT * FROM tbl WHERE pk = 'x' AND sk = 1"])
        #expect(read.responses?.map(\.item) == [["n": n("11")], nil])
        let mixed = await awsError {
            _ = try await transact(["SELECT n FROM tbl WHERE pk = 'a' AND sk = 1", "DELETE FROM tbl WHERE pk = 'a' AND sk = 1"])
        }
        #expect(mixed?.code == .validation)
        let returning = await awsError {
            _ = try await transact(["DELETE FROM tbl WHERE pk = 'a' AND sk = 1 RETURNING ALL OLD *"])
        }
        #expect(returning?.code == .validation)
        #expect(try await fixture.item("a", 1) != nil)
    }
}

@Suite struct PartiQLPagingTests {
    @Test func aPageStopsAfterAboutOneMegabyteAcrossPartitions() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("tbl")
        let big = String(repeating: "x", count: 300_000)
        for pk in ["a", "b", "c", "d", "e"] {
            try await fixture.put("tbl", ["pk": s(pk), "sk": n("0"), "big": s(big)])
        }
        var pages: [[String]] = []
        var token: String?
        repeat {
            let page = try await fixture.service.executeStatement(
                DynamoDB.ExecuteStatementInput(
                    statement: "SELECT pk FROM tbl WHERE pk IN ['a', 'b', 'c', 'd', 'e']", nextToken: token),
                context: fixture.context)
            pages.append((page.items ?? []).compactMap { $0["pk"]?.s })
            token = page.nextToken
        } while token != nil && pages.count < 10
        #expect(pages == [["a", "b", "c", "d"], ["e"]])
    }
}
