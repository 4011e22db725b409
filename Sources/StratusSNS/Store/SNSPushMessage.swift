/// A mobile push notification SNS "sent" to a platform endpoint. Stratus reaches no push service; it keeps each
/// notification, readable at `/_stratus/sns/push`.
package struct SNSPushMessage: Sendable, Equatable, Codable {
    /// The publish's message id.
    package var messageID: String
    /// The endpoint it went to.
    package var endpointARN: String
    /// The endpoint's platform (`GCM`, `APNS`, …).
    package var platform: String
    /// The device token at the time.
    package var token: String
    /// The payload for the platform: `MessageStructure=json`'s entry for the platform, else its `default`, else the
    /// message.
    package var message: String
    /// The topic it was published to (nil for a direct publish to the endpoint).
    package var topicARN: String?
    /// When it was sent, in milliseconds since 1970.
    package var sentAt: Int64

    /// A notification.
    package init(messageID: String, endpointARN: String, platform: String, token: String, message: String,
                 topicARN: String?, sentAt: Int64) {
        self.messageID = messageID
        self.endpointARN = endpointARN
        self.platform = platform
        self.token = token
        self.message = message
        self.topicARN = topicARN
        self.sentAt = sentAt
    }
}
