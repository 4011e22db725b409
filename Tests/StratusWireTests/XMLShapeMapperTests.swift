import Foundation
import OrderedCollections
import StratusServiceKit
import Testing

@testable import StratusWire

@Suite struct XMLShapeMapperTests {
    /// A small REST-XML model: Root { id (attribute), names (wrapped list of <Name>), items (flattened list),
    /// tags (wrapped map), props (flattened map with K/V), at (timestamp), data (blob), count, ratio, ok }.
    static let service: ServiceSchema = {
        let shapes = [
            /* 0 */ ShapeSchema(name: "String", type: .string),
            /* 1 */ ShapeSchema(name: "Names", type: .list, listMember: MemberSchema(name: "member", shape: 0, locationName: "Name")),
            /* 2 */ ShapeSchema(name: "Items", type: .list, listMember: MemberSchema(name: "member", shape: 0)),
            /* 3 */ ShapeSchema(
                name: "Tags", type: .map, mapKey: MemberSchema(name: "key", shape: 0), mapValue: MemberSchema(name: "value", shape: 0)),
            /* 4 */ ShapeSchema(
                name: "Props", type: .map, mapKey: MemberSchema(name: "key", shape: 0, locationName: "K"),
                mapValue: MemberSchema(name: "value", shape: 0, locationName: "V")),
            /* 5 */ ShapeSchema(name: "Time", type: .timestamp),
            /* 6 */ ShapeSchema(name: "Data", type: .blob),
            /* 7 */ ShapeSchema(name: "Count", type: .integer),
            /* 8 */ ShapeSchema(name: "Ratio", type: .double),
            /* 9 */ ShapeSchema(name: "Flag", type: .boolean),
            /* 10 */ ShapeSchema(
                name: "Root", type: .structure,
                members: [
                    MemberSchema(name: "id", shape: 0, locationName: "xsi:id", xmlAttribute: true),
                    MemberSchema(name: "names", shape: 1, locationName: "Names"),
                    MemberSchema(name: "items", shape: 2, locationName: "Item", flattened: true),
                    MemberSchema(name: "tags", shape: 3, locationName: "Tags"),
                    MemberSchema(name: "props", shape: 4, locationName: "Prop", flattened: true),
                    MemberSchema(name: "at", shape: 5, locationName: "At"),
                    MemberSchema(name: "data", shape: 6, locationName: "Data"),
                    MemberSchema(name: "count", shape: 7, locationName: "Count"),
                    MemberSchema(name: "ratio", shape: 8, locationName: "Ratio"),
                    MemberSchema(name: "ok", shape: 9, locationName: "Ok", xmlNamespace: XMLNamespace(uri: "urn:ok", prefix: "o")),
                ]),
        ]
        return ServiceSchema(
            modelName: "test", serviceID: "Test", endpointPrefix: "test", signingName: "test", apiVersion: "1",
            protocols: [.restXML], shapes: shapes, operations: [])
    }()

    static let value: AWSValue = [
        "id": "r1",
        "names": ["a", "b"],
        "items": ["x", "y"],
        "tags": ["k1": "v1"],
        "props": ["p": "q"],
        "at": .timestamp(Date(timeIntervalSince1970: 1.5)),
        "data": .blob(Data("hi".utf8)),
        "count": 3,
        "ratio": 0.25,
        "ok": true,
    ]

    @Test func writesAWSXMLConventions() throws {
        let mapper = XMLShapeMapper(service: Self.service)
        let element = try mapper.element(
            named: "Root", value: Self.value, shape: 10, member: nil, namespace: XMLNamespace(uri: "urn:root"))
        let text = element.serializedString()
        #expect(
            text == "<Root xmlns=\"urn:root\" xsi:id=\"r1\"><Names><Name>a</Name><Name>b</Name></Names>"
                + "<Item>x</Item><Item>y</Item><Tags><entry><key>k1</key><value>v1</value></entry></Tags>"
                + "<Prop><K>p</K><V>q</V></Prop><At>1970-01-01T00:00:01.500Z</At><Data>aGk=</Data><Count>3</Count>"
                + "<Ratio>0.25</Ratio><Ok xmlns:o=\"urn:ok\">true</Ok></Root>")
    }

    @Test func aShapesPrefixedNamespaceIsDeclaredWhereverItIsWritten() throws {
        // S3's Grantee: `<Grantee xmlns:xsi="…" xsi:type="CanonicalUser">`, nested in a Grant.
        let xsi = XMLNamespace(uri: "http://www.w3.org/2001/XMLSchema-instance", prefix: "xsi")
        let service = ServiceSchema(
            modelName: "test", serviceID: "Test", endpointPrefix: "test", signingName: "test", apiVersion: "1",
            protocols: [.restXML], shapes: [
                ShapeSchema(name: "String", type: .string),
                ShapeSchema(name: "Grantee", type: .structure, members: [
                    MemberSchema(name: "Type", shape: 0, locationName: "xsi:type", xmlAttribute: true),
                    MemberSchema(name: "ID", shape: 0),
                ], xmlNamespace: xsi),
                ShapeSchema(name: "Grant", type: .structure, members: [MemberSchema(name: "Grantee", shape: 1)]),
            ], operations: [])
        let element = try XMLShapeMapper(service: service).element(
            named: "Grant", value: ["Grantee": ["Type": "CanonicalUser", "ID": "abc"]], shape: 2, member: nil)
        #expect(element.serializedString() == "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            + "xsi:type=\"CanonicalUser\"><ID>abc</ID></Grantee></Grant>")
    }

    @Test func readsWhatItWrites() throws {
        let mapper = XMLShapeMapper(service: Self.service)
        let element = try mapper.element(named: "Root", value: Self.value, shape: 10, member: nil)
        let reparsed = try XMLElement.parse(element.serialized(declaration: true))
        let read = try mapper.read(reparsed, shape: 10, member: nil, path: "")
        #expect(read == Self.value)
    }

    @Test func readsPrefixedNamesAndReportsBadScalars() throws {
        let mapper = XMLShapeMapper(service: Self.service)
        let document = try XMLElement.parse(
            "<s:Root xmlns:s=\"urn:s\"><s:Count> 7 </s:Count><Names/><Unknown>z</Unknown></s:Root>")
        let read = try mapper.read(document, shape: 10, member: nil, path: "")
        #expect(read == ["names": [], "count": 7])
        let bad = try XMLElement.parse("<Root><Count>seven</Count></Root>")
        #expect(throws: XMLShapeMapper.MappingError.self) { try mapper.read(bad, shape: 10, member: nil, path: "") }
        let badList = try XMLElement.parse("<Root><Tags><entry><value>v</value></entry></Tags></Root>")
        #expect(throws: XMLShapeMapper.MappingError.self) { try mapper.read(badList, shape: 10, member: nil, path: "") }
    }
}
