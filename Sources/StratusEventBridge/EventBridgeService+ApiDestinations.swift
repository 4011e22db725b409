import Foundation
import OrderedCollections
import StratusAPIEventBridge
import StratusAWSCore
import StratusJSON
import StratusServiceKit

/// API destinations: HTTP endpoints rules send events to, called with a connection's authorization and HTTP
/// parameters and the target's `HttpParameters`.
extension EventBridgeService {
    /// Whether `arn` names an API destination (`arn:aws:events:…:api-destination/…`).
    static func isApiDestination(_ arn: String) -> Bool {
        arn.hasPrefix("arn:aws:events:") && arn.contains(":api-destination/")
    }

    func existingApiDestination(_ name: String, context: RequestContext) async throws -> EventApiDestinationRecord {
        guard let destination = try await store.apiDestinations(accountID: context.accountID, region: context.region)
            .first(where: { $0.name == name })
        else {
            throw AWSServiceError(EventBridgeErrors.resourceNotFoundException,
                                  "Failed to describe the api-destination(s). An api-destination '\(name)' does not exist.")
        }
        return destination
    }

    /// The endpoint must be an HTTP or HTTPS URL (AWS takes HTTPS only; a local endpoint is usually plain HTTP).
    static func checkEndpoint(_ endpoint: String) throws {
        guard let url = URL(string: endpoint), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil else {
            throw EventBridgeFailure.validation("Parameter InvocationEndpoint is not valid. Reason: it must be an HTTP or HTTPS URL.")
        }
    }

    static func checkRateLimit(_ limit: Int?) throws {
        if let limit, limit < 1 {
            throw EventBridgeFailure.validation("Parameter InvocationRateLimitPerSecond is not valid. Reason: it must be 1 or more.")
        }
    }

    package func createApiDestination(_ input: EventBridge.CreateApiDestinationRequest, context: RequestContext)
        async throws -> EventBridge.CreateApiDestinationResponse
    {
        try Self.checkEndpoint(input.invocationEndpoint)
        try Self.checkRateLimit(input.invocationRateLimitPerSecond)
        guard try await store.connection(arn: input.connectionArn) != nil else {
            throw AWSServiceError(EventBridgeErrors.resourceNotFoundException, "Connection \(input.connectionArn) does not exist.")
        }
        let now = nowMilliseconds()
        let record = EventApiDestinationRecord(
            arn: "arn:aws:events:\(context.region):\(context.accountID):api-destination/\(input.name)/\(ids.next().lowercased())",
            name: input.name, accountID: context.accountID, region: context.region, description: input.description,
            connectionARN: input.connectionArn, endpoint: input.invocationEndpoint, httpMethod: input.httpMethod.rawValue,
            rateLimitPerSecond: input.invocationRateLimitPerSecond ?? 300, createdAt: now)
        guard try await store.createApiDestination(record) else {
            throw AWSServiceError(EventBridgeErrors.resourceAlreadyExistsException, "An api-destination '\(input.name)' already exists.")
        }
        var output = EventBridge.CreateApiDestinationResponse()
        output.apiDestinationArn = record.arn
        output.apiDestinationState = EventBridge.ApiDestinationState(rawValue: "ACTIVE")
        output.creationTime = Self.date(now)
        output.lastModifiedTime = Self.date(now)
        return output
    }

    package func describeApiDestination(_ input: EventBridge.DescribeApiDestinationRequest, context: RequestContext)
        async throws -> EventBridge.DescribeApiDestinationResponse
    {
        Self.described(try await existingApiDestination(input.name, context: context))
    }

    /// What `DescribeApiDestination` answers about `destination` (`ListApiDestinations` shows part of it).
    static func described(_ destination: EventApiDestinationRecord) -> EventBridge.DescribeApiDestinationResponse {
        var output = EventBridge.DescribeApiDestinationResponse()
        output.apiDestinationArn = destination.arn
        output.name = destination.name
        output.description = destination.description
        output.apiDestinationState = EventBridge.ApiDestinationState(rawValue: "ACTIVE")
        output.connectionArn = destination.connectionARN
        output.invocationEndpoint = destination.endpoint
        output.httpMethod = EventBridge.ApiDestinationHttpMethod(rawValue: destination.httpMethod)
        output.invocationRateLimitPerSecond = destination.rateLimitPerSecond
        output.creationTime = Self.date(destination.createdAt)
        output.lastModifiedTime = Self.date(destination.modifiedAt)
        return output
    }

