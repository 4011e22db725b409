import StratusAPISNS
import StratusAWSCore
import StratusServiceKit

/// SMS: publishing to a phone number, `sms` subscribers of topics, and the account's SMS settings. Stratus sends no
/// real text messages; it keeps each one (``sentTextMessages(phoneNumber:)``, `/_stratus/sns/sms`).
extension SNSService {
    /// The account SMS attributes `SetSMSAttributes` accepts.
    static let smsAttributeNames: Set<String> = [
        "MonthlySpendLimit", "DeliveryStatusIAMRole", "DeliveryStatusSuccessSamplingRate", "DefaultSenderID",
        "DefaultSMSType", "UsageReportS3Bucket",
    ]

    /// `text` as an E.164 number (`+` and 2–15 digits, not starting with 0), after removing spaces, dashes, dots and
    /// parentheses; nil when it is not one.
    package static func phoneNumber(_ text: String) -> String? {
        let kept = text.filter { !" -.()".contains($0) }
        guard kept.hasPrefix("+") else { return nil }
        let digits = kept.dropFirst()
        guard (2...15).contains(digits.count), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              digits.first != "0" else { return nil }
        return kept
    }

    /// Publishes straight to a phone number (no topic).
    func publishToPhone(_ input: SNS.PublishInput, number text: String, context: RequestContext) async throws
        -> SNS.PublishResponse
    {
        guard input.topicArn == nil, input.targetArn == nil else {
            throw SNSFailure.invalidParameter("PhoneNumber Reason: TopicArn, TargetArn and PhoneNumber are exclusive")
        }
        guard let number = Self.phoneNumber(text) else {
            throw SNSFailure.invalidParameter("PhoneNumber Reason: \(text) is not valid to publish to")
        }
        let message = try Self.checkedMessage(
            OutgoingMessage(input),
            topic: nil)
        let id = ids.next()
        try await sendText(message.perProtocol["sms"] ?? message.perProtocol["default"] ?? message.message, to: number,
                           of: message, id: id, topic: nil, context: context)
        return SNS.PublishResponse(messageId: id)
    }

    /// Keeps one text message: the sender id and SMS type from the message's `AWS.SNS.SMS.*` attributes, else the
    /// account's defaults; a topic's display name (its first 10 characters) prefixes the text, as on AWS.
    func sendText(_ text: String, to number: String, of message: OutgoingMessage, id: String, topic: SNSTopicRecord?,
                  context: RequestContext) async throws {
        let account = topic?.accountID ?? context.accountID
        let region = topic?.region ?? context.region
        let defaults = try await store.smsAttributes(accountID: account, region: region)
        var body = text
        if let name = topic?.attributes["DisplayName"], !name.isEmpty {
            body = "\(name.prefix(10))> \(text)"
        }
        try await store.recordTextMessage(SNSTextMessage(
            messageID: id, phoneNumber: number, message: body,
            senderID: message.attributes["AWS.SNS.SMS.SenderID"]?.stringValue ?? defaults["DefaultSenderID"],
            smsType: message.attributes["AWS.SNS.SMS.SMSType"]?.stringValue ?? defaults["DefaultSMSType"] ?? "Promotional",
            topicARN: topic?.arn, accountID: account, region: region, sentAt: nowMilliseconds()))
    }

    /// The text messages sent (to `phoneNumber` only, when given), oldest first.
    package func sentTextMessages(phoneNumber: String?) async throws -> [SNSTextMessage] {
        try await store.textMessages(phoneNumber: phoneNumber)
    }

    package func getSMSAttributes(_ input: SNS.GetSMSAttributesInput, context: RequestContext) async throws
        -> SNS.GetSMSAttributesResponse
    {
        let all = try await store.smsAttributes(accountID: context.accountID, region: context.region)
        guard let names = input.attributes, !names.isEmpty else { return SNS.GetSMSAttributesResponse(attributes: all) }
        return SNS.GetSMSAttributesResponse(attributes: all.filter { names.contains($0.key) })
    }

    package func setSMSAttributes(_ input: SNS.SetSMSAttributesInput, context: RequestContext) async throws
        -> SNS.SetSMSAttributesResponse
    {
        for (name, value) in input.attributes {
            guard Self.smsAttributeNames.contains(name) else { throw SNSFailure.invalidParameter(name) }
            if name == "DefaultSMSType", !value.isEmpty, !["Promotional", "Transactional"].contains(value) {
                throw SNSFailure.invalidParameter("DefaultSMSType Reason: must be Promotional or Transactional")
            }
            if name == "MonthlySpendLimit" || name == "DeliveryStatusSuccessSamplingRate", !value.isEmpty,
               Int(value).map({ $0 < 0 || (name == "DeliveryStatusSuccessSamplingRate" && $0 > 100) }) != false {
                throw SNSFailure.invalidParameter(name)
            }
        }
        try await store.setSMSAttributes(input.attributes, accountID: context.accountID, region: context.region)
        return SNS.SetSMSAttributesResponse()
    }

    /// No number is ever opted out here (nobody can answer STOP to a message Stratus did not send).
    package func checkIfPhoneNumberIsOptedOut(_ input: SNS.CheckIfPhoneNumberIsOptedOutInput, context: RequestContext)
        async throws -> SNS.CheckIfPhoneNumberIsOptedOutResponse
    {
        guard Self.phoneNumber(input.phoneNumber) != nil else { throw SNSFailure.invalidParameter("PhoneNumber") }
        return SNS.CheckIfPhoneNumberIsOptedOutResponse(isOptedOut: false)
    }

    package func listPhoneNumbersOptedOut(_ input: SNS.ListPhoneNumbersOptedOutInput, context: RequestContext) async throws
        -> SNS.ListPhoneNumbersOptedOutResponse
    {
        SNS.ListPhoneNumbersOptedOutResponse(phoneNumbers: [])
    }

    package func optInPhoneNumber(_ input: SNS.OptInPhoneNumberInput, context: RequestContext) async throws
        -> SNS.OptInPhoneNumberResponse
    {
        guard Self.phoneNumber(input.phoneNumber) != nil else { throw SNSFailure.invalidParameter("PhoneNumber") }
        return SNS.OptInPhoneNumberResponse()
    }
}
