import Foundation
import HTTPTypes
import StratusAPIDynamoDB
import StratusConsole
import StratusJSON
import StratusServiceKit
import Testing

/// The console's DynamoDB routes answer with what `ListTables`, `DescribeTable`, `DescribeTimeToLive`, `Scan` and
/// `Query` answer in-process, and refuse bad parameters, methods and paths.
@Suite struct ConsoleDynamoDBTests {
    typealias Fixture = ConsoleDynamoDBFixture

    /// What `DescribeTable` answers for `name`, as JSON.
    static func described(_ fixture: Fixture, _ name: String) async throws -> JSONValue {
        try await fixture.client.describeTable(DynamoDB.DescribeTableInput(tableName: name))
            .table!.awsValue.jsonValue
    }

    @Test func listsEveryTableAsDescribeTableDescribesIt() async throws {
        let fixture = try Fixture()
        let (emptyStatus, empty) = try await fixture.api("/tables")
        #expect(emptyStatus == .ok)
        #expect(empty == ["tables": [], "truncated": false])
        try await fixture.createTable("orders")
        try await fixture.createTable("accounts", sortKey: false, index: true)
        try await fixture.put("orders", ["pk": ddbString("a"), "sk": ddbNumber("1"), "note": ddbString("hello")])

        let response = await fixture.request(.get, "/_stratus/console/api/dynamodb/tables")
        #expect(response.status == .ok)
        #expect(response.headerFields[.contentType] == "application/json")
        #expect(response.headerFields[.cacheControl] == "no-store")
        let body = try JSONValue.parse(response.body)
        let tables = body["tables"]?.arrayValue ?? []
        #expect(tables.compactMap { $0["TableName"]?.stringValue } == ["accounts", "orders"])
        #expect(tables[0] == (try await Self.described(fixture, "accounts")))
        #expect(tables[1] == (try await Self.described(fixture, "orders")))
        #expect(tables[1]["ItemCount"] == 1)
        #expect(tables[1]["TableStatus"] == "ACTIVE")
        #expect(tables[1]["BillingModeSummary"]?["BillingMode"] == "PAY_PER_REQUEST")
        #expect(tables[1]["KeySchema"] == [["AttributeName": "pk", "KeyType": "HASH"], ["AttributeName": "sk", "KeyType": "RANGE"]])
        #expect(tables[1]["CreationDateTime"]?.numberValue != nil)
        #expect(tables[0]["GlobalSecondaryIndexes"]?[0]?["IndexName"] == "by-owner")
        #expect(body["truncated"] == false)
    }

    @Test func describesATableAndItsTimeToLive() async throws {
        let fixture = try Fixture()
        try await fixture.createTable("sessions", index: true)
        let (status, before) = try await fixture.api("/table?name=sessions")
        #expect(status == .ok)
        #expect(before["table"] == (try await Self.described(fixture, "sessions")))
        #expect(before["timeToLive"] == ["TimeToLiveStatus": "DISABLED"])

        try await fixture.enableTimeToLive("sessions", attribute: "expires")
        let (_, after) = try await fixture.api("/table?name=sessions")
        #expect(after["timeToLive"] == ["TimeToLiveStatus": "ENABLED", "AttributeName": "expires"])
        #expect(after["table"]?["TableArn"] == "arn:aws:dynamodb:us-east-1:000000000000:table/sessions")
        #expect(after["table"]?["GlobalSecondaryIndexes"]?[0]?["Projection"] == ["ProjectionType": "ALL"])
    }

    @Test func anUnknownTableIsTheServicesResourceNotFound() async throws {
        let fixture = try Fixture()
        let (status, body) = try await fixture.api("/table?name=missing")
        #expect(status == .badRequest)
        #expect(body["error"] == "ResourceNotFoundException")
        #expect(body["message"]?.stringValue?.isEmpty == false)
        let (itemsStatus, items) = try await fixture.api("/items?table=missing")
        #expect(itemsStatus == .badRequest)
        #expect(items["error"] == "ResourceNotFoundException")
    }

    @Test func missingParametersAreValidationErrors() async throws {
        let fixture = try Fixture()
        for route in ["/table", "/table?name=", "/items", "/items?limit=5"] {
            let (status, body) = try await fixture.api(route)
            #expect(status == .badRequest, "\(route)")
            #expect(body["error"] == "ValidationException", "\(route)")
            #expect(body["message"]?.stringValue?.contains(route.hasPrefix("/table") ? "name" : "table") == true)
        }
    }