    package func listApiDestinations(_ input: EventBridge.ListApiDestinationsRequest, context: RequestContext)
        async throws -> EventBridge.ListApiDestinationsResponse
    {
        let matching = try await store.apiDestinations(accountID: context.accountID, region: context.region).filter { destination in
            (input.namePrefix.map { destination.name.hasPrefix($0) } ?? true)
                && (input.connectionArn.map { destination.connectionARN == $0 } ?? true)
        }
        let (page, next) = try Self.page(matching, token: input.nextToken, limit: input.limit)
        let entries: [EventBridge.ApiDestination] = page.map { Self.listEntry(of: Self.described($0)) }
        return EventBridge.ListApiDestinationsResponse(apiDestinations: entries, nextToken: next)
    }

    package func updateApiDestination(_ input: EventBridge.UpdateApiDestinationRequest, context: RequestContext)
        async throws -> EventBridge.UpdateApiDestinationResponse
    {
        let current = try await existingApiDestination(input.name, context: context)
        if let endpoint = input.invocationEndpoint { try Self.checkEndpoint(endpoint) }
        try Self.checkRateLimit(input.invocationRateLimitPerSecond)
        if let connection = input.connectionArn, try await store.connection(arn: connection) == nil {
            throw AWSServiceError(EventBridgeErrors.resourceNotFoundException, "Connection \(connection) does not exist.")
        }
        let (description, connection, endpoint, method, limit, now) = (
            input.description, input.connectionArn, input.invocationEndpoint, input.httpMethod?.rawValue,
            input.invocationRateLimitPerSecond, nowMilliseconds()
        )
        guard let destination = try await store.updateApiDestination(arn: current.arn, { record in
            if let description { record.description = description.isEmpty ? nil : description }
            if let connection { record.connectionARN = connection }
            if let endpoint { record.endpoint = endpoint }
            if let method { record.httpMethod = method }
            if let limit { record.rateLimitPerSecond = limit }
            record.modifiedAt = now
        }) else { throw AWSServiceError(EventBridgeErrors.resourceNotFoundException, "An api-destination '\(input.name)' does not exist.") }
        var output = EventBridge.UpdateApiDestinationResponse()
        output.apiDestinationArn = destination.arn
        output.apiDestinationState = EventBridge.ApiDestinationState(rawValue: "ACTIVE")
        output.creationTime = Self.date(destination.createdAt)
        output.lastModifiedTime = Self.date(destination.modifiedAt)
        return output
    }

    package func deleteApiDestination(_ input: EventBridge.DeleteApiDestinationRequest, context: RequestContext)
        async throws -> EventBridge.DeleteApiDestinationResponse
    {
        let destination = try await existingApiDestination(input.name, context: context)
        _ = try await store.deleteApiDestination(arn: destination.arn)
        return EventBridge.DeleteApiDestinationResponse()
    }

