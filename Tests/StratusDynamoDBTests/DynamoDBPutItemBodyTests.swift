import Foundation
import HTTPTypes
import StratusAPIDynamoDB
@testable import StratusDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit
import StratusWire
import Testing

/// `DynamoDBPutItemBody` (PutItem read straight from its JSON bytes) against the generic path it shortcuts: JSON
/// decode, model validation, typed input, `DynamoDBValue.item(wire:)`. Whatever the reader accepts, the generic path
/// must accept with the same table name and item; what it leaves (`nil`) goes the generic way.
@Suite struct DynamoDBPutItemBodyTests {
    static func generic(_ body: String) -> DynamoDBPutItemBody? {
        let head = HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/")
        let request = WireRequest(head: head, body: Array(body.utf8))
        guard let operation = ServiceSchema.dynamoDB.operation(named: "PutItem"),
            let value = try? AWSJSONCodec(version: .v1_0).decodeRequest(request, operation: operation, service: .dynamoDB),
            (try? ModelValidator(service: .dynamoDB).validate(value, operation: operation)) != nil,
            let input = try? DynamoDB.PutItemInput(awsValue: value),
            let item = try? DynamoDBValue.item(wire: input.item)
        else { return nil }
        return DynamoDBPutItemBody(tableName: input.tableName, item: item)
    }

    static func fast(_ body: String) -> DynamoDBPutItemBody? { DynamoDBPutItemBody.read(Array(body.utf8)) }

    static let read: [String] = [
        #"{"TableName":"orders","Item":{"pk":{"S":"order-1"},"sk":{"S":"0"},"count":{"N":"42"}}}"#,
        #"  {  "Item" : { "pk" : { "S" : "a" } } ,  "TableName" : "t_1.x-y"  }  "#,
        #"{"TableName":"t1","Item":{"pk":{"S":""},"n":{"N":"-1.50E+3"},"big":{"N":"12345678901234567890123456789012345678"}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"S":"ünïcødé ✓ 𝄞"},"flag":{"BOOL":true},"off":{"BOOL":false},"none":{"NULL":true}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"S":"k"},"tags":{"SS":["b","a"]},"scores":{"NS":["1","2.5","-3"]}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"S":"k"},"doc":{"M":{"inner":{"L":[{"S":"x"},{"N":"1"},{"M":{}},{"L":[]}]}}}}}"#,
        #"{"TableName":"arn:aws:dynamodb:us-east-1:000000000000:table/orders","Item":{"pk":{"S":"k"}}}"#,
        #"{"TableName":"t1","Item":{}}"#,
        "{\"TableName\":\"t1\",\"Item\":{\"pk\":{\"S\":\"tab\there\"}}}".replacingOccurrences(of: "\t", with: " "),
    ]

    static let leftToTheGenericPath: [String] = [
        #"{"TableName":"t1","Item":{"pk":{"S":"with \"escape\""}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"S":"k"},"bin":{"B":"AAEC"}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"S":"k"},"bins":{"BS":["AAEC"]}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"S":"k"}},"ReturnValues":"ALL_OLD"}"#,
        #"{"TableName":"t1","Item":{"pk":{"S":"k"}},"ConditionExpression":null}"#,
        #"{"TableName":"t1","Item":{"pk":{"S":"k"}},"Unknown":1}"#,
        #"{"TableName":"t1","TableName":"t2","Item":{"pk":{"S":"k"}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"S":"k"},"pk":{"S":"j"}}}"#,
        #"{"TableName":"t1","Item":{"pk":{}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"S":"k","N":"1"}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"S":null}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"NULL":false}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"N":"1e200"}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"N":"abc"}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"SS":[]}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"SS":["a","a"]}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"NS":["1","1.0"]}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"S":1}}}"#,
        #"{"TableName":"","Item":{"pk":{"S":"k"}}}"#,
        #"{"TableName":"t1"}"#,
        #"{"Item":{"pk":{"S":"k"}}}"#,
        #"{"TableName":"t1","Item":{"pk":{"S":"k"}}} x"#,
        #"{"TableName":"t1","Item":{"pk":{"S":"k"}}"#,
        #"[{"TableName":"t1"}]"#,
        "",
        "{\"TableName\":\"\(String(repeating: "t", count: 1025))\",\"Item\":{\"pk\":{\"S\":\"k\"}}}",
        "{\"TableName\":\"t1\",\"Item\":{\"d\":" + String(repeating: #"{"M":{"x":"#, count: 17) + #"{"S":"deep"}"#
            + String(repeating: "}}", count: 17) + "}}",
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

    @Test func nestingUpToTheReadersLimitIsRead() throws {
        let depth = DynamoDBAttributeJSONReader.maximumNesting
        let body = "{\"TableName\":\"t1\",\"Item\":{\"d\":" + String(repeating: #"{"M":{"x":"#, count: depth)
            + #"{"L":[{"S":"deep"}]}"# + String(repeating: "}}", count: depth) + "}}"
        #expect(Self.fast(body) == nil)
        let shallower = "{\"TableName\":\"t1\",\"Item\":{\"d\":" + String(repeating: #"{"M":{"x":"#, count: depth - 1)
            + #"{"L":[{"S":"deep"}]}"# + String(repeating: "}}", count: depth - 1) + "}}"
        let fast = try #require(Self.fast(shallower))
        #expect(Self.generic(shallower) == fast)
    }
}
