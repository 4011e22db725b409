import Foundation
import OrderedCollections
import StratusServiceKit
import Testing

/// A recursive structure written the way the code generator writes one: a boxed optional member, `Codable`
/// through `CodingKeys` and the direct conversions through `AWSValueObjectReader`/`AWSValueObjectWriter`.
private struct Node: Codable, AWSValueConvertible, Equatable {
    final class Box: Codable, AWSValueConvertible, Equatable {
        let value: Node
        init(_ value: Node) { self.value = value }
        required init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Node.self) }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(value)
        }
        init(awsValue: AWSValue) throws(AWSValueConversionError) { value = try Node(awsValue: awsValue) }
        var awsValue: AWSValue { value.awsValue }
        static func == (lhs: Box, rhs: Box) -> Bool { lhs.value == rhs.value }
    }

    var name: String
    var next: Node? {
        get { _next?.value }
        set { _next = newValue.map { Box($0) } }
    }
    var tags: [String: String?]?
    private var _next: Box?

    init(name: String, next: Node? = nil, tags: [String: String?]? = nil) {
        self.name = name
        self._next = next.map { Box($0) }
        self.tags = tags
    }

    private enum CodingKeys: String, CodingKey {
        case name = "Name"
        case _next = "Next"
        case tags = "Tags"
    }

    init(awsValue: AWSValue) throws(AWSValueConversionError) {
        let members = try AWSValueObjectReader(awsValue)
        self.name = try members.required("Name")
        self._next = try members.optional("Next")
        self.tags = try members.optional("Tags")
    }

    var awsValue: AWSValue {
        var members = AWSValueObjectWriter()
        members.set("Name", self.name)
        members.setIfPresent("Next", self._next)
        members.setIfPresent("Tags", self.tags)
        return members.awsValue
    }
}

/// The `AWSValueConvertible` conformances of the library types: the same rules as `AWSValueDecoder`/`Encoder`.
@Suite("AWSValueConvertible library conformances")
struct AWSValueConvertibleTests {
    /// `T(awsValue:)` and `AWSValueDecoder` agree on `value`: the same result, or both fail.
    private func agreeOnDecoding<T: AWSValueConvertible & Decodable & Equatable>(
        _ type: T.Type, _ value: AWSValue, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let direct = Result { () throws(AWSValueConversionError) in try T(awsValue: value) }
        let codable = Result { try AWSValueDecoder().decode(T.self, from: value) }
        switch (direct, codable) {
        case (.success(let a), .success(let b)):
            #expect(a == b, sourceLocation: sourceLocation)
        case (.failure, .failure):
            break
        default:
            Issue.record("direct \(direct) but Codable \(codable) for \(value)", sourceLocation: sourceLocation)
        }
    }

    /// `value.awsValue` is what `AWSValueEncoder` gives.
    private func agreeOnEncoding<T: AWSValueConvertible & Encodable>(
        _ value: T, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(value.awsValue == (try AWSValueEncoder().encode(value)), sourceLocation: sourceLocation)
    }

    @Test func strings() throws {
        #expect(try String(awsValue: "text") == "text")
        #expect("text".awsValue == .string("text"))
        for value: AWSValue in ["text", 1, true, .null, .blob(Data([1])), []] { agreeOnDecoding(String.self, value) }
        try agreeOnEncoding("text")
    }

    @Test func booleans() throws {
        #expect(try Bool(awsValue: true) == true)
        #expect(false.awsValue == .boolean(false))
        for value: AWSValue in [true, false, 1, "true", .null] { agreeOnDecoding(Bool.self, value) }
        try agreeOnEncoding(true)
    }

    @Test func integersAcceptIntegralDoublesOnly() throws {
        #expect(try Int(awsValue: .integer(-7)) == -7)
        #expect(try Int(awsValue: .double(42)) == 42)
        #expect(throws: AWSValueConversionError.self) { try Int(awsValue: .double(1.5)) }
        #expect(throws: AWSValueConversionError.self) { try Int(awsValue: .double(1e300)) }
        #expect(throws: AWSValueConversionError.self) { try Int(awsValue: .double(.nan)) }
        #expect(throws: AWSValueConversionError.self) { try Int(awsValue: "1") }
        #expect(42.awsValue == .integer(42))
        for value: AWSValue in [.integer(.max), .integer(.min), 3.0, 3.5, -0.0, .double(.infinity), "3", .null] {
            agreeOnDecoding(Int.self, value)
        }
        try agreeOnEncoding(Int.min)
    }

    @Test func doublesAcceptIntegers() throws {
        #expect(try Double(awsValue: 2.5) == 2.5)
        #expect(try Double(awsValue: 3) == 3)
        #expect(2.5.awsValue == .double(2.5))
        #expect(Double(3).awsValue == .double(3))
        for value: AWSValue in [2.5, 3, "2.5", .null, true] { agreeOnDecoding(Double.self, value) }
        try agreeOnEncoding(Double(3))
    }

