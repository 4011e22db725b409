import Foundation
import StratusAPIDynamoDB
import StratusAPISQS
import StratusJSON
import StratusServiceKit
import Testing
@testable import StratusWire

/// The direct bytes → `AWSValue` reader agrees with the general path (parse, then map) whenever it answers, and
/// answers for the common request bodies.
@Suite struct JSONBytesReaderTests {
    /// The general path's answer, `nil` when it fails.
    private func general(_ body: String, _ service: ServiceSchema, _ shape: ShapeID) -> AWSValue? {
        guard let json = try? RPCJSONText.parse(Array(body.utf8)), case .object = json else { return nil }
        return try? AWSJSONShapeMapper(service: service).read(json, shape: shape)
    }

    private func direct(_ body: String, _ service: ServiceSchema, _ shape: ShapeID) -> AWSValue? {
        AWSJSONShapeMapper(service: service).read(jsonBytes: Array(body.utf8), shape: shape)
    }

    private func input(_ service: ServiceSchema, _ operation: String) throws -> ShapeID {
        try #require(service.operation(named: operation)?.input?.shape)
    }

    @Test(arguments: [
        #"{"TableName":"t","Item":{"pk":{"S":"a"},"sk":{"S":"1"},"payload":{"S":"x y"},"count":{"N":"3"}}}"#,
        #" { "Item" : { "b" : { "BOOL" : true } , "n" : { "NULL" : true } } , "TableName" : "t" } "#,
        #"{"TableName":"t","Item":{"l":{"L":[{"S":"a"},{"N":"1"}]},"m":{"M":{"k":{"SS":["a","b"]}}}},"Unknown":[1,{"a":null},"z",false]}"#,
        #"{"TableName":"t","Item":{"é":{"S":"ü €𝄞"}},"ReturnValues":"ALL_OLD","Expected":null}"#,
        #"{"TableName":"t","Item":{"b":{"B":"aGk="}}}"#,
    ])
    func putItemBodiesReadDirectlyAsTheGeneralPathReadsThem(body: String) throws {
        let shape = try input(.dynamoDB, "PutItem")
        let expected = try #require(general(body, .dynamoDB, shape))
        #expect(direct(body, .dynamoDB, shape) == expected)
    }

    @Test(arguments: [
        #"{"QueueUrl":"http://localhost:4566/000000000000/q","MessageBody":"benchmark message 1"}"#,
        #"{"QueueUrl":"u","MessageBody":"b","DelaySeconds":5,"MessageAttributes":{"a":{"DataType":"String","StringValue":"v"}}}"#,
        #"{"MessageBody":"b","QueueUrl":"u","MessageGroupId":"g"}"#,
    ])
    func sendMessageBodiesReadDirectly(body: String) throws {
        let shape = try input(.sqs, "SendMessage")
        let expected = try #require(general(body, .sqs, shape))
        #expect(direct(body, .sqs, shape) == expected)
    }

    /// Bodies the direct reader must leave to the general path (it fails them, or they need what the reader does
    /// not do), or answer exactly as the general path does.
    @Test(arguments: [
        "", "   ", "[]", "null", "{", "{}", "{} x", #"{"TableName":"t",}"#, #"{"TableName":"t""#, #"{,}"#,
        #"{"TableName":"t\u0041"}"#, #"{"Table\u004eame":"t"}"#, #"{"TableName":"t","TableName":"u"}"#,
        #"{"TableName":"t","TableName":null}"#, #"{"TableName":null,"TableName":"t"}"#, #"{"TableName":1}"#,
        #"{"TableName":"t","Item":{"a":{"N":"1"},"a":{"S":"x"}}}"#, #"{"TableName":"t","Item":{"a":null}}"#,
        #"{"TableName":"t","Item":{"é":{"S":"1"},"é":{"S":"2"}}}"#, #"{"TableName":"t","Unknown":01}"#,
        #"{"TableName":"t","Unknown":1.5}"#, #"{"TableName":"t","Unknown":1e3}"#, #"{"TableName":"t","Unknown":tru}"#,
        #"{"TableName":"t","Unknown":truex}"#, #"{"TableName":"t","Unknown":"\u0000"}"#, #"{"TableName":"t","U":[1,]}"#,
        "{\"TableName\":\"\u{7}\"}", "{\"TableName\":\"t\",\"Item\":{\"a\":{\"S\":\"\u{FF}\"}}}",
        #"{"TableName":"t","ReturnConsumedCapacity":true}"#, #"{"\u212Aey":"t"}"#, "{\"\u{212A}ey\":1}",
        #"{"TableName":"t","Item":{"b":{"B":"not base64!"}}}"#, #"{"TableName":"t","Item":{"b":{"BOOL":"true"}}}"#,
        #"{"TableName":"t","Item":{"l":{"L":[null,{"S":"a"}]}}}"#, #"{"TableName":-0}"#,
        #"{"TableName":"t","Unknown":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#,
    ])
    func leavesOrAgreesOnOddPutItemBodies(body: String) throws {
        let shape = try input(.dynamoDB, "PutItem")
        if let read = direct(body, .dynamoDB, shape) {
            #expect(read == general(body, .dynamoDB, shape), "\(body)")
        }
    }

    @Test func echoShapesAgree() throws {
        let service = RPCTestSupport.echoService
        let shape = try #require(service.operation(named: "Echo")?.input?.shape)
        let bodies = [
            #"{"Name":"abc","Count":3,"Ratio":2,"Flag":true,"Data":"aGk=","When":1398796238,"Tags":{"a":"b"},"Items":["x",null,"y"],"Mode":"FAST"}"#,
            #"{"Name":"abc","Ratio":-12,"Flag":false,"WhenISO":"2014-04-29T18:30:38Z","When":"1398796238"}"#,
            #"{"Count":-9223372036854775808}"#, #"{"Count":123456789012345678}"#, #"{"Ratio":"Infinity","Count":0}"#,
            #"{"Items":[],"Tags":{}}"#, #"{"Doc":{"k":1}}"#, #"{"Tags":{"n":null}}"#, #"{"WhenISO":1}"#,
        ]
        for body in bodies {
            if let read = direct(body, service, shape) {
                #expect(read == general(body, service, shape), "\(body)")
            }
        }
        #expect(direct(bodies[0], service, shape) != nil)
        #expect(direct(bodies[1], service, shape) != nil)
        #expect(direct(bodies[4], service, shape) != nil)
    }
}
