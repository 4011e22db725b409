import Foundation
import StratusAPIEventBridge
import StratusAWSCore
import StratusServiceKit

/// Connections: the authorization (basic, API key, OAuth client credentials) and HTTP parameters API destinations
/// call with. Secrets are kept in the store and never answered.
extension EventBridgeService {
    func existingConnection(_ name: String, context: RequestContext) async throws -> EventConnectionRecord {
        guard let connection = try await store.connections(accountID: context.accountID, region: context.region)
            .first(where: { $0.name == name })
        else {
            throw AWSServiceError(EventBridgeErrors.resourceNotFoundException,
                                  "Failed to describe the connection(s). Connection '\(name)' does not exist.")
        }
        return connection
    }

    /// The auth parameters `type` needs are there (and only those).
    static func checkAuth(_ auth: EventBridge.CreateConnectionAuthRequestParameters, type: String) throws {
        let given = [("BASIC", auth.basicAuthParameters != nil), ("API_KEY", auth.apiKeyAuthParameters != nil),
                     ("OAUTH_CLIENT_CREDENTIALS", auth.oAuthParameters != nil)]
        // The missing required member is reported before a member that does not belong.
        for (kind, present) in given.sorted(by: { ($0.0 == type ? 0 : 1) < ($1.0 == type ? 0 : 1) })
            where present != (kind == type) {
            let member = ["BASIC": "BasicAuthParameters", "API_KEY": "ApiKeyAuthParameters",
                          "OAUTH_CLIENT_CREDENTIALS": "OAuthParameters"][kind]!
            throw EventBridgeFailure.validation(present
                ? "Parameter AuthParameters.\(member) is not valid. Reason: it cannot be used with AuthorizationType \(type)."
                : "Parameter AuthParameters.\(member) is not valid. Reason: it is required for AuthorizationType \(type).")
        }
        if let endpoint = auth.oAuthParameters?.authorizationEndpoint, URL(string: endpoint)?.scheme?.hasPrefix("http") != true {
            throw EventBridgeFailure.validation("Parameter AuthParameters.OAuthParameters.AuthorizationEndpoint is not valid. Reason: it is not an HTTP(S) URL.")
        }
    }

    package func createConnection(_ input: EventBridge.CreateConnectionRequest, context: RequestContext) async throws
        -> EventBridge.CreateConnectionResponse
    {
        if input.invocationConnectivityParameters != nil || input.authParameters.connectivityParameters != nil {
            throw EventBridgeFailure.validation("Stratus does not reach private resources through VPC Lattice; leave out the connectivity parameters.")
        }
        try Self.checkAuth(input.authParameters, type: input.authorizationType.rawValue)
        let now = nowMilliseconds()
        let record = EventConnectionRecord(
            arn: "arn:aws:events:\(context.region):\(context.accountID):connection/\(input.name)/\(ids.next().lowercased())",
            name: input.name, accountID: context.accountID, region: context.region, description: input.description,
            authorizationType: input.authorizationType.rawValue, auth: input.authParameters, state: "AUTHORIZED",
            kmsKeyIdentifier: input.kmsKeyIdentifier, createdAt: now)
        guard try await store.createConnection(record) else {
            throw AWSServiceError(EventBridgeErrors.resourceAlreadyExistsException, "Connection \(input.name) already exists.")
        }
        var output = EventBridge.CreateConnectionResponse()
        output.connectionArn = record.arn
        output.connectionState = EventBridge.ConnectionState(rawValue: record.state)
        output.creationTime = Self.date(now)
        output.lastModifiedTime = Self.date(now)
        return output
    }

    /// HTTP parameters as answered: secret values left out.
    static func shown(_ parameters: EventBridge.ConnectionHttpParameters?) -> EventBridge.ConnectionHttpParameters? {
        guard var parameters else { return nil }
        parameters.headerParameters = parameters.headerParameters?.map { var p = $0; if p.isValueSecret == true { p.value = nil }; return p }
        parameters.queryStringParameters = parameters.queryStringParameters?.map { var p = $0; if p.isValueSecret == true { p.value = nil }; return p }
        parameters.bodyParameters = parameters.bodyParameters?.map { var p = $0; if p.isValueSecret == true { p.value = nil }; return p }
        return parameters
    }