    /// Calls API destination `target.arn` with `input` as the body; throws an ``AWSServiceError`` when the
    /// destination, its connection or an authorization is missing, or the endpoint answers an error (so the event
    /// goes to the target's dead-letter queue).
    func callApiDestination(_ input: String, target: EventBridge.Target) async throws {
        guard let targets else { return }
        guard let destination = try await store.apiDestination(arn: target.arn) else {
            throw AWSServiceError(EventBridgeErrors.resourceNotFoundException, "API destination \(target.arn) does not exist.")
        }
        guard let connection = try await store.connection(arn: destination.connectionARN) else {
            throw AWSServiceError(EventBridgeErrors.resourceNotFoundException, "Connection \(destination.connectionARN) does not exist.")
        }
        guard connection.state == "AUTHORIZED" else {
            throw AWSServiceError(.validation, "Connection \(connection.name) is not authorized.")
        }
        let limit = destination.rateLimitPerSecond
        let wait = rateLimiter.reserve(destination.arn, perSecond: limit, at: nowMilliseconds())
        if wait > 0 { throw EventBridgeThrottledCall(limit: limit, delay: wait) }
        var url = destination.endpoint
        for value in target.httpParameters?.pathParameterValues ?? [] {
            guard let star = url.firstIndex(of: "*") else { break }
            url.replaceSubrange(star...star, with: value)
        }
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json; charset=utf-8")]
        var query: [(String, String)] = []
        let parameters = connection.auth.invocationHttpParameters
        for header in parameters?.headerParameters ?? [] { if let key = header.key { headers.append((key, header.value ?? "")) } }
        for item in parameters?.queryStringParameters ?? [] { if let key = item.key { query.append((key, item.value ?? "")) } }
        for (name, value) in (target.httpParameters?.headerParameters ?? [:]).sorted(by: { $0.key < $1.key }) { headers.append((name, value)) }
        for (name, value) in (target.httpParameters?.queryStringParameters ?? [:]).sorted(by: { $0.key < $1.key }) { query.append((name, value)) }
        headers.append(try await authorization(for: connection, targets: targets))
        if !query.isEmpty {
            url += (url.contains("?") ? "&" : "?") + query.map { "\(Self.encoded($0.0))=\(Self.encoded($0.1))" }.joined(separator: "&")
        }
        var body = input
        if let extra = parameters?.bodyParameters, !extra.isEmpty, case .object(var members)? = try? JSONValue.parse(input) {
            for item in extra { if let key = item.key { members[key] = .string(item.value ?? "") } }
            body = JSONValue.object(members).serializedString()
        }
        let method = destination.httpMethod
        let response = try await targets.call(EventBridgeHTTPRequest(
            method: method, url: url, headers: headers, body: ["GET", "HEAD", "OPTIONS"].contains(method) ? nil : body))
        guard (200..<300).contains(response.status) else {
            throw EventBridgeHTTPFailure(status: response.status, body: String(response.body.prefix(256)))
        }
    }

    /// The `Authorization` (or API key) header of `connection`; an OAuth connection gets a token from its
    /// authorization endpoint first.
    func authorization(for connection: EventConnectionRecord, targets: any EventBridgeTargets) async throws
        -> (name: String, value: String)
    {
        if let basic = connection.auth.basicAuthParameters {
            return ("Authorization", "Basic " + Data("\(basic.username):\(basic.password)".utf8).base64EncodedString())
        }
        if let key = connection.auth.apiKeyAuthParameters { return (key.apiKeyName, key.apiKeyValue) }
        guard let oauth = connection.auth.oAuthParameters else {
            throw AWSServiceError(.validation, "Connection \(connection.name) has no authorization parameters.")
        }
        let client = oauth.clientParameters
        var headers: [(name: String, value: String)] = [
            ("Authorization", "Basic " + Data("\(client.clientID):\(client.clientSecret)".utf8).base64EncodedString()),
        ]
        var url = oauth.authorizationEndpoint
        let extra = oauth.oAuthHttpParameters
        for header in extra?.headerParameters ?? [] { if let key = header.key { headers.append((key, header.value ?? "")) } }
        let query = (extra?.queryStringParameters ?? []).compactMap { item in item.key.map { "\(Self.encoded($0))=\(Self.encoded(item.value ?? ""))" } }
        if !query.isEmpty { url += (url.contains("?") ? "&" : "?") + query.joined(separator: "&") }
        var body: String?
        if oauth.httpMethod.rawValue != "GET" {
            var members: [(String, String)] = [("grant_type", "client_credentials")]
            for item in extra?.bodyParameters ?? [] { if let key = item.key { members.append((key, item.value ?? "")) } }
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            body = members.map { "\(Self.encoded($0.0))=\(Self.encoded($0.1))" }.joined(separator: "&")
        }
        let response = try await targets.call(EventBridgeHTTPRequest(method: oauth.httpMethod.rawValue, url: url, headers: headers, body: body))
        guard (200..<300).contains(response.status), let token = (try? JSONValue.parse(response.body))?["access_token"]?.stringValue else {
            throw AWSServiceError(.validation,
                                  "The OAuth authorization endpoint of connection \(connection.name) answered HTTP \(response.status) without an access_token.")
        }
        return ("Authorization", "Bearer \(token)")
    }

    /// `text` percent-encoded for a query string.
    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
