import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusAPISQS
import StratusServiceKit
import Testing
import StratusTesting

/// The generated direct conversions give exactly what `AWSValueDecoder`/`AWSValueEncoder` give for real shapes:
/// nested structures, maps, lists, unions, open enumerations, blobs, timestamps and empty structures.
@Suite("AWSValueConvertible generated shapes")
struct AWSValueConvertibleGeneratedShapeTests {
    /// Decodes `wire` both ways, checks the values are equal, that both encodings are equal, and that the direct
    /// encoding converts back to the same value.
    @discardableResult
    private func agree<T: AWSValueConvertible & Codable & Equatable>(
        _ type: T.Type, _ wire: AWSValue, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> T {
        let direct = try T(awsValue: wire)
        let codable = try AWSValueDecoder().decode(T.self, from: wire)
        #expect(direct == codable, sourceLocation: sourceLocation)
        let written = direct.awsValue
        #expect(written == (try AWSValueEncoder().encode(codable)), sourceLocation: sourceLocation)
        #expect(try T(awsValue: written) == direct, sourceLocation: sourceLocation)
        #expect(try AWSValueDecoder().decode(T.self, from: written) == direct, sourceLocation: sourceLocation)
        return direct
    }

    /// Both ways fail on `wire`.
    private func bothFail<T: AWSValueConvertible & Codable>(
        _ type: T.Type, _ wire: AWSValue, sourceLocation: SourceLocation = #_sourceLocation
    ) -> AWSValueConversionError? {
        #expect(throws: (any Error).self, sourceLocation: sourceLocation) {
            try AWSValueDecoder().decode(T.self, from: wire)
        }
        return #expect(throws: AWSValueConversionError.self, sourceLocation: sourceLocation) {
            try T(awsValue: wire)
        }
    }

    @Test func putItemInputWithNestedAttributeValues() throws {
        let wire: AWSValue = [
            "TableName": "Music",
            "Item": [
                "Artist": ["S": "No One You Know"],
                "Plays": ["N": "42"],
                "Cover": ["B": .blob(Data([0xFF, 0x00]))],
                "Covers": ["BS": [.blob(Data([1])), "AgM="]],
                "Details": ["M": ["Tags": ["L": [["S": "a"], ["NULL": true], ["SS": ["x", "y"]], ["M": [:]]]]]],
                "Flag": ["BOOL": false, "S": .null],
            ],
            "Expected": ["Artist": ["Exists": true, "Value": ["S": "x"], "AttributeValueList": [["N": "1"]]]],
            "ReturnValues": "ALL_OLD",
            "ReturnConsumedCapacity": "SOMETHING_NEW",
            "ExpressionAttributeNames": ["#b": "b", "#a": "a"],
            "ConditionExpression": .null,
            "NotAMember": 3,
        ]
        let input = try agree(DynamoDB.PutItemInput.self, wire)
        #expect(input.item["Covers"]?.bs == [Data([1]), Data([2, 3])])
        #expect(input.item["Details"]?.m?["Tags"]?.l?[1].null == true)
        #expect(input.returnConsumedCapacity?.rawValue == "SOMETHING_NEW")
        #expect(input.conditionExpression == nil)
        let written = input.awsValue
        #expect(written.objectValue?.keys.elements == [
            "TableName", "Item", "Expected", "ReturnValues", "ReturnConsumedCapacity", "ExpressionAttributeNames",
        ])
        #expect(written[member: "Item"]?.objectValue?.keys.elements == ["Artist", "Cover", "Covers", "Details", "Flag", "Plays"])
        #expect(written[member: "ExpressionAttributeNames"]?.objectValue?.keys.elements == ["#a", "#b"])
    }

    @Test func randomAttributeValueTreesAgree() throws {
        var generator = SplitMix64(state: 0x5EED)
        for _ in 0..<200 {
            let item = AWSValue.object(.init(uniqueKeysWithValues: (0..<Int(generator.next() % 5)).map {
                ("k\($0)", Self.randomAttributeValue(&generator, depth: 0))
            }))
            try agree(DynamoDB.PutItemInput.self, ["TableName": "t", "Item": item])
            try agree(DynamoDB.QueryOutput.self, ["Items": [item, item], "Count": 2, "ScannedCount": 2.0])
        }
    }

    private static func randomAttributeValue(_ generator: inout SplitMix64, depth: Int) -> AWSValue {
        let data = AWSValue.blob(Data((0..<Int(generator.next() % 4)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }))
        switch generator.next() % (depth > 3 ? 7 : 9) {
        case 0: return ["S": .string("s\(generator.next() % 100)")]
        case 1: return ["N": .string("\(generator.next() % 1000)")]
        case 2: return ["B": data]
        case 3: return ["SS": ["a", "b"]]
        case 4: return ["BS": [data, data]]
        case 5: return ["NULL": true]
        case 6: return ["BOOL": .boolean(generator.next() % 2 == 0)]
        case 7:
            return ["L": .list((0..<Int(generator.next() % 4)).map { _ in randomAttributeValue(&generator, depth: depth + 1) })]
        default:
            return ["M": .object(.init(uniqueKeysWithValues: (0..<Int(generator.next() % 4)).map {
                ("m\(generator.next() % 10)-\($0)", randomAttributeValue(&generator, depth: depth + 1))
            }))]
        }
    }

    @Test func sendMessageBatchRequestWithBinaryAttributes() throws {
        let attributes: AWSValue = [
            "Bin": ["DataType": "Binary", "BinaryValue": .blob(Data([0, 1, 2]))],
            "List": ["DataType": "String", "StringListValues": ["a", "b"], "BinaryListValues": [.blob(Data([9]))]],
            "Text": ["DataType": "String", "StringValue": "hello"],
        ]
        let wire: AWSValue = [
            "QueueUrl": "http://localhost/000000000000/q",
            "Entries": [
                ["Id": "1", "MessageBody": "a", "DelaySeconds": 5.0, "MessageAttributes": attributes],
                [
                    "Id": "2", "MessageBody": "b", "MessageDeduplicationId": "d", "MessageGroupId": "g",
                    "MessageSystemAttributes": ["AWSTraceHeader": ["DataType": "String", "StringValue": "t"]],
                ],
            ],
        ]
        let request = try agree(SQS.SendMessageBatchRequest.self, wire)
        #expect(request.entries[0].delaySeconds == 5)
        #expect(request.entries[0].messageAttributes?["Bin"]?.binaryValue == Data([0, 1, 2]))
        #expect(request.entries[1].messageSystemAttributes?["AWSTraceHeader"]?.stringValue == "t")

        let missing = bothFail(SQS.SendMessageBatchRequest.self, ["QueueUrl": "q", "Entries": [["Id": "1"]]])
        #expect(missing?.path == ["Entries", "[0]", "MessageBody"])
        #expect(missing?.code == .missingMember)
        let fractional = bothFail(
            SQS.SendMessageBatchRequest.self,
            ["QueueUrl": "q", "Entries": [["Id": "1", "MessageBody": "b", "DelaySeconds": 1.5]]])
        #expect(fractional?.description == "Entries[0].DelaySeconds: 1.5 is not an integer that fits Int")
    }

    @Test func describeTableOutputWithTimestampsAndEnums() throws {
        let created = Date(timeIntervalSince1970: 1_700_000_000.5)
        let wire: AWSValue = [
            "Table": [
                "TableName": "Music",
                "TableStatus": "ACTIVE",
                "CreationDateTime": .timestamp(created),
                "KeySchema": [["AttributeName": "pk", "KeyType": "HASH"], ["AttributeName": "sk", "KeyType": "RANGE"]],
                "AttributeDefinitions": [["AttributeName": "pk", "AttributeType": "S"]],
                "ProvisionedThroughput": [
                    "LastIncreaseDateTime": 1_700_000_000, "LastDecreaseDateTime": 1_600_000_000.25,
                    "ReadCapacityUnits": 5, "WriteCapacityUnits": 5, "NumberOfDecreasesToday": 0,
                ],
                "TableSizeBytes": 0, "ItemCount": 0, "DeletionProtectionEnabled": false,
                "BillingModeSummary": ["BillingMode": "PAY_PER_REQUEST"],
            ],
        ]
        let output = try agree(DynamoDB.DescribeTableOutput.self, wire)
        #expect(output.table?.creationDateTime == created)
        #expect(output.table?.provisionedThroughput?.lastIncreaseDateTime == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(output.awsValue[member: "Table"]?[member: "ProvisionedThroughput"]?[member: "LastDecreaseDateTime"]
            == .timestamp(Date(timeIntervalSince1970: 1_600_000_000.25)))
        #expect(bothFail(DynamoDB.DescribeTableOutput.self, ["Table": ["CreationDateTime": "yesterday"]])?.path
            == ["Table", "CreationDateTime"])
    }

    @Test func emptyStructuresAndEnumerations() throws {
        try agree(DynamoDB.DescribeEndpointsRequest.self, ["Ignored": 1])
        #expect(DynamoDB.DescribeEndpointsRequest().awsValue == .emptyObject)
        _ = bothFail(DynamoDB.DescribeEndpointsRequest.self, "x")
        #expect(try DynamoDB.ReturnValue(awsValue: "UPDATED_NEW") == .updatedNew)
        #expect(DynamoDB.ReturnValue.allOld.awsValue == "ALL_OLD")
        _ = bothFail(DynamoDB.ReturnValue.self, 1)
    }
}
