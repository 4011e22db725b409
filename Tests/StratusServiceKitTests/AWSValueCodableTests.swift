import Foundation
import OrderedCollections
import StratusServiceKit
import Testing

/// Shapes written the way the code generator writes them: CodingKeys are the model member names.
private enum QueueKind: String, Codable, Equatable {
    case standard = "STANDARD"
    case fifo = "FIFO"
}

private struct Tag: Codable, Equatable {
    var Key: String
    var Value: String?
}

private struct Everything: Codable, Equatable {
    var name: String
    var flag: Bool
    var int: Int
    var int8: Int8
    var int16: Int16
    var int32: Int32
    var int64: Int64
    var uint8: UInt8
    var uint32: UInt32
    var uint64: UInt64
    var float: Float
    var double: Double
    var created: Date
    var body: Data
    var kind: QueueKind
    var tags: [Tag]
    var attributes: [String: String]
    var nestedMap: [String: [Int]]
    var children: [Everything]?
    var optionalText: String?
    var optionalKinds: [QueueKind]?
    var document: AWSValue?

    enum CodingKeys: String, CodingKey {
        case name = "Name", flag = "Flag", int = "Int", int8 = "Int8", int16 = "Int16", int32 = "Int32"
        case int64 = "Int64", uint8 = "UInt8", uint32 = "UInt32", uint64 = "UInt64", float = "Float"
        case double = "Double", created = "Created", body = "Body", kind = "Kind", tags = "Tags"
        case attributes = "Attributes", nestedMap = "NestedMap", children = "Children", optionalText = "OptionalText"
        case optionalKinds = "OptionalKinds", document = "Document"
    }

    static func sample(children: [Everything]? = nil) -> Everything {
        Everything(
            name: "queue-1", flag: true, int: -7, int8: -8, int16: 16, int32: 32, int64: .max, uint8: 255,
            uint32: 4_000_000_000, uint64: 12, float: 1.5, double: 0.1, created: Date(timeIntervalSince1970: 1_500_000_000.25),
            body: Data([0, 1, 2, 255]), kind: .fifo, tags: [Tag(Key: "a", Value: "1"), Tag(Key: "b", Value: nil)],
            attributes: ["DelaySeconds": "5"], nestedMap: ["x": [1, 2], "y": []], children: children, optionalText: nil,
            optionalKinds: [.standard], document: ["k": [1, 2.5, "s", true, .null]])
    }
}

@Suite("AWSValue Codable bridge")
struct AWSValueCodableTests {
    let encoder = AWSValueEncoder()
    let decoder = AWSValueDecoder()

    @Test func encodesEveryTypeToItsCase() throws {
        let value = try encoder.encode(Everything.sample())
        #expect(value[member: "Name"] == .string("queue-1"))
        #expect(value[member: "Flag"] == .boolean(true))
        #expect(value[member: "Int"] == .integer(-7))
        #expect(value[member: "Int8"] == .integer(-8))
        #expect(value[member: "Int64"] == .integer(.max))
        #expect(value[member: "UInt32"] == .integer(4_000_000_000))
        #expect(value[member: "Float"] == .double(1.5))
        #expect(value[member: "Double"] == .double(0.1))
        #expect(value[member: "Created"] == .timestamp(Date(timeIntervalSince1970: 1_500_000_000.25)))
        #expect(value[member: "Body"] == .blob(Data([0, 1, 2, 255])))
        #expect(value[member: "Kind"] == .string("FIFO"))
        #expect(value[member: "Tags"] == [["Key": "a", "Value": "1"], ["Key": "b"]])
        #expect(value[member: "Attributes"] == ["DelaySeconds": "5"])
        #expect(value[member: "NestedMap"]?[member: "x"] == [1, 2])
        #expect(value[member: "OptionalKinds"] == ["STANDARD"])
        #expect(value[member: "Document"] == ["k": [1, 2.5, "s", true, .null]])
    }

    @Test func nilOptionalsAreOmittedNotNull() throws {
        let value = try encoder.encode(Everything.sample())
        let members = try #require(value.objectValue)
        #expect(members["OptionalText"] == nil)
        #expect(members["Children"] == nil)
        #expect(!members.values.contains(.null))
        #expect(value[member: "Tags"]?.listValue?[1].objectValue?.keys.contains("Value") == false)
    }

    @Test func membersKeepDeclarationOrder() throws {
        let value = try encoder.encode(Tag(Key: "k", Value: "v"))
        #expect(value.objectValue.map { Array($0.keys) } == ["Key", "Value"])
    }

