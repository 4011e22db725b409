import Foundation
import HTTPTypes
import OrderedCollections
import StratusJSON
import StratusProtocolTestServices
import StratusServiceKit
@testable import StratusWire

/// Runs the server-relevant Smithy vectors of a REST protocol (`restJson1`, `restXml`) against
/// ``RESTJSONCodec`` / ``RESTXMLCodec``, routing with ``RESTOperationMatcher`` (and ``S3Addressing`` for S3).
struct RESTVectorRunner {
    struct Tally {
        var requestPassed = 0
        var requestTotal = 0
        var responsePassed = 0
        var responseTotal = 0
        var malformedPassed = 0
        var malformedTotal = 0
        var failures: [String] = []

        var line: String {
            "request \(requestPassed)/\(requestTotal), response \(responsePassed)/\(responseTotal), "
                + "malformed \(malformedPassed)/\(malformedTotal)"
        }
    }

    let protocolName: String

    func run() -> Tally? {
        guard let vectors = VectorCase.load(protocolName: protocolName) else { return nil }
        var tally = Tally()
        for vector in vectors where vector.serverRelevant {
            let reason: String?
            switch vector.kind {
            case "request":
                tally.requestTotal += 1
                reason = checkRequest(vector)
                if reason == nil { tally.requestPassed += 1 }
            case "response":
                tally.responseTotal += 1
                reason = checkResponse(vector)
                if reason == nil { tally.responsePassed += 1 }
            case "malformed":
                tally.malformedTotal += 1
                reason = checkMalformed(vector)
                if reason == nil { tally.malformedPassed += 1 }
            default:
                continue
            }
            if let reason { tally.failures.append("\(vector.id) (\(vector.kind)): \(reason)") }
        }
        return tally
    }

    private var codec: any ProtocolCodec {
        protocolName == "restXml" ? RESTXMLCodec() : RESTJSONCodec()
    }

    private func service(of vector: VectorCase) -> ServiceSchema? {
        if let id = vector.serviceID { return ProtocolTestServices.all[id] }
        return ProtocolTestServices.unbound[vector.operationOrShape]
    }

    /// Routes the vector's request as the gateway would: S3 hosts rewritten to path style, then the matcher.
    private func route(_ vector: VectorCase, service: ServiceSchema) -> (WireRequest, OperationSchema)? {
        var request = vector.request()
        if S3Quirks.applies(to: service) {
            let host = request.head.authority ?? ""
            let address = S3Addressing.bucketAndKey(host: host, path: request.rawPath)
            let query = request.rawQuery
            request.head.path = address.pathStylePath + (query.isEmpty ? "" : "?" + query)
        }
        let matcher = RESTOperationMatcher(service: service)
        guard let match = matcher.match(request) else {
            return nil
        }
        return (request, match.operation)
    }

    // MARK: requests

    func checkRequest(_ vector: VectorCase) -> String? {
        guard let service = service(of: vector) else { return "unknown service \(vector.serviceID ?? "-")" }
        if vector.body == nil, vector.headers.contains(where: { $0.0.lowercased() == "content-encoding" }) {
            return "client-side request compression vector without a body (gzip bodies are not decoded)"
        }
        guard let (request, operation) = route(vector, service: service) else {
            return "no operation matches \(vector.request().head.method.rawValue) \(vector.request().head.path ?? "")"
        }
        guard operation.name == vector.shapeName else { return "routed to \(operation.name), expected \(vector.shapeName)" }
        let input: AWSValue
        do {
            input = try codec.decodeRequest(request, operation: operation, service: service)
        } catch {
            return "decoding failed: \(error)"
        }
        guard let reference = operation.input else {
            return input == .emptyObject ? nil : "operation has no input but decoded \(input)"
        }
        return VectorValues.difference(input, vector.params, shape: reference.shape, service: service)
    }

    // MARK: responses

