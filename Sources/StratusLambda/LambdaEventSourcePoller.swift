// LambdaEventSourcePoller: receives from the SQS queues of event source mappings and invokes their functions.
import Foundation
import Logging
import OrderedCollections
import ServiceLifecycle
import StratusAPISQS
import StratusAWSCore
import StratusEventPatterns
import StratusJSON
import StratusServiceKit
import Synchronization

/// Polls the SQS queue of every enabled event source mapping (in-process, through the service's invoker) and
/// invokes the mapped function with Lambda's SQS event (`{"Records": [...]}`), one batch at a time per mapping.
/// Mappings from DynamoDB streams are read as `LambdaEventSourcePoller+Streams.swift` describes.
///
/// Guarantees:
/// - receives long-poll (no busy loop); a batch is up to `BatchSize` messages, gathered for at most
///   `MaximumBatchingWindowInSeconds` once the first message arrived;
/// - after a successful invocation it deletes the whole batch, or, with `ReportBatchItemFailures`, every message
///   not named in the response's `batchItemFailures` (a malformed response counts as a failure of the whole
///   batch, as in Lambda); after a function error or a throttle it deletes nothing, so the messages become
///   visible again after the queue's visibility timeout and the queue's redrive policy moves them to its
///   dead-letter queue after `maxReceiveCount` receives;
/// - moves `Creating`/`Enabling`/`Updating`/`Disabling` mappings to `Enabled` or `Disabled`; a disabled or
///   deleted mapping stops polling after its current receive; everything stops on graceful shutdown.
package struct LambdaEventSourcePoller: Service {
    /// The service whose mappings these are.
    package let service: LambdaService
    let logger = Logger(label: "stratus.lambda.event-sources")

    /// The poller of `service`.
    package init(service: LambdaService) { self.service = service }

    /// Runs until cancelled or gracefully shut down.
    package func run() async throws {
        await cancelWhenGracefulShutdown {
            let running = RunningMappings()
            await withDiscardingTaskGroup { group in
                while !Task.isCancelled {
                    do {
                        for mapping in try await service.store.eventSourceMappings() {
                            try await settle(mapping)
                            guard mapping.enabled, running.uuids.withLock({ $0.insert(mapping.uuid).inserted }) else { continue }
                            group.addTask {
                                await self.poll(mapping.uuid)
                                _ = running.uuids.withLock { $0.remove(mapping.uuid) }
                                self.service.mappingSignal.signal()
                            }
                        }
                    } catch {
                        logger.error("event source mappings could not be read", metadata: ["error": "\(error)"])
                    }
                    await service.mappingSignal.wait(timeout: .seconds(60))
                }
            }
        }
    }

    /// Moves a transitional state to the one it leads to. An enabled stream mapping is left to its poller, which
    /// settles it once it holds its position in the stream (so a write after the mapping shows `Enabled` reaches
    /// a `LATEST` mapping).
    func settle(_ mapping: LambdaEventSourceMappingRecord) async throws {
        let settled = mapping.enabled ? "Enabled" : "Disabled"
        guard mapping.state != settled, !(mapping.isStream && mapping.enabled) else { return }
        _ = try await service.store.updateEventSourceMapping(uuid: mapping.uuid) { record in
            record.state = record.enabled ? "Enabled" : "Disabled"
        }
    }

    /// Polls one mapping until it is disabled or deleted (a stream mapping: see ``pollStream(_:)``).
    func poll(_ uuid: String) async {
        while !Task.isCancelled {
            do {
                guard let mapping = try await service.store.eventSourceMapping(uuid: uuid), mapping.enabled else { return }
                if mapping.isStream {
                    await pollStream(uuid)
                    return
                }
                guard let queue = LambdaQueueArn(mapping.eventSourceArn) else { return }
                let (client, url) = try await service.sqs(queue)
                let messages = try await receiveBatch(mapping, client: client, url: url)
                if messages.isEmpty || Task.isCancelled { continue }
                try await process(messages, mapping: mapping, queue: queue, client: client, url: url)
            } catch is CancellationError {
                return  // shutting down
            } catch {
                logger.warning("event source polling failed", metadata: ["uuid": "\(uuid)", "error": "\(error)"])
                try? await Task.sleep(for: .seconds(2))
            }
        }
    }

    /// Receives up to `BatchSize` messages: one long poll, then more within the batching window.
    func receiveBatch(_ mapping: LambdaEventSourceMappingRecord, client: SQSClient, url: String) async throws
        -> [SQS.Message]
    {
        let wait = max(1, min(20, service.settings.sourcePollWaitSeconds))
        var messages = try await receive(client, url: url, count: min(10, mapping.batchSize), wait: wait)
        guard !messages.isEmpty, mapping.maximumBatchingWindowInSeconds > 0 else { return messages }
        let deadline = ContinuousClock.now + .seconds(mapping.maximumBatchingWindowInSeconds)
        while messages.count < mapping.batchSize, !Task.isCancelled {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { break }
            let seconds = Int(min(20, max(1, remaining.components.seconds)))
            let more = try await receive(client, url: url, count: min(10, mapping.batchSize - messages.count),
                                         wait: remaining < .seconds(1) ? 0 : seconds)
            messages += more
            if more.isEmpty && remaining < .seconds(1) { break }
        }
        return messages
    }

    func receive(_ client: SQSClient, url: String, count: Int, wait: Int) async throws -> [SQS.Message] {
        try await client.receiveMessage(SQS.ReceiveMessageRequest(
            queueUrl: url, attributeNames: ["All"], messageSystemAttributeNames: ["All"], messageAttributeNames: ["All"],
            maxNumberOfMessages: count, waitTimeSeconds: wait)).messages ?? []
    }

    /// Deletes the messages no filter pattern matches (as Lambda does), invokes the function with the rest and
    /// deletes what succeeded.
    func process(_ received: [SQS.Message], mapping: LambdaEventSourceMappingRecord, queue: LambdaQueueArn,
                 client: SQSClient, url: String) async throws
    {
        var messages = received
        if let patterns = mapping.filterPatterns?.compactMap({ try? JSONValue.parse($0) }), !patterns.isEmpty {
            let passes = { (message: SQS.Message) in
                Self.passes(Self.record(message, queue: queue, sourceArn: mapping.eventSourceArn), patterns: patterns)
            }
            try await delete(messages.filter { !passes($0) }, client: client, url: url)
            messages = messages.filter(passes)
            if messages.isEmpty { return }
        }
        let event = Self.event(messages, queue: queue, sourceArn: mapping.eventSourceArn)
        let context = RequestContext(accountID: mapping.accountID, region: mapping.region, requestID: service.ids.next(),
                                     host: "localhost", receivedAt: service.clock.now())
        let outcome: LambdaInvocationOutcome
        do {
            let target = try await service.invocationTarget(mapping.functionArn, qualifier: nil, context: context)
            outcome = try await service.run(target, payload: Array(event.serialized()), requestID: context.requestID)
        } catch {
            // Throttled, not ready or gone: the messages become visible again.
            logger.info("event source batch not invoked", metadata: ["uuid": "\(mapping.uuid)", "error": "\(error)"])
            return
        }
        guard outcome.functionError == nil else { return }
        var succeeded = messages
        if mapping.functionResponseTypes.contains("ReportBatchItemFailures") {
            guard let failed = Self.batchItemFailures(outcome.payload, messages: messages) else { return }
            succeeded = messages.filter { !failed.contains($0.messageId ?? "") }
        }
        try await delete(succeeded, client: client, url: url)
    }

    /// The ids in `batchItemFailures`; nil when the response is malformed (then the whole batch failed).
    static func batchItemFailures(_ payload: [UInt8], messages: [SQS.Message]) -> Set<String>? {
        guard let response = try? JSONValue.parse(payload) else { return payload.isEmpty ? [] : nil }
        guard case .object = response, let failures = response["batchItemFailures"] else { return [] }
        if case .null = failures { return [] }
        guard case .array(let items) = failures else { return nil }
        let ids = Set(messages.compactMap(\.messageId))
        var failed = Set<String>()
        for item in items {
            guard let id = item["itemIdentifier"]?.stringValue, ids.contains(id) else { return nil }
            failed.insert(id)
        }
        return failed
    }

    func delete(_ messages: [SQS.Message], client: SQSClient, url: String) async throws {
        var entries: [SQS.DeleteMessageBatchRequestEntry] = []
        for (index, message) in messages.enumerated() {
            guard let handle = message.receiptHandle else { continue }
            entries.append(SQS.DeleteMessageBatchRequestEntry(id: "m\(index)", receiptHandle: handle))
        }
        var start = 0
        while start < entries.count {
            let chunk = Array(entries[start..<min(start + 10, entries.count)])
            _ = try await client.deleteMessageBatch(SQS.DeleteMessageBatchRequest(queueUrl: url, entries: chunk))
            start += 10
        }
    }

    /// Whether a record passes any of the filter patterns: matched with its `body` parsed when it is JSON (a body
    /// that is not JSON is matched as the string it is).
    static func passes(_ record: JSONValue, patterns: [JSONValue]) -> Bool {
        guard case .object(var fields) = record else { return false }
        if case .string(let body)? = fields["body"], let parsed = try? JSONValue.parse(body) { fields["body"] = parsed }
        return patterns.contains { EventPattern.matches($0, .object(fields)) }
    }

    /// Lambda's SQS event for a batch.
    static func event(_ messages: [SQS.Message], queue: LambdaQueueArn, sourceArn: String) -> JSONValue {
        .object(["Records": .array(messages.map { record($0, queue: queue, sourceArn: sourceArn) })])
    }

    /// One record of Lambda's SQS event.
    static func record(_ message: SQS.Message, queue: LambdaQueueArn, sourceArn: String) -> JSONValue {
        var attributes = OrderedDictionary<String, JSONValue>()
        for (key, value) in (message.attributes ?? [:]).sorted(by: { $0.key < $1.key }) { attributes[key] = .string(value) }
        var messageAttributes = OrderedDictionary<String, JSONValue>()
        for (name, value) in (message.messageAttributes ?? [:]).sorted(by: { $0.key < $1.key }) {
            var attribute = OrderedDictionary<String, JSONValue>()
            if let text = value.stringValue { attribute["stringValue"] = .string(text) }
            if let data = value.binaryValue { attribute["binaryValue"] = .string(data.base64EncodedString()) }
            attribute["stringListValues"] = .array((value.stringListValues ?? []).map { .string($0) })
            attribute["binaryListValues"] = .array((value.binaryListValues ?? []).map { .string($0.base64EncodedString()) })
            attribute["dataType"] = .string(value.dataType)
            messageAttributes[name] = .object(attribute)
        }
        return .object([
            "messageId": .string(message.messageId ?? ""),
            "receiptHandle": .string(message.receiptHandle ?? ""),
            "body": .string(message.body ?? ""),
            "attributes": .object(attributes),
            "messageAttributes": .object(messageAttributes),
            "md5OfBody": .string(message.md5OfBody ?? ""),
            "eventSource": "aws:sqs",
            "eventSourceARN": .string(sourceArn),
            "awsRegion": .string(queue.region),
        ])
    }
}

/// The mappings being polled, shared between the reconcile loop and the pollers.
private final class RunningMappings: Sendable {
    let uuids = Mutex(Set<String>())
}
