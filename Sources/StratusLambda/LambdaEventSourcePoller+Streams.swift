// LambdaEventSourcePoller+Streams: reads the DynamoDB streams of event source mappings and invokes their functions.
import Foundation
import Logging
import OrderedCollections
import StratusAPIDynamoDBStreams
import StratusAWSCore
import StratusEventPatterns
import StratusJSON
import StratusServiceKit

/// Polling of a mapping from a DynamoDB stream, as Lambda does it for streams:
/// - records are read in order from the mapping's checkpoint (the last record handled, kept with the mapping, so
///   polling resumes there after a restart) or, before the first, from its `StartingPosition` (a checkpoint whose
///   next records were trimmed resumes at the oldest record kept); a batch is up to
///   `BatchSize` records, gathered for at most `MaximumBatchingWindowInSeconds`;
/// - records no filter pattern matches are skipped; the function gets `{"Records": [...]}` with each record's
///   `eventSourceARN`;
/// - a failed batch (function error, throttle, or a malformed `batchItemFailures`) is retried, in order, before
///   anything after it: halved first with `BisectBatchOnFunctionError`; with `ReportBatchItemFailures` the records
///   before the first reported failure count as handled; once `MaximumRetryAttempts` retries failed or the oldest
///   record is older than `MaximumRecordAgeInSeconds`, the batch is given up: its description goes to the
///   `OnFailure` destination (if any) and polling goes on after it;
/// - polling of a closed stream ends when its last record was handled.
extension LambdaEventSourcePoller {
    /// How long an open stream with no new records waits before the next read.
    static let streamIdlePause: Duration = .milliseconds(250)
    /// How long a mapping whose stream ended (closed and read to its end) or cannot be read waits before looking again.
    static let streamEndedPause: Duration = .seconds(30)

    /// Polls one stream mapping until it is disabled or deleted (a closed stream read to its end, or a stream that
    /// is gone, is looked at again every 30 seconds).
    func pollStream(_ uuid: String) async {
        var iterator: String?
        var shardID: String?
        // After a read past the trim horizon: resume at the oldest record kept rather than at the checkpoint.
        var resumesAtTrimHorizon = false
        var bisectedLimit: Int?
        var attempts = 0
        while !Task.isCancelled {
            do {
                guard let mapping = try await service.store.eventSourceMapping(uuid: uuid), mapping.enabled,
                      let stream = LambdaStreamArn(mapping.eventSourceArn)
                else { return }
                let client = try service.dynamoDBStreams(stream)
                if iterator == nil {
                    (shardID, iterator) = try await startingIterator(
                        mapping, client: client, atTrimHorizon: resumesAtTrimHorizon)
                    resumesAtTrimHorizon = false
                }
                guard let current = iterator, let shardID else {
                    try await Task.sleep(for: Self.streamEndedPause)
                    continue
                }
                if mapping.state != "Enabled" {
                    // The poller holds its position now: the mapping is Enabled.
                    _ = try await service.store.updateEventSourceMapping(uuid: uuid) { stored in
                        if stored.enabled { stored.state = "Enabled" }
                    }
                }
                let limit = min(bisectedLimit ?? mapping.batchSize, mapping.batchSize)
                let (records, next) = try await readBatch(mapping, from: current, limit: limit, client: client)
                if records.isEmpty {
                    guard let next else {
                        // A closed stream, read to its end.
                        iterator = nil
                        try await Task.sleep(for: Self.streamEndedPause)
                        continue
                    }
                    iterator = next
                    try await Task.sleep(for: Self.streamIdlePause)
                    continue
                }
                attempts += 1
                switch try await handle(records, mapping: mapping, shardID: shardID, attempts: attempts) {
                case .handledAll:
                    attempts = 0
                    bisectedLimit = nil
                    iterator = next
                case .handledUpTo:
                    // Some records handled: read again from the checkpoint.
                    attempts = 0
                    bisectedLimit = nil
                    iterator = nil
                case .retry(let halve):
                    if halve { bisectedLimit = max(1, records.count / 2) }
                    iterator = nil
                    try await Task.sleep(for: .seconds(min(1 << min(attempts - 1, 4), 16)))
                }
            } catch is CancellationError {
                return
            } catch let error as AWSServiceError where error.code.code == "ExpiredIteratorException" {
                iterator = nil
            } catch let error as AWSServiceError where error.code.code == "TrimmedDataAccessException" {
                // The records after the checkpoint were trimmed (24 hours old): go on with the oldest kept.
                logger.warning("stream records trimmed before they were handled",
                               metadata: ["uuid": "\(uuid)", "error": "\(error)"])
                iterator = nil
                resumesAtTrimHorizon = true
            } catch let error as AWSServiceError where error.code.code == "ResourceNotFoundException" {
                // The stream is gone (its table deleted more than 24 hours ago).
                logger.info("stream of an event source mapping not found", metadata: ["uuid": "\(uuid)", "error": "\(error)"])
                iterator = nil
                try? await Task.sleep(for: Self.streamEndedPause)
            } catch {
                logger.warning("stream polling failed", metadata: ["uuid": "\(uuid)", "error": "\(error)"])
                iterator = nil
                try? await Task.sleep(for: .seconds(2))
            }
        }
    }