    func checkResponse(_ vector: VectorCase) -> String? {
        guard let service = service(of: vector) else { return "unknown service \(vector.serviceID ?? "-")" }
        let requestID = vector.body.flatMap(VectorRPCRunner.requestID(in:)) ?? "foo-id"
        let response: WireResponse
        if vector.isErrorVector {
            guard let shapeID = service.shapeID(named: vector.shapeName) else { return "no error shape \(vector.shapeName)" }
            let error = VectorRPCRunner.error(shapeID: shapeID, params: vector.params, service: service, query: false)
            response = codec.encodeError(error, operation: nil, service: service, requestID: requestID)
        } else {
            guard let operation = service.operation(named: vector.shapeName) else { return "no operation \(vector.shapeName)" }
            let output = operation.output.map { VectorValues.value(vector.params, shape: $0.shape, service: service) } ?? .emptyObject
            do {
                response = try codec.encodeResponse(output, operation: operation, service: service, requestID: requestID)
            } catch {
                return "encoding failed: \(error)"
            }
        }
        return Self.compare(response, code: vector.code, headers: vector.headers, forbid: vector.forbidHeaders,
                            require: vector.requireHeaders, body: vector.body, mediaType: vector.bodyMediaType)
    }

    static func compare(
        _ response: WireResponse, code: Int?, headers: [(String, String)], forbid: [String], require: [String],
        body: String?, mediaType: String?
    ) -> String? {
        if let code, response.head.status.code != code { return "status \(response.head.status.code) ≠ \(code)" }
        for (name, value) in headers {
            let actual = response.header(name)
            if name.lowercased() == "content-type" {
                let bare = actual?.split(separator: ";").first.map(String.init)
                if bare != value { return "header \(name): \(actual ?? "absent") ≠ \(value)" }
            } else if actual != value {
                return "header \(name): \(actual ?? "absent") ≠ \(value)"
            }
        }
        for name in forbid where response.header(name) != nil { return "forbidden header \(name) present" }
        for name in require where response.header(name) == nil { return "required header \(name) absent" }
        if let body {
            let kind: String
            switch mediaType {
            case "application/json": kind = "json"
            case "application/xml", "text/xml": kind = "xml"
            default: kind = "bytes"
            }
            if let difference = VectorBodyComparison.difference(actual: response.body, expected: body, mediaType: kind) {
                return difference
            }
        }
        return nil
    }

    // MARK: malformed requests

    func checkMalformed(_ vector: VectorCase) -> String? {
        guard let service = service(of: vector) else { return "unknown service \(vector.serviceID ?? "-")" }
        guard let (request, operation) = route(vector, service: service) else {
            return "no operation matches \(vector.request().head.path ?? "")"
        }
        guard operation.name == vector.shapeName else { return "routed to \(operation.name), expected \(vector.shapeName)" }
        let failure: AWSServiceError
        do {
            let input = try codec.decodeRequest(request, operation: operation, service: service)
            try ModelValidator(service: service, style: .smithy).validate(input, operation: operation)
            return "accepted: decoded \(input)"
        } catch let error as AWSServiceError {
            failure = error
        } catch {
            return "failed with a non-AWS error \(error)"
        }
        let response = codec.encodeError(failure, operation: operation, service: service, requestID: "malformed")
        var expectedHeaders: [(String, String)] = []
        if case .object(let fields)? = vector.raw["responseHeaders"] {
            expectedHeaders = fields.compactMap { key, value in value.stringValue.map { (key, $0) } }
        }
        var body: String?
        var mediaType: String?
        if case .object(let spec)? = vector.raw["responseBody"] {
            mediaType = spec["mediaType"]?.stringValue
            body = spec["assertion"]?["contents"]?.stringValue
        }
        if let reason = Self.compare(response, code: vector.code, headers: expectedHeaders, forbid: [], require: [],
                                     body: body, mediaType: mediaType) {
            return "\(reason) [\(failure.code.code): \(failure.message ?? "")]"
        }
        return nil
    }
}
