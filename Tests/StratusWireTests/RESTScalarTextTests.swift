import Foundation
import StratusServiceKit
import Testing

@testable import StratusWire

@Suite struct RESTScalarTextTests {
    static func shape(_ type: ShapeType, timestampFormat: TimestampFormat? = nil) -> ShapeSchema {
        ShapeSchema(name: "S", type: type, timestampFormat: timestampFormat)
    }

    @Test func readsStrictScalars() throws {
        func read(_ text: String, _ type: ShapeType, _ place: RESTScalarText.Place = .query) -> AWSValue? {
            try? RESTScalarText.read(text, shape: Self.shape(type), member: nil, place: place)
        }
        #expect(read("true", .boolean) == .boolean(true))
        #expect(read("True", .boolean) == nil)
        #expect(read("1", .boolean) == nil)
        #expect(read("127", .byte) == .integer(127))
        #expect(read("128", .byte) == nil)
        #expect(read("-32768", .short) == .integer(-32768))
        #expect(read("2147483648", .integer) == nil)
        #expect(read("9223372036854775807", .long) == .integer(.max))
        #expect(read("1.0", .integer) == nil)
        #expect(read("0x42", .integer) == nil)
        #expect(read("+1", .integer) == nil)
        #expect(read("1.5e3", .double) == .double(1500))
        #expect(read("0x42", .double) == nil)
        #expect(read("NaN", .float)?.isNaNDouble == true)
        #expect(read("-Infinity", .double) == .double(-.infinity))
        #expect(read("aGk=", .blob) == .blob(Data("hi".utf8)))
        #expect(read("1970-01-01T00:00:01Z", .timestamp) == .timestamp(Date(timeIntervalSince1970: 1)))
        #expect(read("1970-01-01T00:00:01.5Z", .timestamp) == .timestamp(Date(timeIntervalSince1970: 1.5)))
        #expect(read("1970-01-01T00:00:01+00:00", .timestamp) == nil)
        #expect(read("Thu, 01 Jan 1970 00:00:01 GMT", .timestamp, .header) == .timestamp(Date(timeIntervalSince1970: 1)))
        #expect(read("1970-01-01T00:00:01Z", .timestamp, .header) == nil)
        let epoch = try RESTScalarText.read(
            "1.25", shape: Self.shape(.timestamp, timestampFormat: .unixTimestamp), member: nil, place: .header)
        #expect(epoch == .timestamp(Date(timeIntervalSince1970: 1.25)))
    }

    @Test func jsonValueHeadersAreBase64() throws {
        let member = MemberSchema(name: "M", shape: 0, location: .header, locationName: "X-J", jsonValue: true)
        let shape = Self.shape(.string)
        #expect(try RESTScalarText.read("eyJhIjoxfQ==", shape: shape, member: member, place: .header) == "{\"a\":1}")
        #expect(throws: RESTScalarText.ReadError.self) {
            try RESTScalarText.read("{not base64", shape: shape, member: member, place: .header)
        }
        #expect(try RESTScalarText.write("{\"a\":1}", shape: shape, member: member, place: .header) == "eyJhIjoxfQ==")
    }

    @Test func writesScalars() throws {
        func write(_ value: AWSValue, _ type: ShapeType, _ place: RESTScalarText.Place = .header) throws -> String {
            try RESTScalarText.write(value, shape: Self.shape(type), member: nil, place: place)
        }
        #expect(try write(.boolean(false), .boolean) == "false")
        #expect(try write(.double(1.5), .double) == "1.5")
        #expect(try write(.double(2), .double) == "2")
        #expect(try write(.double(.nan), .double) == "NaN")
        #expect(try write(.timestamp(Date(timeIntervalSince1970: 1)), .timestamp) == "Thu, 01 Jan 1970 00:00:01 GMT")
        #expect(try write(.timestamp(Date(timeIntervalSince1970: 1)), .timestamp, .query) == "1970-01-01T00:00:01Z")
        #expect(throws: RESTScalarText.ReadError.self) { try write(.list([]), .string) }
    }

    @Test func splitsAndJoinsHeaderLists() {
        #expect(RESTHeaderList.split("a, b,c") == ["a", "b", "c"])
        #expect(RESTHeaderList.split("\"a,b\", \"c \\\"d\\\"\", e") == ["a,b", "c \"d\"", "e"])
        #expect(RESTHeaderList.split("") == [])
        #expect(RESTHeaderList.split(" a , ") == ["a", ""])
        #expect(
            RESTHeaderList.splitHTTPDates("Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT")
                == ["Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 23:48:18 GMT"])
        #expect(RESTHeaderList.join(["a", "b,c", "d\"e"]) == "a, \"b,c\", \"d\\\"e\"")
        #expect(RESTHeaderList.join(["1", "2"], quoting: false) == "1, 2")
    }

    @Test func mediaTypes() {
        #expect(RESTMediaType.essence("Application/JSON; charset=utf-8") == "application/json")
        #expect(RESTMediaType.accepts("text/html, application/*;q=0.5", "application/json"))
        #expect(RESTMediaType.accepts("*/*", "text/plain"))
        #expect(!RESTMediaType.accepts("application/hal+json", "application/json"))
    }
}

extension AWSValue {
    var isNaNDouble: Bool {
        if case .double(let number) = self { return number.isNaN }
        return false
    }
}
