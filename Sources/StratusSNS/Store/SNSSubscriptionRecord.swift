/// A subscription as stored.
package struct SNSSubscriptionRecord: Sendable, Equatable, Codable {
    /// `<topic ARN>:<uuid>`.
    package var arn: String
    /// The topic.
    package var topicARN: String
    /// The subscribing account.
    package var accountID: String
    /// The topic's region.
    package var region: String
    /// `sqs`, `lambda`, …
    package var `protocol`: String
    /// The queue or function ARN (or other endpoint).
    package var endpoint: String
    /// Attributes as set (`RawMessageDelivery`, `FilterPolicy`, `FilterPolicyScope`, `RedrivePolicy`, …).
    package var attributes: [String: String]
    /// Whether the subscription is confirmed (queues and functions are at once).
    package var confirmed: Bool
    /// The token that confirms a pending subscription of an HTTP, HTTPS or email endpoint (and keeps answering its
    /// ARN once confirmed); nil for queues and functions.
    package var confirmationToken: String?

    /// A subscription record.
    package init(arn: String, topicARN: String, accountID: String, region: String, protocol: String, endpoint: String,
                 attributes: [String: String], confirmed: Bool, confirmationToken: String? = nil) {
        self.arn = arn
        self.topicARN = topicARN
        self.accountID = accountID
        self.region = region
        self.protocol = `protocol`
        self.endpoint = endpoint
        self.attributes = attributes
        self.confirmed = confirmed
        self.confirmationToken = confirmationToken
    }
}
