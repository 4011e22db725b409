import Foundation
import HTTPTypes
import OrderedCollections
import StratusJSON
import StratusServiceKit

/// The AWS JSON 1.0 / 1.1 protocol (`X-Amz-Target`, `application/x-amz-json-1.x`) for one service.
///
/// Guarantees:
/// - requests: an empty body or `{}` is the empty input; members are read by name following the schema (see
///   ``AWSJSONShapeMapper``); a body that is not JSON, not an object, or has a value of the wrong JSON type
///   fails with `SerializationException` (400); unknown members are ignored;
/// - responses: `Content-Type: application/x-amz-json-1.x`, the output's present members (an operation
///   without output answers with an empty body, as the Smithy vectors require);
/// - errors: the error's status, `{"__type": …, "message": …}` plus the error's other fields, header
///   `x-amzn-RequestId`; for `awsQueryCompatible` services also `x-amzn-query-error: <query code>;Sender|Receiver`.
///
/// `__type` is the bare code unless ``errorTypeNamespace`` is set, in which case it is `<namespace>#<code>`
/// (what AWS JSON 1.0 services such as SQS and DynamoDB send; clients strip everything up to `#`).
package struct AWSJSONCodec: ProtocolCodec {
    /// The protocol version: it only changes the content type.
    package enum Version: String, Sendable {
        case v1_0 = "1.0"
        case v1_1 = "1.1"
    }

    /// The protocol version.
    package let version: Version
    /// The Smithy namespace written before `#` in `__type`, or `nil` for the bare code.
    package let errorTypeNamespace: String?

    /// A codec for `version`, writing `__type` as `<errorTypeNamespace>#<code>` when a namespace is given.
    package init(version: Version, errorTypeNamespace: String? = nil) {
        self.version = version
        self.errorTypeNamespace = errorTypeNamespace
    }

    /// The codec a service's metadata asks for (`jsonVersion`, default 1.0).
    package init(service: ServiceSchema, errorTypeNamespace: String? = nil) {
        self.init(version: service.jsonVersion == "1.1" ? .v1_1 : .v1_0, errorTypeNamespace: errorTypeNamespace)
    }

    /// `application/x-amz-json-1.0` or `application/x-amz-json-1.1`.
    package var contentType: String {
        switch version {
        case .v1_0: return "application/x-amz-json-1.0"
        case .v1_1: return "application/x-amz-json-1.1"
        }
    }

    /// Throws the `SerializationException` ``decodeRequest(_:operation:service:)`` throws for a `Content-Type` that is
    /// not JSON (none, `application/x-amz-json-*`, `application/json` and `binary/octet-stream` are accepted).
    package func checkContentType(of request: WireRequest) throws(AWSServiceError) {
        guard let contentType = request.header(.contentType) else { return }
        let mediaType = Self.mediaType(of: contentType)
        let accepted = mediaType.isEmpty || mediaType.hasPrefix("application/x-amz-json")
            || mediaType == "application/json" || mediaType == "binary/octet-stream"
        if !accepted {
            throw AWSServiceError(.serialization, "Content-Type \(contentType) is not supported; expected \(self.contentType).")
        }
    }

    package func decodeRequest(_ request: WireRequest, operation: OperationSchema, service: ServiceSchema) throws -> AWSValue {
        try checkContentType(of: request)
        let isBlank = request.body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard let input = operation.input else {
            if !isBlank, (try? RPCJSONText.parse(request.body)) == nil {
                throw AWSServiceError(.serialization, "The request body is not valid JSON.")
            }
            return .emptyObject
        }
        // The common case is read straight from the bytes; anything that reader leaves (including every error)
        // takes the general path below, which decides and words the answer.
        if !isBlank,
            let value = AWSJSONDirectReader(shapes: service.shapes, usesLocationNames: true)
                .read(request.body, shape: input.shape)
        {
            return value
        }
        let mapper = AWSJSONShapeMapper(service: service)
        let json: JSONValue
        if isBlank {
            json = .object([:])
        } else {
            do {
                json = try RPCJSONText.parse(request.body)
            } catch {
                throw AWSServiceError(.serialization, "The request body is not valid JSON.")
            }
        }
        guard case .object = json else {
            throw AWSServiceError(.serialization, "The request body must be a JSON object.")
        }
        do {
            return try mapper.read(json, shape: input.shape)
        } catch {
            throw AWSServiceError(.serialization, "Unable to read the request: \(error.message).")
        }
    }

    /// The lowercased media type of a `Content-Type` value: its first non-empty `;`-separated part, trimmed of
    /// whitespace. ASCII values (all real ones) are read byte-wise; others the general (Foundation) way, with the
    /// same result.
    static func mediaType(of contentType: String) -> String {
        var text = contentType
        let ascii = text.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: ";") { end += 1 }
                if end > start {
                    var low = start
                    var high = end
                    while low < high, bytes[low] == 0x20 || bytes[low] == 0x09 { low += 1 }
                    while high > low, bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09 { high -= 1 }
                    return String(unsafeUninitializedCapacity: high - low) { buffer in
                        for index in low..<high {
                            let byte = bytes[index]
                            buffer[index - low] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                        }
                        return high - low
                    }
                }
                start = end + 1
            }
            return ""
        }
        if let ascii { return ascii }
        return contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    package func encodeResponse(
        _ output: AWSValue, operation: OperationSchema, service: ServiceSchema, requestID: String
    ) throws -> WireResponse {
        var body: [UInt8] = []
        if let outputReference = operation.output {
            // Written straight to bytes when it can be; the general path writes (or rejects) the rest.
            if let direct = AWSJSONDirectWriter(shapes: service.shapes, usesLocationNames: true)
                .write(output, shape: outputReference.shape)
            {
                body = direct
            } else {
                body = RPCJSONText.serialize(
                    try AWSJSONShapeMapper(service: service).write(output, shape: outputReference.shape))
            }
        }
        // The same fields `WireResponse(status:headers:body:)` builds from names, without reading the names.
        var fields = HTTPFields()
        fields.append(HTTPField(name: .contentType, value: contentType))
        if let requestIDField = Self.requestIDField { fields.append(HTTPField(name: requestIDField, value: requestID)) }
        return WireResponse(
            head: HTTPResponse(status: .init(code: operation.responseCode ?? 200), headerFields: fields), body: body)
    }

    private static let requestIDField = HTTPField.Name("x-amzn-RequestId")

    package func encodeError(
        _ error: AWSServiceError, operation: OperationSchema?, service: ServiceSchema?, requestID: String
    ) -> WireResponse {
        var body: OrderedDictionary<String, JSONValue> = [:]
        body["__type"] = .string(errorTypeNamespace.map { "\($0)#\(error.code.code)" } ?? error.code.code)
        let errorShape = service.flatMap { Self.errorShape(for: error.code, in: $0) }
        var messageKey = "message"
        if let service, let errorShapeID = errorShape {
            let shape = service[shape: errorShapeID]
            if let member = shape.members.first(where: { $0.name.lowercased() == "message" }) {
                messageKey = member.wireName
            }
            if let message = error.message { body[messageKey] = .string(message) }
            var fields = error.fields
            fields.removeValue(forKey: messageKey)
            if let written = try? AWSJSONShapeMapper(service: service).write(.object(fields), shape: errorShapeID),
                case .object(let members) = written
            {
                for (key, value) in members where key != messageKey { body[key] = value }
            } else {
                for (key, value) in fields { body[key] = AWSJSONShapeMapper.json(fromDocument: value) }
            }
        } else {
            if let message = error.message { body[messageKey] = .string(message) }
            for (key, value) in error.fields where key != messageKey {
                body[key] = AWSJSONShapeMapper.json(fromDocument: value)
            }
        }
        var headers: [(String, String)] = [("Content-Type", contentType), ("x-amzn-RequestId", requestID)]
        if service?.awsQueryCompatible == true {
            let side = error.code.senderFault ? "Sender" : "Receiver"
            headers.append(("x-amzn-query-error", "\(error.code.queryCode ?? error.code.code);\(side)"))
        }
        headers += error.headers
        return WireResponse(status: error.code.httpStatus, headers: headers, body: RPCJSONText.serialize(.object(body)))
    }

    /// The exception shape whose name (or `error.code`) is `code.code`, if the model has one.
    package static func errorShape(for code: AWSErrorCode, in service: ServiceSchema) -> ShapeID? {
        if let id = service.shapeID(named: code.code), service[shape: id].isException { return id }
        return service.shapes.firstIndex { $0.isException && ($0.error?.code == code.code) }
    }
}
