import HTTPTypes
import OrderedCollections
import StratusServiceKit

/// The HTTP-bound (non-body) members of REST input and output structures: URI labels, query strings, headers,
/// prefix-header maps and the status code. Shared by ``RESTJSONCodec`` and ``RESTXMLCodec``.
///
/// Reading is strict (see ``RESTScalarText``) and reports the first bad value as a `SerializationException`
/// naming the member; writing fails only when a value does not fit its shape (a handler bug).
package struct RESTHTTPBindings: Sendable {
    /// The model whose shapes are followed.
    package let service: ServiceSchema

    /// Bindings over `service`'s shapes.
    package init(service: ServiceSchema) {
        self.service = service
    }

    /// The members of `shape` that travel in the body (everything not bound to the URI, query, headers or status).
    package static func bodyMembers(of shape: ShapeSchema) -> [MemberSchema] {
        shape.members.filter { $0.location == .body }
    }

    /// The members of an output or error `shape` that travel in the body: query and label bindings mean
    /// nothing in a response, so those members are body members there (Smithy).
    package static func responseBodyMembers(of shape: ShapeSchema) -> [MemberSchema] {
        shape.members.filter { $0.location == .body || $0.location == .querystring || $0.location == .uri }
    }

    /// Transport headers that never belong to an empty-prefix (`@httpPrefixHeaders("")`) map.
    static let transportHeaders: Set<String> = ["host", "content-length", "connection", "transfer-encoding"]

    // MARK: reading requests

    /// Reads every label, query, header and prefix-header member of `shape` from the request.
    /// - Throws: ``AWSServiceError`` `SerializationException` (400) naming the member whose text does not parse.
    package func readBoundMembers(
        of shape: ShapeSchema, request: WireRequest, labels: [String: String], query: [(String, String?)]
    ) throws(AWSServiceError) -> OrderedDictionary<String, AWSValue> {
        var members: OrderedDictionary<String, AWSValue> = [:]
        let headers = Self.headerTable(request.head.headerFields)
        for member in shape.members {
            let target = service[shape: member.shape]
            switch member.location {
            case .body, .statusCode:
                continue
            case .uri:
                guard let text = labels[member.wireName] else { continue }
                members[member.name] = try read(text, target: target, member: member, place: .label)
            case .querystring:
                if isQueryMap(member) {
                    // Servers put every query item in an `@httpQueryParams` map, named ones included (Smithy).
                    let value = try readQueryMap(member: member, target: target, query: query)
                    if let value { members[member.name] = value }
                    continue
                }
                let values = query.filter { $0.0 == member.wireName }.map { $0.1 ?? "" }
                guard !values.isEmpty else { continue }
                if target.type == .list, let element = target.listMember {
                    let elementShape = service[shape: element.shape]
                    var list: [AWSValue] = []
                    for text in values {
                        list.append(try read(text, target: elementShape, member: element, place: .query, owner: member))
                    }
                    members[member.name] = .list(list)
                } else {
                    members[member.name] = try read(values[0], target: target, member: member, place: .query)
                }
            case .header:
                guard let text = headers[member.wireName.lowercased()]?.value else { continue }
                if target.type == .list, let element = target.listMember {
                    let elementShape = service[shape: element.shape]
                    let isHTTPDate = elementShape.type == .timestamp
                        && RESTScalarText.timestampFormat(member: element, shape: elementShape, place: .header) == .rfc822
                    let items = isHTTPDate ? RESTHeaderList.splitHTTPDates(text) : RESTHeaderList.split(text)
                    var list: [AWSValue] = []
                    for item in items {
                        list.append(try read(item, target: elementShape, member: element, place: .header, owner: member))
                    }
                    members[member.name] = .list(list)
                } else {
                    members[member.name] = try read(Self.trimmed(text), target: target, member: member, place: .header)
                }
            case .headers:
                let prefix = (member.locationName ?? "").lowercased()
                guard let valueMember = target.mapValue else { continue }
                let valueShape = service[shape: valueMember.shape]
                var map: OrderedDictionary<String, AWSValue> = [:]
                for (lowercased, field) in headers where lowercased.hasPrefix(prefix) {
                    if prefix.isEmpty, Self.transportHeaders.contains(lowercased) { continue }
                    let key = String(field.rawName.dropFirst(prefix.count))
                    map[key] = try read(field.value, target: valueShape, member: valueMember, place: .header, owner: member)
                }
                if !map.isEmpty { members[member.name] = .object(map) }
            }
        }
        return members
    }

    /// Whether `member` is an `@httpQueryParams`-style map (a query member without a key of its own).
    func isQueryMap(_ member: MemberSchema) -> Bool {
        member.location == .querystring && service[shape: member.shape].type == .map
    }

    private func readQueryMap(
        member: MemberSchema, target: ShapeSchema, query: [(String, String?)]
    ) throws(AWSServiceError) -> AWSValue? {
        guard let valueMember = target.mapValue else { return nil }
        let valueShape = service[shape: valueMember.shape]
        var map: OrderedDictionary<String, AWSValue> = [:]
        for (key, value) in query {
            if valueShape.type == .list, let element = valueShape.listMember {
                let elementShape = service[shape: element.shape]
                let item = try read(value ?? "", target: elementShape, member: element, place: .query, owner: member)
                var list = map[key]?.listValue ?? []
                list.append(item)
                map[key] = .list(list)
            } else if map[key] == nil {
                map[key] = try read(value ?? "", target: valueShape, member: valueMember, place: .query, owner: member)
            }
        }
        return map.isEmpty ? nil : .object(map)
    }

    private func read(
        _ text: String, target: ShapeSchema, member: MemberSchema, place: RESTScalarText.Place, owner: MemberSchema? = nil
    ) throws(AWSServiceError) -> AWSValue {
        do {
            return try RESTScalarText.read(text, shape: target, member: member, place: place)
        } catch {
            let name = owner?.name ?? member.name
            throw AWSServiceError(.serialization, "Value '\(text)' for \(name) (\(place)) is not valid: \(error.reason)")
        }
    }

    /// Header fields by lowercased name; repeated fields are joined with `, `.
    static func headerTable(_ fields: HTTPFields) -> OrderedDictionary<String, (rawName: String, value: String)> {
        var table: OrderedDictionary<String, (rawName: String, value: String)> = [:]
        for field in fields {
            let key = field.name.canonicalName
            if let existing = table[key] {
                table[key] = (existing.rawName, existing.value + ", " + field.value)
            } else {
                table[key] = (field.name.rawName, field.value)
            }
        }
        return table
    }

    private static func trimmed(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }

    // MARK: writing responses

    /// Writes the header, prefix-header and status-code members of `value` (a structure of `shape`).
    /// - Returns: the header fields in member order and the status the `statusCode` member asks for, if any.
    /// - Throws: ``AWSServiceError`` `InternalFailure` when a value does not fit its shape.
    package func writeBoundMembers(
        _ value: OrderedDictionary<String, AWSValue>, of shape: ShapeSchema
    ) throws(AWSServiceError) -> (headers: [(String, String)], status: Int?) {
        var headers: [(String, String)] = []
        var status: Int?
        // A header member wins over a prefix-map entry of the same name.
        let boundHeaderNames = Set(
            shape.members.filter { $0.location == .header && value[$0.name] != nil }.map { $0.wireName.lowercased() })
        for member in shape.members {
            guard let memberValue = value[member.name], memberValue != .null else { continue }
            let target = service[shape: member.shape]
            switch member.location {
            case .statusCode:
                if case .integer(let code) = memberValue { status = Int(code) }
            case .header:
                if case .list(let items) = memberValue, let element = target.listMember {
                    let elementShape = service[shape: element.shape]
                    var texts: [String] = []
                    for item in items { texts.append(try write(item, target: elementShape, member: element)) }
                    let quoting = elementShape.type == .string
                    headers.append((member.wireName, RESTHeaderList.join(texts, quoting: quoting)))
                } else {
                    headers.append((member.wireName, try write(memberValue, target: target, member: member)))
                }
            case .headers:
                guard case .object(let map) = memberValue, let valueMember = target.mapValue else { continue }
                let valueShape = service[shape: valueMember.shape]
                for (key, item) in map where item != .null {
                    if boundHeaderNames.contains(((member.locationName ?? "") + key).lowercased()) { continue }
                    headers.append(((member.locationName ?? "") + key, try write(item, target: valueShape, member: valueMember)))
                }
            case .body, .uri, .querystring:
                continue
            }
        }
        return (headers, status)
    }

    /// Fails clearly for event-stream payloads, which Stratus does not encode.
    /// - Throws: ``AWSServiceError`` `NotImplemented` (501) naming the operation.
    package static func rejectEventStream(_ target: ShapeSchema, operation: OperationSchema) throws(AWSServiceError) {
        guard target.isEventStream else { return }
        throw AWSServiceError(
            .notImplemented, "The event-stream response of \(operation.name) is not implemented by Stratus.")
    }

    /// The body and extra headers of a payload member that needs no body codec, or `nil` for a structured payload
    /// (structure, union, document, list, map) that the caller serializes itself.
    ///
    /// An unset payload is an empty body with `Content-Length: 0` (what Smithy servers send) unless a bound member
    /// already set one; a blob or string payload is its bytes, with the shape's media type
    /// (``RESTMediaType/payloadMediaType(of:)``) unless a bound member set `Content-Type`.
    package static func rawPayload(
        _ value: AWSValue?, target: ShapeSchema, boundHeaders: [(String, String)]
    ) -> (body: [UInt8], headers: [(String, String)])? {
        func has(_ name: String) -> Bool { boundHeaders.contains { $0.0.lowercased() == name } }
        let contentType = has("content-type") ? [] : [("Content-Type", RESTMediaType.payloadMediaType(of: target))]
        switch (target.type, value) {
        case (_, nil), (_, .null?):
            return ([], has("content-length") ? [] : [("Content-Length", "0")])
        case (.blob, .blob(let data)?):
            return (Array(data), contentType)
        case (.string, .string(let text)?):
            return (Array(text.utf8), contentType)
        default:
            return nil
        }
    }

    /// `response` without body and `Content-Type` (and, except for 304, `Content-Length`) when its status may not
    /// carry a body (1xx, 204, 304).
    package static func withoutBodyIfStatusForbidsOne(_ response: WireResponse) -> WireResponse {
        let code = response.head.status.code
        guard code < 200 || code == 204 || code == 304 else { return response }
        var stripped = response
        stripped.body = []
        stripped.head.headerFields[.contentType] = nil
        if code != 304 { stripped.head.headerFields[.contentLength] = nil }  // RFC 9110 §8.6
        return stripped
    }

    private func write(_ value: AWSValue, target: ShapeSchema, member: MemberSchema) throws(AWSServiceError) -> String {
        do {
            return try RESTScalarText.write(value, shape: target, member: member, place: .header)
        } catch {
            throw AWSServiceError(.internalFailure, "Output member \(member.name) does not fit its shape: \(error.reason)")
        }
    }
}
