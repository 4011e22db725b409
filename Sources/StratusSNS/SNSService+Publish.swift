import Crypto
import Foundation
import OrderedCollections
import StratusAPISNS
import StratusAWSCore
import StratusEventPatterns
import StratusJSON
import StratusServiceKit

extension SNSService {
    /// The largest message (with its attributes), 256 KiB.
    static let maximumMessageBytes = 262_144
    /// FIFO topics' deduplication window (five minutes).
    static let deduplicationWindow: Int64 = 5 * 60 * 1000

    package func publish(_ input: SNS.PublishInput, context: RequestContext) async throws -> SNS.PublishResponse {
        if let number = input.phoneNumber { return try await publishToPhone(input, number: number, context: context) }
        guard let arn = input.topicArn ?? input.targetArn else {
            throw SNSFailure.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter")
        }
        if let target = input.targetArn, Self.isEndpointARN(target) {
            return try await publishToEndpoint(input, arn: target, context: context)
        }
        guard Self.topicParts(arn) != nil else { throw SNSFailure.invalidParameter("TopicArn") }
        let topic = try await existingTopic(arn)
        let message = try Self.checkedMessage(
            OutgoingMessage(input),
            topic: topic)
        let published = try await publish(message, to: topic, context: context)
        return SNS.PublishResponse(messageId: published.messageID, sequenceNumber: published.sequenceNumber)
    }

    package func publishBatch(_ input: SNS.PublishBatchInput, context: RequestContext) async throws -> SNS.PublishBatchResponse {
        let entries = input.publishBatchRequestEntries
        guard !entries.isEmpty else {
            throw AWSServiceError(SNSErrors.emptyBatchRequestException, "The batch request doesn't contain any entries")
        }
        guard entries.count <= 10 else {
            throw AWSServiceError(SNSErrors.tooManyEntriesInBatchRequestException, "The batch request contains more entries than permissible.")
        }
        guard Set(entries.map(\.id)).count == entries.count else {
            throw AWSServiceError(SNSErrors.batchEntryIdsNotDistinctException, "Two or more batch entries in the request have the same Id.")
        }
        let topic = try await existingTopic(input.topicArn)
        var output = SNS.PublishBatchResponse(successful: [], failed: [])
        for entry in entries {
            do {
                let message = try Self.checkedMessage(
                    OutgoingMessage(message: entry.message, subject: entry.subject, structure: entry.messageStructure,
                                    attributes: entry.messageAttributes ?? [:], groupID: entry.messageGroupId,
                                    deduplicationID: entry.messageDeduplicationId),
                    topic: topic)
                let published = try await publish(message, to: topic, context: context)
                output.successful?.append(SNS.PublishBatchResultEntry(
                    id: entry.id, messageId: published.messageID, sequenceNumber: published.sequenceNumber))
            } catch let error as AWSServiceError {
                output.failed?.append(SNS.BatchResultErrorEntry(id: entry.id, code: error.code.code, message: error.message,
                                                               senderFault: error.code.senderFault))
            }
        }
        return output
    }

    /// A message to publish, as the request gave it.
    struct OutgoingMessage: Sendable {
        var message: String
        var subject: String?
        var structure: String?
        var attributes: [String: SNS.MessageAttributeValue]
        var groupID: String?
        var deduplicationID: String?
        /// With `MessageStructure=json`: the message per protocol (`default` for the others).
        var perProtocol: [String: String] = [:]

        init(message: String, subject: String?, structure: String?, attributes: [String: SNS.MessageAttributeValue],
             groupID: String?, deduplicationID: String?) {
            self.message = message
            self.subject = subject
            self.structure = structure
            self.attributes = attributes
            self.groupID = groupID
            self.deduplicationID = deduplicationID
        }

        /// The message a `Publish` request gives.
        init(_ input: SNS.PublishInput) {
            self.init(message: input.message, subject: input.subject, structure: input.messageStructure,
                      attributes: input.messageAttributes ?? [:], groupID: input.messageGroupId,
                      deduplicationID: input.messageDeduplicationId)
        }
    }

