import Foundation
import HTTPTypes
import StratusServiceKit
import StratusSigV4

/// The whole wire layer for one request: route, authenticate, de-chunk (`aws-chunked`), inflate (`gzip`), decode, validate, call the handler,
/// encode the answer.
///
/// Guarantees:
/// - always answers (never throws, never traps on input); every answer carries `x-amzn-RequestId` (S3 answers
///   also `x-amz-request-id` and `x-amz-id-2`);
/// - errors are written in the protocol the request used (or most likely used, when routing failed);
/// - a handler error that is not an ``AWSServiceError`` becomes `500 InternalFailure` without its text, except an
///   ``AWSValueConversionError`` (input the typed handler cannot hold), which is a `400` validation error;
/// - the handler is called only for requests that routed, passed authentication (in verify mode), fit the
///   body limit, decoded and (where enabled) validated; an ``AWSJSONBodyHandler`` is first offered the AWS JSON
///   requests that routed, passed authentication, fit the body limit and have a JSON `Content-Type`.
package struct WireGateway: Sendable {
    private let handlers: [String: any AWSServiceHandler]
    /// The handlers that read some AWS JSON bodies themselves, by model name.
    private let jsonBodyHandlers: [String: any AWSJSONBodyHandler]
    private let router: ServiceRouter
    private let configuration: WireConfiguration
    private let verifier: SigV4Verifier?

    /// A gateway over `handlers` (one per service model; a later handler for the same model replaces an earlier one).
    package init(handlers: [any AWSServiceHandler], configuration: WireConfiguration) {
        var byModel: [String: any AWSServiceHandler] = [:]
        var schemas: [ServiceSchema] = []
        for handler in handlers {
            if byModel[handler.schema.modelName] == nil { schemas.append(handler.schema) }
            byModel[handler.schema.modelName] = handler
        }
        self.handlers = byModel
        self.jsonBodyHandlers = byModel.compactMapValues { $0 as? any AWSJSONBodyHandler }
        self.router = ServiceRouter(services: schemas.map { schema in byModel[schema.modelName]?.schema ?? schema })
        self.configuration = configuration
        if case .verify(let credentials) = configuration.authMode {
            self.verifier = SigV4Verifier(secretKeys: credentials)
        } else {
            self.verifier = nil
        }
    }

    /// Answers `request`. `requestID` and `now` are injected (ids and clock belong to the server).
    package func handle(_ received: WireRequest, requestID: String, now: Date) async -> WireResponse {
        var request = received
        let likely = ServiceRouter.likelyProtocol(of: request)
        if likely == .json || likely == .query, Self.isGzipped(request) {
            // RPC payloads are inflated before routing: an AWS Query `Action` is inside the body.
            let largestLimit = configuration.maxBodyBytes.values.reduce(configuration.defaultMaxBodyBytes, max)
            switch inflate(request, limit: largestLimit) {
            case .success(let inflated):
                request = inflated
            case .failure(let error):
                return finish(
                    codec(for: likely, service: nil).encodeError(error, operation: nil, service: nil, requestID: requestID),
                    wireProtocol: likely, requestID: requestID)
            }
        }
        let claimed = WireCredentialScope.credential(of: request)
        let route: WireRoute
        switch router.route(request, credential: claimed) {
        case .success(let found):
            route = found
        case .failure(let failure):
            return finish(
                codec(for: failure.wireProtocol, service: failure.service).encodeError(
                    SQSQueryQuirks.withLegacyQueryCode(failure.error, service: failure.service), operation: nil,
                    service: failure.service, requestID: requestID),
                wireProtocol: failure.wireProtocol, requestID: requestID)
        }
        let codec = codec(for: route.wireProtocol, service: route.service)
        func fail(_ error: AWSServiceError) -> WireResponse {
            finish(
                codec.encodeError(
                    SQSQueryQuirks.withLegacyQueryCode(error, service: route.service), operation: route.operation,
                    service: route.service, requestID: requestID),
                wireProtocol: route.wireProtocol, requestID: requestID)
        }

        let bodyLimit = configuration.bodyLimit(for: route.service.modelName)
        if request.body.count > bodyLimit {
            return fail(
                AWSServiceError(
                    .requestEntityTooLarge,
                    "The request body exceeds the \(bodyLimit) bytes \(route.service.serviceID) accepts."))
        }

        var accessKeyID = claimed?.accessKeyID
        var region = claimed?.region
        var verifiedAuthorization: SigV4Authorization?
        if let verifier {
            // The signature covers the request as received (before any gzip inflation).
            switch WireAuthentication.verify(received, verifier: verifier, now: now, wireProtocol: route.wireProtocol) {
            case .success(let authorization):
                verifiedAuthorization = authorization
                accessKeyID = authorization.credential.accessKeyID
                region = authorization.credential.region
            case .failure(let error):
                return fail(error)
            }
        }

        if WireAuthentication.isAWSChunked(request) {
            do {
                request = try WireAuthentication.decodeChunked(
                    request, verifier: verifier, authorization: verifiedAuthorization)
            } catch {
                return fail(error)
            }
        }

        if route.wireProtocol == .restJSON, Self.isGzipped(request) {
            switch inflate(request, limit: bodyLimit) {
            case .success(let inflated): request = inflated
            case .failure(let error): return fail(error)
            }
        }

        if route.virtualHostBucket != nil, route.path != request.rawPath {
            // Virtual-host S3 requests are decoded in path style (`/<bucket>/<key>`), as the REST templates say.
            let query = request.rawQuery
            request.head.path = query.isEmpty ? route.path : route.path + "?" + query
        }

        let host = ServiceRouter.host(of: request) ?? "localhost"
        let context = RequestContext(
            accountID: accessKeyID.flatMap { Self.isAccountID($0) ? $0 : nil } ?? configuration.defaultAccountID,
            region: region ?? configuration.defaultRegion,
            requestID: requestID,
            host: host,
            scheme: request.head.scheme ?? "http",
            accessKeyID: accessKeyID,
            receivedAt: now)
        func answer(_ output: AWSValue) -> WireResponse {
            do {
                let response = try codec.encodeResponse(
                    output, operation: route.operation, service: route.service, requestID: requestID)
                return finish(response, wireProtocol: route.wireProtocol, requestID: requestID)
            } catch {
                return fail(Self.internalFailure)
            }
        }

        // Services that read some JSON bodies themselves answer them here (see `AWSJSONBodyHandler`'s contract);
        // `nil` means the generic path below.
        if route.wireProtocol == .json, let direct = jsonBodyHandlers[route.service.modelName],
            let jsonCodec = codec as? AWSJSONCodec
        {
            do {
                try jsonCodec.checkContentType(of: request)
                if let output = try await direct.handle(operation: route.operation, jsonBody: request.body, context: context) {
                    return answer(output)
                }
            } catch let error as AWSServiceError {
                return fail(error)
            } catch {
                return fail(Self.internalFailure)
            }
        }

        var input: AWSValue
        do {
            if route.wireProtocol == .query, let form = route.form, let queryCodec = codec as? AWSQueryCodec {
                input = try queryCodec.decodeInput(form, operation: route.operation, service: route.service)
            } else {
                input = try codec.decodeRequest(request, operation: route.operation, service: route.service)
            }
        } catch let error as AWSServiceError {
            return fail(error)
        } catch {
            return fail(AWSServiceError(.serialization, "The request could not be read."))
        }

        if route.wireProtocol == .query {
            input = SQSQueryQuirks.fillQueueURL(
                input, operation: route.operation, service: route.service, path: route.path, endpointURL: context.endpointURL)
        }

        if validates(route) {
            do {
                try ModelValidator(service: route.service).validate(input, operation: route.operation)
            } catch {
                // AWS Query services say `ValidationError` where JSON services say `ValidationException`.
                var answer = error
                if route.wireProtocol == .query { answer.code = .validationError }
                return fail(answer)
            }
        }

        guard let handler = handlers[route.service.modelName] else {
            return fail(AWSServiceError.notImplemented(service: route.service.serviceID, operation: route.operation.name))
        }
        let output: AWSValue
        do {
            output = try await handler.handle(operation: route.operation, input: input, context: context)
        } catch let error as AWSServiceError {
            return fail(error)
        } catch let error as AWSValueConversionError {
            // Input the model validator did not check (services whose own checks come first) that the handler's
            // typed input cannot hold: a member missing or of the wrong kind is the caller's mistake.
            return fail(Self.validationFailure(error, wireProtocol: route.wireProtocol))
        } catch {
            return fail(Self.internalFailure)
        }
        return answer(output)
    }

    private static let internalFailure = AWSServiceError(
        .internalFailure, "We encountered an internal error. Please try again.")

    /// The validation error AWS answers for input its model rejects, from the conversion error of the typed input:
    /// "1 validation error detected: Value null at 'topicArn' failed to satisfy constraint: Member must not be null"
    /// for a missing member; `ValidationError` in AWS Query services, `ValidationException` elsewhere.
    static func validationFailure(_ error: AWSValueConversionError, wireProtocol: WireProtocol) -> AWSServiceError {
        var location = ""
        for component in error.path {
            if component.hasPrefix("[") {
                location += component
            } else {
                let member = component.prefix(1).lowercased() + component.dropFirst()
                location += location.isEmpty ? member : "." + member
            }
        }
        let message = switch error.code {
        case .missingMember:
            "1 validation error detected: Value null at '\(location)' failed to satisfy constraint: Member must not be null"
        case .typeMismatch, .invalidValue:
            "1 validation error detected: Value at '\(location)' failed to satisfy constraint: \(error.message)"
        }
        return AWSServiceError(wireProtocol == .query ? .validationError : .validation, message)
    }

    private func validates(_ route: WireRoute) -> Bool {
        if let services = configuration.validatedServices { return services.contains(route.service.modelName) }
        return route.wireProtocol == .json || route.wireProtocol == .restJSON
            || (route.wireProtocol == .query && route.service.protocols.first == .json)
    }

    /// The codec of `wireProtocol` for `service` (with the service's quirks).
    package func codec(for wireProtocol: WireProtocol, service: ServiceSchema?) -> any ProtocolCodec {
        switch wireProtocol {
        case .json:
            let namespace = service.flatMap { configuration.jsonErrorTypeNamespaces[$0.modelName] }
            return AWSJSONCodec(version: service?.jsonVersion == "1.1" ? .v1_1 : .v1_0, errorTypeNamespace: namespace)
        case .query:
            return AWSQueryCodec(
                nameOverrides: service?.modelName == SQSQueryQuirks.modelName ? SQSQueryQuirks.nameOverrides : .none)
        case .restJSON, .restXML:
            return WireRESTCodecs.codec(for: wireProtocol)
        }
    }

    private func finish(_ response: WireResponse, wireProtocol: WireProtocol, requestID: String) -> WireResponse {
        var response = response
        Self.set(Self.amznRequestIDField, requestID, in: &response)
        if wireProtocol == .restXML {
            Self.set(Self.amzRequestIDField, requestID, in: &response)
            Self.set(Self.amzID2Field, requestID, in: &response)
        }
        return response
    }

    private static let amznRequestIDField = HTTPField.Name("x-amzn-RequestId")
    private static let amzRequestIDField = HTTPField.Name("x-amz-request-id")
    private static let amzID2Field = HTTPField.Name("x-amz-id-2")

    private static func set(_ name: HTTPField.Name?, _ value: String, in response: inout WireResponse) {
        guard let field = name else { return }
        // A scan of the few fields, rather than the name subscript, which builds an index of the fields first.
        if !response.head.headerFields.contains(where: { $0.name == field }) {
            response.head.headerFields[field] = value
        }
    }

    /// `true` when `Content-Encoding` names `gzip` (request compression). REST-XML (S3) is never inflated: there
    /// `Content-Encoding` is object metadata.
    private static func isGzipped(_ request: WireRequest) -> Bool {
        request.header(.contentEncoding).map { tokens(of: $0).contains("gzip") } ?? false
    }

    /// `request` with its gzip body inflated and `gzip` removed from `Content-Encoding`.
    private func inflate(_ request: WireRequest, limit: Int) -> Result<WireRequest, AWSServiceError> {
        var request = request
        do {
            request.body = try Gzip.decompress(request.body, limit: limit)
        } catch {
            return .failure(AWSServiceError(.serialization, "The gzip request body could not be read: \(error.message)."))
        }
        let remaining = Self.tokens(of: request.header("Content-Encoding") ?? "").filter { $0 != "gzip" }
        if let field = HTTPField.Name("Content-Encoding") {
            request.head.headerFields[field] = remaining.isEmpty ? nil : remaining.joined(separator: ", ")
        }
        return .success(request)
    }

    private static func tokens(of header: String) -> [String] {
        header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    /// `true` for a 12-digit access key id, which names the account it acts in.
    package static func isAccountID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}
