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

    /// Seeded mutations of real bodies (bytes replaced, inserted or dropped from a set that matters to JSON): the
    /// direct reader either leaves a body or reads it exactly as the general path does.
    @Test func mutatedBodiesAgree() throws {
        let shape = try input(.dynamoDB, "PutItem")
        let seeds = [
            #"{"TableName":"t","Item":{"pk":{"S":"a"},"n":{"N":"12"},"l":{"L":[{"S":"x"},{"BOOL":true}]},"b":{"B":"aGk="}},"ReturnValues":"NONE"}"#,
            #"{"Item":{"m":{"M":{"k":{"SS":["a","b"]},"z":{"NULL":true}}}},"TableName":"tbl","Expected":{"pk":{"Exists":false}}}"#,
        ]
        let alphabet = Array(#"{}[]:,"\ 0123456789-.eEtrufalsn/ATSNBLMé"#.utf8) + [0x00, 0x0A, 0xC3, 0xFF]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var answered = 0
        for round in 0..<3000 {
            var bytes = Array(seeds[round % seeds.count].utf8)
            for _ in 0..<(1 + next(3)) {
                let position = next(bytes.count)
                switch next(3) {
                case 0: bytes[position] = alphabet[next(alphabet.count)]
                case 1: bytes.insert(alphabet[next(alphabet.count)], at: position)
                default: bytes.remove(at: position)
                }
            }
            let mapper = AWSJSONShapeMapper(service: .dynamoDB)
            guard let read = mapper.read(jsonBytes: bytes, shape: shape) else { continue }
            answered += 1
            let json = try? RPCJSONText.parse(bytes)
            let general = json.flatMap { try? mapper.read($0, shape: shape) }
            #expect(read == general, "\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(answered > 100)
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
