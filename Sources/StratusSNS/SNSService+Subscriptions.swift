import Foundation
import StratusAPISNS
import StratusAWSCore
import StratusEventPatterns
import StratusJSON
import StratusServiceKit

extension SNSService {
    /// Subscription attributes a caller may set.
    static let settableSubscriptionAttributes: Set<String> = [
        "DeliveryPolicy", "FilterPolicy", "FilterPolicyScope", "RawMessageDelivery", "RedrivePolicy",
        "SubscriptionRoleArn", "ReplayPolicy",
    ]

    package func subscribe(_ input: SNS.SubscribeInput, context: RequestContext) async throws -> SNS.SubscribeResponse {
        let topic = try await existingTopic(input.topicArn)
        let kind = input.protocol.lowercased()
        var endpoint = input.endpoint ?? ""
        switch kind {
        case "sqs":
            guard Self.arnParts(endpoint, service: "sqs") != nil else { throw SNSFailure.invalidParameter("SQS endpoint ARN") }
            let fifoQueue = endpoint.hasSuffix(".fifo")
            if topic.isFIFO && !fifoQueue {
                throw SNSFailure.invalidParameter("Endpoint Reason: FIFO SNS Topics can only be subscribed to FIFO SQS queues")
            }
            if !topic.isFIFO && fifoQueue {
                throw SNSFailure.invalidParameter("Endpoint Reason: Please use FIFO SNS topic")
            }
        case "lambda":
            guard Self.arnParts(endpoint, service: "lambda") != nil else {
                throw SNSFailure.invalidParameter("Lambda endpoint ARN")
            }
        case "http", "https", "email", "email-json":
            try checkEndpoint(endpoint, protocol: kind)
        case "sms":
            guard let number = Self.phoneNumber(endpoint) else {
                throw AWSServiceError(SNSErrors.invalidParameterException, "Invalid SMS endpoint: \(endpoint)")
            }
            endpoint = number
        case "application":
            guard Self.isEndpointARN(endpoint) else {
                throw SNSFailure.invalidParameter("Endpoint Reason: \(endpoint) is not a platform endpoint ARN")
            }
            _ = try await existingEndpoint(endpoint)
        case "firehose":
            throw SNSFailure.unsupportedProtocol(kind)
        default:
            throw SNSFailure.invalidParameter("Amazon SNS does not support this protocol string: \(input.protocol)")
        }
        let attributes = try Self.checkedSubscriptionAttributes(input.attributes ?? [:])
        let existing = try await store.subscriptions(topicARN: topic.arn, accountID: topic.accountID, region: topic.region,
                                                     afterARN: nil, limit: Int.max)
        // Pending subscriptions answer "pending confirmation" unless the caller asks for the ARN.
        let shownARN = { (record: SNSSubscriptionRecord) -> String in
            record.confirmed || input.returnSubscriptionArn == true ? record.arn : "pending confirmation"
        }
        if let same = existing.first(where: { $0.protocol == kind && $0.endpoint == endpoint }) {
            for (name, value) in attributes where same.attributes[name] != value {
                throw SNSFailure.invalidParameter("Attributes Reason: Subscription already exists with different attributes")
            }
            if !same.confirmed, let token = same.confirmationToken {
                try await enqueue([(confirmationRequest(of: same, topic: topic, token: token, context: context), nil)])
            }
            return SNS.SubscribeResponse(subscriptionArn: shownARN(same))
        }
        let pending = Self.endpointProtocols.contains(kind)
        let record = SNSSubscriptionRecord(
            arn: "\(topic.arn):\(ids.next())", topicARN: topic.arn, accountID: context.accountID, region: topic.region,
            protocol: kind, endpoint: endpoint, attributes: attributes, confirmed: !pending,
            confirmationToken: pending ? newConfirmationToken() : nil)
        do {
            try await store.createSubscription(record)
        } catch is SNSStoreMissing {
            throw SNSFailure.topicNotFound()
        }
        if let token = record.confirmationToken {
            try await enqueue([(confirmationRequest(of: record, topic: topic, token: token, context: context), nil)])
        }
        return SNS.SubscribeResponse(subscriptionArn: shownARN(record))
    }

