import Foundation
import StratusAPIDynamoDB
import StratusAPIDynamoDBStreams
import StratusAWSCore
import StratusServiceKit

/// The DynamoDB Streams service (`dynamodbstreams`): the streams of DynamoDB tables and their records, read from
/// the ``DynamoDBStore`` the DynamoDB service writes them to.
///
/// Guarantees: a stream has one shard; its records are the changes of the table's items in commit order, each
/// with a sequence number (21 digits) greater than the one before; a record is readable once the write that made
/// it was answered, and for 24 hours. Shard iterators are self-contained strings (stream, shard, position, issue
/// time) valid for 15 minutes, so they survive a restart; `GetRecords` answers a `NextShardIterator` while the
/// shard is open, and none once a closed shard's records were all read. DynamoDB Streams' error codes and messages;
/// time comes from `clock`.
package struct DynamoDBStreamsService: DynamoDBStreamsHandler {
    /// Where streams and their changes live (the DynamoDB service's store).
    package let store: any DynamoDBStore
    /// The source of "now".
    package let clock: any WallClock

    /// How long records (and closed streams) stay readable.
    package static let retention: TimeInterval = 24 * 3600
    /// How long a shard iterator stays valid.
    static let iteratorLifetime: TimeInterval = 15 * 60

    /// A service over `store`.
    package init(store: any DynamoDBStore, clock: any WallClock = SystemWallClock()) {
        self.store = store
        self.clock = clock
    }

    /// `ListStreams`: the caller's streams (of `TableName` only, when given), open or closed less than 24 hours
    /// ago, in ARN order, at most `Limit` (100) after `ExclusiveStartStreamArn`.
    package func listStreams(_ input: DynamoDBStreams.ListStreamsInput, context: RequestContext) async throws
        -> DynamoDBStreams.ListStreamsOutput
    {
        let limit = try Self.limit(input.limit, maximum: 100)
        let now = clock.now()
        var streams = try await store.streams(accountID: context.accountID, region: context.region)
            .filter { Self.isReadable($0, at: now) }
            .sorted { $0.arn < $1.arn }
        if let tableName = input.tableName { streams = streams.filter { $0.tableName == tableName } }
        if let start = input.exclusiveStartStreamArn { streams = streams.filter { $0.arn > start } }
        let page = streams.prefix(limit)
        return DynamoDBStreams.ListStreamsOutput(
            streams: page.map { DynamoDBStreams.Stream(streamArn: $0.arn, tableName: $0.tableName, streamLabel: $0.label) },
            lastEvaluatedStreamArn: streams.count > limit ? page.last?.arn : nil)
    }

    /// `DescribeStream`: the stream's status, view type, key schema and its one shard with its sequence range (the
    /// ending number once the stream is closed and has records).
    package func describeStream(_ input: DynamoDBStreams.DescribeStreamInput, context: RequestContext) async throws
        -> DynamoDBStreams.DescribeStreamOutput
    {
        _ = try Self.limit(input.limit, maximum: 100)
        let stream = try await readableStream(input.streamArn)
        var shards: [DynamoDBStreams.Shard] = []
        if input.exclusiveStartShardId.map({ $0 < stream.shardID }) ?? true {
            var range = DynamoDBStreams.SequenceNumberRange(startingSequenceNumber: Self.sequenceText(stream.firstSequence))
            if stream.closedAt != nil, let last = try await store.lastStreamSequence(arn: stream.arn) {
                range.endingSequenceNumber = Self.sequenceText(last)
            }
            shards.append(DynamoDBStreams.Shard(shardId: stream.shardID, sequenceNumberRange: range))
        }
        let description = DynamoDBStreams.StreamDescription(
            streamArn: stream.arn, streamLabel: stream.label,
            streamStatus: stream.closedAt == nil ? "ENABLED" : "DISABLED",
            streamViewType: .init(rawValue: stream.viewType), creationRequestDateTime: stream.createdAt,
            tableName: stream.tableName,
            keySchema: stream.keySchema.map {
                DynamoDBStreams.KeySchemaElement(attributeName: $0.attributeName, keyType: .init(rawValue: $0.keyType.rawValue))
            },
            shards: shards)
        return DynamoDBStreams.DescribeStreamOutput(streamDescription: description)
    }

    /// `GetShardIterator`: an iterator at the shard's oldest record (`TRIM_HORIZON`), after its newest (`LATEST`),
    /// at (`AT_SEQUENCE_NUMBER`) or after (`AFTER_SEQUENCE_NUMBER`) a sequence number of the shard.
    package func getShardIterator(_ input: DynamoDBStreams.GetShardIteratorInput, context: RequestContext) async throws
        -> DynamoDBStreams.GetShardIteratorOutput
    {
        let stream = try await readableStream(input.streamArn)
        guard input.shardId == stream.shardID else {
            throw AWSServiceError(DynamoDBStreamsErrors.resourceNotFoundException, "Requested resource not found: Shard does not exist")
        }
        let position: Int64
        switch input.shardIteratorType.rawValue {
        case "TRIM_HORIZON":
            position = max(stream.firstSequence, (stream.trimmedThrough ?? 0) + 1)
        case "LATEST":
            position = try await newestSequence(of: stream) + 1
        default:
            let type = input.shardIteratorType.rawValue
            guard let text = input.sequenceNumber else {
                throw AWSServiceError.validation("Must specify SequenceNumber when ShardIteratorType is \(type)")
            }
            let newest = try await newestSequence(of: stream)
            guard text.allSatisfy(\.isASCIIDigit), let number = Int64(text), number >= stream.firstSequence, number <= newest else {
                throw AWSServiceError.validation(
                    "Invalid SequenceNumber \(text) for shard \(stream.shardID) of stream \(stream.arn)")
            }
            position = type == "AT_SEQUENCE_NUMBER" ? number : number + 1
            try Self.checkNotTrimmed(position, in: stream)
        }
        let iterator = DynamoDBStreamIterator(
            streamARN: stream.arn, shardID: stream.shardID, position: position, issuedAt: clock.now())
        return DynamoDBStreams.GetShardIteratorOutput(shardIterator: iterator.text)
    }

    /// The highest sequence number a reader of `stream` may name: for an open stream the latest any stream has
    /// given out (its next record gets a higher one), for a closed one its last record's (or the one before its first,
    /// when it has none).
    private func newestSequence(of stream: DynamoDBStreamRecord) async throws -> Int64 {
        if stream.closedAt == nil { return try await store.latestStreamSequence() }
        return try await store.lastStreamSequence(arn: stream.arn) ?? stream.firstSequence - 1
    }

    /// `GetRecords`: up to `Limit` (1000) records from the iterator's position on, and the iterator after them (none
    /// once a closed shard is read to its end).
    package func getRecords(_ input: DynamoDBStreams.GetRecordsInput, context: RequestContext) async throws
        -> DynamoDBStreams.GetRecordsOutput
    {
        let limit = try Self.limit(input.limit, maximum: 1000)
        guard let iterator = DynamoDBStreamIterator(text: input.shardIterator) else {
            throw AWSServiceError.validation("Invalid ShardIterator")
        }
        let now = clock.now()
        if now.timeIntervalSince(iterator.issuedAt) > Self.iteratorLifetime {
            throw AWSServiceError(
                DynamoDBStreamsErrors.expiredIteratorException,
                "Iterator expired. The iterator was created at time \(Self.millisecondsText(iterator.issuedAt)) while right now it is \(Self.millisecondsText(now)) which is further in the future than the tolerated delay of 900000 milliseconds.")
        }
        let stream = try await readableStream(iterator.streamARN)
        guard iterator.shardID == stream.shardID else {
            throw AWSServiceError(DynamoDBStreamsErrors.resourceNotFoundException, "Invalid ShardId in ShardIterator")
        }
        try Self.checkNotTrimmed(iterator.position, in: stream)
        let changes = try await store.streamChanges(arn: stream.arn, from: iterator.position, limit: limit)
        let records = try changes.map { try DynamoDBStreamRecordAnswer.record(of: $0, in: stream) }
        var next: String?
        if stream.closedAt == nil || changes.count == limit {
            var following = iterator
            following.position = changes.last.map { $0.sequence + 1 } ?? iterator.position
            following.issuedAt = now
            next = following.text
        }
        return DynamoDBStreams.GetRecordsOutput(records: records, nextShardIterator: next)
    }

    /// `TrimmedDataAccessException` when a read from `position` on would miss changes trimming forgot.
    static func checkNotTrimmed(_ position: Int64, in stream: DynamoDBStreamRecord) throws {
        guard let trimmed = stream.trimmedThrough, position <= trimmed else { return }
        throw AWSServiceError(DynamoDBStreamsErrors.trimmedDataAccessException,
                              "The operation attempted to read past the oldest stream record in a shard.")
    }

    /// The stream with this ARN while it is readable (open, or closed less than 24 hours ago), or DynamoDB
    /// Streams' `ResourceNotFoundException`.
    func readableStream(_ arn: String) async throws -> DynamoDBStreamRecord {
        guard let stream = try await store.stream(arn: arn), Self.isReadable(stream, at: clock.now()) else {
            throw AWSServiceError(
                DynamoDBStreamsErrors.resourceNotFoundException, "Requested resource not found: Stream: \(arn) not found")
        }
        return stream
    }

    static func isReadable(_ stream: DynamoDBStreamRecord, at now: Date) -> Bool {
        stream.closedAt.map { now.timeIntervalSince($0) < retention } ?? true
    }

    /// A `Limit` parameter (the model requires at least 1), or the validation error DynamoDB Streams gives above
    /// `maximum`; `maximum` when absent.
    static func limit(_ value: Int?, maximum: Int) throws -> Int {
        guard let value else { return maximum }
        guard value <= maximum else {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(value)' at 'limit' failed to satisfy constraint: Member must have value less than or equal to \(maximum)")
        }
        return value
    }

    /// A sequence number as DynamoDB Streams writes them: decimal, at least 21 digits.
    package static func sequenceText(_ sequence: Int64) -> String {
        let digits = String(sequence)
        return String(repeating: "0", count: max(0, 21 - digits.count)) + digits
    }

    private static func millisecondsText(_ date: Date) -> String {
        String(Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