    /// The stream's shard and the iterator after the mapping's checkpoint in it, or at its starting position before
    /// the first record, or at its oldest record kept when `atTrimHorizon` (both nil when the stream has no shard).
    func startingIterator(_ mapping: LambdaEventSourceMappingRecord, client: DynamoDBStreamsClient,
                          atTrimHorizon: Bool = false) async throws -> (shardID: String?, iterator: String?)
    {
        let description = try await client.describeStream(DynamoDBStreams.DescribeStreamInput(streamArn: mapping.eventSourceArn))
        guard let shard = description.streamDescription?.shards?.first?.shardId else { return (nil, nil) }
        var input = DynamoDBStreams.GetShardIteratorInput(
            streamArn: mapping.eventSourceArn, shardId: shard,
            shardIteratorType: DynamoDBStreams.ShardIteratorType(rawValue: mapping.startingPosition ?? "TRIM_HORIZON"))
        if atTrimHorizon {
            input.shardIteratorType = "TRIM_HORIZON"
        } else if let checkpoint = mapping.streamCheckpoint {
            input.shardIteratorType = "AFTER_SEQUENCE_NUMBER"
            input.sequenceNumber = checkpoint
        }
        return (shard, try await client.getShardIterator(input).shardIterator)
    }

    /// Up to `limit` records from `iterator` (more reads within the batching window), and the iterator after them
    /// (nil once a closed stream has no more).
    func readBatch(
        _ mapping: LambdaEventSourceMappingRecord, from iterator: String, limit: Int, client: DynamoDBStreamsClient
    ) async throws -> ([DynamoDBStreams.Record], String?) {
        var page = try await client.getRecords(DynamoDBStreams.GetRecordsInput(shardIterator: iterator, limit: min(limit, 1000)))
        var records = page.records ?? []
        guard !records.isEmpty, mapping.maximumBatchingWindowInSeconds > 0 else { return (records, page.nextShardIterator) }
        let deadline = ContinuousClock.now + .seconds(mapping.maximumBatchingWindowInSeconds)
        while records.count < limit, let next = page.nextShardIterator, ContinuousClock.now < deadline {
            if (page.records ?? []).isEmpty { try await Task.sleep(for: min(Self.streamIdlePause, deadline - ContinuousClock.now)) }
            page = try await client.getRecords(
                DynamoDBStreams.GetRecordsInput(shardIterator: next, limit: min(limit - records.count, 1000)))
            records += page.records ?? []
        }
        return (records, page.nextShardIterator)
    }

    /// What became of a batch.
    enum StreamBatchResult {
        /// Every record was handled (invoked with success, skipped by the filters, or given up on).
        case handledAll
        /// The records up to the new checkpoint were handled; the rest is read again.
        case handledUpTo
        /// Nothing was handled; retry (with half the batch when `halve`).
        case retry(halve: Bool)
    }