    package func unsubscribe(_ input: SNS.UnsubscribeInput, context: RequestContext) async throws {
        guard input.subscriptionArn.split(separator: ":").count == 7 else { throw SNSFailure.invalidParameter("SubscriptionArn") }
        let existing = try await store.subscription(arn: input.subscriptionArn)
        // A missing one succeeds, as on AWS.
        guard try await store.deleteSubscription(arn: input.subscriptionArn), let existing,
              let topic = try await store.topic(arn: existing.topicARN) else { return }
        if let goodbye = unsubscribeConfirmation(existing, topic: topic, context: context) { try await enqueue([(goodbye, nil)]) }
    }

    package func confirmSubscription(_ input: SNS.ConfirmSubscriptionInput, context: RequestContext) async throws
        -> SNS.ConfirmSubscriptionResponse
    {
        let topic = try await existingTopic(input.topicArn)
        let subscriptions = try await store.subscriptions(topicARN: topic.arn, accountID: topic.accountID,
                                                          region: topic.region, afterARN: nil, limit: Int.max)
        // Queues and functions are confirmed when they subscribe; HTTP(S) and email ones wait for their token (which
        // keeps confirming them afterwards, as a repeated visit of the link does on AWS).
        guard !input.token.isEmpty, let match = subscriptions.first(where: { $0.confirmationToken == input.token }) else {
            throw SNSFailure.invalidParameter("Token")
        }
        guard try await store.updateSubscription(arn: match.arn, { $0.confirmed = true }) != nil else {
            throw SNSFailure.invalidParameter("Token")
        }
        return SNS.ConfirmSubscriptionResponse(subscriptionArn: match.arn)
    }

    package func listSubscriptions(_ input: SNS.ListSubscriptionsInput, context: RequestContext) async throws
        -> SNS.ListSubscriptionsResponse
    {
        let (page, next) = try await subscriptionPage(topicARN: nil, token: input.nextToken, context: context)
        return SNS.ListSubscriptionsResponse(subscriptions: page, nextToken: next)
    }

    package func listSubscriptionsByTopic(_ input: SNS.ListSubscriptionsByTopicInput, context: RequestContext) async throws
        -> SNS.ListSubscriptionsByTopicResponse
    {
        _ = try await existingTopic(input.topicArn)
        let (page, next) = try await subscriptionPage(topicARN: input.topicArn, token: input.nextToken, context: context)
        return SNS.ListSubscriptionsByTopicResponse(subscriptions: page, nextToken: next)
    }

    package func getSubscriptionAttributes(_ input: SNS.GetSubscriptionAttributesInput, context: RequestContext) async throws
        -> SNS.GetSubscriptionAttributesResponse
    {
        guard let subscription = try await store.subscription(arn: input.subscriptionArn) else {
            throw SNSFailure.subscriptionNotFound()
        }
        var attributes = subscription.attributes
        attributes["SubscriptionArn"] = subscription.arn
        attributes["TopicArn"] = subscription.topicARN
        attributes["Owner"] = subscription.accountID
        attributes["Protocol"] = subscription.protocol
        attributes["Endpoint"] = subscription.endpoint
        attributes["ConfirmationWasAuthenticated"] = "true"
        attributes["PendingConfirmation"] = subscription.confirmed ? "false" : "true"
        attributes["RawMessageDelivery"] = subscription.attributes["RawMessageDelivery"] ?? "false"
        if attributes["FilterPolicy"] != nil, attributes["FilterPolicyScope"] == nil {
            attributes["FilterPolicyScope"] = "MessageAttributes"
        }
        return SNS.GetSubscriptionAttributesResponse(attributes: attributes)
    }

