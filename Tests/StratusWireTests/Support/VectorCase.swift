import OrderedCollections
import Foundation
import HTTPTypes
import StratusJSON
@testable import StratusWire

/// One Smithy protocol-test vector, as read from `../shared/conformance/smithy-protocol-tests/vectors/<protocol>.json`.
struct VectorCase {
    var raw: JSONValue

    var id: String { raw["id"]?.stringValue ?? "?" }
    var kind: String { raw["kind"]?.stringValue ?? "" }
    var serverRelevant: Bool { raw["serverRelevant"]?.boolValue ?? false }
    var operationOrShape: String { raw["operation_or_shape"]?.stringValue ?? "" }
    var shapeName: String { String(operationOrShape.split(separator: "#").last ?? "") }
    var isErrorVector: Bool { raw["shapeType"]?.stringValue == "structure" }
    var serviceID: String? {
        if case .array(let services)? = raw["services"], let first = services.first { return first.stringValue }
        return nil
    }
    var params: JSONValue {
        if let value = raw["params"], case .object = value { return value }
        return .object([:])
    }
    var body: String? { raw["body"]?.stringValue }
    var bodyMediaType: String? { raw["bodyMediaType"]?.stringValue }
    var code: Int? { raw["code"]?.numberValue?.intValue }
    var headers: [(String, String)] {
        guard case .object(let fields)? = raw["headers"] else { return [] }
        return fields.compactMap { key, value in value.stringValue.map { (key, $0) } }
    }
    var forbidHeaders: [String] {
        guard case .array(let names)? = raw["forbidHeaders"] else { return [] }
        return names.compactMap(\.stringValue)
    }
    var requireHeaders: [String] {
        guard case .array(let names)? = raw["requireHeaders"] else { return [] }
        return names.compactMap(\.stringValue)
    }

    /// The HTTP request the vector describes (request vectors).
    func request() -> WireRequest {
        var target = raw["uri"]?.stringValue ?? "/"
        if case .array(let items)? = raw["queryParams"], !items.isEmpty {
            target += "?" + items.compactMap(\.stringValue).joined(separator: "&")
        }
        let host = raw["resolvedHost"]?.stringValue ?? raw["host"]?.stringValue ?? "example.com"
        var fields = HTTPFields()
        if let hostField = HTTPField.Name("Host") { fields[hostField] = host }
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        let method = HTTPRequest.Method(raw["method"]?.stringValue ?? "POST") ?? .post
        let head = HTTPRequest(method: method, scheme: "http", authority: host, path: target, headerFields: fields)
        return WireRequest(head: head, body: Array((body ?? "").utf8))
    }

    /// Every vector of `protocolName`, or `nil` (with a printed note) when the conformance data is absent.
    static func load(protocolName: String, filePath: String = #filePath) -> [VectorCase]? {
        let repoRoot = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = repoRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/conformance/smithy-protocol-tests/vectors/\(protocolName).json")
        guard let data = try? Data(contentsOf: file) else {
            print("note: \(file.path) is absent; skipping the \(protocolName) vectors")
            return nil
        }
        guard case .array(let items)? = try? JSONValue.parse(Array(data)) else {
            print("note: \(file.path) is not a JSON array; skipping the \(protocolName) vectors")
            return nil
        }
        return items.map { VectorCase(raw: $0) }
    }
}