    /// Invokes the function with the records (read from shard `shardID`) that pass the filters and moves the
    /// checkpoint past what was handled.
    func handle(
        _ records: [DynamoDBStreams.Record], mapping: LambdaEventSourceMappingRecord, shardID: String, attempts: Int
    ) async throws -> StreamBatchResult
    {
        let events = records.map { Self.streamEvent($0, sourceArn: mapping.eventSourceArn) }
        var passing = Array(zip(records, events))
        if let patterns = mapping.filterPatterns?.compactMap({ try? JSONValue.parse($0) }), !patterns.isEmpty {
            passing = passing.filter { _, event in patterns.contains { EventPattern.matches($0, event) } }
        }
        guard !passing.isEmpty else {
            try await checkpoint(mapping, at: records.last, result: "OK")
            return .handledAll
        }
        let payload = JSONValue.object(["Records": .array(passing.map(\.1))])
        let context = RequestContext(accountID: mapping.accountID, region: mapping.region, requestID: service.ids.next(),
                                     host: "localhost", receivedAt: service.clock.now())
        var outcome: LambdaInvocationOutcome?
        do {
            let target = try await service.invocationTarget(mapping.functionArn, qualifier: nil, context: context)
            outcome = try await service.run(target, payload: Array(payload.serialized()), requestID: context.requestID)
        } catch {
            logger.info("stream batch not invoked", metadata: ["uuid": "\(mapping.uuid)", "error": "\(error)"])
        }
        if let outcome, outcome.functionError == nil {
            guard mapping.functionResponseTypes.contains("ReportBatchItemFailures") else {
                try await checkpoint(mapping, at: records.last, result: "OK")
                return .handledAll
            }
            let sequences = passing.compactMap(\.0.dynamodb?.sequenceNumber)
            if let failed = Self.firstReportedFailure(outcome.payload, sequences: sequences) {
                // Handled: every record before the first failure (skipped ones included).
                if let index = records.firstIndex(where: { $0.dynamodb?.sequenceNumber == failed }), index > 0 {
                    try await checkpoint(mapping, at: records[index - 1], result: "PROBLEM: Function call failed")
                    return .handledUpTo
                }
            } else if let failures = Self.reportedFailures(outcome.payload), failures.isEmpty {
                try await checkpoint(mapping, at: records.last, result: "OK")
                return .handledAll
            }
        }
        // The whole batch failed.
        if mapping.bisectBatchOnFunctionError == true, records.count > 1 {
            try await note(mapping, result: "PROBLEM: Function call failed")
            return .retry(halve: true)
        }
        let retries = mapping.maximumRetryAttempts ?? -1
        let maximumAge = mapping.maximumRecordAgeInSeconds ?? -1
        let oldest = records.first?.dynamodb?.approximateCreationDateTime ?? service.clock.now()
        let tooOld = maximumAge >= 0 && service.clock.now().timeIntervalSince(oldest) > Double(maximumAge)
        guard tooOld || (retries >= 0 && attempts > retries) else {
            try await note(mapping, result: "PROBLEM: Function call failed")
            return .retry(halve: false)
        }
        if let destination = mapping.onFailureDestination {
            let record = Self.failureRecord(
                records, mapping: mapping, condition: tooOld ? "RecordAgeExceeded" : "RetryAttemptsExhausted",
                invokeCount: attempts, outcome: outcome, requestID: context.requestID, shardID: shardID,
                now: service.nowMilliseconds())
            do {
                try await service.deliver(record, to: destination)
            } catch {
                logger.warning("stream batch failure record not delivered",
                               metadata: ["uuid": "\(mapping.uuid)", "destination": "\(destination)", "error": "\(error)"])
            }
        }
        try await checkpoint(mapping, at: records.last, result: "PROBLEM: Function call failed")
        return .handledAll
    }

