import StratusJSON
import Testing

@Suite("JSON serialization")
struct JSONSerializationTests {
    @Test func compactByDefault() throws {
        let value = try JSONValue.parse(#" { "a" : [ 1 , true , null , "x" ] , "b" : { } , "c" : [ ] } "#)
        #expect(value.serializedString() == #"{"a":[1,true,null,"x"],"b":{},"c":[]}"#)
        #expect(value.serialized() == Array(value.serializedString().utf8))
        #expect(value.description == value.serializedString())
    }

    @Test func pretty() throws {
        let value = try JSONValue.parse(#"{"a":[1,{"b":null}],"c":{},"d":[]}"#)
        let expected = """
            {
              "a": [
                1,
                {
                  "b": null
                }
              ],
              "c": {},
              "d": []
            }
            """
        #expect(value.serializedString(pretty: true) == expected)
        #expect(try JSONValue.parse(expected) == value)
    }

    @Test func sortedKeys() throws {
        let value = try JSONValue.parse(#"{"b":1,"a":{"z":1,"y":2},"B":0,"é":3}"#)
        #expect(value.serializedString(sortKeys: true) == #"{"B":0,"a":{"y":2,"z":1},"b":1,"é":3}"#)
        #expect(value.serializedString() == #"{"b":1,"a":{"z":1,"y":2},"B":0,"é":3}"#)
    }

    @Test func escapesOnOutput() {
        let value = JSONValue.string("q\" b\\ s/ \u{08}\u{0C}\n\r\t \u{00}\u{1F}\u{7F} é😀")
        #expect(value.serializedString() == #""q\" b\\ s/ \b\f\n\r\t \u0000\u001f"# + "\u{7F} é😀\"")
    }

    @Test(arguments: [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e\nf"},"g":-0.5,"h":12345678901234567890123}"#,
        #"["\u0000","\"","\\","😀",1.0,1e+21,1.5e-7,-9223372036854775808]"#,
        #"[[[[]]],{},[{}],"",0,0.0,-1]"#,
    ])
    func roundTrips(_ text: String) throws {
        let value = try JSONValue.parse(text)
        #expect(value.serializedString() == text)
        #expect(try JSONValue.parse(value.serialized()) == value)
        #expect(try JSONValue.parse(value.serializedString(pretty: true)) == value)
    }

    @Test func unicodeRoundTripsThroughEscapes() throws {
        let original = JSONValue.string("日本語 \u{1F600} \u{10FFFF} \u{2028}")
        #expect(try JSONValue.parse(original.serialized()) == original)
        let escaped = try JSONValue.parse(#""\u65e5\u672c\u8a9e \ud83d\ude00 \udbff\udfff \u2028""#)
        #expect(escaped == original)
    }
}