    package func setSubscriptionAttributes(_ input: SNS.SetSubscriptionAttributesInput, context: RequestContext) async throws {
        guard Self.settableSubscriptionAttributes.contains(input.attributeName) else {
            throw SNSFailure.invalidParameter("AttributeName")
        }
        let name = input.attributeName
        let value = input.attributeValue ?? ""
        let checked = try Self.checkedSubscriptionAttributes([name: value])
        guard try await store.updateSubscription(arn: input.subscriptionArn, { subscription in
            if value.isEmpty && name == "FilterPolicy" {
                subscription.attributes.removeValue(forKey: name)
            } else {
                subscription.attributes[name] = checked[name]
            }
        }) != nil else {
            throw SNSFailure.subscriptionNotFound()
        }
    }

    /// A page of subscriptions as the List operations answer it (100 at most, then a token).
    private func subscriptionPage(topicARN: String?, token: String?, context: RequestContext) async throws
        -> ([SNS.Subscription], String?)
    {
        let after = try Self.arn(fromToken: token)
        let records = try await store.subscriptions(topicARN: topicARN, accountID: context.accountID, region: context.region,
                                                    afterARN: after, limit: 101)
        let page = records.prefix(100).map { record in
            SNS.Subscription(subscriptionArn: record.confirmed ? record.arn : "PendingConfirmation", owner: record.accountID,
                             protocol: record.protocol, endpoint: record.endpoint, topicArn: record.topicARN)
        }
        let next = records.count > 100 ? records.prefix(100).last.map { Self.token(after: $0.arn) } : nil
        return (Array(page), next)
    }

    /// Subscription attributes checked: known names, `RawMessageDelivery` a boolean, `FilterPolicy` a valid policy,
    /// `FilterPolicyScope` `MessageAttributes` or `MessageBody`.
    static func checkedSubscriptionAttributes(_ attributes: [String: String]) throws -> [String: String] {
        var checked: [String: String] = [:]
        for (name, value) in attributes {
            guard settableSubscriptionAttributes.contains(name) else {
                throw SNSFailure.invalidParameter("Attributes Reason: Unknown attribute \(name)")
            }
            switch name {
            case "RawMessageDelivery":
                guard ["true", "false"].contains(value.lowercased()) else {
                    throw SNSFailure.invalidParameter("Attributes Reason: RawMessageDelivery: Invalid value [\(value)]. Must be true or false.")
                }
                checked[name] = value.lowercased()
            case "FilterPolicy":
                guard let policy = try? JSONValue.parse(value) else {
                    throw SNSFailure.invalidParameter("FilterPolicy: failed to parse JSON.")
                }
                if let problem = EventPattern.problem(in: policy) { throw SNSFailure.invalidParameter("FilterPolicy: \(problem)") }
                checked[name] = value
            case "RedrivePolicy":
                guard let policy = try? JSONValue.parse(value), case .object = policy else {
                    throw SNSFailure.invalidParameter("RedrivePolicy: failed to parse JSON.")
                }
                guard let target = policy["deadLetterTargetArn"]?.stringValue, arnParts(target, service: "sqs") != nil else {
                    throw SNSFailure.invalidParameter("RedrivePolicy: deadLetterTargetArn is an invalid arn")
                }
                checked[name] = value
            case "FilterPolicyScope":
                guard ["MessageAttributes", "MessageBody"].contains(value) else {
                    throw SNSFailure.invalidParameter("Attributes Reason: FilterPolicyScope: Invalid value [\(value)]. Please use either MessageBody or MessageAttributes")
                }
                checked[name] = value
            default:
                checked[name] = value
            }
        }
        return checked
    }

    /// `arn:aws:<service>:<region>:<account>:<rest>` split, or nil.
    static func arnParts(_ arn: String, service: String) -> (region: String, account: String, resource: String)? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", parts[2] == service, !parts[5].isEmpty else { return nil }
        return (parts[3], parts[4], parts[5])
    }
}
