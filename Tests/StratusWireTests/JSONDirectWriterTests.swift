import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusAPISQS
import StratusJSON
import StratusServiceKit
import Testing
@testable import StratusWire

/// The direct `AWSValue` → bytes writer writes exactly what the general path (map, then serialize) writes, and
/// leaves alone what does not fit.
@Suite struct JSONDirectWriterTests {
    private func check(_ value: AWSValue, _ service: ServiceSchema, output operation: String) throws {
        let shape = try #require(service.operation(named: operation)?.output?.shape)
        let general = try AWSJSONShapeMapper(service: service).write(value, shape: shape).serialized()
        let direct = AWSJSONDirectWriter(shapes: service.shapes, usesLocationNames: true).write(value, shape: shape)
        #expect(direct.map { String(decoding: $0, as: UTF8.self) } == String(decoding: general, as: UTF8.self))
    }

    @Test func sendMessageResult() throws {
        try check(
            [
                "MessageId": "5fea7756-0ea4-451a-a703-a558b933e274", "MD5OfMessageBody": "fafb00f5732ab283681e124bf8747ed1",
                "SequenceNumber": .null, "Unknown": "x",
            ], .sqs, output: "SendMessage")
    }

    @Test func getItemWithEscapesNumbersAndNesting() throws {
        let item: AWSValue = [
            "pk": ["S": "a \"quoted\" \\ line\nnext\u{1}é𝄞"], "n": ["N": "1.5"], "b": ["B": .blob(Data([0, 1, 255]))],
            "l": ["L": [["S": "x"], ["BOOL": true], ["NULL": true]]], "m": ["M": ["k": ["NS": ["1", "2"]]]],
            "e": ["SS": []],
        ]
        try check(["Item": item, "ConsumedCapacity": ["TableName": "t", "CapacityUnits": 1.0, "ReadCapacityUnits": 0.5]],
                  .dynamoDB, output: "GetItem")
        try check(.emptyObject, .dynamoDB, output: "PutItem")
    }

    @Test func describeTableWithTimestampsAndIntegers() throws {
        let table: AWSValue = [
            "TableName": "t", "TableStatus": "ACTIVE", "CreationDateTime": .timestamp(Date(timeIntervalSince1970: 1_700_000_000.123)),
            "ItemCount": .integer(0), "TableSizeBytes": .integer(1_234_567_890_123),
            "KeySchema": [["AttributeName": "pk", "KeyType": "HASH"], .null],
            "ProvisionedThroughput": ["ReadCapacityUnits": .integer(5), "WriteCapacityUnits": .integer(7)],
        ]
        try check(["Table": table], .dynamoDB, output: "DescribeTable")
    }

    @Test func echoOutputAndSpecialDoubles() throws {
        let service = RPCTestSupport.echoService
        try check(["Name": "n", "When": .timestamp(Date(timeIntervalSince1970: 0))], service, output: "Echo")
        let shape = try #require(service.operation(named: "Echo")?.output?.shape)
        let writer = AWSJSONDirectWriter(shapes: service.shapes, usesLocationNames: true)
        // Values that do not fit their shapes are the general path's to report.
        #expect(writer.write(["Name": .integer(1)], shape: shape) == nil)
        #expect(writer.write(.string("x"), shape: shape) == nil)
        #expect(AWSJSONDirectWriter(shapes: service.shapes, usesLocationNames: true).write(["Doc": ["a": 1]], shape: 3) == nil)
    }
}
