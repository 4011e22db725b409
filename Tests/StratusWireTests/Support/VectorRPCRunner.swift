import HTTPTypes
import Foundation
import OrderedCollections
import StratusJSON
import StratusProtocolTestServices
import StratusServiceKit
import Synchronization
@testable import StratusWire

/// Runs the server-relevant request and response vectors of one RPC protocol (awsJson1_0, awsJson1_1, awsQuery)
/// through the router and codecs, and tallies the results.
struct VectorRPCRunner {
    struct Tally {
        var requestPassed = 0
        var requestTotal = 0
        var responsePassed = 0
        var responseTotal = 0
        var failures: [String] = []

        var line: String { "request \(requestPassed)/\(requestTotal), response \(responsePassed)/\(responseTotal)" }
    }

    let protocolName: String

    func run() async -> Tally? {
        guard let vectors = VectorCase.load(protocolName: protocolName) else { return nil }
        var tally = Tally()
        for vector in vectors where vector.serverRelevant {
            switch vector.kind {
            case "request":
                tally.requestTotal += 1
                if let reason = await checkRequest(vector) {
                    tally.failures.append("\(vector.id) (request): \(reason)")
                } else {
                    tally.requestPassed += 1
                }
            case "response":
                tally.responseTotal += 1
                if let reason = checkResponse(vector) {
                    tally.failures.append("\(vector.id) (response): \(reason)")
                } else {
                    tally.responsePassed += 1
                }
            default:
                continue
            }
        }
        return tally
    }

    private var isQuery: Bool { protocolName == "awsQuery" }

    private func codec(for service: ServiceSchema) -> any ProtocolCodec {
        if isQuery { return AWSQueryCodec() }
        // The awsJson1_0 vectors expect `__type` as `<namespace>#<Code>`, the awsJson1_1 ones the bare code.
        let namespace = protocolName == "awsJson1_0" ? "aws.protocoltests.json10" : nil
        return AWSJSONCodec(service: service, errorTypeNamespace: namespace)
    }

    private func service(of vector: VectorCase) -> ServiceSchema? {
        vector.serviceID.flatMap { ProtocolTestServices.all[$0] }
    }

    // MARK: requests

    func checkRequest(_ vector: VectorCase) async -> String? {
        guard let service = service(of: vector) else { return "unknown service \(vector.serviceID ?? "-")" }
        if vector.body == nil, vector.headers.contains(where: { $0.0.lowercased() == "content-encoding" }) {
            return await checkCompressedRequest(vector, service: service)
        }
        let request = vector.request()
        let operation: OperationSchema
        var form: AWSQueryForm?
        let hasRouting = request.header("X-Amz-Target") != nil || (isQuery && AWSQueryCodec.form(of: request).value("Action") != nil)
        if hasRouting {
            switch ServiceRouter(services: [service]).route(request) {
            case .success(let route):
                guard route.operation.name == vector.shapeName else {
                    return "routed to \(route.operation.name), expected \(vector.shapeName)"
                }
                operation = route.operation
                form = route.form
            case .failure(let failure):
                return "routing failed: \(failure.error.code.code) \(failure.error.message ?? "")"
            }
        } else {
            // Partial vectors without routing information go straight to their operation (README).
            guard let named = service.operation(named: vector.shapeName) else { return "no operation \(vector.shapeName)" }
            operation = named
        }
        let input: AWSValue
        do {
            if let form, let queryCodec = codec(for: service) as? AWSQueryCodec {
                input = try queryCodec.decodeInput(form, operation: operation, service: service)
            } else {
                input = try codec(for: service).decodeRequest(request, operation: operation, service: service)
            }
        } catch {
            return "decoding failed: \(error)"
        }
        guard let reference = operation.input else {
            return input == .emptyObject ? nil : "operation has no input but decoded \(input)"
        }
        return VectorValues.difference(input, vector.params, shape: reference.shape, service: service)
    }

    /// A request-compression vector gives only `Content-Encoding`; per the README the suite builds the gzipped
    /// body from `params` itself (JSON object or form), adds the routing the vector leaves out, and sends it
    /// through the gateway, whose handler must receive `params`.
    func checkCompressedRequest(_ vector: VectorCase, service: ServiceSchema) async -> String? {
        guard let operation = service.operation(named: vector.shapeName), let reference = operation.input else {
            return "no operation \(vector.shapeName)"
        }
        guard case .object(let fields) = vector.params, fields.values.allSatisfy({ $0.stringValue != nil }) else {
            return "compression vector with non-string params"
        }
        var headers = vector.headers
        let plain: [UInt8]
        if isQuery {
            var pairs = ["Action=\(operation.name)", "Version=\(service.apiVersion)"]
            for (key, value) in fields { pairs.append("\(key)=\(AWSQueryForm.encode(value.stringValue ?? ""))") }
            plain = Array(pairs.joined(separator: "&").utf8)
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
        } else {
            plain = vector.params.serialized()
            headers += [
                ("Content-Type", "application/x-amz-json-\(service.jsonVersion ?? "1.0")"),
                ("X-Amz-Target", "\(service.targetPrefix ?? "").\(operation.name)"),
            ]
        }
        let captured = Mutex<AWSValue?>(nil)
        let handler = RPCRecordingHandler(schema: service) { _, input, _ in
            captured.withLock { $0 = input }
            return .emptyObject
        }
        let gateway = WireGateway(handlers: [handler], configuration: WireConfiguration(validatedServices: []))
        let request = RPCTestSupport.request(headers: headers, body: "")
        var compressed = request
        compressed.body = VectorGzip.storedGzip(plain)
        let response = await gateway.handle(compressed, requestID: "r", now: Date(timeIntervalSince1970: 0))
        guard response.head.status.code == 200, let input = captured.withLock({ $0 }) else {
            return "gateway answered \(response.head.status.code): \(String(decoding: response.body, as: UTF8.self))"
        }
        return VectorValues.difference(input, vector.params, shape: reference.shape, service: service)
    }

