import StratusAPISQS
import StratusAWSCore
import StratusServiceKit

extension SQSService {
    /// Receives up to 10 messages, long-polling up to `WaitTimeSeconds` (woken as soon as one arrives). On a FIFO
    /// queue a `ReceiveRequestAttemptId` retried within five minutes answers the first receive's messages and
    /// receipt handles again, with a new visibility deadline (see ``SQSAttemptClaimRequest``).
    package func receiveMessage(_ input: SQS.ReceiveMessageRequest, context: RequestContext) async throws
        -> SQS.ReceiveMessageResult
    {
        let queue = try await queue(url: input.queueUrl, context: context)
        let maxMessages = input.maxNumberOfMessages ?? 1
        guard (1...10).contains(maxMessages) else {
            throw SQSFailure.invalidParameter(
                "MaxNumberOfMessages", value: String(maxMessages), reason: "Must be between 1 and 10, if provided.")
        }
        let wait = input.waitTimeSeconds ?? SQSQueueAttributes.integer("ReceiveMessageWaitTimeSeconds", of: queue)
        guard (0...20).contains(wait) else {
            throw SQSFailure.invalidParameter(
                "WaitTimeSeconds", value: String(wait), reason: "Must be >= 0 and <= 20, if provided.")
        }
        let visibility = input.visibilityTimeout ?? SQSQueueAttributes.integer("VisibilityTimeout", of: queue)
        guard (0...43_200).contains(visibility) else {
            throw SQSFailure.invalidParameter(
                "VisibilityTimeout", value: String(visibility), reason: "Must be >= 0 and <= 43200, if provided.")
        }
        let attemptID = try receiveAttemptID(of: input, queue: queue)
        let redrive = try await redriveTarget(of: queue)
        let deadline = ContinuousClock.now + .seconds(wait)
        while true {
            let generation = signals.generation(of: queue.id)
            let now = nowMilliseconds()
            let cutoff = retentionCutoff(of: queue, now: now)
            let request = SQSClaimRequest(
                queueID: queue.id, now: now, retentionCutoff: cutoff, visibleUntil: now + Int64(visibility) * 1000,
                maxMessages: maxMessages, fifo: queue.isFIFO, receiptTokens: (0..<maxMessages).map { _ in ids.next() },
                redrive: redrive)
            let result: SQSClaimResult
            if let attemptID {
                let attempt = SQSAttemptClaimRequest(
                    claim: request, attemptID: attemptID, recordedAfter: now - Self.receiveAttemptWindow)
                switch try await store.claimMessages(attempt: attempt) {
                case .claimed(let claimed): result = claimed
                case .replayed(let messages):
                    // The retry moved their visibility deadline; pollers waiting for it look again.
                    signals.signal(queue.id)
                    return SQS.ReceiveMessageResult(messages: messages.map { render($0, queue: queue, input: input) })
                case .notRetryable: throw Self.attemptNotRetryable(attemptID)
                }
            } else {
                result = try await store.claimMessages(request)
            }
            if result.movedToDeadLetterQueue > 0, let redrive { signals.signal(redrive.deadLetterQueueID) }
            if !result.messages.isEmpty {
                return SQS.ReceiveMessageResult(
                    messages: result.messages.map { render($0, queue: queue, input: input) })
            }
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero || Task.isCancelled { return SQS.ReceiveMessageResult(messages: nil) }
            var timeout = remaining
            if let next = try await store.nextVisibleAt(queueID: queue.id, now: now, retentionCutoff: cutoff) {
                timeout = min(timeout, .milliseconds(max(1, next - now)))
            }
            await signals.wait(queueID: queue.id, after: generation, timeout: timeout)
        }
    }

    /// The dead-letter target of `queue`, when its policy names an existing queue.
    func redriveTarget(of queue: SQSQueueRecord) async throws -> SQSRedriveTarget? {
        guard let text = queue.attributes["RedrivePolicy"], let policy = try? SQSRedrivePolicy(json: text),
            let target = try await self.queue(arn: policy.deadLetterTargetArn), target.id != queue.id
        else { return nil }
        return SQSRedriveTarget(
            deadLetterQueueID: target.id, deadLetterQueueIsFIFO: target.isFIFO, maxReceiveCount: policy.maxReceiveCount,
            sourceArn: queue.arn)
    }

    /// A received message as the client sees it, with the requested attributes and their digest.
    func render(_ record: SQSMessageRecord, queue: SQSQueueRecord, input: SQS.ReceiveMessageRequest) -> SQS.Message {
        let systemNames = Set(input.attributeNames ?? [])
            .union((input.messageSystemAttributeNames ?? []).map(\.rawValue))
        let allSystem = systemNames.contains("All")
        func wants(_ name: String) -> Bool { allSystem || systemNames.contains(name) }
        var attributes: [String: String] = [:]
        if wants("SenderId") { attributes["SenderId"] = record.senderID }
        if wants("SentTimestamp") { attributes["SentTimestamp"] = String(record.sentAt) }
        if wants("ApproximateReceiveCount") { attributes["ApproximateReceiveCount"] = String(record.receiveCount) }
        if wants("ApproximateFirstReceiveTimestamp"), let first = record.firstReceivedAt {
            attributes["ApproximateFirstReceiveTimestamp"] = String(first)
        }
        if wants("MessageGroupId"), let group = record.groupID { attributes["MessageGroupId"] = group }
        if queue.isFIFO {
            if wants("MessageDeduplicationId"), let id = record.deduplicationID { attributes["MessageDeduplicationId"] = id }
            if wants("SequenceNumber"), let number = record.sequenceNumber {
                attributes["SequenceNumber"] = Self.sequenceText(number)
            }
        }
        if wants("DeadLetterQueueSourceArn"), let source = record.deadLetterSourceArn {
            attributes["DeadLetterQueueSourceArn"] = source
        }
        if wants("AWSTraceHeader"),
            let trace = SQSMessageDigest.decode(record.systemAttributes).first(where: { $0.name == "AWSTraceHeader" })
        {
            attributes["AWSTraceHeader"] = trace.value.stringValue
        }
        var messageAttributes: [String: SQS.MessageAttributeValue]?
        var digest: String?
        let requested = input.messageAttributeNames ?? []
        if !requested.isEmpty, !record.messageAttributes.isEmpty {
            let all = SQSMessageDigest.decode(record.messageAttributes)
            let selected = all.filter { Self.matches($0.name, requested) }
            if !selected.isEmpty {
                messageAttributes = Dictionary(selected.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
                digest = selected.count == all.count ? record.md5OfMessageAttributes : SQSMessageDigest.md5(of: selected)
            }
        }
        return SQS.Message(
            messageId: record.messageID,
            receiptHandle: SQSReceiptHandle(messageID: record.messageID, token: record.receiptToken ?? "").text,
            md5OfBody: record.md5OfBody, body: record.body, attributes: attributes.isEmpty ? nil : attributes,
            md5OfMessageAttributes: digest, messageAttributes: messageAttributes)
    }

    /// `true` when an attribute name is selected by `MessageAttributeNames` (`All`, `.*`, `prefix.*`, exact).
    package static func matches(_ name: String, _ patterns: [String]) -> Bool {
        for pattern in patterns {
            if pattern == "All" || pattern == ".*" || pattern == name { return true }
            if pattern.hasSuffix(".*"), name.hasPrefix(String(pattern.dropLast(1))) { return true }
        }
        return false
    }
}
