import Foundation
import HTTPTypes
import OrderedCollections
import StratusProtocolTestServices
import StratusServiceKit
@testable import StratusWire

/// Builds requests and small schemas for the RPC codec, router and gateway tests.
enum RPCTestSupport {
    static func request(
        method: HTTPRequest.Method = .post, path: String = "/", host: String = "localhost:4566",
        headers: [(String, String)] = [], body: String = ""
    ) -> WireRequest {
        var fields = HTTPFields()
        if let hostField = HTTPField.Name("Host") { fields[hostField] = host }
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        let head = HTTPRequest(method: method, scheme: "http", authority: host, path: path, headerFields: fields)
        return WireRequest(head: head, body: Array(body.utf8))
    }

    /// `value` with every object's keys sorted, so values compare regardless of member order.
    static func canonical(_ value: AWSValue) -> AWSValue {
        switch value {
        case .list(let items): return .list(items.map(canonical))
        case .object(let members):
            var sorted: OrderedDictionary<String, AWSValue> = [:]
            for key in members.keys.sorted() { sorted[key] = canonical(members[key] ?? .null) }
            return .object(sorted)
        default: return value
        }
    }

    static func text(_ response: WireResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    /// A tiny JSON service: `Echo` (all scalar kinds) and `Fail`.
    static let echoService: ServiceSchema = {
        let shapes: [ShapeSchema] = [
            ShapeSchema(name: "Blob", type: .blob),  // 0
            ShapeSchema(name: "Boolean", type: .boolean),  // 1
            ShapeSchema(name: "Double", type: .double),  // 2
            ShapeSchema(
                name: "EchoInput", type: .structure,
                members: [
                    MemberSchema(name: "Name", shape: 9, isRequired: true),
                    MemberSchema(name: "Count", shape: 5),
                    MemberSchema(name: "Ratio", shape: 2),
                    MemberSchema(name: "Flag", shape: 1),
                    MemberSchema(name: "Data", shape: 0),
                    MemberSchema(name: "When", shape: 11),
                    MemberSchema(name: "WhenISO", shape: 11, timestampFormat: .iso8601),
                    MemberSchema(name: "Tags", shape: 8),
                    MemberSchema(name: "Items", shape: 7),
                    MemberSchema(name: "Mode", shape: 4),
                    MemberSchema(name: "Doc", shape: 12),
                ]),  // 3
            ShapeSchema(name: "Mode", type: .string, enumValues: ["FAST", "SLOW"]),  // 4
            ShapeSchema(name: "Count", type: .integer, min: 1, max: 10),  // 5
            ShapeSchema(
                name: "EchoOutput", type: .structure,
                members: [MemberSchema(name: "Name", shape: 9), MemberSchema(name: "When", shape: 11)]),  // 6
            ShapeSchema(name: "ItemList", type: .list, listMember: MemberSchema(name: "member", shape: 9)),  // 7
            ShapeSchema(
                name: "TagMap", type: .map, mapKey: MemberSchema(name: "key", shape: 10),
                mapValue: MemberSchema(name: "value", shape: 10)),  // 8
            ShapeSchema(name: "Name", type: .string, min: 1, max: 8, pattern: "[a-z]+"),  // 9
            ShapeSchema(name: "String", type: .string),  // 10
            ShapeSchema(name: "Timestamp", type: .timestamp),  // 11
            ShapeSchema(name: "Document", type: .structure, isDocument: true),  // 12
            ShapeSchema(
                name: "ThingNotFound", type: .structure,
                members: [MemberSchema(name: "message", shape: 10), MemberSchema(name: "Thing", shape: 10)],
                error: ErrorTrait(code: "Thing.NotFound", httpStatusCode: 404, senderFault: true), isException: true),  // 13
        ]
        return ServiceSchema(
            modelName: "echo", serviceID: "Echo", endpointPrefix: "echo", signingName: "echo", apiVersion: "2020-01-01",
            protocols: [.json], jsonVersion: "1.1", targetPrefix: "Echo_20200101", awsQueryCompatible: true,
            shapes: shapes,
            operations: [
                OperationSchema(
                    name: "Echo", input: MemberSchema(name: "input", shape: 3), output: MemberSchema(name: "output", shape: 6)),
                OperationSchema(name: "Fail", errors: [13]),
            ])
    }()
}

/// A handler double that records what it was called with and answers with a fixed result.
struct RPCRecordingHandler: AWSServiceHandler {
    let schema: ServiceSchema
    let answer: @Sendable (OperationSchema, AWSValue, RequestContext) async throws -> AWSValue

    func handle(operation: OperationSchema, input: AWSValue, context: RequestContext) async throws -> AWSValue {
        try await answer(operation, input, context)
    }
}

/// The protocol-test services the RPC unit tests borrow.
enum ProtocolTestServicesLookup {
    static var awsQuery: ServiceSchema? { ProtocolTestServices.all["aws.protocoltests.query#AwsQuery"] }
}
