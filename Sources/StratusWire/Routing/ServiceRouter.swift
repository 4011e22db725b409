import Foundation
import HTTPTypes
import StratusSigV4
import StratusServiceKit

/// Chooses the service, protocol and operation of a request.
///
/// Order (first that applies wins): the SigV4 credential-scope service (`Authorization` or presigned
/// `X-Amz-Credential`, matched against each schema's `signingName`) narrows the candidates; then
/// `X-Amz-Target: <targetPrefix>.<Operation>` (AWS JSON); then a form (GET/POST not under a REST-JSON prefix) with
/// its `Action` (AWS Query: query services and
/// query-compatible JSON services such as SQS, preferring SQS for queue URLs `/<account>/<queue>` and
/// `/queue/…`, then the service whose `apiVersion` equals `Version`); then the first path segment of the REST-JSON
/// services' request URIs (Lambda's `/2015-03-31/…`, derived from the schemas); then the REST-XML service (S3,
/// path style or virtual host as ``S3Addressing`` reads it). REST operations are chosen by
/// ``RESTOperationMatcher``.
///
/// Guarantees: never traps on any input; every failure names the protocol the client most likely speaks.
package struct ServiceRouter: Sendable {
    private let services: [ServiceSchema]
    private let bySigningName: [String: [ServiceSchema]]
    private let byTargetPrefix: [String: ServiceSchema]
    private let byRESTPrefix: [String: ServiceSchema]
    private let fallbackREST: ServiceSchema?
    private let matchers: [String: RESTOperationMatcher]
    /// `<targetPrefix>.<Operation>` of every JSON operation, as ``routeJSON(target:candidates:)`` resolves it.
    private let byTarget: [String: (service: ServiceSchema, operation: OperationSchema)]

    /// A router over `services` (one schema per service; the first REST-XML schema is the fallback).
    package init(services: [ServiceSchema]) {
        self.services = services
        var bySigningName: [String: [ServiceSchema]] = [:]
        var byTargetPrefix: [String: ServiceSchema] = [:]
        var byRESTPrefix: [String: ServiceSchema] = [:]
        var matchers: [String: RESTOperationMatcher] = [:]
        for service in services {
            bySigningName[service.signingName, default: []].append(service)
            if service.endpointPrefix != service.signingName {
                bySigningName[service.endpointPrefix, default: []].append(service)
            }
            if let prefix = service.targetPrefix, service.protocols.contains(.json) { byTargetPrefix[prefix] = service }
            if service.protocols.contains(.restJSON) || service.protocols.contains(.restXML) {
                matchers[service.modelName] = RESTOperationMatcher(service: service)
            }
            if service.protocols.first == .restJSON {
                for operation in service.operations {
                    if let segment = Self.firstLiteralSegment(of: operation.requestURI), byRESTPrefix[segment] == nil {
                        byRESTPrefix[segment] = service
                    }
                }
            }
        }
        self.bySigningName = bySigningName
        self.byTargetPrefix = byTargetPrefix
        var byTarget: [String: (service: ServiceSchema, operation: OperationSchema)] = [:]
        for (prefix, service) in byTargetPrefix {
            // An operation name holds no `.`, so the target's last `.` is the one written here.
            for operation in service.operations where !operation.name.contains(".") {
                byTarget[prefix + "." + operation.name] = (service, operation)
            }
        }
        self.byTarget = byTarget
        self.byRESTPrefix = byRESTPrefix
        self.matchers = matchers
        self.fallbackREST = services.first { $0.protocols.first == .restXML }
    }

    /// Routes `request`.
    package func route(_ request: WireRequest) -> Result<WireRoute, WireRoutingFailure> {
        route(request, credential: WireCredentialScope.credential(of: request))
    }

    /// Routes `request` whose claimed credential (``WireCredentialScope/credential(of:)``) was already read.
    package func route(_ request: WireRequest, credential: SigV4Credential?) -> Result<WireRoute, WireRoutingFailure> {
        let scope = credential?.service
        var candidates = services
        if let scope {
            candidates = bySigningName[scope] ?? []
            if candidates.isEmpty {
                return .failure(
                    WireRoutingFailure(
                        AWSServiceError(.unknownService, "Stratus does not serve the service '\(scope)'."),
                        wireProtocol: Self.likelyProtocol(of: request)))
            }
        }
        if let target = request.header(.amzTarget) {
            return routeJSON(target: target, candidates: candidates)
        }
        if Self.isForm(request) {
            // A form goes to AWS Query unless the request belongs to a REST service: another method than
            // GET/POST, a path under a REST-JSON prefix (Lambda), or a scope naming only REST services.
            let method = request.head.method
            let claimedByREST = Self.firstSegment(of: request.rawPath).flatMap { byRESTPrefix[$0] }.map { owner in
                candidates.contains { $0.modelName == owner.modelName }
            } ?? false
            let speaksQuery = candidates.contains(where: Self.speaksQuery)
            let restCandidate = candidates.contains { $0.protocols.first == .restJSON || $0.protocols.first == .restXML }
            if (method == .post || method == .get) && !claimedByREST && (speaksQuery || !restCandidate) {
                return routeQuery(request, candidates: candidates, scoped: scope != nil)
            }
        }
        if scope != nil, let jsonService = candidates.first(where: { $0.protocols.first == .json }),
            !candidates.contains(where: { $0.protocols.first == .restJSON || $0.protocols.first == .restXML })
        {
            return .failure(
                WireRoutingFailure(
                    AWSServiceError(.unknownOperation, "The request names no operation (X-Amz-Target is missing)."),
                    wireProtocol: .json, service: jsonService))
        }
        return routeREST(request, candidates: candidates, scoped: scope != nil)
    }

    // MARK: AWS JSON

    private func routeJSON(target: String, candidates: [ServiceSchema]) -> Result<WireRoute, WireRoutingFailure> {
        // The common case: one lookup of the whole target, with the same answer as the steps below.
        if let (service, operation) = byTarget[target],
            candidates.contains(where: { $0.modelName == service.modelName && $0.protocols.contains(.json) })
        {
            return .success(WireRoute(service: service, wireProtocol: .json, operation: operation))
        }
        func unnamed() -> Result<WireRoute, WireRoutingFailure> {
            let jsonCandidates = candidates.filter { $0.protocols.contains(.json) }
            return .failure(
                WireRoutingFailure(
                    AWSServiceError(.unknownOperation, "X-Amz-Target '\(target)' does not name an operation."),
                    wireProtocol: .json, service: jsonCandidates.count == 1 ? jsonCandidates[0] : nil))
        }
        // In an ASCII target (every real one) bytes are characters, so the byte-wise search finds the same dot.
        let isASCII = target.utf8.allSatisfy { $0 < 0x80 }
        guard let dot = isASCII ? target.utf8.lastIndex(of: UInt8(ascii: ".")) : target.lastIndex(of: ".") else {
            return unnamed()
        }
        let prefix = String(target[..<dot])
        let name = String(target[target.index(after: dot)...])
        guard let service = byTargetPrefix[prefix],
            candidates.contains(where: { $0.modelName == service.modelName && $0.protocols.contains(.json) })
        else {
            return unnamed()
        }
        guard let operation = service.operation(named: name) else {
            return .failure(
                WireRoutingFailure(
                    AWSServiceError(.unknownOperation, "The operation \(name) is not supported by \(service.serviceID)."),
                    wireProtocol: .json, service: service))
        }
        return .success(WireRoute(service: service, wireProtocol: .json, operation: operation))
    }

    // MARK: AWS Query

    private func routeQuery(
        _ request: WireRequest, candidates: [ServiceSchema], scoped: Bool
    ) -> Result<WireRoute, WireRoutingFailure> {
        let form = AWSQueryCodec.form(of: request)
        let speakers = candidates.filter(Self.speaksQuery)
        if speakers.isEmpty {
            if scoped, let service = candidates.first {
                let wireProtocol = service.protocols.first ?? .json
                let error =
                    wireProtocol == .json
                    ? AWSServiceError(.unknownOperation, "The request names no operation (X-Amz-Target is missing).")
                    : AWSServiceError(.unsupportedMediaType, "The service \(service.serviceID) does not accept form requests.")
                return .failure(WireRoutingFailure(error, wireProtocol: wireProtocol, service: service))
            }
            return .failure(
                WireRoutingFailure(
                    AWSServiceError(.unknownService, "No service accepts AWS Query requests here."), wireProtocol: .query))
        }
        let path = request.rawPath
        let isQueuePath = Self.isSQSQueuePath(path)
        let version = form.value("Version")
        guard let action = form.value("Action"), !action.isEmpty else {
            let guess = Self.choose(speakers, isQueuePath: isQueuePath, version: version, action: nil)
            return .failure(
                WireRoutingFailure(
                    AWSServiceError(.missingAction, "The request must contain the parameter Action."), wireProtocol: .query,
                    service: guess))
        }
        let service = Self.choose(speakers, isQueuePath: isQueuePath, version: version, action: action)
        guard let operation = service.operation(named: action) else {
            return .failure(
                WireRoutingFailure(
                    AWSServiceError(.invalidAction, "The action \(action) is not valid for this endpoint."),
                    wireProtocol: .query, service: service))
        }
        return .success(WireRoute(service: service, wireProtocol: .query, operation: operation, path: path, form: form))
    }

    private static func choose(
        _ speakers: [ServiceSchema], isQueuePath: Bool, version: String?, action: String?
    ) -> ServiceSchema {
        let withAction = action.map { name in speakers.filter { $0.operation(named: name) != nil } } ?? speakers
        let pool = withAction.isEmpty ? speakers : withAction
        if isQueuePath, let sqs = pool.first(where: { $0.modelName == "sqs" }) { return sqs }
        if let version, let matching = pool.first(where: { $0.apiVersion == version }) { return matching }
        if !isQueuePath, let nonSQS = pool.first(where: { $0.modelName != "sqs" }), pool.count > 1 { return nonSQS }
        return pool[0]
    }

    /// `true` for services that accept AWS Query requests (query services and query-compatible JSON services).
    package static func speaksQuery(_ service: ServiceSchema) -> Bool {
        service.protocols.contains(.query) || service.awsQueryCompatible
    }

    /// `true` for SQS queue URL paths: `/<12-digit account>/<queue>` or `/queue/…`.
    package static func isSQSQueuePath(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        if segments.first == "queue", segments.count >= 2 { return true }
        return segments.count == 2 && segments[0].count == 12 && segments[0].allSatisfy(\.isNumber)
    }

    // MARK: REST

    private func routeREST(
        _ request: WireRequest, candidates: [ServiceSchema], scoped: Bool
    ) -> Result<WireRoute, WireRoutingFailure> {
        let rawPath = request.rawPath
        let method = request.head.method.rawValue
        var service: ServiceSchema?
        if scoped {
            service = candidates.first { $0.protocols.first == .restJSON || $0.protocols.first == .restXML }
        }
        if service == nil, let first = Self.firstSegment(of: rawPath), let owner = byRESTPrefix[first] {
            service = owner
        }
        if service == nil { service = fallbackREST }
        guard let service, let matcher = matchers[service.modelName] else {
            return .failure(
                WireRoutingFailure(
                    AWSServiceError(.unknownService, "No service of Stratus answers \(method) \(rawPath)."),
                    wireProtocol: Self.likelyProtocol(of: request)))
        }
        let wireProtocol: WireProtocol = service.protocols.first == .restJSON ? .restJSON : .restXML
        var path = rawPath
        var bucket: String?
        if wireProtocol == .restXML, S3Quirks.applies(to: service), let host = Self.host(of: request) {
            let address = S3Addressing.bucketAndKey(host: host, path: rawPath)
            if address.isVirtualHost {
                bucket = address.bucket
                path = address.pathStylePath
            }
        }
        // Header names take part: S3 tells CopyObject from PutObject only by `x-amz-copy-source`.
        guard let match = matcher.match(request, path: path) else {
            let error =
                wireProtocol == .restXML
                ? AWSServiceError(
                    AWSErrorCode("MethodNotAllowed", httpStatus: 405),
                    "The specified method is not allowed against this resource.")
                : AWSServiceError(
                    AWSErrorCode("UnknownOperationException", httpStatus: 404),
                    "No operation of \(service.serviceID) matches \(method) \(rawPath).")
            return .failure(WireRoutingFailure(error, wireProtocol: wireProtocol, service: service))
        }
        return .success(
            WireRoute(
                service: service, wireProtocol: wireProtocol, operation: match.operation, labels: match.labels, path: path,
                virtualHostBucket: bucket))
    }

    /// The `Host` header, else the request authority.
    package static func host(of request: WireRequest) -> String? {
        request.header("Host") ?? request.head.authority
    }

    /// `true` when the request carries AWS Query parameters: a form body, or `Action=` in a body-less query string.
    package static func isForm(_ request: WireRequest) -> Bool {
        if let contentType = request.header(.contentType)?.lowercased(),
            contentType.hasPrefix("application/x-www-form-urlencoded")
        {
            return true
        }
        if request.header(.contentType) == nil || request.body.isEmpty {
            return request.rawQuery.split(separator: "&").contains { $0.hasPrefix("Action=") }
        }
        return false
    }

    /// The protocol a client most likely speaks, from the request's shape alone.
    package static func likelyProtocol(of request: WireRequest) -> WireProtocol {
        if request.header(.amzTarget) != nil { return .json }
        if let contentType = request.header(.contentType)?.lowercased() {
            if contentType.hasPrefix("application/x-amz-json") { return .json }
            if contentType.hasPrefix("application/x-www-form-urlencoded") { return .query }
            if contentType.hasPrefix("application/json") { return .restJSON }
        }
        return isForm(request) ? .query : .restXML
    }

    private static func firstSegment(of path: String) -> String? {
        path.split(separator: "/", omittingEmptySubsequences: true).first.map(String.init)
    }

    private static func firstLiteralSegment(of uri: String) -> String? {
        let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
        guard let segment = firstSegment(of: path), !segment.contains("{") else { return nil }
        return segment
    }
}