    @Test func datesAcceptEpochNumbers() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000.25)
        #expect(try Date(awsValue: .timestamp(date)) == date)
        #expect(try Date(awsValue: .integer(1_700_000_000)) == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(try Date(awsValue: .double(1_700_000_000.25)) == date)
        #expect(throws: AWSValueConversionError.self) { try Date(awsValue: .double(.infinity)) }
        #expect(throws: AWSValueConversionError.self) { try Date(awsValue: "2023-11-14T22:13:20Z") }
        #expect(date.awsValue == .timestamp(date))
        for value: AWSValue in [.timestamp(date), 12, 12.5, .double(.nan), "12", .null] {
            agreeOnDecoding(Date.self, value)
        }
        try agreeOnEncoding(date)
    }

    @Test func dataAcceptsBase64Strings() throws {
        let data = Data([0xFF, 0x00, 0x10])
        #expect(try Data(awsValue: .blob(data)) == data)
        #expect(try Data(awsValue: .string(data.base64EncodedString())) == data)
        let bad = #expect(throws: AWSValueConversionError.self) { try Data(awsValue: "not base64!") }
        #expect(bad?.code == .invalidValue)
        #expect(data.awsValue == .blob(data))
        for value: AWSValue in [.blob(data), "/wAQ", "%%", 1, .null] { agreeOnDecoding(Data.self, value) }
        try agreeOnEncoding(data)
    }

    @Test func documentsPassUnchanged() throws {
        let document: AWSValue = ["a": [1, 2.5, .null, "x", ["b": true]], "blob": .blob(Data([1]))]
        #expect(AWSValue(awsValue: document) == document)
        #expect(document.awsValue == document)
        #expect(AWSValue.null.awsValue == .null)
        for value: AWSValue in [document, .null, 1, "x"] { agreeOnDecoding(AWSValue.self, value) }
        try agreeOnEncoding(document)
    }

    @Test func listsAndSparseLists() throws {
        #expect(try [Int](awsValue: [1, 2.0, 3]) == [1, 2, 3])
        #expect([1, 2].awsValue == [1, 2])
        #expect(try [Int?](awsValue: [1, .null, 3]) == [1, nil, 3])
        #expect([1, nil].awsValue == [1, .null])
        #expect([Int]().awsValue == .list([]))
        let error = #expect(throws: AWSValueConversionError.self) { try [[Int]](awsValue: [[1], [2, "x"]]) }
        #expect(error?.path == ["[1]", "[1]"])
        #expect(error?.code == .typeMismatch)
        for value: AWSValue in [[1, .null], [], ["a": 1], .null] {
            agreeOnDecoding([Int].self, value)
            agreeOnDecoding([Int?].self, value)
        }
        try agreeOnEncoding([[1, 2], [3]])
        try agreeOnEncoding([nil, "a"] as [String?])
    }

    @Test func mapsAndSparseMapsWriteSortedKeys() throws {
        let value: AWSValue = ["b": 2, "a": 1, "c": .null]
        let sparse: [String: Int?] = ["a": 1, "b": 2, "c": Int?.none]
        #expect(try [String: Int?](awsValue: value) == sparse)
        #expect(throws: AWSValueConversionError.self) { try [String: Int](awsValue: value) }
        let map: [String: Int?] = ["zeta": 1, "alpha": nil, "mid": 3]
        #expect(map.awsValue == .object(["alpha": .null, "mid": 3, "zeta": 1]))
        #expect(map.awsValue.objectValue?.keys.elements == ["alpha", "mid", "zeta"])
        #expect([String: Int]().awsValue == .emptyObject)
        let error = #expect(throws: AWSValueConversionError.self) {
            try [String: [String: Int]](awsValue: ["outer": ["inner": "x"]])
        }
        #expect(error?.path == ["outer", "inner"])
        #expect(error?.description == "outer.inner: expected an integer, found a string")
        for value: AWSValue in [value, ["a": 1], .emptyObject, [1], .null] {
            agreeOnDecoding([String: Int].self, value)
            agreeOnDecoding([String: Int?].self, value)
        }
        try agreeOnEncoding(map)
        try agreeOnEncoding(["b": ["y": 1, "x": 2], "a": [:]] as [String: [String: Int]])
    }

    @Test func optionalsReadNullAsNil() throws {
        #expect(try Int?(awsValue: .null) == nil)
        #expect(try Int?(awsValue: 4) == 4)
        #expect(Int?.none.awsValue == .null)
        #expect(Int?.some(4).awsValue == 4)
    }

    @Test func structuresReadAndWriteMembersByModelName() throws {
        let wire: AWSValue = [
            "Unknown": 1,
            "Name": "root",
            "Tags": ["b": "x", "a": .null],
            "Next": ["Name": "child", "Next": .null, "Tags": .null],
        ]
        let node = try Node(awsValue: wire)
        #expect(node == Node(name: "root", next: Node(name: "child"), tags: ["b": "x", "a": String?.none]))
        agreeOnDecoding(Node.self, wire)
        // Declaration order, nil optionals absent, map keys sorted.
        let written = node.awsValue
        #expect(written == ["Name": "root", "Next": ["Name": "child"], "Tags": ["a": .null, "b": "x"]])
        #expect(written.objectValue?.keys.elements == ["Name", "Next", "Tags"])
        try agreeOnEncoding(node)
        #expect(try Node(awsValue: written) == node)
    }

    @Test func structuresRejectMissingRequiredMembersAndNamePaths() throws {
        let missing = #expect(throws: AWSValueConversionError.self) { try Node(awsValue: ["Tags": .emptyObject]) }
        #expect(missing?.code == .missingMember)
        #expect(missing?.path == ["Name"])
        agreeOnDecoding(Node.self, ["Tags": .emptyObject])

        let nested = #expect(throws: AWSValueConversionError.self) {
            try Node(awsValue: ["Name": "a", "Next": ["Name": "b", "Next": ["Tags": .emptyObject]]])
        }
        #expect(nested?.path == ["Next", "Next", "Name"])
        #expect(nested?.description == "Next.Next.Name: missing member \"Name\"")

        let null = #expect(throws: AWSValueConversionError.self) { try Node(awsValue: ["Name": .null]) }
        #expect(null?.code == .typeMismatch)
        #expect(null?.description == "Name: expected a string, found null")
        agreeOnDecoding(Node.self, ["Name": .null])

        let notAnObject = #expect(throws: AWSValueConversionError.self) { try Node(awsValue: ["x"]) }
        #expect(notAnObject?.path == [])
        agreeOnDecoding(Node.self, ["x"])
    }
}
