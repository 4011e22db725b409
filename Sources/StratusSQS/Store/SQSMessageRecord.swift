/// One message as stored: content, digests, and its delivery state.
///
/// Guarantees: `messageAttributes` and `systemAttributes` are in the binary form ``SQSMessageDigest`` hashes
/// (so a digest of all attributes is the MD5 of these bytes); times are milliseconds since the Unix epoch. A
/// message is visible when `visibleAt <= now`; it is in flight when it was received (`receiptToken != nil`) and
/// `visibleAt > now`.
package struct SQSMessageRecord: Sendable, Equatable {
    /// AWS's message id (a lowercase UUID).
    package var messageID: String
    /// The body.
    package var body: String
    /// The encoded user attributes (empty when none).
    package var messageAttributes: [UInt8]
    /// The encoded system attributes (`AWSTraceHeader`; empty when none).
    package var systemAttributes: [UInt8]
    /// MD5 of the body, hex.
    package var md5OfBody: String
    /// MD5 of all user attributes, hex, or nil when none.
    package var md5OfMessageAttributes: String?
    /// MD5 of the system attributes, hex, or nil when none.
    package var md5OfSystemAttributes: String?
    /// `SenderId` as reported on receive.
    package var senderID: String
    /// When the message was first enqueued (ms); retention counts from here.
    package var sentAt: Int64
    /// When the message becomes (or became) visible (ms).
    package var visibleAt: Int64
    /// How often it was received.
    package var receiveCount: Int
    /// When it was first received (ms), if ever.
    package var firstReceivedAt: Int64?
    /// The token of the latest receipt handle, or nil if never received.
    package var receiptToken: String?
    /// The FIFO (or fair queue) message group.
    package var groupID: String?
    /// The FIFO deduplication id (explicit or content-based).
    package var deduplicationID: String?
    /// The FIFO sequence number (store-assigned).
    package var sequenceNumber: Int64?
    /// The ARN of the queue a dead-letter move came from.
    package var deadLetterSourceArn: String?

    /// Creates a record; delivery state defaults to "never received".
    package init(
        messageID: String, body: String, messageAttributes: [UInt8] = [], systemAttributes: [UInt8] = [],
        md5OfBody: String, md5OfMessageAttributes: String? = nil, md5OfSystemAttributes: String? = nil,
        senderID: String, sentAt: Int64, visibleAt: Int64, receiveCount: Int = 0, firstReceivedAt: Int64? = nil,
        receiptToken: String? = nil, groupID: String? = nil, deduplicationID: String? = nil,
        sequenceNumber: Int64? = nil, deadLetterSourceArn: String? = nil
    ) {
        self.messageID = messageID
        self.body = body
        self.messageAttributes = messageAttributes
        self.systemAttributes = systemAttributes
        self.md5OfBody = md5OfBody
        self.md5OfMessageAttributes = md5OfMessageAttributes
        self.md5OfSystemAttributes = md5OfSystemAttributes
        self.senderID = senderID
        self.sentAt = sentAt
        self.visibleAt = visibleAt
        self.receiveCount = receiveCount
        self.firstReceivedAt = firstReceivedAt
        self.receiptToken = receiptToken
        self.groupID = groupID
        self.deduplicationID = deduplicationID
        self.sequenceNumber = sequenceNumber
        self.deadLetterSourceArn = deadLetterSourceArn
    }
}
