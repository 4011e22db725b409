import StratusAPISQS
import StratusServiceKit

extension SQSService {
    /// Deletes the message of the latest receipt handle (a stale handle succeeds and deletes nothing).
    package func deleteMessage(_ input: SQS.DeleteMessageRequest, context: RequestContext) async throws {
        let queue = try await queue(url: input.queueUrl, context: context)
        guard let handle = SQSReceiptHandle(input.receiptHandle) else {
            throw SQSFailure.receiptHandleIsInvalid(input.receiptHandle)
        }
        let deleted = try await store.deleteMessages(queueID: queue.id, [(handle.messageID, handle.token)])
        if queue.isFIFO, deleted.first == true { signals.signal(queue.id) }
    }

    /// Deletes up to 10 messages; malformed handles are reported per entry.
    package func deleteMessageBatch(_ input: SQS.DeleteMessageBatchRequest, context: RequestContext) async throws
        -> SQS.DeleteMessageBatchResult
    {
        let queue = try await queue(url: input.queueUrl, context: context)
        try Self.validateBatch(ids: input.entries.map(\.id), entryName: "DeleteMessageBatchRequestEntry")
        var failed: [SQS.BatchResultErrorEntry] = []
        var accepted: [(id: String, handle: SQSReceiptHandle)] = []
        for entry in input.entries {
            if let handle = SQSReceiptHandle(entry.receiptHandle) {
                accepted.append((entry.id, handle))
            } else {
                failed.append(Self.failure(id: entry.id, SQSFailure.receiptHandleIsInvalid(entry.receiptHandle)))
            }
        }
        if !accepted.isEmpty {
            let deleted = try await store.deleteMessages(
                queueID: queue.id, accepted.map { ($0.handle.messageID, $0.handle.token) })
            if queue.isFIFO, deleted.contains(true) { signals.signal(queue.id) }
        }
        return SQS.DeleteMessageBatchResult(
            successful: accepted.map { SQS.DeleteMessageBatchResultEntry(id: $0.id) }, failed: failed)
    }

    /// Changes the visibility timeout of a received message, counted from now.
    package func changeMessageVisibility(_ input: SQS.ChangeMessageVisibilityRequest, context: RequestContext)
        async throws
    {
        let queue = try await queue(url: input.queueUrl, context: context)
        let (handle, timeout) = try Self.visibilityArguments(input.receiptHandle, input.visibilityTimeout)
        let now = nowMilliseconds()
        let outcome = try await store.changeVisibility(
            queueID: queue.id,
            [SQSVisibilityChange(messageID: handle.messageID, receiptToken: handle.token, visibleAt: now + timeout)],
            now: now)
        try Self.check(outcome[0], handle: input.receiptHandle)
        signals.signal(queue.id)
    }

    /// Changes the visibility timeout of up to 10 received messages.
    package func changeMessageVisibilityBatch(
        _ input: SQS.ChangeMessageVisibilityBatchRequest, context: RequestContext
    ) async throws -> SQS.ChangeMessageVisibilityBatchResult {
        let queue = try await queue(url: input.queueUrl, context: context)
        try Self.validateBatch(ids: input.entries.map(\.id), entryName: "ChangeMessageVisibilityBatchRequestEntry")
        let now = nowMilliseconds()
        var failed: [SQS.BatchResultErrorEntry] = []
        var accepted: [(id: String, handle: String, change: SQSVisibilityChange)] = []
        for entry in input.entries {
            do {
                let (handle, timeout) = try Self.visibilityArguments(entry.receiptHandle, entry.visibilityTimeout ?? 0)
                accepted.append(
                    (entry.id, entry.receiptHandle,
                     SQSVisibilityChange(messageID: handle.messageID, receiptToken: handle.token, visibleAt: now + timeout)))
            } catch let error as AWSServiceError {
                failed.append(Self.failure(id: entry.id, error))
            }
        }
        var successful: [SQS.ChangeMessageVisibilityBatchResultEntry] = []
        if !accepted.isEmpty {
            let outcomes = try await store.changeVisibility(queueID: queue.id, accepted.map(\.change), now: now)
            for (entry, outcome) in zip(accepted, outcomes) {
                do {
                    try Self.check(outcome, handle: entry.handle)
                    successful.append(SQS.ChangeMessageVisibilityBatchResultEntry(id: entry.id))
                } catch let error as AWSServiceError {
                    failed.append(Self.failure(id: entry.id, error))
                }
            }
            signals.signal(queue.id)
        }
        return SQS.ChangeMessageVisibilityBatchResult(successful: successful, failed: failed)
    }

    private static func visibilityArguments(_ receiptHandle: String, _ timeout: Int) throws
        -> (SQSReceiptHandle, Int64)
    {
        guard let handle = SQSReceiptHandle(receiptHandle) else { throw SQSFailure.receiptHandleIsInvalid(receiptHandle) }
        guard (0...43_200).contains(timeout) else {
            throw SQSFailure.invalidParameter(
                "VisibilityTimeout", value: String(timeout), reason: "Must be between 0 and 43200, if provided.")
        }
        return (handle, Int64(timeout) * 1000)
    }

    private static func check(_ outcome: SQSVisibilityOutcome, handle: String) throws {
        switch outcome {
        case .changed: return
        case .notInFlight:
            throw AWSServiceError(SQSErrors.messageNotInflight, "The message referred to is not in flight.")
        case .notFound:
            throw SQSFailure.invalidParameter(
                "ReceiptHandle", value: handle,
                reason: "Message does not exist or is not available for visibility timeout change.")
        }
    }
}
