import StratusAPISQS
import StratusAWSCore
import StratusServiceKit

extension SQSService {
    /// One message to send, from `SendMessage` or an entry of `SendMessageBatch`.
    struct Outgoing {
        var body: String
        var delaySeconds: Int?
        var attributes: [String: SQS.MessageAttributeValue]
        var systemAttributes: [String: SQS.MessageSystemAttributeValue]
        var deduplicationID: String?
        var groupID: String?
    }

    /// Enqueues one message; answers after it is durably stored.
    package func sendMessage(_ input: SQS.SendMessageRequest, context: RequestContext) async throws
        -> SQS.SendMessageResult
    {
        let queue = try await queue(url: input.queueUrl, context: context)
        let now = nowMilliseconds()
        let outgoing = Outgoing(
            body: input.messageBody, delaySeconds: input.delaySeconds, attributes: input.messageAttributes ?? [:],
            systemAttributes: input.messageSystemAttributes ?? [:], deduplicationID: input.messageDeduplicationId,
            groupID: input.messageGroupId)
        let message = try prepare(outgoing, queue: queue, now: now, context: context).message
        let receipts = try await enqueue([message], queue: queue, now: now)
        let record = message.record
        return SQS.SendMessageResult(
            md5OfMessageBody: record.md5OfBody, md5OfMessageAttributes: record.md5OfMessageAttributes,
            md5OfMessageSystemAttributes: record.md5OfSystemAttributes, messageId: receipts[0].messageID,
            sequenceNumber: receipts[0].sequenceNumber.map(Self.sequenceText))
    }

    /// Enqueues up to 10 messages; entries that fail validation are reported, the others stored together.
    package func sendMessageBatch(_ input: SQS.SendMessageBatchRequest, context: RequestContext) async throws
        -> SQS.SendMessageBatchResult
    {
        let queue = try await queue(url: input.queueUrl, context: context)
        try Self.validateBatch(ids: input.entries.map(\.id), entryName: "SendMessageBatchRequestEntry")
        var total = 0
        for entry in input.entries {
            total += entry.messageBody.utf8.count
            for (name, value) in entry.messageAttributes ?? [:] {
                total += name.utf8.count + value.dataType.utf8.count
                total += value.stringValue?.utf8.count ?? value.binaryValue?.count ?? 0
            }
        }
        if total > Self.maximumBatchBytes {
            throw AWSServiceError(
                SQSErrors.batchRequestTooLong,
                "Batch requests cannot be longer than \(Self.maximumBatchBytes) bytes. You have sent \(total) bytes.")
        }
        let now = nowMilliseconds()
        var failed: [SQS.BatchResultErrorEntry] = []
        var accepted: [(id: String, message: SQSNewMessage)] = []
        for entry in input.entries {
            let outgoing = Outgoing(
                body: entry.messageBody, delaySeconds: entry.delaySeconds, attributes: entry.messageAttributes ?? [:],
                systemAttributes: entry.messageSystemAttributes ?? [:], deduplicationID: entry.messageDeduplicationId,
                groupID: entry.messageGroupId)
            do {
                accepted.append((entry.id, try prepare(outgoing, queue: queue, now: now, context: context).message))
            } catch let error as AWSServiceError {
                failed.append(Self.failure(id: entry.id, error))
            }
        }
        var successful: [SQS.SendMessageBatchResultEntry] = []
        if !accepted.isEmpty {
            let receipts = try await enqueue(accepted.map(\.message), queue: queue, now: now)
            for ((id, message), receipt) in zip(accepted, receipts) {
                successful.append(
                    SQS.SendMessageBatchResultEntry(
                        id: id, messageId: receipt.messageID, md5OfMessageBody: message.record.md5OfBody,
                        md5OfMessageAttributes: message.record.md5OfMessageAttributes,
                        md5OfMessageSystemAttributes: message.record.md5OfSystemAttributes,
                        sequenceNumber: receipt.sequenceNumber.map(Self.sequenceText)))
            }
        }
        return SQS.SendMessageBatchResult(successful: successful, failed: failed)
    }

    /// The most bytes (bodies and attributes) one batch may carry.
    static let maximumBatchBytes = 1_048_576

    /// Stores messages and wakes long polls of the queue.
    func enqueue(_ messages: [SQSNewMessage], queue: SQSQueueRecord, now: Int64) async throws -> [SQSSendReceipt] {
        let receipts: [SQSSendReceipt]
        do {
            receipts = try await store.sendMessages(
                queueID: queue.id, messages, assignSequenceNumbers: queue.isFIFO, now: now,
                deduplicationSince: now - Self.deduplicationWindow)
        } catch let error as AWSServiceError {
            throw error
        } catch {
            // The queue was deleted between lookup and write (its messages' foreign key fails).
            guard try await store.queue(accountID: queue.accountID, region: queue.region, name: queue.name)?.id == queue.id
            else { throw SQSFailure.queueDoesNotExist() }
            throw error
        }
        signals.signal(queue.id)
        return receipts
    }

