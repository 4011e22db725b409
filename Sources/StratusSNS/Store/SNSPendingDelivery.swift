/// A delivery to an HTTP(S) endpoint or a mailbox that SNS still has to make: stored with the publish (or the
/// subscribe or unsubscribe) that caused it, removed once made or given up.
package struct SNSPendingDelivery: Sendable, Equatable, Codable {
    /// What is delivered.
    package enum Payload: Sendable, Equatable, Codable {
        /// A POST to a subscriber's endpoint.
        case http(SNSEndpointRequest)
        /// An email handed to the SMTP server.
        case email(SNSEmail)
    }

    /// Unique among pending deliveries.
    package var id: String
    /// The request or email.
    package var payload: Payload
    /// Attempts made so far.
    package var attempts: Int
    /// When the next attempt is due, in milliseconds since 1970.
    package var dueAt: Int64
    /// The subscription's dead-letter queue (its `RedrivePolicy`), which gets the message when every attempt failed.
    package var deadLetterQueueARN: String?

    /// A delivery.
    package init(id: String, payload: Payload, attempts: Int = 0, dueAt: Int64, deadLetterQueueARN: String? = nil) {
        self.id = id
        self.payload = payload
        self.attempts = attempts
        self.dueAt = dueAt
        self.deadLetterQueueARN = deadLetterQueueARN
    }
}
