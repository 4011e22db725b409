import Foundation
import OrderedCollections
import StratusJSON
import StratusServiceKit

/// The REST-JSON protocol (Lambda and other `rest-json` services): HTTP bindings plus JSON bodies.
///
/// Requests: labels, query, headers and prefix headers are read with ``RESTHTTPBindings``; the body is a JSON
/// object of the remaining members (keys are `locationName`s), or the `payload` member alone (a structure,
/// union or document as JSON, a blob as the raw bytes, a string as UTF-8 text). Content-Type must be
/// `application/json` for JSON bodies, `text/plain` (or the model's `@mediaType`) for string payloads and the
/// model's `@mediaType` for blob payloads that have one (else 415; blob payloads without one take any type), a
/// body on an operation
/// without one is rejected (415) (the AWS JSON types `application/x-amz-json-1.x` are accepted as JSON too), and an `Accept` header that excludes the response's media type gives 406.
/// Unparsable JSON or values of the wrong type give 400 `SerializationException`. Model constraints are not
/// checked here (see `ModelValidator`).
///
/// Responses: status from the `statusCode` member, else the operation's `responseCode`, else 200; header
/// members as headers; JSON body (timestamps as epoch seconds, blobs as base64) or the raw payload.
/// Errors: the error's status, `x-amzn-errortype: <code>`, and a JSON body with the message (under the error
/// shape's own `message`/`Message` member name, else `message`) and the error's body members.
package struct RESTJSONCodec: ProtocolCodec {
    /// The codec (stateless).
    package init() {}

    /// Decodes the input of `operation` (see the type's documentation for the rules).
    /// - Throws: ``AWSServiceError``: 400 `SerializationException`, 415 `UnsupportedMediaTypeException`,
    ///   406 `NotAcceptableException`.
    package func decodeRequest(_ request: WireRequest, operation: OperationSchema, service: ServiceSchema) throws -> AWSValue {
        let bindings = RESTHTTPBindings(service: service)
        try checkAccept(request, operation: operation, service: service)
        let contentType = RESTMediaType.essence(request.header("Content-Type"))
        guard let inputReference = operation.input else {
            if !request.body.isEmpty {
                throw AWSServiceError(RESTMediaType.unsupportedMediaType, "The operation \(operation.name) takes no request body.")
            }
            return .emptyObject
        }
        let shape = service[shape: inputReference.shape]
        let template = RESTURITemplate(operation.requestURI)
        guard let labels = template.matchPath(request.rawPath) else {
            throw AWSServiceError(.serialization, "The path \(request.rawPath) does not fit \(operation.requestURI).")
        }
        let query = RESTPercentEncoding.parseQuery(request.rawQuery)
        var members = try bindings.readBoundMembers(of: shape, request: request, labels: labels, query: query)
        let reader = RESTJSONBodyReader(service: service)

        if let payloadName = shape.payload, let payload = shape.member(named: payloadName) {
            let target = service[shape: payload.shape]
            switch target.type {
            case .blob:
                if !request.body.isEmpty {
                    if let mediaType = target.mediaType { try requireContentType(contentType, mediaType) }
                    members[payload.name] = .blob(Data(request.body))
                }
            case .string:
                if !request.body.isEmpty {
                    try requireContentType(contentType, RESTMediaType.payloadMediaType(of: target))
                    members[payload.name] = .string(String(decoding: request.body, as: UTF8.self))
                }
            default:
                if !request.body.isEmpty {
                    try requireJSONContentType(contentType)
                    let json = try parseJSON(request.body)
                    // `{}` for a structure payload means the payload is unset (Smithy servers read it so).
                    if case .object(let fields) = json, fields.isEmpty, target.type == .structure, !target.isUnion {
                        break
                    }
                    do {
                        members[payload.name] = try reader.read(json, shape: payload.shape, member: payload, path: payload.name)
                    } catch {
                        throw AWSServiceError(.serialization, error.message)
                    }
                }
            }
        } else {
            let bodyMembers = RESTHTTPBindings.bodyMembers(of: shape)
            // An input with bound members only takes no body; an input without any members may carry `{}`.
            if bodyMembers.isEmpty, !shape.members.isEmpty {
                if !request.body.isEmpty, contentType != nil {
                    throw AWSServiceError(RESTMediaType.unsupportedMediaType, "The operation \(operation.name) takes no request body.")
                }
            } else {
                var json = JSONValue.object([:])
                if !request.body.isEmpty {
                    try requireJSONContentType(contentType)
                    json = try parseJSON(request.body)
                }
                do {
                    let bodyValues = try reader.readStructure(json, shape: shape, members: bodyMembers)
                    for (name, value) in bodyValues { members[name] = value }
                } catch {
                    throw AWSServiceError(.serialization, error.message)
                }
            }
        }
        // Defaults of bound members the request left out, then model order.
        var ordered: OrderedDictionary<String, AWSValue> = [:]
        for member in shape.members {
            if let value = members[member.name] {
                ordered[member.name] = value
            } else if member.location != .body, member.location != .statusCode,
                let value = try? reader.defaultValue(of: member, path: member.name)
            {
                ordered[member.name] = value
            }
        }
        return .object(ordered)
    }

    /// JSON bodies need `application/json` (some older SDKs write the AWS JSON media types, also accepted).
    private func requireJSONContentType(_ contentType: String?) throws(AWSServiceError) {
        guard let contentType, contentType == "application/json" || contentType.hasPrefix("application/x-amz-json-")
        else {
            throw AWSServiceError(
                RESTMediaType.unsupportedMediaType, "Expected Content-Type application/json, got \(contentType ?? "none").")
        }
    }

    /// Raw payloads with a fixed media type need exactly that Content-Type.
    private func requireContentType(_ contentType: String?, _ mediaType: String) throws(AWSServiceError) {
        guard contentType == mediaType.lowercased() else {
            throw AWSServiceError(
                RESTMediaType.unsupportedMediaType, "Expected Content-Type \(mediaType), got \(contentType ?? "none").")
        }
    }

    private func parseJSON(_ body: [UInt8]) throws(AWSServiceError) -> JSONValue {
        do {
            return try JSONValue.parse(body)
        } catch {
            throw AWSServiceError(.serialization, "The request body is not valid JSON: \(error.description)")
        }
    }

    /// The media type the response of `operation` will have, or `nil` when any is fine (blob payloads).
    private func responseMediaType(operation: OperationSchema, service: ServiceSchema) -> String? {
        guard let output = operation.output else { return "application/json" }
        let shape = service[shape: output.shape]
        if let payloadName = shape.payload, let payload = shape.member(named: payloadName) {
            let target = service[shape: payload.shape]
            switch target.type {
            // A blob payload without a model `@mediaType` may be anything, so any Accept is fine for it.
            case .blob: return target.mediaType
            case .string: return RESTMediaType.payloadMediaType(of: target)
            default: return "application/json"
            }
        }
        return "application/json"
    }

    private func checkAccept(_ request: WireRequest, operation: OperationSchema, service: ServiceSchema) throws(AWSServiceError) {
        guard let accept = request.header("Accept"), !accept.isEmpty,
            let mediaType = responseMediaType(operation: operation, service: service)
        else { return }
        if !RESTMediaType.accepts(accept, mediaType) {
            throw AWSServiceError(RESTMediaType.notAcceptable, "The response media type \(mediaType) is not acceptable.")
        }
    }

    /// Encodes `output` of `operation`: status, header members, JSON body or raw payload.
    /// - Throws: ``AWSServiceError`` `InternalFailure` when the output does not fit its shape.
    package func encodeResponse(
        _ output: AWSValue, operation: OperationSchema, service: ServiceSchema, requestID: String
    ) throws -> WireResponse {
        var headers: [(String, String)] = [("x-amzn-RequestId", requestID)]
        var status = operation.responseCode ?? 200
        guard let outputReference = operation.output else {
            return WireResponse(status: status, headers: headers)
        }
        let shape = service[shape: outputReference.shape]
        let fields = output.objectValue ?? [:]
        let bound = try RESTHTTPBindings(service: service).writeBoundMembers(fields, of: shape)
        headers += bound.headers
        if let code = bound.status { status = code }
        let hasContentType = bound.headers.contains { $0.0.lowercased() == "content-type" }
        var body: [UInt8] = []
        if let payloadName = shape.payload, let payload = shape.member(named: payloadName) {
            let target = service[shape: payload.shape]
            try RESTHTTPBindings.rejectEventStream(target, operation: operation)
            if let raw = RESTHTTPBindings.rawPayload(fields[payload.name], target: target, boundHeaders: bound.headers) {
                body = raw.body
                headers += raw.headers
            } else if let value = fields[payload.name] {
                body = try RESTJSONBodyWriter(service: service).write(value, shape: payload.shape, member: payload).serialized()
                if !hasContentType { headers.append(("Content-Type", "application/json")) }
            }
        } else {
            let members = RESTHTTPBindings.responseBodyMembers(of: shape)
            let object = try RESTJSONBodyWriter(service: service).writeStructure(fields, members: members, fillDefaults: true)
            body = JSONValue.object(object).serialized()
            if !hasContentType { headers.append(("Content-Type", "application/json")) }
        }
        return RESTHTTPBindings.withoutBodyIfStatusForbidsOne(WireResponse(status: status, headers: headers, body: body))
    }

    /// Encodes `error`: its status, `x-amzn-errortype`, and the JSON body of its message and members.
    package func encodeError(
        _ error: AWSServiceError, operation: OperationSchema?, service: ServiceSchema?, requestID: String
    ) -> WireResponse {
        var headers: [(String, String)] = [
            ("x-amzn-RequestId", requestID), ("x-amzn-errortype", error.code.code), ("Content-Type", "application/json"),
        ]
        var object: OrderedDictionary<String, JSONValue> = [:]
        let errorShape = service.flatMap { $0.shape(named: error.code.code) }.flatMap { $0.isException ? $0 : nil }
        if let service, let errorShape {
            let messageMember = errorShape.members.first { $0.name.lowercased() == "message" }
            if let message = error.message { object[messageMember?.wireName ?? "message"] = .string(message) }
            var fields = error.fields
            if let messageMember { fields.removeValue(forKey: messageMember.name) }
            if let bound = try? RESTHTTPBindings(service: service).writeBoundMembers(fields, of: errorShape) {
                headers += bound.headers
            }
            let writer = RESTJSONBodyWriter(service: service)
            if let body = try? writer.writeStructure(fields, members: RESTHTTPBindings.responseBodyMembers(of: errorShape)) {
                for (key, value) in body { object[key] = value }
            }
            // Fields the model does not declare are written as plain JSON.
            for (key, value) in fields where errorShape.member(named: key) == nil {
                object[key] = AWSJSONShapeMapper.json(fromDocument: value)
            }
        } else {
            if let message = error.message { object["message"] = .string(message) }
            for (key, value) in error.fields { object[key] = AWSJSONShapeMapper.json(fromDocument: value) }
        }
        headers += error.headers
        return RESTHTTPBindings.withoutBodyIfStatusForbidsOne(
            WireResponse(status: error.code.httpStatus, headers: headers, body: JSONValue.object(object).serialized()))
    }
}
