import StratusAPISNS
import StratusAWSCore
import StratusServiceKit

/// Mobile push: platform applications, their device endpoints, and notifications published to an endpoint or to a
/// topic with `application` subscribers. Stratus reaches no push service (APNs, FCM, …); it keeps each notification
/// (``sentPushMessages(endpointARN:)``, `/_stratus/sns/push`) and never checks credentials with a provider.
extension SNSService {
    /// The platforms SNS sends to.
    static let platforms: Set<String> = ["ADM", "APNS", "APNS_SANDBOX", "BAIDU", "GCM", "MPNS", "WNS"]
    /// The attributes an application may be given.
    static let applicationAttributeNames: Set<String> = [
        "PlatformCredential", "PlatformPrincipal", "EventEndpointCreated", "EventEndpointDeleted", "EventEndpointUpdated",
        "EventDeliveryFailure", "SuccessFeedbackRoleArn", "FailureFeedbackRoleArn", "SuccessFeedbackSampleRate",
        "ApplePlatformTeamID", "ApplePlatformBundleID",
    ]
    /// The attributes an endpoint may be given.
    static let endpointAttributeNames: Set<String> = ["CustomUserData", "Enabled", "Token"]

    /// The application an ARN names, or `NotFound`.
    func existingApplication(_ arn: String) async throws -> SNSPlatformApplicationRecord {
        guard let application = try await store.platformApplication(arn: arn) else {
            throw AWSServiceError(SNSErrors.notFoundException, "PlatformApplication does not exist")
        }
        return application
    }

    /// The endpoint an ARN names, or `NotFound`.
    func existingEndpoint(_ arn: String) async throws -> SNSPlatformEndpointRecord {
        guard let endpoint = try await store.platformEndpoint(arn: arn) else {
            throw AWSServiceError(SNSErrors.notFoundException, "Endpoint does not exist")
        }
        return endpoint
    }

    /// Whether `arn` has the form of a platform endpoint ARN (`arn:aws:sns:<region>:<account>:endpoint/…`).
    static func isEndpointARN(_ arn: String) -> Bool {
        topicParts(arn)?.name.hasPrefix("endpoint/") == true
    }

    /// Checks application attributes: known names, a `SuccessFeedbackSampleRate` of 0–100, and, unless `partial`,
    /// the credentials the platform needs (`PlatformCredential`; with APNS also `PlatformPrincipal`).
    static func checkApplicationAttributes(_ attributes: [String: String], platform: String, partial: Bool) throws {
        for (name, value) in attributes {
            guard applicationAttributeNames.contains(name) else {
                throw SNSFailure.invalidParameter("Attributes Reason: Invalid attribute name: \(name)")
            }
            if name == "SuccessFeedbackSampleRate", Int(value).map({ (0...100).contains($0) }) != true {
                throw SNSFailure.invalidParameter("Attributes Reason: SuccessFeedbackSampleRate must be an integer from 0 to 100")
            }
        }
        guard !partial else { return }
        if attributes["PlatformCredential"]?.isEmpty ?? true {
            throw SNSFailure.invalidParameter("Attributes Reason: PlatformCredential attribute required.")
        }
        if platform.hasPrefix("APNS"), attributes["PlatformPrincipal"]?.isEmpty ?? true {
            throw SNSFailure.invalidParameter("Attributes Reason: PlatformPrincipal attribute required.")
        }
    }

    /// The attributes `GetPlatformApplicationAttributes` shows: all but the credentials, and `Enabled`.
    static func shownApplicationAttributes(_ application: SNSPlatformApplicationRecord) -> [String: String] {
        var shown = application.attributes.filter { $0.key != "PlatformCredential" && $0.key != "PlatformPrincipal" }
        shown["Enabled"] = "true"
        return shown
    }

