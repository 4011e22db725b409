import OrderedCollections
import StratusJSON
import Testing

@Suite("JSON parsing")
struct JSONParsingTests {
    @Test func parsesScalars() throws {
        #expect(try JSONValue.parse("null") == .null)
        #expect(try JSONValue.parse("true") == .bool(true))
        #expect(try JSONValue.parse(" false ") == .bool(false))
        #expect(try JSONValue.parse("\"hi\"") == .string("hi"))
        #expect(try JSONValue.parse("42").numberValue?.int64Value == 42)
        #expect(try JSONValue.parse("-1.5").doubleValue == -1.5)
    }

    @Test func parsesFromBytesOfAnyCollection() throws {
        let bytes: [UInt8] = Array(#"{"a":[1,2]}"#.utf8)
        #expect(try JSONValue.parse(bytes)["a"]?[1] == 2)
        // A non-contiguous collection goes through a copy.
        let reversed = bytes.reversed().reversed()
        #expect(try JSONValue.parse(reversed)["a"]?[0] == 1)
        #expect(try JSONValue.parse(bytes[...])["a"]?.arrayValue?.count == 2)
    }

    @Test func objectsKeepInsertionOrder() throws {
        let value = try JSONValue.parse(#"{"z":1,"a":2,"m":3}"#)
        #expect(value.objectValue.map { Array($0.keys) } == ["z", "a", "m"])
        #expect(value.serializedString() == #"{"z":1,"a":2,"m":3}"#)
    }

    @Test func duplicateKeysKeepLastValueAtFirstPosition() throws {
        let value = try JSONValue.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(value.serializedString() == #"{"a":3,"b":2}"#)
    }

    @Test func subscriptsAndAccessors() throws {
        let value = try JSONValue.parse(#"{"list":[true,"x",null,{"k":1}],"n":7}"#)
        #expect(value["list"]?[0]?.boolValue == true)
        #expect(value["list"]?[1]?.stringValue == "x")
        #expect(value["list"]?[2]?.isNull == true)
        #expect(value["list"]?[3]?["k"]?.int64Value == 1)
        #expect(value["list"]?[4] == nil)
        #expect(value["list"]?[-1] == nil)
        #expect(value["missing"] == nil)
        #expect(value["n"]?["k"] == nil)
        #expect(value[0] == nil)
        #expect(value["n"]?.stringValue == nil)
        #expect(value.objectValue?.count == 2)
        #expect(value["list"]?.arrayValue?.count == 4)
        #expect(value.isNull == false)
        #expect(value.typeName == "object")
    }

    @Test func allEscapes() throws {
        let value = try JSONValue.parse(#""\"\\\/\b\f\n\r\t\u0041\u00e9\u20AC""#)
        #expect(value == .string("\"\\/\u{08}\u{0C}\n\r\tAé€"))
    }

    @Test func surrogatePairsAndLoneSurrogates() throws {
        #expect(try JSONValue.parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try JSONValue.parse(#""a\uD83Db""#) == .string("a\u{FFFD}b"))
        #expect(try JSONValue.parse(#""\uDE00""#) == .string("\u{FFFD}"))
        // A high surrogate followed by a non-surrogate escape keeps that escape.
        #expect(try JSONValue.parse(#""\uD83D\u0041""#) == .string("\u{FFFD}A"))
    }

    @Test func rawUnicodePassesThrough() throws {
        let text = "\"héllo wörld 日本 😀\""
        #expect(try JSONValue.parse(text) == .string("héllo wörld 日本 😀"))
        #expect(try JSONValue.parse(Array(text.utf8)) == .string("héllo wörld 日本 😀"))
        #expect(try JSONValue.parse(#""é\n😀""#) == .string("é\n😀"))
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = 512
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSONValue.parse(text)
        var levels = 1
        while let inner = value[0] {
            value = inner
            levels += 1
        }
        #expect(levels == depth)
    }

    @Test func nestingBeyondTheLimitIsRejected() {
        let text = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        let hostile = String(repeating: "{\"a\":", count: 100_000)
        do {
            _ = try JSONValue.parse(hostile)
            Issue.record("expected a nesting error")
        } catch {
            #expect(error.message.contains("nesting"))
            #expect(error.offset == 512 * 5)
        }
    }

    @Test func whitespaceIsAllowedAroundTokens() throws {
        let value = try JSONValue.parse(" \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" : { } }\n")
        #expect(value == ["a": [1, 2], "b": [:]])
    }

    @Test func errorsReportLineAndColumn() {
        do {
            _ = try JSONValue.parse("{\n  \"a\": 1,\n  \"b\" 2\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 7)
            #expect(error.offset == 18)
            #expect(error.message.contains("':'"))
            #expect(error.description.contains("line 3, column 7"))
        }
    }

    @Test func equalityIgnoresMemberOrderAndHashesConsistently() throws {
        let a = try JSONValue.parse(#"{"x":1,"y":[1,2.0]}"#)
        let b = try JSONValue.parse(#"{"y":[1.0,2],"x":1.0}"#)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(a != (try JSONValue.parse(#"{"x":1,"y":[2,1]}"#)))
        #expect(a != (try JSONValue.parse(#"{"x":1}"#)))
        #expect(JSONValue.string("1") != JSONValue.number(1))
        #expect(JSONValue.null != JSONValue.bool(false))
    }

    @Test func literals() {
        let value: JSONValue = ["s": "t", "i": 1, "d": 1.5, "b": true, "n": nil, "a": [1, "two"], "o": ["k": "v"]]
        #expect(value.serializedString() == #"{"s":"t","i":1,"d":1.5,"b":true,"n":null,"a":[1,"two"],"o":{"k":"v"}}"#)
    }
}
