import Foundation
import OrderedCollections
import StratusServiceKit

extension AWSQueryCodec {
    /// The media type of AWS Query responses.
    package static let responseContentType = "text/xml"

    package func encodeResponse(
        _ output: AWSValue, operation: OperationSchema, service: ServiceSchema, requestID: String
    ) throws -> WireResponse {
        var root = XMLElement(name: "\(operation.name)Response")
        if let namespace = service.xmlNamespace ?? nameOverrides.xmlNamespace {
            root.attributes.append((name: "xmlns", value: namespace))
        }
        if let outputReference = operation.output {
            var result = XMLElement(name: outputReference.resultWrapper ?? "\(operation.name)Result")
            let shape = service[shape: outputReference.shape]
            guard case .object(let members) = output else {
                throw QueryWriteError(reason: "the output of \(operation.name) is not a structure")
            }
            result.children = try structureChildren(members, shape: shape, service: service)
            root.append(result)
        }
        root.append(Self.responseMetadata(requestID: requestID))
        return WireResponse(
            status: operation.responseCode ?? 200,
            headers: [("Content-Type", Self.responseContentType), ("x-amzn-RequestId", requestID)],
            body: root.serialized(declaration: false))
    }

    package func encodeError(
        _ error: AWSServiceError, operation: OperationSchema?, service: ServiceSchema?, requestID: String
    ) -> WireResponse {
        var detail = XMLElement(name: "Error")
        detail.append(XMLElement(name: "Type", text: error.code.senderFault ? "Sender" : "Receiver"))
        detail.append(XMLElement(name: "Code", text: error.code.queryCode ?? error.code.code))
        // AWS Query errors always say `<Message>`, whatever the error shape calls its message member.
        let errorShapeID = service.flatMap { Self.errorShape(for: error.code, in: $0) }
        if let message = error.message { detail.append(XMLElement(name: "Message", text: message)) }
        var fields = error.fields
        for key in fields.keys where key.lowercased() == "message" { fields.removeValue(forKey: key) }
        if !fields.isEmpty {
            if let service, let errorShapeID,
                let children = try? structureChildren(fields, shape: service[shape: errorShapeID], service: service)
            {
                detail.children += children
            } else {
                for (name, value) in fields { detail.append(Self.genericElement(name: name, value: value)) }
            }
        }
        var root = XMLElement(name: "ErrorResponse")
        root.append(detail)
        root.append(XMLElement(name: "RequestId", text: requestID))
        return WireResponse(
            status: error.code.httpStatus,
            headers: [("Content-Type", Self.responseContentType), ("x-amzn-RequestId", requestID)] + error.headers,
            body: root.serialized(declaration: false))
    }

    /// `<ResponseMetadata><RequestId>…</RequestId></ResponseMetadata>`.
    static func responseMetadata(requestID: String) -> XMLElement {
        XMLElement(name: "ResponseMetadata", children: [.element(XMLElement(name: "RequestId", text: requestID))])
    }

    /// The exception shape named by `code` (shape name, `error.code` or query code), if the model has one.
    static func errorShape(for code: AWSErrorCode, in service: ServiceSchema) -> ShapeID? {
        if let id = service.shapeID(named: code.code), service[shape: id].isException { return id }
        return service.shapes.firstIndex {
            $0.isException && ($0.error?.code == code.code || ($0.error?.code != nil && $0.error?.code == code.queryCode))
        }
    }

    // MARK: writing values

    struct QueryWriteError: Error {
        var reason: String
    }

    private func structureChildren(
        _ members: OrderedDictionary<String, AWSValue>, shape: ShapeSchema, service: ServiceSchema
    ) throws -> [XMLNode] {
        var children: [XMLNode] = []
        for member in shape.members {
            var value = members[member.name]
            if value == nil, member.defaultValue != nil {
                value = try? AWSJSONShapeMapper(service: service).defaultValue(of: member)
            }
            guard let value, value != .null else { continue }
            children += try memberElements(value, member: member, name: wireName(of: member, in: shape), service: service)
        }
        return children
    }

    /// The elements one member produces (several for a flattened list or map).
    private func memberElements(
        _ value: AWSValue, member: MemberSchema, name: String, service: ServiceSchema
    ) throws -> [XMLNode] {
        let shape = service[shape: member.shape]
        let flattened = member.flattened || shape.flattened
        switch (shape.type, value) {
        case (.list, .list(let items)) where flattened:
            guard let itemMember = shape.listMember else { return [] }
            return try items.map { item in
                var element = try valueElement(item, member: itemMember, name: name, service: service)
                // A flattened list's elements are its members: they carry the member's namespace.
                Self.declare(itemMember.xmlNamespace ?? member.xmlNamespace, on: &element)
                return .element(element)
            }
        case (.map, .object(let entries)) where flattened:
            return try entries.map { key, entryValue in
                var element = try entryElement(key: key, value: entryValue, map: shape, name: name, service: service)
                Self.declare(member.xmlNamespace, on: &element)
                return .element(element)
            }
        default:
            var element = try valueElement(value, member: member, name: name, service: service)
            Self.declare(member.xmlNamespace, on: &element)
            return [.element(element)]
        }
    }

