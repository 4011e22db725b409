import Crypto
import Foundation
import OrderedCollections
import StratusAWSCore
import StratusJSON
import StratusServiceKit

/// HTTP, HTTPS and email subscribers: the confirmation handshake, notifications and unsubscribe confirmations, in
/// the documents and headers SNS sends them.
extension SNSService {
    /// The protocols whose subscriptions wait for a confirmation token.
    static let endpointProtocols: Set<String> = ["http", "https", "email", "email-json"]

    /// Checks the endpoint of an HTTP, HTTPS or email subscription as SNS does.
    func checkEndpoint(_ endpoint: String, protocol kind: String) throws {
        switch kind {
        case "http", "https":
            guard let url = URL(string: endpoint), url.scheme?.lowercased() == kind, let host = url.host, !host.isEmpty else {
                throw SNSFailure.invalidParameter("Endpoint must match the specified protocol")
            }
        default:
            let parts = endpoint.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
                  !parts[1].hasSuffix("."), !endpoint.contains(where: { $0.isWhitespace }) else {
                throw SNSFailure.invalidParameter("Email address")
            }
            guard destinations?.sendsEmail == true else {
                throw SNSFailure.invalidParameter(
                    "Stratus sends email only when started with --smtp <host:port> (an SMTP server to hand it to)")
            }
        }
    }