    package func describeConnection(_ input: EventBridge.DescribeConnectionRequest, context: RequestContext) async throws
        -> EventBridge.DescribeConnectionResponse
    {
        Self.described(try await existingConnection(input.name, context: context))
    }

    /// What `DescribeConnection` answers about `connection` (never its secrets; `ListConnections` shows part of it).
    static func described(_ connection: EventConnectionRecord) -> EventBridge.DescribeConnectionResponse {
        var auth = EventBridge.ConnectionAuthResponseParameters()
        if let basic = connection.auth.basicAuthParameters {
            auth.basicAuthParameters = EventBridge.ConnectionBasicAuthResponseParameters(username: basic.username)
        }
        if let key = connection.auth.apiKeyAuthParameters {
            auth.apiKeyAuthParameters = EventBridge.ConnectionApiKeyAuthResponseParameters(apiKeyName: key.apiKeyName)
        }
        if let oauth = connection.auth.oAuthParameters {
            var shown = EventBridge.ConnectionOAuthResponseParameters()
            shown.clientParameters = EventBridge.ConnectionOAuthClientResponseParameters(clientID: oauth.clientParameters.clientID)
            shown.authorizationEndpoint = oauth.authorizationEndpoint
            shown.httpMethod = oauth.httpMethod
            shown.oAuthHttpParameters = Self.shown(oauth.oAuthHttpParameters)
            auth.oAuthParameters = shown
        }
        auth.invocationHttpParameters = Self.shown(connection.auth.invocationHttpParameters)
        var output = EventBridge.DescribeConnectionResponse()
        output.connectionArn = connection.arn
        output.name = connection.name
        output.description = connection.description
        output.connectionState = EventBridge.ConnectionState(rawValue: connection.state)
        output.authorizationType = EventBridge.ConnectionAuthorizationType(rawValue: connection.authorizationType)
        output.kmsKeyIdentifier = connection.kmsKeyIdentifier
        output.authParameters = auth
        output.creationTime = Self.date(connection.createdAt)
        output.lastModifiedTime = Self.date(connection.modifiedAt)
        output.lastAuthorizedTime = connection.authorizedAt.map(Self.date)
        return output
    }

    package func listConnections(_ input: EventBridge.ListConnectionsRequest, context: RequestContext) async throws
        -> EventBridge.ListConnectionsResponse
    {
        let matching = try await store.connections(accountID: context.accountID, region: context.region).filter { connection in
            (input.namePrefix.map { connection.name.hasPrefix($0) } ?? true)
                && (input.connectionState.map { $0.rawValue == connection.state } ?? true)
        }
        let (page, next) = try Self.page(matching, token: input.nextToken, limit: input.limit)
        let entries: [EventBridge.Connection] = page.map { Self.listEntry(of: Self.described($0)) }
        return EventBridge.ListConnectionsResponse(connections: entries, nextToken: next)
    }