    private func entryElement(
        key: String, value: AWSValue, map: ShapeSchema, name: String, service: ServiceSchema
    ) throws -> XMLElement {
        let names = entryNames(of: map)
        var entry = XMLElement(name: name)
        var keyElement = XMLElement(name: names.key, text: key)
        Self.declare(map.mapKey?.xmlNamespace, on: &keyElement)
        entry.append(keyElement)
        if let valueMember = map.mapValue, value != .null {
            var valueElement = try valueElement(value, member: valueMember, name: names.value, service: service)
            Self.declare(valueMember.xmlNamespace, on: &valueElement)
            entry.append(valueElement)
        }
        return entry
    }

    /// One element `<name>` holding `value` written as `member`'s shape.
    private func valueElement(
        _ value: AWSValue, member: MemberSchema, name: String, service: ServiceSchema
    ) throws -> XMLElement {
        let shape = service[shape: member.shape]
        var element = XMLElement(name: name)
        switch (shape.type, value) {
        case (.structure, .object(let members)):
            element.children = try structureChildren(members, shape: shape, service: service)
        case (.list, .list(let items)):
            guard let itemMember = shape.listMember else { break }
            let itemName = itemMember.locationName ?? "member"
            for item in items where item != .null {
                var child = try valueElement(item, member: itemMember, name: itemName, service: service)
                Self.declare(itemMember.xmlNamespace, on: &child)
                element.append(child)
            }
        case (.map, .object(let entries)):
            for (key, entryValue) in entries {
                element.append(try entryElement(key: key, value: entryValue, map: shape, name: "entry", service: service))
            }
        default:
            guard let text = Self.scalarText(value, shape: shape, timestampFormat: member.timestampFormat) else {
                throw QueryWriteError(reason: "value does not fit shape \(shape.name)")
            }
            if !text.isEmpty { element.children = [.text(text)] }
        }
        return element
    }

    private static func declare(_ namespace: XMLNamespace?, on element: inout XMLElement) {
        guard let namespace else { return }
        element.attributes.append((name: namespace.prefix.map { "xmlns:\($0)" } ?? "xmlns", value: namespace.uri))
    }

    /// The text of a scalar, or `nil` when `value`'s case does not fit `shape`.
    static func scalarText(_ value: AWSValue, shape: ShapeSchema, timestampFormat: TimestampFormat?) -> String? {
        switch (shape.type, value) {
        case (.string, .string(let text)): return text
        case (.boolean, .boolean(let flag)): return flag ? "true" : "false"
        case (.integer, .integer(let integer)), (.long, .integer(let integer)), (.short, .integer(let integer)),
            (.byte, .integer(let integer)), (.bigInteger, .integer(let integer)):
            return String(integer)
        case (.float, .double(let double)), (.double, .double(let double)), (.bigDecimal, .double(let double)):
            return RESTScalarText.doubleText(double)
        case (.float, .integer(let integer)), (.double, .integer(let integer)), (.bigDecimal, .integer(let integer)):
            return String(integer)
        case (.blob, .blob(let data)): return data.base64EncodedString()
        case (.timestamp, .timestamp(let date)):
            return WireTimestampText.text(date, format: timestampFormat ?? shape.timestampFormat ?? .iso8601)
        default: return nil
        }
    }

    /// An element for a value without a schema (fields of an error the model does not list).
    static func genericElement(name: String, value: AWSValue) -> XMLElement {
        switch value {
        case .null: return XMLElement(name: name)
        case .boolean(let flag): return XMLElement(name: name, text: flag ? "true" : "false")
        case .integer(let integer): return XMLElement(name: name, text: String(integer))
        case .double(let double): return XMLElement(name: name, text: RESTScalarText.doubleText(double))
        case .string(let text): return XMLElement(name: name, text: text)
        case .blob(let data): return XMLElement(name: name, text: data.base64EncodedString())
        case .timestamp(let date): return XMLElement(name: name, text: WireTimestampText.iso8601Text(date))
        case .list(let items):
            return XMLElement(name: name, children: items.map { .element(genericElement(name: "member", value: $0)) })
        case .object(let members):
            return XMLElement(name: name, children: members.map { .element(genericElement(name: $0.key, value: $0.value)) })
        }
    }
}