    /// Checks a message as SNS does (`InvalidParameter` with its wording) and resolves `MessageStructure=json`;
    /// `topic` is nil for a publish to a phone number.
    static func checkedMessage(_ message: OutgoingMessage, topic: SNSTopicRecord?) throws -> OutgoingMessage {
        var checked = message
        guard !message.message.isEmpty else { throw SNSFailure.invalidParameter("Empty message") }
        var size = message.message.utf8.count
        for (name, value) in message.attributes {
            size += name.utf8.count + value.dataType.utf8.count + (value.stringValue?.utf8.count ?? 0) + (value.binaryValue?.count ?? 0)
            let base = value.dataType.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
            guard ["String", "Number", "Binary"].contains(base) else {
                throw SNSFailure.invalidParameter("The message attribute '\(name)' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.")
            }
            if base == "Binary" ? value.binaryValue == nil : value.stringValue == nil {
                throw SNSFailure.invalidParameter("The message attribute '\(name)' must contain non-empty message attribute value for message attribute type '\(value.dataType)'.")
            }
            if base == "Number", Double(value.stringValue ?? "") == nil {
                throw SNSFailure.invalidParameter("Could not cast message attribute '\(name)' value to number.")
            }
        }
        guard size <= maximumMessageBytes else { throw SNSFailure.invalidParameter("Message too long") }
        if let subject = message.subject {
            guard !subject.isEmpty, subject.count <= 100, !subject.contains(where: \.isNewline),
                  subject.unicodeScalars.allSatisfy({ $0.isASCII }) else {
                throw SNSFailure.invalidParameter("Subject")
            }
        }
        if let structure = message.structure {
            guard structure == "json" else { throw SNSFailure.invalidParameter("MessageStructure") }
            guard case .object(let members)? = try? JSONValue.parse(message.message) else {
                throw SNSFailure.invalidParameter("Message Structure - JSON message body failed to parse")
            }
            guard case .string? = members["default"] else {
                throw SNSFailure.invalidParameter("Message Structure - No default entry in JSON message body")
            }
            for (name, value) in members {
                guard case .string(let text) = value else {
                    throw SNSFailure.invalidParameter("Message Structure - the value of '\(name)' must be a string")
                }
                checked.perProtocol[name] = text
            }
        }
        if let topic, topic.isFIFO {
            guard message.groupID != nil else {
                throw SNSFailure.invalidParameter("The MessageGroupId parameter is required for FIFO topics")
            }
            if message.deduplicationID == nil, topic.attributes["ContentBasedDeduplication"] != "true" {
                throw SNSFailure.invalidParameter("The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
            }
        } else {
            if message.groupID != nil {
                throw SNSFailure.invalidParameter("MessageGroupId Reason: The request includes MessageGroupId parameter that is not valid for this topic type")
            }
            if message.deduplicationID != nil {
                throw SNSFailure.invalidParameter("MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type")
            }
        }
        return checked
    }

    /// Publishes a checked message: FIFO deduplication and sequence numbers, then one delivery per confirmed
    /// subscription whose filter policy matches.
    func publish(_ message: OutgoingMessage, to topic: SNSTopicRecord, context: RequestContext) async throws
        -> (messageID: String, sequenceNumber: String?)
    {
        let messageID = ids.next()
        var sequenceNumber: String?
        var deduplicationID = message.deduplicationID
        if topic.isFIFO {
            if deduplicationID == nil {
                deduplicationID = SHA256.hash(data: Data(message.message.utf8)).map { String(format: "%02x", $0) }.joined()
            }
            let updated = try await store.updateTopic(arn: topic.arn) { $0.lastSequenceNumber += 1 }
            let number = String(format: "%020llu", updated?.lastSequenceNumber ?? 1)
            let now = nowMilliseconds()
            if let earlier = try await store.deduplicate(topicARN: topic.arn, deduplicationID: deduplicationID ?? "",
                                                         messageID: messageID, sequenceNumber: number, now: now,
                                                         since: now - Self.deduplicationWindow) {
                return (earlier.messageID, earlier.sequenceNumber)
            }
            sequenceNumber = number
        }
        let subscriptions = try await store.subscriptions(topicARN: topic.arn, accountID: topic.accountID,
                                                          region: topic.region, afterARN: nil, limit: Int.max)
        let timestamp = Self.timestamp(clock.now())
        var endpointPayloads: [(payload: SNSPendingDelivery.Payload, deadLetterQueueARN: String?)] = []
        for subscription in subscriptions where subscription.confirmed && Self.passes(message, filterOf: subscription) {
            let text = message.perProtocol[subscription.protocol] ?? message.perProtocol["default"] ?? message.message
            if let payload = try await deliver(text, of: message, id: messageID, sequenceNumber: sequenceNumber,
                                               deduplicationID: deduplicationID, timestamp: timestamp, topic: topic,
                                               to: subscription, context: context) {
                endpointPayloads.append((payload, Self.deadLetterQueue(of: subscription)))
            }
        }
        try await enqueue(endpointPayloads)
        return (messageID, sequenceNumber)
    }

    /// Whether a subscription's filter policy lets the message through (no policy: yes).
    static func passes(_ message: OutgoingMessage, filterOf subscription: SNSSubscriptionRecord) -> Bool {
        guard let text = subscription.attributes["FilterPolicy"], let policy = try? JSONValue.parse(text) else { return true }
        if subscription.attributes["FilterPolicyScope"] == "MessageBody" {
            guard let body = try? JSONValue.parse(message.message) else { return false }
            return EventPattern.matches(policy, body)
        }
        var attributes: OrderedDictionary<String, JSONValue> = [:]
        for (name, value) in message.attributes {
            switch value.dataType.split(separator: ".", maxSplits: 1).first {
            case "Number": attributes[name] = Double(value.stringValue ?? "").map { .number(JSONNumber($0)) }
            case "String":
                if value.dataType == "String.Array", let array = try? JSONValue.parse(value.stringValue ?? "") {
                    attributes[name] = array
                } else {
                    attributes[name] = .string(value.stringValue ?? "")
                }
            default: break
            }
        }
        return EventPattern.matches(policy, .object(attributes))
    }

    /// Sends one message to one subscription: SQS gets the envelope (or, with raw delivery, the message with its
    /// attributes), Lambda an `aws:sns` event record; for an HTTP(S) or email subscriber it returns the delivery to
    /// queue.
    func deliver(_ text: String, of message: OutgoingMessage, id: String, sequenceNumber: String?, deduplicationID: String?,
                 timestamp: String, topic: SNSTopicRecord, to subscription: SNSSubscriptionRecord,
                 context: RequestContext) async throws -> SNSPendingDelivery.Payload? {
        guard let destinations else { return nil }
        var envelope: OrderedDictionary<String, JSONValue> = [
            "Type": "Notification", "MessageId": .string(id), "TopicArn": .string(topic.arn),
        ]
        if let subject = message.subject { envelope["Subject"] = .string(subject) }
        envelope["Message"] = .string(text)
        envelope["Timestamp"] = .string(timestamp)
        if let sequenceNumber { envelope["SequenceNumber"] = .string(sequenceNumber) }
        Self.sign(&envelope, id: id, text: text, timestamp: timestamp)
        let unsubscribe = Self.unsubscribeURL(subscription, context: context)
        let certificate = Self.signingCertificateURL(region: topic.region)
        let attributes: OrderedDictionary<String, JSONValue> = OrderedDictionary(uniqueKeysWithValues:
            message.attributes.sorted { $0.key < $1.key }.map { name, value in
                (name, ["Type": .string(value.dataType),
                        "Value": .string(value.stringValue ?? value.binaryValue?.base64EncodedString() ?? "")] as JSONValue)
            })
        switch subscription.protocol {
        case "sqs":
            let raw = subscription.attributes["RawMessageDelivery"] == "true"
            if !raw {
                envelope["SigningCertURL"] = .string(certificate)
                envelope["UnsubscribeURL"] = .string(unsubscribe)
                if !attributes.isEmpty { envelope["MessageAttributes"] = .object(attributes) }
            }
            let delivery = SNSQueueDelivery(
                queueARN: subscription.endpoint, body: raw ? text : JSONValue.object(envelope).serializedString(),
                attributes: raw ? message.attributes.mapValues {
                    SNSAttribute(dataType: $0.dataType, stringValue: $0.stringValue, binaryValue: $0.binaryValue)
                } : [:],
                messageGroupID: message.groupID, deduplicationID: deduplicationID)
            do {
                try await destinations.deliverToQueue(delivery, context: context)
            } catch {
                if let queue = Self.deadLetterQueue(of: subscription) { await sendToDeadLetterQueue(queue, body: delivery.body) }
            }
        case "lambda":
            envelope["SigningCertUrl"] = .string(certificate)
            envelope["UnsubscribeUrl"] = .string(unsubscribe)
            envelope["MessageAttributes"] = .object(attributes)
            if message.subject == nil { envelope["Subject"] = .null }
            let event: JSONValue = ["Records": [[
                "EventSource": "aws:sns", "EventVersion": "1.0", "EventSubscriptionArn": .string(subscription.arn),
                "Sns": .object(envelope),
            ]]]
            let payload = event.serializedString()
            do {
                try await destinations.invokeFunction(arn: subscription.endpoint, payload: Data(payload.utf8), context: context)
            } catch {
                if let queue = Self.deadLetterQueue(of: subscription) { await sendToDeadLetterQueue(queue, body: payload) }
            }
        case "sms":
            try await sendText(text, to: subscription.endpoint, of: message, id: id, topic: topic, context: context)
        case "application":
            // A deleted or disabled endpoint gets nothing (AWS reports a delivery failure; there is no one to tell).
            if let endpoint = try await store.platformEndpoint(arn: subscription.endpoint), endpoint.isEnabled {
                try await sendPush(message, id: id, to: endpoint, topic: topic)
            }
        case "http", "https", "email", "email-json":
            return endpointNotification(text, envelope: envelope, attributes: attributes, subject: message.subject, id: id,
                                        topic: topic, subscription: subscription, context: context)
        default:
            break
        }
        return nil
    }

    /// `Timestamp` of a notification (`2024-01-02T03:04:05.678Z`).
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