    @Test func roundTripsNestedAndRecursiveShapes() throws {
        let original = Everything.sample(children: [.sample(children: [.sample(), .sample(children: [])])])
        let value = try encoder.encode(original)
        let decoded = try decoder.decode(Everything.self, from: value)
        #expect(decoded == original)
        #expect(try encoder.encode(decoded) == value)
    }

    @Test func roundTripsCollectionsAtTopLevel() throws {
        let tags = [Tag(Key: "a", Value: nil), Tag(Key: "b", Value: "2")]
        #expect(try decoder.decode([Tag].self, from: encoder.encode(tags)) == tags)
        let map: [String: [Tag]] = ["one": tags, "none": []]
        #expect(try decoder.decode([String: [Tag]].self, from: encoder.encode(map)) == map)
        let sparse: [String?] = ["a", nil, "c"]
        #expect(try encoder.encode(sparse) == ["a", .null, "c"])
        #expect(try decoder.decode([String?].self, from: ["a", .null, "c"]) == sparse)
        let sparseMap: [String: Int?] = ["x": 1, "y": nil]
        let encodedSparseMap = try encoder.encode(sparseMap)
        #expect(encodedSparseMap[member: "y"] == .null)
        #expect(try decoder.decode([String: Int?].self, from: encodedSparseMap) == sparseMap)
        #expect(try encoder.encode("plain") == .string("plain"))
        #expect(try decoder.decode(QueueKind.self, from: "STANDARD") == .standard)
        #expect(try encoder.encode(QueueKind.fifo) == .string("FIFO"))
    }

    @Test func nullAndAbsentDecodeAsNil() throws {
        let value: AWSValue = ["Key": "k", "Value": .null]
        #expect(try decoder.decode(Tag.self, from: value) == Tag(Key: "k", Value: nil))
        #expect(try decoder.decode(Tag.self, from: ["Key": "k"]) == Tag(Key: "k", Value: nil))
        #expect(try decoder.decode(String?.self, from: .null) == nil)
    }

    @Test func extraMembersAreIgnored() throws {
        #expect(try decoder.decode(Tag.self, from: ["Key": "k", "Other": 1]) == Tag(Key: "k", Value: nil))
    }

    @Test func documentsPassThroughUnchanged() throws {
        struct Holder: Codable, Equatable {
            var Document: AWSValue
            var Documents: [AWSValue]?
        }
        let document: AWSValue = [
            "blob": .blob(Data([1])), "time": .timestamp(Date(timeIntervalSince1970: 3)), "null": .null,
            "list": [1, "two", ["three": 3.0]],
        ]
        let value: AWSValue = ["Document": document, "Documents": [.null, 1]]
        let decoded = try decoder.decode(Holder.self, from: value)
        #expect(decoded.Document == document)
        #expect(decoded.Documents == [.null, 1])
        #expect(try encoder.encode(decoded) == value)
        #expect(try decoder.decode(AWSValue.self, from: document) == document)
        #expect(try encoder.encode(document) == document)
    }

    @Test func numericConversionsAreRangeChecked() throws {
        #expect(try decoder.decode(Int8.self, from: 127) == 127)
        #expect(throws: DecodingError.self) { try decoder.decode(Int8.self, from: 128) }
        #expect(throws: DecodingError.self) { try decoder.decode(UInt32.self, from: -1) }
        #expect(try decoder.decode(Int.self, from: .double(3.0)) == 3)
        #expect(throws: DecodingError.self) { try decoder.decode(Int.self, from: .double(3.5)) }
        #expect(try decoder.decode(Double.self, from: 4) == 4.0)
        #expect(try decoder.decode(Float.self, from: 2.5) == 2.5)
        #expect(throws: EncodingError.self) { try encoder.encode(UInt64.max) }
        #expect(try encoder.encode(UInt64(Int64.max)) == .integer(.max))
    }

    @Test func lenientScalarsForGenericValues() throws {
        #expect(try decoder.decode(Date.self, from: 10) == Date(timeIntervalSince1970: 10))
        #expect(try decoder.decode(Date.self, from: 1.5) == Date(timeIntervalSince1970: 1.5))
        #expect(try decoder.decode(Data.self, from: "AAEC") == Data([0, 1, 2]))
        #expect(throws: DecodingError.self) { try decoder.decode(Data.self, from: "not base64!") }
    }

    @Test func emptyStructuresEncodeAsEmptyObjects() throws {
        struct Empty: Codable, Equatable {}
        #expect(try encoder.encode(Empty()) == .emptyObject)
        #expect(try decoder.decode(Empty.self, from: .emptyObject) == Empty())
    }
}