    @Test func scansItemsAsTheWireWritesThem() async throws {
        let fixture = try Fixture()
        try await fixture.createTable("things")
        let blob = Data([0, 1, 2, 250])
        try await fixture.put("things", [
            "pk": ddbString("a"), "sk": ddbNumber("1.50"), "flag": DynamoDB.AttributeValue(bool: true),
            "nothing": DynamoDB.AttributeValue(null: true), "data": DynamoDB.AttributeValue(b: blob),
            "tags": DynamoDB.AttributeValue(ss: ["x", "y"]), "scores": DynamoDB.AttributeValue(ns: ["1", "2"]),
            "blobs": DynamoDB.AttributeValue(bs: [blob]),
            "nested": DynamoDB.AttributeValue(m: ["n": ddbNumber("3"), "l": DynamoDB.AttributeValue(l: [ddbString("v")])]),
        ])
        let (status, body) = try await fixture.api("/items?table=things")
        #expect(status == .ok)
        #expect(body["count"] == 1)
        #expect(body["scannedCount"] == 1)
        #expect(body["lastEvaluatedKey"] == nil)
        let item = body["items"]?[0]
        let base64: JSONValue = .string(blob.base64EncodedString())
        #expect(item?["pk"] == ["S": "a"])
        #expect(item?["sk"] == ["N": "1.5"])  // DynamoDB writes numbers normalized
        #expect(item?["flag"] == ["BOOL": true])
        #expect(item?["nothing"] == ["NULL": true])
        #expect(item?["data"] == ["B": base64])
        #expect(Set(item?["tags"]?["SS"]?.arrayValue?.compactMap(\.stringValue) ?? []) == ["x", "y"])
        #expect(Set(item?["scores"]?["NS"]?.arrayValue?.compactMap(\.stringValue) ?? []) == ["1", "2"])
        #expect(item?["blobs"] == ["BS": [base64]])
        #expect(item?["nested"]?["M"]?["n"] == ["N": "3"])
        #expect(item?["nested"]?["M"]?["l"] == ["L": [["S": "v"]]])
        // The same item as Scan answers it.
        let scanned = try await fixture.client.scan(DynamoDB.ScanInput(tableName: "things"))
        #expect(body["items"] == scanned.awsValue.jsonValue["Items"])
    }

    @Test func pagesThroughATableWithLimitAndStart() async throws {
        let fixture = try Fixture()
        try await fixture.createTable("pages")
        for number in 1...5 {
            try await fixture.put("pages", ["pk": ddbString("p\(number)"), "sk": ddbNumber("\(number)")])
        }
        var seen: [String] = []
        var start: JSONValue?
        var pageSizes: [Int] = []
        repeat {
            let query = start.map { "&start=" + Fixture.encoded($0.serializedString()) } ?? ""
            let (status, body) = try await fixture.api("/items?table=pages&limit=2" + query)
            #expect(status == .ok)
            let items = body["items"]?.arrayValue ?? []
            #expect(body["count"]?.int64Value == Int64(items.count))
            pageSizes.append(items.count)
            seen += items.compactMap { $0["pk"]?["S"]?.stringValue }
            start = body["lastEvaluatedKey"]
            if let start {
                #expect(start["pk"] == items.last?["pk"])
                #expect(start["sk"] == items.last?["sk"])
            }
        } while start != nil && pageSizes.count < 10
        #expect(pageSizes == [2, 2, 1])
        #expect(Set(seen) == ["p1", "p2", "p3", "p4", "p5"])
        #expect(seen.count == 5)

        let (_, whole) = try await fixture.api("/items?table=pages")
        #expect(whole["items"]?.arrayValue?.count == 5)
        #expect(whole["lastEvaluatedKey"] == nil)
    }

    @Test func pagesThroughABinaryKey() async throws {
        let fixture = try Fixture()
        _ = try await fixture.client.createTable(DynamoDB.CreateTableInput(
            attributeDefinitions: [DynamoDB.AttributeDefinition(attributeName: "id", attributeType: "B")],
            tableName: "blobs", keySchema: [DynamoDB.KeySchemaElement(attributeName: "id", keyType: "HASH")],
            billingMode: "PAY_PER_REQUEST"))
        for byte in [UInt8(1), 2, 3] {
            try await fixture.put("blobs", ["id": DynamoDB.AttributeValue(b: Data([byte, 255]))])
        }
        var keys: [String] = []
        var start: JSONValue?
        for _ in 0..<4 {
            let query = start.map { "&start=" + Fixture.encoded($0.serializedString()) } ?? ""
            let (status, body) = try await fixture.api("/items?table=blobs&limit=1" + query)
            #expect(status == .ok)
            keys += body["items"]?.arrayValue?.compactMap { $0["id"]?["B"]?.stringValue } ?? []
            start = body["lastEvaluatedKey"]
            if start == nil { break }
        }
        #expect(Set(keys) == Set([1, 2, 3].map { Data([UInt8($0), 255]).base64EncodedString() }))
        #expect(keys.count == 3)
    }

    @Test func refusesABadLimit() async throws {
        let fixture = try Fixture()
        try await fixture.createTable("tee")
        for limit in ["0", "1001", "-3", "ten", "2.5"] {
            let (status, body) = try await fixture.api("/items?table=tee&limit=\(limit)")
            #expect(status == .badRequest, "limit=\(limit)")
            #expect(body["error"] == "ValidationException")
            #expect(body["message"]?.stringValue?.contains("limit") == true)
        }
        for limit in ["1", "1000"] {
            let (status, _) = try await fixture.api("/items?table=tee&limit=\(limit)")
            #expect(status == .ok, "limit=\(limit)")
        }
    }

