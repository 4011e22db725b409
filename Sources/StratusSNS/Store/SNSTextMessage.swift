/// An SMS message SNS sent: published to a phone number or to a topic with an `sms` subscriber. Stratus sends no
/// real SMS; it keeps each message, readable at `/_stratus/sns/sms`.
package struct SNSTextMessage: Sendable, Equatable, Codable {
    /// The publish's message id.
    package var messageID: String
    /// The E.164 number (`+15555550100`).
    package var phoneNumber: String
    /// The text.
    package var message: String
    /// `AWS.SNS.SMS.SenderID`, when given.
    package var senderID: String?
    /// `AWS.SNS.SMS.SMSType` (`Promotional` or `Transactional`), else the account's `DefaultSMSType`, else
    /// `Promotional`.
    package var smsType: String
    /// The topic it was published to (nil for a direct publish).
    package var topicARN: String?
    /// The sending account and region.
    package var accountID: String
    /// The sending region.
    package var region: String
    /// When it was sent, in milliseconds since 1970.
    package var sentAt: Int64

    /// A message.
    package init(messageID: String, phoneNumber: String, message: String, senderID: String?, smsType: String,
                 topicARN: String?, accountID: String, region: String, sentAt: Int64) {
        self.messageID = messageID
        self.phoneNumber = phoneNumber
        self.message = message
        self.senderID = senderID
        self.smsType = smsType
        self.topicARN = topicARN
        self.accountID = accountID
        self.region = region
        self.sentAt = sentAt
    }
}
