import Foundation
import OrderedCollections
import StratusJSON
import StratusServiceKit
import Testing

@Suite("AWSValue generic JSON conversion")
struct AWSValueCodableJSONTests {
    @Test func fromJSONKeepsOrderAndNumberForms() throws {
        let json = try JSONValue.parse(#"{"z":1,"a":[1.5,2.0,"s",true,null],"big":123456789012345678901,"o":{}}"#)
        let value = AWSValue(json)
        #expect(value.objectValue.map { Array($0.keys) } == ["z", "a", "big", "o"])
        #expect(value[member: "z"] == .integer(1))
        #expect(value[member: "a"] == [.double(1.5), .double(2.0), "s", true, .null])
        #expect(value[member: "big"] == .double(1.2345678901234568e20))
        #expect(value[member: "o"] == .emptyObject)
    }

    @Test func toJSON() throws {
        let value: AWSValue = [
            "i": 3, "d": 2.0, "s": "x", "b": false, "n": .null, "blob": .blob(Data("hi".utf8)),
            "t": .timestamp(Date(timeIntervalSince1970: 1_515_531_081.123)), "whole": .timestamp(Date(timeIntervalSince1970: 5)),
            "nan": .double(.nan), "inf": .double(-.infinity), "l": [["k": 1]],
        ]
        #expect(value.jsonValue.serializedString() == #"{"i":3,"d":2.0,"s":"x","b":false,"n":null,"blob":"aGk=","t":1515531081.123,"whole":5,"nan":"NaN","inf":"-Infinity","l":[{"k":1}]}"#)
    }

    @Test func genericValuesRoundTripThroughJSON() throws {
        let text = #"{"a":[1,2.5,"x",{"b":null,"c":false}],"d":-9223372036854775808}"#
        let value = AWSValue(try JSONValue.parse(text))
        #expect(value.jsonValue.serializedString() == text)
    }

    @Test func documentsThroughFoundationJSONCoders() throws {
        let text = #"{"a":[1,2.5,"x",{"b":null,"c":false}]}"#
        let decoded = try JSONDecoder().decode(AWSValue.self, from: Data(text.utf8))
        // JSONDecoder reports object keys in no particular order: compare as JSON (order-insensitive).
        let expected: AWSValue = ["a": [1, 2.5, "x", ["b": .null, "c": false]]]
        #expect(decoded.jsonValue == expected.jsonValue)
        #expect(decoded[member: "a"]?.listValue?[0] == .integer(1))
        #expect(decoded[member: "a"]?.listValue?[1] == .double(2.5))
        let encoded = try JSONEncoder().encode(decoded)
        let reparsed = try JSONValue.parse(Array(encoded))
        #expect(reparsed == (try JSONValue.parse(text)))
        let special: AWSValue = [.blob(Data([1, 2])), .timestamp(Date(timeIntervalSince1970: 7))]
        let specialJSON = try JSONValue.parse(Array(try JSONEncoder().encode(special)))
        #expect(specialJSON == ["AQI=", 7])
    }
}
