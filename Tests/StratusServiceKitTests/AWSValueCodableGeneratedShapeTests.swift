import Foundation
import StratusAPIDynamoDB
import StratusServiceKit
import Testing

/// The bridge against real generated shapes (recursive `AttributeValue`, open string enumerations).
@Suite("AWSValue Codable bridge with generated shapes")
struct AWSValueCodableGeneratedShapeTests {
    @Test func putItemInputRoundTrips() throws {
        let wire: AWSValue = [
            "TableName": "Music",
            "Item": [
                "Artist": ["S": "No One You Know"],
                "Plays": ["N": "42"],
                "Cover": ["B": .blob(Data([0xFF, 0x00]))],
                "Details": ["M": ["Tags": ["L": [["S": "a"], ["NULL": true], ["SS": ["x", "y"]]]]]],
            ],
            "ReturnValues": "ALL_OLD",
            "ReturnConsumedCapacity": "SOMETHING_NEW",
        ]
        let input = try AWSValueDecoder().decode(DynamoDB.PutItemInput.self, from: wire)
        #expect(input.tableName == "Music")
        #expect(input.item["Plays"]?.n == "42")
        #expect(input.item["Cover"]?.b == Data([0xFF, 0x00]))
        #expect(input.item["Details"]?.m?["Tags"]?.l?[1].null == true)
        #expect(input.item["Details"]?.m?["Tags"]?.l?[2].ss == ["x", "y"])
        #expect(input.returnValues?.rawValue == "ALL_OLD")
        // Values outside the model's enumeration are kept.
        #expect(input.returnConsumedCapacity?.rawValue == "SOMETHING_NEW")
        #expect(input.conditionExpression == nil)

        let encoded = try AWSValueEncoder().encode(input)
        #expect(encoded[member: "TableName"] == "Music")
        #expect(encoded[member: "ConditionExpression"] == nil)
        #expect(encoded[member: "Item"]?[member: "Details"] == wire[member: "Item"]?[member: "Details"])
        #expect(try AWSValueDecoder().decode(DynamoDB.PutItemInput.self, from: encoded) == input)
    }

    @Test func missingRequiredMemberOfGeneratedShapeNamesIt() {
        do {
            _ = try AWSValueDecoder().decode(DynamoDB.PutItemInput.self, from: ["TableName": "Music"])
            Issue.record("expected keyNotFound")
        } catch DecodingError.keyNotFound(let key, _) {
            #expect(key.stringValue == "Item")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