    /// Moves the mapping's checkpoint to `record` and notes the processing result.
    func checkpoint(_ mapping: LambdaEventSourceMappingRecord, at record: DynamoDBStreams.Record?, result: String) async throws {
        guard let sequence = record?.dynamodb?.sequenceNumber else { return }
        _ = try await service.store.updateEventSourceMapping(uuid: mapping.uuid) { stored in
            stored.streamCheckpoint = sequence
            stored.lastProcessingResult = result
        }
    }

    /// Notes the processing result without moving the checkpoint.
    func note(_ mapping: LambdaEventSourceMappingRecord, result: String) async throws {
        guard mapping.lastProcessingResult != result else { return }
        _ = try await service.store.updateEventSourceMapping(uuid: mapping.uuid) { $0.lastProcessingResult = result }
    }

    /// One record of Lambda's DynamoDB event: the stream record (creation time in epoch seconds) with its
    /// `eventSourceARN`.
    static func streamEvent(_ record: DynamoDBStreams.Record, sourceArn: String) -> JSONValue {
        guard case .object(var fields) = record.awsValue.jsonValue else { return .object([:]) }
        fields["eventSourceARN"] = .string(sourceArn)
        return .object(fields)
    }

    /// The `itemIdentifier`s of a response's `batchItemFailures` (empty when it reports none); nil when the response
    /// is malformed.
    static func reportedFailures(_ payload: [UInt8]) -> [String]? {
        guard let response = try? JSONValue.parse(payload) else { return payload.isEmpty ? [] : nil }
        guard case .object = response, let failures = response["batchItemFailures"] else { return [] }
        if case .null = failures { return [] }
        guard case .array(let items) = failures else { return nil }
        var identifiers: [String] = []
        for item in items {
            guard let identifier = item["itemIdentifier"]?.stringValue, !identifier.isEmpty else { return nil }
            identifiers.append(identifier)
        }
        return identifiers
    }

    /// The lowest sequence number a response reports as failed, when it reports any and all of them are in the
    /// batch (nil otherwise: none reported, or a malformed response).
    static func firstReportedFailure(_ payload: [UInt8], sequences: [String]) -> String? {
        guard let failures = reportedFailures(payload), !failures.isEmpty,
              failures.allSatisfy(sequences.contains)
        else { return nil }
        return sequences.first(where: failures.contains)
    }

    /// Lambda's record of a stream batch given up on, as sent to an `OnFailure` destination.
    static func failureRecord(
        _ records: [DynamoDBStreams.Record], mapping: LambdaEventSourceMappingRecord, condition: String, invokeCount: Int,
        outcome: LambdaInvocationOutcome?, requestID: String, shardID: String, now: Int64
    ) -> JSONValue {
        func arrival(_ record: DynamoDBStreams.Record?) -> JSONValue {
            let seconds = record?.dynamodb?.approximateCreationDateTime?.timeIntervalSince1970 ?? 0
            return .string(LambdaService.isoTimestamp(Int64(seconds * 1000)))
        }
        var response: OrderedDictionary<String, JSONValue> = ["statusCode": 200]
        if let error = outcome?.functionError { response["functionError"] = .string(error) }
        return .object([
            "requestContext": .object([
                "requestId": .string(requestID),
                "functionArn": .string(mapping.functionArn),
                "condition": .string(condition),
                "approximateInvokeCount": .number(JSONNumber(invokeCount)),
            ]),
            "responseContext": .object(response),
            "version": "1.0",
            "timestamp": .string(LambdaService.isoTimestamp(now)),
            "DDBStreamBatchInfo": .object([
                "shardId": .string(shardID),
                "startSequenceNumber": .string(records.first?.dynamodb?.sequenceNumber ?? ""),
                "endSequenceNumber": .string(records.last?.dynamodb?.sequenceNumber ?? ""),
                "approximateArrivalOfFirstRecord": arrival(records.first),
                "approximateArrivalOfLastRecord": arrival(records.last),
                "batchSize": .number(JSONNumber(records.count)),
                "streamArn": .string(mapping.eventSourceArn),
            ]),
        ])
    }
}