    /// Validates one message against the queue and builds its record.
    func prepare(_ outgoing: Outgoing, queue: SQSQueueRecord, now: Int64, context: RequestContext) throws
        -> (message: SQSNewMessage, size: Int)
    {
        let body = outgoing.body
        if body.isEmpty { throw SQSFailure.missingParameter("MessageBody") }
        guard SQSMessageRules.hasValidCharacters(body) else { throw SQSFailure.invalidMessageContents() }
        let attributesSize = try SQSMessageRules.validate(attributes: outgoing.attributes)
        _ = try SQSMessageRules.validate(systemAttributes: outgoing.systemAttributes)
        let size = body.utf8.count + attributesSize
        let maximum = SQSQueueAttributes.integer("MaximumMessageSize", of: queue)
        if size > maximum {
            throw SQSFailure.invalidParameterValue(
                "One or more parameters are invalid. Reason: Message must be shorter than \(maximum) bytes.")
        }
        var delay = SQSQueueAttributes.integer("DelaySeconds", of: queue)
        if let requested = outgoing.delaySeconds {
            guard (0...900).contains(requested) else {
                throw SQSFailure.invalidParameter(
                    "DelaySeconds", value: String(requested), reason: "DelaySeconds must be >= 0 and <= 900.")
            }
            if queue.isFIFO && requested != 0 {
                throw SQSFailure.invalidParameter(
                    "DelaySeconds", value: String(requested),
                    reason: "The request include parameter that is not valid for this queue type.")
            }
            if !queue.isFIFO { delay = requested }
        }
        var deduplicationID: String?
        var deduplicationKey: String?
        let groupID = outgoing.groupID
        if let groupID { try SQSMessageRules.validate(fifoToken: groupID, parameter: "MessageGroupId") }
        if queue.isFIFO {
            guard let groupID else { throw SQSFailure.missingParameter("MessageGroupId") }
            if let explicit = outgoing.deduplicationID {
                try SQSMessageRules.validate(fifoToken: explicit, parameter: "MessageDeduplicationId")
                deduplicationID = explicit
            } else if SQSQueueAttributes.value("ContentBasedDeduplication", of: queue) == "true" {
                deduplicationID = SQSMessageRules.contentDeduplicationID(body)
            } else {
                throw SQSFailure.invalidParameterValue(
                    "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
            }
            let scope = SQSQueueAttributes.value("DeduplicationScope", of: queue)
            deduplicationKey = scope == "messageGroup" ? "\(groupID)\u{1F}\(deduplicationID!)" : deduplicationID
        } else if let explicit = outgoing.deduplicationID {
            throw SQSFailure.invalidParameter(
                "MessageDeduplicationId", value: explicit,
                reason: "The request include parameter that is not valid for this queue type.")
        }
        let attributeBytes = outgoing.attributes.isEmpty ? [] : SQSMessageDigest.encode(outgoing.attributes)
        let systemBytes = outgoing.systemAttributes.isEmpty
            ? [] : SQSMessageDigest.encode(system: outgoing.systemAttributes)
        let record = SQSMessageRecord(
            messageID: ids.next(), body: body, messageAttributes: attributeBytes, systemAttributes: systemBytes,
            md5OfBody: SQSMessageDigest.md5Hex(of: body),
            md5OfMessageAttributes: attributeBytes.isEmpty ? nil : SQSMessageDigest.md5Hex(attributeBytes),
            md5OfSystemAttributes: systemBytes.isEmpty ? nil : SQSMessageDigest.md5Hex(systemBytes),
            senderID: context.accessKeyID ?? context.accountID, sentAt: now, visibleAt: now + Int64(delay) * 1000,
            groupID: groupID, deduplicationID: deduplicationID)
        return (SQSNewMessage(record: record, deduplicationKey: deduplicationKey), size)
    }

    /// A sequence number as AWS writes it (20 digits).
    static func sequenceText(_ number: Int64) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    /// The batch rules shared by the three batch operations.
    static func validateBatch(ids: [String], entryName: String) throws {
        guard !ids.isEmpty else {
            throw AWSServiceError(
                SQSErrors.emptyBatchRequest, "There should be at least one \(entryName) in the request.")
        }
        guard ids.count <= 10 else {
            throw AWSServiceError(
                SQSErrors.tooManyEntriesInBatchRequest,
                "Maximum number of entries per request are 10. You have sent \(ids.count).")
        }
        for id in ids {
            let valid = (1...80).contains(id.utf8.count) && id.utf8.allSatisfy { byte in
                (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45
                    || byte == 95
            }
            guard valid else {
                throw AWSServiceError(
                    SQSErrors.invalidBatchEntryId,
                    "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.")
            }
        }
        var seen = Set<String>()
        for id in ids where !seen.insert(id).inserted {
            throw AWSServiceError(SQSErrors.batchEntryIdsNotDistinct, "Id \(id) repeated.")
        }
    }

    /// A per-entry failure of a batch.
    static func failure(id: String, _ error: AWSServiceError) -> SQS.BatchResultErrorEntry {
        SQS.BatchResultErrorEntry(
            id: id, senderFault: error.code.senderFault, code: error.code.queryCode ?? error.code.code,
            message: error.message)
    }
}