    // MARK: responses

    func checkResponse(_ vector: VectorCase) -> String? {
        guard let service = service(of: vector) else { return "unknown service \(vector.serviceID ?? "-")" }
        let codec = codec(for: service)
        // The request id is injected: use the one the vector expects to see, if it names one.
        let requestID = vector.headers.first { $0.0.lowercased() == "x-amzn-requestid" }?.1
            ?? vector.body.flatMap(Self.requestID(in:)) ?? "foo-id"
        let response: WireResponse
        if vector.isErrorVector {
            guard let shapeID = service.shapeID(named: vector.shapeName) else { return "no error shape \(vector.shapeName)" }
            let error = Self.error(shapeID: shapeID, params: vector.params, service: service, query: isQuery)
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
        if let code = vector.code, response.head.status.code != code {
            return "status \(response.head.status.code) ≠ \(code)"
        }
        for (name, value) in vector.headers {
            let actual = response.header(name)
            if name.lowercased() == "content-type" {
                let bare = actual?.split(separator: ";").first.map(String.init)
                if bare != value { return "header \(name): \(actual ?? "absent") ≠ \(value)" }
            } else if actual != value {
                return "header \(name): \(actual ?? "absent") ≠ \(value)"
            }
        }
        if !isQuery, service.awsQueryCompatible, case .object(let vendor)? = vector.raw["vendorParams"],
            let queryCode = vendor["code"]?.stringValue
        {
            // Query-compatible JSON errors name the query error in `x-amzn-query-error: <code>;<type>` (README).
            let parts = (response.header("x-amzn-query-error") ?? "").split(separator: ";").map(String.init)
            guard parts.first == queryCode else {
                return "x-amzn-query-error \(response.header("x-amzn-query-error") ?? "absent") does not name \(queryCode)"
            }
            if let type = vendor["type"]?.stringValue, parts.last != type {
                return "x-amzn-query-error \(response.header("x-amzn-query-error") ?? "absent") does not say \(type)"
            }
        }
        for name in vector.forbidHeaders where response.header(name) != nil { return "forbidden header \(name) present" }
        for name in vector.requireHeaders where response.header(name) == nil { return "required header \(name) absent" }
        if let body = vector.body {
            let mediaType: String
            switch vector.bodyMediaType {
            case "application/json": mediaType = "json"
            case "application/xml", "text/xml": mediaType = "xml"
            case "application/x-www-form-urlencoded": mediaType = "form"
            default: mediaType = isQuery && body.hasPrefix("<") ? "xml" : (body.hasPrefix("{") ? "json" : "bytes")
            }
            if let difference = VectorBodyComparison.difference(actual: response.body, expected: body, mediaType: mediaType) {
                return difference
            }
        }
        return nil
    }

    /// The request id an expected body carries (`<RequestId>…</RequestId>`), which the test injects.
    static func requestID(in body: String) -> String? {
        guard let start = body.range(of: "<RequestId>"), let end = body.range(of: "</RequestId>", range: start.upperBound..<body.endIndex)
        else { return nil }
        return String(body[start.upperBound..<end.lowerBound])
    }

    /// The error a handler would throw for the error shape `shapeID` with members `params`, with the code the
    /// generated catalogs give it (query services: the `error.code` trait; JSON: the shape name, the trait's
    /// code being the query code of query-compatible services).
    static func error(shapeID: ShapeID, params: JSONValue, service: ServiceSchema, query: Bool) -> AWSServiceError {
        let shape = service[shape: shapeID]
        let trait = shape.error
        // Under a query-compatible JSON service the `error.code` trait comes from `@awsQueryError`, whose
        // status applies to AWS Query only; over JSON the status is the client/server default.
        let queryCompatibleCode = !query && service.awsQueryCompatible && trait?.code != nil
        let senderFault = trait?.senderFault ?? !shape.isFault
        let code = AWSErrorCode(
            query ? (trait?.code ?? shape.name) : shape.name,
            httpStatus: queryCompatibleCode ? (senderFault ? 400 : 500) : (trait?.httpStatusCode ?? 400),
            senderFault: senderFault,
            queryCode: service.awsQueryCompatible ? trait?.code : nil)
        guard case .object(var fields) = VectorValues.value(params, shape: shapeID, service: service) else {
            return AWSServiceError(code)
        }
        var message: String?
        if let key = fields.keys.first(where: { $0.lowercased() == "message" }) {
            message = fields.removeValue(forKey: key)?.stringValue
        }
        return AWSServiceError(code, message, fields: fields)
    }
}