    @Test func refusesAMalformedStart() async throws {
        let fixture = try Fixture()
        try await fixture.createTable("tee")
        for start in ["nope", "{}", "[1]", #"{"pk":"a"}"#, #"{"pk":{"X":"a"}}"#, #"{"pk":{"S":1}}"#,
                      #"{"pk":{"B":"***"}}"#, #"{"pk":{"S":"a","N":"1"}}"#] {
            let (status, body) = try await fixture.api("/items?table=tee&start=\(Fixture.encoded(start))")
            #expect(status == .badRequest, "start=\(start)")
            #expect(body["error"] == "ValidationException")
            #expect(body["message"]?.stringValue?.contains("start") == true)
        }
        // Well formed but not the table's key: the service's own ValidationException.
        let (status, body) = try await fixture.api("/items?table=tee&start=\(Fixture.encoded(#"{"other":{"S":"a"}}"#))")
        #expect(status == .badRequest)
        #expect(body["error"] == "ValidationException")
    }

    @Test func scansAndQueriesASecondaryIndex() async throws {
        let fixture = try Fixture()
        try await fixture.createTable("people", index: true)
        try await fixture.put("people", ["pk": ddbString("a"), "sk": ddbNumber("1"), "owner": ddbString("ann")])
        try await fixture.put("people", ["pk": ddbString("a"), "sk": ddbNumber("2"), "owner": ddbString("bob")])
        try await fixture.put("people", ["pk": ddbString("b"), "sk": ddbNumber("1")])
        let (_, index) = try await fixture.api("/items?table=people&index=by-owner")
        #expect(Set(index["items"]?.arrayValue?.compactMap { $0["owner"]?["S"]?.stringValue } ?? []) == ["ann", "bob"])
        #expect(index["count"] == 2)

        let (_, byOwner) = try await fixture.api("/items?table=people&index=by-owner&partition=bob")
        #expect(byOwner["items"]?.arrayValue?.map { $0["sk"] } == [["N": "2"]])

        let (_, partition) = try await fixture.api("/items?table=people&partition=a")
        #expect(partition["items"]?.arrayValue?.map { $0["sk"] } == [["N": "1"], ["N": "2"]])
        #expect(partition["count"] == 2)

        let (_, emptyPartition) = try await fixture.api("/items?table=people&partition=")
        #expect(emptyPartition["count"] == 3)  // an empty partition is a Scan

        let (_, paged) = try await fixture.api("/items?table=people&partition=a&limit=1")
        #expect(paged["lastEvaluatedKey"]?["sk"] == ["N": "1"])

        let (missingStatus, missing) = try await fixture.api("/items?table=people&index=nope")
        #expect(missingStatus == .badRequest)
        #expect(missing["error"] == "ValidationException")
        let (queryStatus, query) = try await fixture.api("/items?table=people&index=nope&partition=a")
        #expect(queryStatus == .badRequest)
        #expect(query["message"]?.stringValue?.contains("nope") == true)
    }

    @Test func queriesANumberPartitionKey() async throws {
        let fixture = try Fixture()
        _ = try await fixture.client.createTable(DynamoDB.CreateTableInput(
            attributeDefinitions: [DynamoDB.AttributeDefinition(attributeName: "year", attributeType: "N")],
            tableName: "years", keySchema: [DynamoDB.KeySchemaElement(attributeName: "year", keyType: "HASH")],
            billingMode: "PAY_PER_REQUEST"))
        try await fixture.put("years", ["year": ddbNumber("2024"), "label": ddbString("leap")])
        try await fixture.put("years", ["year": ddbNumber("2025")])
        let (_, found) = try await fixture.api("/items?table=years&partition=2024")
        #expect(found["items"] == [["year": ["N": "2024"], "label": ["S": "leap"]]])
        let (status, bad) = try await fixture.api("/items?table=years&partition=soon")
        #expect(status == .badRequest)
        #expect(bad["error"] == "ValidationException")
    }

    @Test func wrongMethodsAndUnknownRoutesAreRefused() async throws {
        let fixture = try Fixture()
        for route in ["/tables", "/table?name=tee", "/items?table=tee"] {
            for method in [HTTPRequest.Method.post, .delete, .put] {
                let response = await fixture.request(method, "/_stratus/console/api/dynamodb" + route)
                #expect(response.status == .methodNotAllowed, "\(method) \(route)")
                #expect(response.headerFields[.allow] == "GET")
                #expect(try JSONValue.parse(response.body)["error"] == "MethodNotAllowed")
            }
        }
        for route in ["/nothing", "/tables/x", "", "/"] {
            let response = await fixture.request(.get, "/_stratus/console/api/dynamodb" + route)
            #expect(response.status == .notFound, "\(route)")
            let body = try JSONValue.parse(response.body)
            #expect(body["error"] == "NotFound")
            #expect(body["message"] == .string("No console API at /_stratus/console/api/dynamodb\(route)"))
        }
    }
}