    package func createPlatformApplication(_ input: SNS.CreatePlatformApplicationInput, context: RequestContext)
        async throws -> SNS.CreatePlatformApplicationResponse
    {
        guard (1...256).contains(input.name.count),
              input.name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }) else {
            throw SNSFailure.invalidParameter(
                "Name Reason: must be 1 to 256 characters: letters, digits, underscores, hyphens and periods")
        }
        guard Self.platforms.contains(input.platform) else {
            throw SNSFailure.invalidParameter("Platform Reason: \(input.platform) is not supported")
        }
        try Self.checkApplicationAttributes(input.attributes, platform: input.platform, partial: false)
        let arn = "arn:aws:sns:\(context.region):\(context.accountID):app/\(input.platform)/\(input.name)"
        _ = try await store.putPlatformApplication(SNSPlatformApplicationRecord(
            arn: arn, accountID: context.accountID, region: context.region, name: input.name, platform: input.platform,
            attributes: input.attributes))
        return SNS.CreatePlatformApplicationResponse(platformApplicationArn: arn)
    }

    package func getPlatformApplicationAttributes(_ input: SNS.GetPlatformApplicationAttributesInput,
                                                  context: RequestContext) async throws
        -> SNS.GetPlatformApplicationAttributesResponse
    {
        let application = try await existingApplication(input.platformApplicationArn)
        return SNS.GetPlatformApplicationAttributesResponse(attributes: Self.shownApplicationAttributes(application))
    }

    package func setPlatformApplicationAttributes(_ input: SNS.SetPlatformApplicationAttributesInput,
                                                  context: RequestContext) async throws
    {
        let application = try await existingApplication(input.platformApplicationArn)
        try Self.checkApplicationAttributes(input.attributes, platform: application.platform, partial: true)
        let attributes = input.attributes
        guard try await store.updatePlatformApplication(arn: application.arn, { record in
            for (name, value) in attributes {
                if value.isEmpty, name != "PlatformCredential", name != "PlatformPrincipal" {
                    record.attributes[name] = nil
                } else {
                    record.attributes[name] = value
                }
            }
        }) != nil else { throw AWSServiceError(SNSErrors.notFoundException, "PlatformApplication does not exist") }
    }

    package func listPlatformApplications(_ input: SNS.ListPlatformApplicationsInput, context: RequestContext)
        async throws -> SNS.ListPlatformApplicationsResponse
    {
        let after = try Self.arn(fromToken: input.nextToken)
        let page = try await store.platformApplications(
            accountID: context.accountID, region: context.region, afterARN: after, limit: 101)
        var output = SNS.ListPlatformApplicationsResponse()
        output.platformApplications = page.prefix(100).map {
            SNS.PlatformApplication(platformApplicationArn: $0.arn, attributes: Self.shownApplicationAttributes($0))
        }
        if page.count > 100, let last = page.prefix(100).last { output.nextToken = Self.token(after: last.arn) }
        return output
    }

    /// Deletes the application and its endpoints; deleting one that does not exist succeeds.
    package func deletePlatformApplication(_ input: SNS.DeletePlatformApplicationInput, context: RequestContext)
        async throws
    {
        _ = try await store.deletePlatformApplication(arn: input.platformApplicationArn)
    }

    package func createPlatformEndpoint(_ input: SNS.CreatePlatformEndpointInput, context: RequestContext) async throws
        -> SNS.CreateEndpointResponse
    {
        let application = try await existingApplication(input.platformApplicationArn)
        guard !input.token.isEmpty else { throw SNSFailure.invalidParameter("Token Reason: cannot be empty") }
        var attributes = input.attributes ?? [:]
        for name in attributes.keys where !Self.endpointAttributeNames.contains(name) {
            throw SNSFailure.invalidParameter("Attributes Reason: Invalid attribute name: \(name)")
        }
        try Self.checkEnabled(attributes["Enabled"])
        if let data = input.customUserData { attributes["CustomUserData"] = data }
        attributes["Token"] = input.token
        if attributes["Enabled"] == nil { attributes["Enabled"] = "true" }
        let arn = "arn:aws:sns:\(context.region):\(context.accountID):endpoint/\(application.platform)/\(application.name)/"
            + ids.next().lowercased()
        let record = SNSPlatformEndpointRecord(
            arn: arn, applicationARN: application.arn, token: input.token, attributes: attributes)
        let existing: SNSPlatformEndpointRecord?
        do {
            existing = try await store.createPlatformEndpoint(record)
        } catch is SNSStoreMissing {
            throw AWSServiceError(SNSErrors.notFoundException, "PlatformApplication does not exist")
        }
        guard let existing else { return SNS.CreateEndpointResponse(endpointArn: arn) }
        // The same token again: the same endpoint, unless other attributes were asked for.
        guard existing.attributes["CustomUserData"] == attributes["CustomUserData"],
              existing.attributes["Enabled"] == attributes["Enabled"] else {
            throw SNSFailure.invalidParameter(
                "Token Reason: Endpoint \(existing.arn) already exists with the same Token, but different attributes.")
        }
        return SNS.CreateEndpointResponse(endpointArn: existing.arn)
    }

    /// `Enabled` must be `true` or `false` (any case).
    static func checkEnabled(_ value: String?) throws {
        guard let value else { return }
        guard ["true", "false"].contains(value.lowercased()) else {
            throw SNSFailure.invalidParameter("Attributes Reason: Enabled must be true or false")
        }
    }

    package func getEndpointAttributes(_ input: SNS.GetEndpointAttributesInput, context: RequestContext) async throws
        -> SNS.GetEndpointAttributesResponse
    {
        SNS.GetEndpointAttributesResponse(attributes: try await existingEndpoint(input.endpointArn).attributes)
    }

    package func setEndpointAttributes(_ input: SNS.SetEndpointAttributesInput, context: RequestContext) async throws {
        let endpoint = try await existingEndpoint(input.endpointArn)
        for name in input.attributes.keys where !Self.endpointAttributeNames.contains(name) {
            throw SNSFailure.invalidParameter("Attributes Reason: Invalid attribute name: \(name)")
        }
        try Self.checkEnabled(input.attributes["Enabled"])
        if let token = input.attributes["Token"] {
            guard !token.isEmpty else { throw SNSFailure.invalidParameter("Attributes Reason: Token cannot be empty") }
            let siblings = try await store.platformEndpoints(applicationARN: endpoint.applicationARN, afterARN: nil, limit: Int.max)
            if let other = siblings.first(where: { $0.token == token && $0.arn != endpoint.arn }) {
                throw SNSFailure.invalidParameter(
                    "Token Reason: Endpoint \(other.arn) already exists with the same Token, but different attributes.")
            }
        }
        let attributes = input.attributes
        guard try await store.updatePlatformEndpoint(arn: endpoint.arn, { record in
            for (name, value) in attributes {
                if name == "CustomUserData", value.isEmpty { record.attributes[name] = nil } else { record.attributes[name] = value }
            }
            record.token = record.attributes["Token"] ?? record.token
        }) != nil else { throw AWSServiceError(SNSErrors.notFoundException, "Endpoint does not exist") }
    }

    package func listEndpointsByPlatformApplication(_ input: SNS.ListEndpointsByPlatformApplicationInput,
                                                    context: RequestContext) async throws
        -> SNS.ListEndpointsByPlatformApplicationResponse
    {
        let application = try await existingApplication(input.platformApplicationArn)
        let after = try Self.arn(fromToken: input.nextToken)
        let page = try await store.platformEndpoints(applicationARN: application.arn, afterARN: after, limit: 101)
        var output = SNS.ListEndpointsByPlatformApplicationResponse()
        output.endpoints = page.prefix(100).map { SNS.Endpoint(endpointArn: $0.arn, attributes: $0.attributes) }
        if page.count > 100, let last = page.prefix(100).last { output.nextToken = Self.token(after: last.arn) }
        return output
    }

    /// Deletes the endpoint; deleting one that does not exist succeeds.
    package func deleteEndpoint(_ input: SNS.DeleteEndpointInput, context: RequestContext) async throws {
        _ = try await store.deletePlatformEndpoint(arn: input.endpointArn)
    }

    /// Publishes straight to a platform endpoint (`TargetArn`).
    func publishToEndpoint(_ input: SNS.PublishInput, arn: String, context: RequestContext) async throws
        -> SNS.PublishResponse
    {
        guard input.topicArn == nil else {
            throw SNSFailure.invalidParameter("TopicArn Reason: Only one of TopicArn, TargetArn and PhoneNumber may be given")
        }
        let endpoint = try await existingEndpoint(arn)
        guard endpoint.isEnabled else { throw AWSServiceError(SNSErrors.endpointDisabledException, "Endpoint is disabled") }
        let message = try Self.checkedMessage(
            OutgoingMessage(input),
            topic: nil)
        let id = ids.next()
        try await sendPush(message, id: id, to: endpoint, topic: nil)
        return SNS.PublishResponse(messageId: id)
    }

    /// Keeps one push notification to `endpoint`: the platform's entry of a `MessageStructure=json` message, else
    /// its `default`, else the message.
    func sendPush(_ message: OutgoingMessage, id: String, to endpoint: SNSPlatformEndpointRecord, topic: SNSTopicRecord?)
        async throws
    {
        let platform = endpoint.arn.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        let payload = message.perProtocol[platform] ?? message.perProtocol["default"] ?? message.message
        try await store.recordPushMessage(SNSPushMessage(
            messageID: id, endpointARN: endpoint.arn, platform: platform, token: endpoint.token, message: payload,
            topicARN: topic?.arn, sentAt: nowMilliseconds()))
    }

    /// The push notifications sent (to `endpointARN` only, when given), oldest first.
    package func sentPushMessages(endpointARN: String?) async throws -> [SNSPushMessage] {
        try await store.pushMessages(endpointARN: endpointARN)
    }
}
