/// A topic as stored.
package struct SNSTopicRecord: Sendable, Equatable, Codable {
    /// `arn:aws:sns:<region>:<account>:<name>`.
    package var arn: String
    /// The owning account.
    package var accountID: String
    /// The region.
    package var region: String
    /// The name (a `.fifo` suffix for FIFO topics).
    package var name: String
    /// Attributes as set (`DisplayName`, `Policy`, `FifoTopic`, `ContentBasedDeduplication`, …).
    package var attributes: [String: String]
    /// Tags by key.
    package var tags: [String: String]
    /// The last sequence number given to a FIFO message.
    package var lastSequenceNumber: UInt64
    /// The data protection policy (`PutDataProtectionPolicy`, `CreateTopic`'s `DataProtectionPolicy`), as put.
    package var dataProtectionPolicy: String?

    /// A topic record.
    package init(arn: String, accountID: String, region: String, name: String, attributes: [String: String],
                 tags: [String: String], lastSequenceNumber: UInt64 = 0) {
        self.arn = arn
        self.accountID = accountID
        self.region = region
        self.name = name
        self.attributes = attributes
        self.tags = tags
        self.lastSequenceNumber = lastSequenceNumber
    }

    /// A FIFO topic.
    package var isFIFO: Bool { attributes["FifoTopic"] == "true" }
}
