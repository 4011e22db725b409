// AdminEndpoints+TextMessages: `GET /_stratus/sns/sms`, the SMS messages SNS "sent".
import Foundation
import OrderedCollections
import StratusJSON
import StratusSNS
import StratusWire

extension AdminEndpoints {
    /// `GET /_stratus/sns/sms[?phoneNumber=<E.164>]` → `{"messages": [{"messageId", "phoneNumber", "message",
    /// "senderId", "smsType", "topicArn", "accountId", "region", "timestamp"}]}`: the SMS messages published to
    /// phone numbers or to topics' `sms` subscribers, oldest first (to one number when given; its `+` may be sent
    /// as is or as `%2B`). A malformed number answers 400; every error is `{"error": message, "code": code}`.
    func sentTextMessages(query: String?) async -> WireResponse {
        guard let sns else { return Self.json(404, ["error": "SNS is not served by this server", "code": "NotFound"]) }
        var number: String?
        if let raw = Self.queryParameters(query)["phoneNumber"] {
            // A `+` sent unencoded arrives as a space.
            let text = raw.hasPrefix(" ") ? "+" + raw.dropFirst() : raw
            guard let parsed = SNSService.phoneNumber(text) else {
                return Self.json(400, ["error": .string("phoneNumber must be an E.164 number such as +15555550100, not '\(raw)'."),
                                       "code": "InvalidParameter"])
            }
            number = parsed
        }
        do {
            let messages = try await sns.sentTextMessages(phoneNumber: number)
            return Self.json(200, ["messages": .array(messages.map(Self.json(of:)))])
        } catch {
            return Self.json(500, ["error": .string("Reading the SMS messages failed: \(error)"), "code": "InternalFailure"])
        }
    }

    private static func json(of message: SNSTextMessage) -> JSONValue {
        var object: OrderedDictionary<String, JSONValue> = [
            "messageId": .string(message.messageID), "phoneNumber": .string(message.phoneNumber),
            "message": .string(message.message), "smsType": .string(message.smsType),
        ]
        object["senderId"] = message.senderID.map { .string($0) } ?? .null
        object["topicArn"] = message.topicARN.map { .string($0) } ?? .null
        object["accountId"] = .string(message.accountID)
        object["region"] = .string(message.region)
        object["timestamp"] = .number(JSONNumber(message.sentAt))
        return .object(object)
    }
}
