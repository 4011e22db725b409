// AdminEndpoints+PushMessages: `GET /_stratus/sns/push`, the mobile push notifications SNS "sent".
import OrderedCollections
import StratusJSON
import StratusSNS
import StratusWire

extension AdminEndpoints {
    /// `GET /_stratus/sns/push[?endpointArn=<arn>]` → `{"messages": [{"messageId", "endpointArn", "platform", "token",
    /// "message", "topicArn", "timestamp"}]}`: the notifications published to platform endpoints or to topics'
    /// `application` subscribers, oldest first (to one endpoint when given). Every error is `{"error": message,
    /// "code": code}`.
    func sentPushMessages(query: String?) async -> WireResponse {
        guard let sns else { return Self.json(404, ["error": "SNS is not served by this server", "code": "NotFound"]) }
        let endpoint = Self.queryParameters(query)["endpointArn"]
        do {
            let messages = try await sns.sentPushMessages(endpointARN: endpoint)
            return Self.json(200, ["messages": .array(messages.map(Self.json(of:)))])
        } catch {
            return Self.json(500, ["error": .string("Reading the push notifications failed: \(error)"), "code": "InternalFailure"])
        }
    }

    private static func json(of message: SNSPushMessage) -> JSONValue {
        var object: OrderedDictionary<String, JSONValue> = [
            "messageId": .string(message.messageID), "endpointArn": .string(message.endpointARN),
            "platform": .string(message.platform), "token": .string(message.token), "message": .string(message.message),
        ]
        object["topicArn"] = message.topicARN.map { .string($0) } ?? .null
        object["timestamp"] = .number(JSONNumber(message.sentAt))
        return .object(object)
    }
}