    /// `UpdateConnection`: changes the description, the authorization (its type and parameters; given members
    /// replace the kept ones) or the KMS key; a deauthorized connection is authorized again.
    package func updateConnection(_ input: EventBridge.UpdateConnectionRequest, context: RequestContext) async throws
        -> EventBridge.UpdateConnectionResponse
    {
        let current = try await existingConnection(input.name, context: context)
        var auth = current.auth
        let type = input.authorizationType?.rawValue ?? current.authorizationType
        if let update = input.authParameters {
            if let basic = update.basicAuthParameters {
                auth.basicAuthParameters = EventBridge.CreateConnectionBasicAuthRequestParameters(
                    username: basic.username ?? auth.basicAuthParameters?.username ?? "",
                    password: basic.password ?? auth.basicAuthParameters?.password ?? "")
            }
            if let key = update.apiKeyAuthParameters {
                auth.apiKeyAuthParameters = EventBridge.CreateConnectionApiKeyAuthRequestParameters(
                    apiKeyName: key.apiKeyName ?? auth.apiKeyAuthParameters?.apiKeyName ?? "",
                    apiKeyValue: key.apiKeyValue ?? auth.apiKeyAuthParameters?.apiKeyValue ?? "")
            }
            if let oauth = update.oAuthParameters {
                let kept = auth.oAuthParameters
                auth.oAuthParameters = EventBridge.CreateConnectionOAuthRequestParameters(
                    clientParameters: EventBridge.CreateConnectionOAuthClientRequestParameters(
                        clientID: oauth.clientParameters?.clientID ?? kept?.clientParameters.clientID ?? "",
                        clientSecret: oauth.clientParameters?.clientSecret ?? kept?.clientParameters.clientSecret ?? ""),
                    authorizationEndpoint: oauth.authorizationEndpoint ?? kept?.authorizationEndpoint ?? "",
                    httpMethod: oauth.httpMethod ?? kept?.httpMethod ?? EventBridge.ConnectionOAuthHttpMethod(rawValue: "POST"),
                    oAuthHttpParameters: oauth.oAuthHttpParameters ?? kept?.oAuthHttpParameters)
            }
            if let parameters = update.invocationHttpParameters { auth.invocationHttpParameters = parameters }
        }
        if type != current.authorizationType {
            if type != "BASIC" { auth.basicAuthParameters = nil }
            if type != "API_KEY" { auth.apiKeyAuthParameters = nil }
            if type != "OAUTH_CLIENT_CREDENTIALS" { auth.oAuthParameters = nil }
        }
        try Self.checkAuth(auth, type: type)
        let (description, kms, finalAuth, now) = (input.description, input.kmsKeyIdentifier, auth, nowMilliseconds())
        guard let connection = try await store.updateConnection(arn: current.arn, { record in
            if let description { record.description = description.isEmpty ? nil : description }
            if let kms { record.kmsKeyIdentifier = kms.isEmpty ? nil : kms }
            record.authorizationType = type
            record.auth = finalAuth
            record.state = "AUTHORIZED"
            record.modifiedAt = now
            record.authorizedAt = now
        }) else { throw EventBridgeFailure.validation("Connection \(input.name) was deleted meanwhile.") }
        var output = EventBridge.UpdateConnectionResponse()
        output.connectionArn = connection.arn
        output.connectionState = EventBridge.ConnectionState(rawValue: connection.state)
        output.creationTime = Self.date(connection.createdAt)
        output.lastModifiedTime = Self.date(connection.modifiedAt)
        output.lastAuthorizedTime = connection.authorizedAt.map(Self.date)
        return output
    }

    /// `DeauthorizeConnection`: its API destinations' calls fail until it is updated again.
    package func deauthorizeConnection(_ input: EventBridge.DeauthorizeConnectionRequest, context: RequestContext)
        async throws -> EventBridge.DeauthorizeConnectionResponse
    {
        let current = try await existingConnection(input.name, context: context)
        let now = nowMilliseconds()
        guard let connection = try await store.updateConnection(arn: current.arn, { record in
            record.state = "DEAUTHORIZED"
            record.modifiedAt = now
        }) else { throw EventBridgeFailure.validation("Connection \(input.name) was deleted meanwhile.") }
        var output = EventBridge.DeauthorizeConnectionResponse()
        output.connectionArn = connection.arn
        output.connectionState = EventBridge.ConnectionState(rawValue: "DEAUTHORIZING")
        output.creationTime = Self.date(connection.createdAt)
        output.lastModifiedTime = Self.date(connection.modifiedAt)
        output.lastAuthorizedTime = connection.authorizedAt.map(Self.date)
        return output
    }

    package func deleteConnection(_ input: EventBridge.DeleteConnectionRequest, context: RequestContext) async throws
        -> EventBridge.DeleteConnectionResponse
    {
        let connection = try await existingConnection(input.name, context: context)
        _ = try await store.deleteConnection(arn: connection.arn)
        var output = EventBridge.DeleteConnectionResponse()
        output.connectionArn = connection.arn
        output.connectionState = EventBridge.ConnectionState(rawValue: "DELETING")
        output.creationTime = Self.date(connection.createdAt)
        output.lastModifiedTime = Self.date(connection.modifiedAt)
        output.lastAuthorizedTime = connection.authorizedAt.map(Self.date)
        return output
    }
}