    /// A new confirmation token: 64 hexadecimal digits, the SHA-256 of two ids of the id source (as unpredictable as
    /// they are).
    func newConfirmationToken() -> String {
        SHA256.hash(data: Data("\(ids.next()):\(ids.next())".utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The URL that confirms `subscription` (a GET of it is a `ConfirmSubscription` call).
    static func subscribeURL(_ subscription: SNSSubscriptionRecord, token: String, context: RequestContext) -> String {
        "\(context.endpointURL)/?Action=ConfirmSubscription&TopicArn=\(subscription.topicARN)&Token=\(token)"
    }

    /// The URL that unsubscribes `subscription` (a GET of it is an `Unsubscribe` call).
    static func unsubscribeURL(_ subscription: SNSSubscriptionRecord, context: RequestContext) -> String {
        "\(context.endpointURL)/?Action=Unsubscribe&SubscriptionArn=\(subscription.arn)"
    }

    /// The `SigningCertURL` of the documents (Stratus does not sign with an AWS certificate; see docs/sns.md).
    static func signingCertificateURL(region: String) -> String {
        "https://sns.\(region).amazonaws.com/SimpleNotificationService-stratus.pem"
    }

    /// `SignatureVersion` and `Signature` (a digest of the document's fields, not verifiable against AWS's
    /// certificate).
    static func sign(_ document: inout OrderedDictionary<String, JSONValue>, id: String, text: String, timestamp: String) {
        document["SignatureVersion"] = "1"
        document["Signature"] = .string(Data(SHA256.hash(data: Data("\(id)\(text)\(timestamp)".utf8))).base64EncodedString())
    }

    /// Queues `payloads` for ``SNSDeliveryWorker`` (due now, each with the dead-letter queue of its subscription)
    /// and wakes it; nothing when there are no destinations.
    func enqueue(_ payloads: [(payload: SNSPendingDelivery.Payload, deadLetterQueueARN: String?)]) async throws {
        guard destinations != nil, !payloads.isEmpty else { return }
        let now = nowMilliseconds()
        try await store.enqueueDeliveries(payloads.map {
            SNSPendingDelivery(id: ids.next(), payload: $0.payload, dueAt: now, deadLetterQueueARN: $0.deadLetterQueueARN)
        })
        endpointDeliveries.signal()
    }

    /// The dead-letter queue of `subscription`'s `RedrivePolicy`, if any.
    static func deadLetterQueue(of subscription: SNSSubscriptionRecord) -> String? {
        guard let text = subscription.attributes["RedrivePolicy"], let policy = try? JSONValue.parse(text) else { return nil }
        return policy["deadLetterTargetArn"]?.stringValue
    }

    /// Sends a message that could not be delivered to a dead-letter queue (a failure there is dropped).
    func sendToDeadLetterQueue(_ arn: String, body: String) async {
        guard let destinations, let parts = Self.arnParts(arn, service: "sqs") else { return }
        let context = RequestContext(accountID: parts.account, region: parts.region, requestID: ids.next(), host: "localhost",
                                     receivedAt: clock.now())
        try? await destinations.deliverToQueue(SNSQueueDelivery(queueARN: arn, body: body), context: context)
    }

    /// The confirmation request of a pending subscription: a `SubscriptionConfirmation` POST to an HTTP(S)
    /// endpoint, or a confirmation email.
    func confirmationRequest(of subscription: SNSSubscriptionRecord, topic: SNSTopicRecord, token: String,
                             context: RequestContext) -> SNSPendingDelivery.Payload {
        let url = Self.subscribeURL(subscription, token: token, context: context)
        switch subscription.protocol {
        case "http", "https":
            return handshake("SubscriptionConfirmation", token: token, subscribeURL: url,
                             text: "You have chosen to subscribe to the topic \(topic.arn).\n"
                                + "To confirm the subscription, visit the SubscribeURL included in this message.",
                             subscription: subscription, topic: topic, sentWithSubscriptionARN: false)
        default:
            return .email(SNSEmail(
                to: subscription.endpoint, from: Self.sender(of: topic),
                subject: "AWS Notification - Subscription Confirmation",
                body: "You have chosen to subscribe to the topic: \n\(topic.arn)\n\n"
                    + "To confirm this subscription, click or visit the link below (If this was in error no action is necessary):\n"
                    + "Confirm subscription: \(url)\n"))
        }
    }

    /// The `UnsubscribeConfirmation` for an HTTP(S) endpoint whose confirmed subscription was deleted (nil for other
    /// subscriptions).
    func unsubscribeConfirmation(_ subscription: SNSSubscriptionRecord, topic: SNSTopicRecord, context: RequestContext)
        -> SNSPendingDelivery.Payload?
    {
        guard subscription.confirmed, subscription.protocol == "http" || subscription.protocol == "https" else { return nil }
        let token = newConfirmationToken()
        return handshake("UnsubscribeConfirmation", token: token,
                         subscribeURL: Self.subscribeURL(subscription, token: token, context: context),
                         text: "You have chosen to deactivate subscription \(subscription.arn).\n"
                            + "To cancel this operation and restore the subscription, visit the SubscribeURL included in this message.",
                         subscription: subscription, topic: topic, sentWithSubscriptionARN: true)
    }

    /// A `SubscriptionConfirmation` or `UnsubscribeConfirmation` POST to an HTTP(S) endpoint: the signed document
    /// with its token and `SubscribeURL`, and SNS's headers (the subscription ARN among them when
    /// `sentWithSubscriptionARN`).
    private func handshake(_ type: String, token: String, subscribeURL: String, text: String,
                           subscription: SNSSubscriptionRecord, topic: SNSTopicRecord, sentWithSubscriptionARN: Bool)
        -> SNSPendingDelivery.Payload
    {
        let id = ids.next()
        let timestamp = Self.timestamp(clock.now())
        var document: OrderedDictionary<String, JSONValue> = [
            "Type": .string(type), "MessageId": .string(id), "Token": .string(token), "TopicArn": .string(topic.arn),
            "Message": .string(text), "SubscribeURL": .string(subscribeURL), "Timestamp": .string(timestamp),
        ]
        Self.sign(&document, id: id, text: text, timestamp: timestamp)
        document["SigningCertURL"] = .string(Self.signingCertificateURL(region: topic.region))
        return .http(SNSEndpointRequest(
            url: subscription.endpoint,
            headers: Self.endpointHeaders(type: type, id: id, topic: topic,
                                          subscription: sentWithSubscriptionARN ? subscription : nil),
            body: JSONValue.object(document).serializedString(), retries: retrySchedule(subscription, topic: topic)))
    }

    /// The notification of an HTTP(S) or email subscriber: `envelope` is the notification document without its
    /// signing URLs and attributes, `attributes` the message attributes as `{Type, Value}`.
    func endpointNotification(_ text: String, envelope: OrderedDictionary<String, JSONValue>,
                              attributes: OrderedDictionary<String, JSONValue>, subject: String?, id: String,
                              topic: SNSTopicRecord, subscription: SNSSubscriptionRecord, context: RequestContext)
        -> SNSPendingDelivery.Payload
    {
        var document = envelope
        document["SigningCertURL"] = .string(Self.signingCertificateURL(region: topic.region))
        document["UnsubscribeURL"] = .string(Self.unsubscribeURL(subscription, context: context))
        if !attributes.isEmpty { document["MessageAttributes"] = .object(attributes) }
        switch subscription.protocol {
        case "http", "https":
            let raw = subscription.attributes["RawMessageDelivery"] == "true"
            var headers = Self.endpointHeaders(type: "Notification", id: id, topic: topic, subscription: subscription)
            if raw { headers.append(.init("x-amz-sns-rawdelivery", "true")) }
            return .http(SNSEndpointRequest(
                url: subscription.endpoint, headers: headers,
                body: raw ? text : JSONValue.object(document).serializedString(),
                retries: retrySchedule(subscription, topic: topic)))
        case "email-json":
            return .email(SNSEmail(to: subscription.endpoint, from: Self.sender(of: topic),
                                       subject: subject ?? "AWS Notification Message",
                                       body: JSONValue.object(document).serializedString(pretty: true)))
        default:
            return .email(SNSEmail(
                to: subscription.endpoint, from: Self.sender(of: topic), subject: subject ?? "AWS Notification Message",
                body: text + "\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit "
                    + "the link below to unsubscribe:\n\(Self.unsubscribeURL(subscription, context: context))\n\n"
                    + "Please do not reply directly to this email. If you have any questions or comments regarding this "
                    + "email, please contact the owner of the topic.\n"))
        }
    }

    /// The headers SNS sends an HTTP(S) endpoint.
    static func endpointHeaders(type: String, id: String, topic: SNSTopicRecord, subscription: SNSSubscriptionRecord?)
        -> [SNSEndpointRequest.Header]
    {
        var headers: [SNSEndpointRequest.Header] = [
            .init("x-amz-sns-message-type", type), .init("x-amz-sns-message-id", id), .init("x-amz-sns-topic-arn", topic.arn),
        ]
        if let subscription { headers.append(.init("x-amz-sns-subscription-arn", subscription.arn)) }
        headers.append(.init("Content-Type", "text/plain; charset=UTF-8"))
        headers.append(.init("User-Agent", "Amazon Simple Notification Service Agent"))
        return headers
    }

    /// `From` of the emails of `topic`: its display name, or `AWS Notifications`.
    static func sender(of topic: SNSTopicRecord) -> String {
        let name = topic.attributes["DisplayName"].flatMap { $0.isEmpty ? nil : $0 } ?? "AWS Notifications"
        return "\(name) <no-reply@sns.amazonaws.com>"
    }

    /// The delays of an HTTP(S) delivery's retries from the subscription's `healthyRetryPolicy`, else the topic's
    /// `http.defaultHealthyRetryPolicy`, else SNS's default (3 retries, 20 s apart): `numNoDelayRetries` at once,
    /// `numMinDelayRetries` after `minDelayTarget`, then the backoff retries (linear from `minDelayTarget` to
    /// `maxDelayTarget`), then `numMaxDelayRetries` after `maxDelayTarget`, `numRetries` in all.
    func retrySchedule(_ subscription: SNSSubscriptionRecord, topic: SNSTopicRecord) -> [Double] {
        var policy: JSONValue?
        if let text = subscription.attributes["DeliveryPolicy"], let parsed = try? JSONValue.parse(text) {
            policy = parsed["healthyRetryPolicy"]
        }
        if policy == nil, let text = topic.attributes["DeliveryPolicy"], let parsed = try? JSONValue.parse(text) {
            policy = parsed["http"]?["defaultHealthyRetryPolicy"]
        }
        func number(_ name: String, _ fallback: Int) -> Int {
            guard let value = policy?[name]?.doubleValue, let int = Int(exactly: value) else { return fallback }
            return max(0, int)
        }
        let total = number("numRetries", 3)
        let minimum = Double(number("minDelayTarget", 20))
        let maximum = max(minimum, Double(number("maxDelayTarget", 20)))
        let immediate = min(total, number("numNoDelayRetries", 0))
        let atMinimum = min(total - immediate, number("numMinDelayRetries", 0))
        let atMaximum = min(total - immediate - atMinimum, number("numMaxDelayRetries", 0))
        let backoff = total - immediate - atMinimum - atMaximum
        var delays = Array(repeating: 0.0, count: immediate) + Array(repeating: minimum, count: atMinimum)
        for step in 0..<backoff {
            delays.append(backoff == 1 ? minimum : minimum + (maximum - minimum) * Double(step) / Double(backoff - 1))
        }
        return delays + Array(repeating: maximum, count: atMaximum)
    }
}
