import Foundation
import HTTPTypes
import StratusAPIDynamoDB
@testable import StratusDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit
import StratusWire
import Testing

/// `DynamoDBGetItemBody` (GetItem read straight from its JSON bytes) and its answer against the generic path it
/// shortcuts: what the reader accepts the generic path must accept with the same table, key and `ConsistentRead`;
/// the fast answer must equal the generic output's `AWSValue`, and fail with the same errors.
@Suite struct DynamoDBGetItemBodyTests {
    static func genericInput(_ body: String) -> DynamoDB.GetItemInput? {
        let head = HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/")
        let request = WireRequest(head: head, body: Array(body.utf8))
        guard let operation = ServiceSchema.dynamoDB.operation(named: "GetItem"),
            let value = try? AWSJSONCodec(version: .v1_0).decodeRequest(request, operation: operation, service: .dynamoDB),
            (try? ModelValidator(service: .dynamoDB).validate(value, operation: operation)) != nil
        else { return nil }
        return try? DynamoDB.GetItemInput(awsValue: value)
    }

    static func generic(_ body: String) -> DynamoDBGetItemBody? {
        guard let input = genericInput(body), let key = try? DynamoDBValue.item(wire: input.key) else { return nil }
        return DynamoDBGetItemBody(tableName: input.tableName, key: key, consistentRead: input.consistentRead)
    }

    static func fast(_ body: String) -> DynamoDBGetItemBody? { DynamoDBGetItemBody.read(Array(body.utf8)) }

    static let read: [String] = [
        #"{"TableName":"orders","Key":{"pk":{"S":"order-1"},"sk":{"N":"0"}}}"#,
        #"{"TableName":"orders","Key":{"pk":{"S":"order-1"}},"ConsistentRead":true}"#,
        #" { "ConsistentRead" : false , "Key" : { "pk" : { "S" : "a" } } , "TableName" : "t_1.x-y" } "#,
        #"{"TableName":"arn:aws:dynamodb:us-east-1:000000000000:table/orders","Key":{"pk":{"S":"ünïcødé ✓"}}}"#,
        #"{"TableName":"t1","Key":{}}"#,
    ]

    static let leftToTheGenericPath: [String] = [
        #"{"TableName":"t1","Key":{"pk":{"S":"k"}},"ProjectionExpression":"a"}"#,
        #"{"TableName":"t1","Key":{"pk":{"S":"k"}},"AttributesToGet":["a"]}"#,
        #"{"TableName":"t1","Key":{"pk":{"S":"k"}},"ReturnConsumedCapacity":"TOTAL"}"#,
        #"{"TableName":"t1","Key":{"pk":{"S":"k"}},"ConsistentRead":null}"#,
        #"{"TableName":"t1","Key":{"pk":{"S":"k"}},"ConsistentRead":"true"}"#,
        #"{"TableName":"t1","Key":{"pk":{"S":"k"}},"ConsistentRead":true,"ConsistentRead":false}"#,
        #"{"TableName":"t1","Key":{"pk":{"S":"with \"escape\""}}}"#,
        #"{"TableName":"t1","Key":{"pk":{"B":"AAEC"}}}"#,
        #"{"TableName":"t1","Key":{"pk":{"S":"k"},"pk":{"S":"j"}}}"#,
        #"{"TableName":"t1","Key":{"pk":{}}}"#,
        #"{"TableName":"t1","Key":{"pk":{"N":"abc"}}}"#,
        #"{"TableName":"t1","Key":{"pk":{"S":"k"}},"Unknown":1}"#,
        #"{"TableName":"","Key":{"pk":{"S":"k"}}}"#,
        #"{"TableName":"t1"}"#,
        #"{"Key":{"pk":{"S":"k"}}}"#,
        #"{"TableName":"t1","Key":{"pk":{"S":"k"}}"#,
        #"{"TableName":"t1","Key":{"pk":{"S":"k"}}} x"#,
        "",
    ]

    @Test(arguments: read)
    func readsWhatTheGenericPathReadsTheSame(body: String) throws {
        let fast = try #require(Self.fast(body), "the reader should take this body itself")
        #expect(Self.generic(body) == fast)
    }

    @Test(arguments: leftToTheGenericPath)
    func leavesEverythingElse(body: String) {
        #expect(Self.fast(body) == nil)
    }

    /// Every attribute type, nested: the direct `AWSValue` equals the wire form's.
    @Test func directAWSValueEqualsTheWireForms() throws {
        let nested: DynamoDBItem = [
            "s": .string("text ✓"), "n": .number(try DynamoDBNumber("-12.50")), "b": .binary([0, 1, 255]),
            "ss": .stringSet(["b", "a"]), "ns": try DynamoDBValue.numberSet(parsing: ["3", "1.5"]),
            "bs": .binarySet([[1], [2, 3]]), "null": .null, "t": .bool(true), "f": .bool(false),
            "l": .list([.string("x"), .list([]), .map([:]), .number(try DynamoDBNumber("7"))]),
        ]
        let item: DynamoDBItem = nested.merging(["m": .map(nested), "z": .map(["deep": .map(nested)])]) { a, _ in a }
        #expect(DynamoDBValue.awsValue(item: item) == DynamoDBValue.wire(item: item).awsValue)
        #expect(DynamoDBValue.awsValue(item: [:]) == DynamoDBValue.wire(item: [:]).awsValue)
        for value in item.values { #expect(value.awsValue == value.wire.awsValue) }
    }

    /// The service's fast answer and the generic one, for a hit, a miss and the key errors.
    @Test func answersAsTheGenericPathDoes() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("orders")
        try await fixture.put("orders", [
            "pk": s("a"), "sk": n("1"), "payload": s("x"), "tags": DynamoDB.AttributeValue(ss: ["q", "p"]),
            "doc": DynamoDB.AttributeValue(m: ["inner": DynamoDB.AttributeValue(l: [n("2"), DynamoDB.AttributeValue(bool: true)])]),
        ])
        let bodies = [
            #"{"TableName":"orders","Key":{"pk":{"S":"a"},"sk":{"N":"1"}}}"#,
            #"{"TableName":"orders","Key":{"pk":{"S":"a"},"sk":{"N":"1.0"}},"ConsistentRead":true}"#,
            #"{"TableName":"orders","Key":{"pk":{"S":"a"},"sk":{"N":"2"}}}"#,
            #"{"TableName":"orders","Key":{"pk":{"S":"a"}}}"#,
            #"{"TableName":"orders","Key":{"pk":{"S":"a"},"sk":{"S":"1"}}}"#,
            #"{"TableName":"orders","Key":{"pk":{"S":"a"},"sk":{"N":"1"},"extra":{"S":"e"}}}"#,
            #"{"TableName":"missing","Key":{"pk":{"S":"a"},"sk":{"N":"1"}}}"#,
        ]
        for body in bodies {
            let request = try #require(Self.fast(body))
            let input = try #require(Self.genericInput(body))
            var fastError: AWSServiceError?
            var fastAnswer: AWSValue?
            do { fastAnswer = try await fixture.service.getItem(request, context: fixture.context) } catch let error as AWSServiceError {
                fastError = error
            }
            var genericError: AWSServiceError?
            var genericAnswer: AWSValue?
            do { genericAnswer = try await fixture.service.getItem(input, context: fixture.context).awsValue } catch let error as AWSServiceError {
                genericError = error
            }
            #expect(fastAnswer == genericAnswer, "\(body)")
            #expect(fastError?.code == genericError?.code && fastError?.message == genericError?.message, "\(body)")
            #expect((fastAnswer == nil) == (fastError != nil), "\(body)")
        }
    }
}
