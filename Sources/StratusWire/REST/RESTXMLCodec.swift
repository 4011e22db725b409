import Foundation
import OrderedCollections
import StratusServiceKit

/// The REST-XML protocol (S3 and other `rest-xml` services): HTTP bindings plus XML bodies.
///
/// Requests: labels, query, headers and prefix headers as in ``RESTHTTPBindings``; the body is an XML document
/// whose root holds the remaining members, or the `payload` member alone (structure → XML document, blob →
/// raw bytes, string → UTF-8 text). The root element's name is not checked. Unparsable XML or values of the
/// wrong type give 400 (`SerializationException`, or S3's `MalformedXML`). Content-Type is not checked: S3
/// clients send arbitrary types.
///
/// Responses: status from the `statusCode` member, else the operation's `responseCode`, else 200; header
/// members as headers; an `application/xml` body whose root is the output reference's `locationName` (else
/// the shape name) with its namespace, or the raw payload. No body when the output has no body members.
/// Errors: `<ErrorResponse><Error><Type/><Code/><Message/>…</Error><RequestId/></ErrorResponse>`, or for S3
/// the bare `<Error>` document with `x-amz-request-id`/`x-amz-id-2` headers (see ``S3Quirks``).
package struct RESTXMLCodec: ProtocolCodec {
    /// Whether S3's quirks apply: `nil` decides per service (`serviceId` `S3`).
    package let s3Quirks: Bool?

    /// A codec; with `s3Quirks` `nil`, S3's quirks apply exactly to the S3 service.
    package init(s3Quirks: Bool? = nil) {
        self.s3Quirks = s3Quirks
    }

    private func usesS3Quirks(_ service: ServiceSchema?) -> Bool {
        s3Quirks ?? (service.map(S3Quirks.applies(to:)) ?? false)
    }

    /// Decodes the input of `operation` (see the type's documentation for the rules).
    /// - Throws: ``AWSServiceError`` 400 `SerializationException` (S3: `MalformedXML`).
    package func decodeRequest(_ request: WireRequest, operation: OperationSchema, service: ServiceSchema) throws -> AWSValue {
        guard let inputReference = operation.input else { return .emptyObject }
        let isS3 = usesS3Quirks(service)
        let shape = service[shape: inputReference.shape]
        guard let labels = RESTURITemplate(operation.requestURI).matchPath(request.rawPath) else {
            throw AWSServiceError(.serialization, "The path \(request.rawPath) does not fit \(operation.requestURI).")
        }
        let query = RESTPercentEncoding.parseQuery(request.rawQuery)
        var members: OrderedDictionary<String, AWSValue>
        do {
            members = try RESTHTTPBindings(service: service).readBoundMembers(
                of: shape, request: request, labels: labels, query: query)
        } catch {
            throw isS3 ? AWSServiceError(S3Quirks.invalidArgument, error.message) : error
        }
        let mapper = XMLShapeMapper(service: service)
        if let payloadName = shape.payload, let payload = shape.member(named: payloadName) {
            let target = service[shape: payload.shape]
            if !request.body.isEmpty {
                switch target.type {
                case .blob: members[payload.name] = .blob(Data(request.body))
                case .string: members[payload.name] = .string(String(decoding: request.body, as: UTF8.self))
                default:
                    let root = try parseXML(request.body, isS3: isS3)
                    do {
                        members[payload.name] = try mapper.read(root, shape: payload.shape, member: payload, path: payload.name)
                    } catch {
                        throw malformed(error.message, isS3: isS3)
                    }
                }
            }
        } else {
            let bodyMembers = RESTHTTPBindings.bodyMembers(of: shape)
            if !bodyMembers.isEmpty, !request.body.isEmpty {
                let root = try parseXML(request.body, isS3: isS3)
                do {
                    for (name, value) in try mapper.readStructure(root, shape: shape, members: bodyMembers) {
                        members[name] = value
                    }
                } catch {
                    throw malformed(error.message, isS3: isS3)
                }
            }
        }
        var ordered: OrderedDictionary<String, AWSValue> = [:]
        let defaults = RESTJSONBodyReader(service: service)
        for member in shape.members {
            if let value = members[member.name] {
                ordered[member.name] = value
            } else if member.location != .statusCode, let value = try? defaults.defaultValue(of: member, path: member.name) {
                ordered[member.name] = value
            }
        }
        return .object(ordered)
    }

    private func parseXML(_ body: [UInt8], isS3: Bool) throws(AWSServiceError) -> XMLElement {
        do {
            return try XMLElement.parse(body)
        } catch {
            throw malformed("The request body is not well-formed XML: \(error.description)", isS3: isS3)
        }
    }

    private func malformed(_ message: String, isS3: Bool) -> AWSServiceError {
        AWSServiceError(isS3 ? S3Quirks.malformedXML : .serialization, message)
    }

    /// Encodes `output` of `operation`: status, header members, XML document or raw payload.
    /// - Throws: ``AWSServiceError`` `InternalFailure` when the output does not fit its shape.
    package func encodeResponse(
        _ output: AWSValue, operation: OperationSchema, service: ServiceSchema, requestID: String
    ) throws -> WireResponse {
        let isS3 = usesS3Quirks(service)
        var headers: [(String, String)] = isS3 ? S3Quirks.requestIDHeaders(requestID) : [("x-amzn-RequestId", requestID)]
        var status = operation.responseCode ?? 200
        guard let outputReference = operation.output else { return WireResponse(status: status, headers: headers) }
        let shape = service[shape: outputReference.shape]
        let fields = output.objectValue ?? [:]
        let bound = try RESTHTTPBindings(service: service).writeBoundMembers(fields, of: shape)
        headers += bound.headers
        if let code = bound.status { status = code }
        if isS3, let partial = S3Quirks.partialContentStatus(operation: operation, output: fields) { status = partial }
        let hasContentType = bound.headers.contains { $0.0.lowercased() == "content-type" }
        let mapper = XMLShapeMapper(service: service)
        if let payloadName = shape.payload, let payload = shape.member(named: payloadName) {
            try RESTHTTPBindings.rejectEventStream(service[shape: payload.shape], operation: operation)
        }
        var body: [UInt8] = []
        do {
            if let payloadName = shape.payload, let payload = shape.member(named: payloadName) {
                let target = service[shape: payload.shape]
                if let raw = RESTHTTPBindings.rawPayload(fields[payload.name], target: target, boundHeaders: bound.headers) {
                    body = raw.body
                    headers += raw.headers
                } else if let value = fields[payload.name] {
                    let name = payload.locationName ?? target.locationName ?? target.name
                    let element = try mapper.element(
                        named: name, value: value, shape: payload.shape, member: payload,
                        namespace: payload.xmlNamespace ?? target.xmlNamespace)
                    body = element.serialized(declaration: true)
                    if !hasContentType { headers.append(("Content-Type", "application/xml")) }
                }
            } else {
                if let element = try bodyElement(fields, operation: operation, shape: shape, service: service, isS3: isS3) {
                    body = element.serialized(declaration: true)
                }
                if !hasContentType { headers.append(("Content-Type", "application/xml")) }
            }
        } catch {
            throw AWSServiceError(.internalFailure, "Output does not fit its shape: \(error.message)")
        }
        return RESTHTTPBindings.withoutBodyIfStatusForbidsOne(WireResponse(status: status, headers: headers, body: body))
    }

    private func bodyElement(
        _ fields: OrderedDictionary<String, AWSValue>, operation: OperationSchema, shape: ShapeSchema,
        service: ServiceSchema, isS3: Bool
    ) throws(XMLShapeMapper.MappingError) -> XMLElement? {
        guard let reference = operation.output else { return nil }
        let members = RESTHTTPBindings.responseBodyMembers(of: shape)
        guard !members.isEmpty else { return nil }
        let mapper = XMLShapeMapper(service: service)
        let namespace = reference.xmlNamespace ?? shape.xmlNamespace
            ?? (isS3 ? service.xmlNamespace.map { XMLNamespace(uri: $0) } ?? S3Quirks.namespace : nil)
        if isS3, let unwrapped = try S3Quirks.unwrappedOutput(
            fields, operation: operation, members: members, mapper: mapper, namespace: namespace)
        {
            return unwrapped
        }
        let name = reference.locationName ?? (isS3 ? S3Quirks.outputRootName(operation: operation.name) : nil) ?? shape.name
        var root = XMLElement(name: name)
        if let namespace {
            root.attributes.append((namespace.prefix.map { "xmlns:\($0)" } ?? "xmlns", namespace.uri))
        }
        try mapper.writeStructure(fields, shape: shape, members: members, into: &root)
        return root
    }

    /// Encodes `error` as `<ErrorResponse>` (S3: bare `<Error>` with request-id headers).
    package func encodeError(
        _ error: AWSServiceError, operation: OperationSchema?, service: ServiceSchema?, requestID: String
    ) -> WireResponse {
        let isS3 = usesS3Quirks(service)
        var headers: [(String, String)] = isS3 ? S3Quirks.requestIDHeaders(requestID) : [("x-amzn-RequestId", requestID)]
        headers.append(("Content-Type", "application/xml"))
        var details: [XMLElement] = []
        var fields = error.fields
        if let service, let errorShape = service.shape(named: error.code.code), errorShape.isException {
            if let messageMember = errorShape.members.first(where: { $0.name.lowercased() == "message" }) {
                fields.removeValue(forKey: messageMember.name)
            }
            if let bound = try? RESTHTTPBindings(service: service).writeBoundMembers(fields, of: errorShape) {
                headers += bound.headers
            }
            var holder = XMLElement(name: "Error")
            let members = RESTHTTPBindings.responseBodyMembers(of: errorShape).filter { $0.name.lowercased() != "message" }
            if (try? XMLShapeMapper(service: service).writeStructure(fields, shape: errorShape, members: members, into: &holder)) != nil {
                details = holder.elements
            }
            for member in errorShape.members { fields.removeValue(forKey: member.name) }
        }
        // Fields the model does not declare (S3's `BucketName`, `Key`, `Resource`, …) as simple elements.
        for (key, value) in fields {
            switch value {
            case .string(let text): details.append(XMLElement(name: key, text: text))
            case .integer(let number): details.append(XMLElement(name: key, text: String(number)))
            case .boolean(let flag): details.append(XMLElement(name: key, text: flag ? "true" : "false"))
            default: continue
            }
        }
        headers += error.headers
        var errorElement = XMLElement(name: "Error")
        if !isS3 { errorElement.append(XMLElement(name: "Type", text: error.code.senderFault ? "Sender" : "Receiver")) }
        errorElement.append(XMLElement(name: "Code", text: error.code.code))
        if let message = error.message { errorElement.append(XMLElement(name: "Message", text: message)) }
        for detail in details { errorElement.append(detail) }
        let document: XMLElement
        if isS3 {
            document = S3Quirks.errorDocument(errorElement, requestID: requestID)
        } else {
            var wrapper = XMLElement(name: "ErrorResponse")
            wrapper.append(errorElement)
            wrapper.append(XMLElement(name: "RequestId", text: requestID))
            document = wrapper
        }
        return RESTHTTPBindings.withoutBodyIfStatusForbidsOne(
            WireResponse(status: error.code.httpStatus, headers: headers, body: document.serialized(declaration: true)))
    }
}
