import Foundation
import StratusAPIDynamoDB
import StratusAPIDynamoDBStreams
import StratusServiceKit
import StratusStoreSQLite
import StratusTesting
import Testing

@testable import StratusDynamoDB

@Suite("DynamoDB Streams")
struct DynamoDBStreamsTests {
    /// A DynamoDB fixture with the streams service over the same store and clock.
    private struct Fixture {
        let dynamoDB = try! DynamoDBFixture()
        var streams: DynamoDBStreamsService { DynamoDBStreamsService(store: dynamoDB.store, clock: dynamoDB.clock) }
        var context: RequestContext { dynamoDB.context }

        /// Creates table `name` (`pk` S, `sk` N) with a stream of `viewType`; returns the stream's ARN.
        func createTable(_ name: String, viewType: String) async throws -> String {
            let input = DynamoDB.CreateTableInput(
                attributeDefinitions: [
                    DynamoDB.AttributeDefinition(attributeName: "pk", attributeType: "S"),
                    DynamoDB.AttributeDefinition(attributeName: "sk", attributeType: "N"),
                ],
                tableName: name,
                keySchema: [
                    DynamoDB.KeySchemaElement(attributeName: "pk", keyType: "HASH"),
                    DynamoDB.KeySchemaElement(attributeName: "sk", keyType: "RANGE"),
                ],
                billingMode: "PAY_PER_REQUEST",
                streamSpecification: DynamoDB.StreamSpecification(
                    streamEnabled: true, streamViewType: DynamoDB.StreamViewType(rawValue: viewType)))
            return try await dynamoDB.service.createTable(input, context: context).tableDescription!.latestStreamArn!
        }

        func shard(_ arn: String) async throws -> DynamoDBStreams.Shard {
            try await streams.describeStream(DynamoDBStreams.DescribeStreamInput(streamArn: arn), context: context)
                .streamDescription!.shards!.first!
        }

        func iterator(_ arn: String, _ type: String, sequence: String? = nil) async throws -> String {
            let shard = try await shard(arn)
            return try await streams.getShardIterator(
                DynamoDBStreams.GetShardIteratorInput(
                    streamArn: arn, shardId: shard.shardId!, shardIteratorType: DynamoDBStreams.ShardIteratorType(rawValue: type),
                    sequenceNumber: sequence),
                context: context
            ).shardIterator!
        }

        func records(_ iterator: String, limit: Int? = nil) async throws -> DynamoDBStreams.GetRecordsOutput {
            try await streams.getRecords(DynamoDBStreams.GetRecordsInput(shardIterator: iterator, limit: limit), context: context)
        }

        func delete(_ table: String, _ key: [String: DynamoDB.AttributeValue]) async throws {
            _ = try await dynamoDB.service.deleteItem(DynamoDB.DeleteItemInput(tableName: table, key: key), context: context)
        }
    }

    @Test func itemChangesBecomeRecordsInCommitOrderWithTheImagesOfTheViewType() async throws {
        let fixture = Fixture()
        let arn = try await fixture.createTable("orders", viewType: "NEW_AND_OLD_IMAGES")
        try await fixture.dynamoDB.put("orders", ["pk": s("a"), "sk": n("1"), "v": s("one")])
        try await fixture.dynamoDB.put("orders", ["pk": s("a"), "sk": n("1"), "v": s("one")])  // unchanged: no record
        try await fixture.dynamoDB.put("orders", ["pk": s("a"), "sk": n("1"), "v": s("two")])
        try await fixture.delete("orders", ["pk": s("a"), "sk": n("1")])
        try await fixture.delete("orders", ["pk": s("missing"), "sk": n("1")])  // absent: no record
        let page = try await fixture.records(try await fixture.iterator(arn, "TRIM_HORIZON"))
        let records = page.records ?? []
        #expect(records.map(\.eventName?.rawValue) == ["INSERT", "MODIFY", "REMOVE"])
        #expect(records.allSatisfy { $0.eventSource == "aws:dynamodb" && $0.eventVersion == "1.1" && $0.awsRegion == "us-east-1" })
        #expect(records.allSatisfy { $0.dynamodb?.keys == ["pk": .init(s: "a"), "sk": .init(n: "1")] })
        #expect(records[0].dynamodb?.newImage?["v"]?.s == "one" && records[0].dynamodb?.oldImage == nil)
        #expect(records[1].dynamodb?.oldImage?["v"]?.s == "one" && records[1].dynamodb?.newImage?["v"]?.s == "two")
        #expect(records[2].dynamodb?.oldImage?["v"]?.s == "two" && records[2].dynamodb?.newImage == nil)
        let numbers = records.compactMap(\.dynamodb?.sequenceNumber)
        #expect(numbers.count == 3 && numbers.allSatisfy { $0.count == 21 } && numbers == numbers.sorted())
        #expect(Set(records.compactMap(\.eventID)).count == 3)
        #expect(page.nextShardIterator != nil)
    }

    @Test(arguments: [
        ("KEYS_ONLY", false, false), ("NEW_IMAGE", true, false), ("OLD_IMAGE", false, true), ("NEW_AND_OLD_IMAGES", true, true),
    ])
    func viewTypesChooseTheImages(viewType: String, showsNew: Bool, showsOld: Bool) async throws {
        let fixture = Fixture()
        let arn = try await fixture.createTable("views", viewType: viewType)
        try await fixture.dynamoDB.put("views", ["pk": s("a"), "sk": n("1"), "v": s("one")])
        try await fixture.dynamoDB.put("views", ["pk": s("a"), "sk": n("1"), "v": s("two")])
        let modify = try #require(try await fixture.records(try await fixture.iterator(arn, "TRIM_HORIZON")).records?.last)
        #expect(modify.dynamodb?.keys?.keys.sorted() == ["pk", "sk"])
        #expect((modify.dynamodb?.newImage != nil) == showsNew)
        #expect((modify.dynamodb?.oldImage != nil) == showsOld)
        #expect(modify.dynamodb?.streamViewType?.rawValue == viewType)
    }

    @Test func iteratorsStartAtTheHorizonTheEndOrASequenceNumberAndPage() async throws {
        let fixture = Fixture()
        let arn = try await fixture.createTable("paging", viewType: "KEYS_ONLY")
        for index in 1...3 { try await fixture.dynamoDB.put("paging", ["pk": s("a"), "sk": n("\(index)")]) }
        let latest = try await fixture.iterator(arn, "LATEST")
        try await fixture.dynamoDB.put("paging", ["pk": s("a"), "sk": n("4")])
        let all = try await fixture.records(try await fixture.iterator(arn, "TRIM_HORIZON")).records ?? []
        let numbers = all.compactMap(\.dynamodb?.sequenceNumber)
        #expect(numbers.count == 4)
        #expect(try await fixture.records(latest).records?.compactMap(\.dynamodb?.sequenceNumber) == [numbers[3]])
        let at = try await fixture.records(try await fixture.iterator(arn, "AT_SEQUENCE_NUMBER", sequence: numbers[1]))
        #expect(at.records?.compactMap(\.dynamodb?.sequenceNumber) == Array(numbers[1...]))
        let after = try await fixture.records(try await fixture.iterator(arn, "AFTER_SEQUENCE_NUMBER", sequence: numbers[1]))
        #expect(after.records?.compactMap(\.dynamodb?.sequenceNumber) == Array(numbers[2...]))

        var iterator = try await fixture.iterator(arn, "TRIM_HORIZON")
        var paged: [String] = []
        for _ in 0..<5 {
            let page = try await fixture.records(iterator, limit: 1)
            paged += page.records?.compactMap(\.dynamodb?.sequenceNumber) ?? []
            iterator = try #require(page.nextShardIterator)
        }
        #expect(paged == numbers)
    }

    @Test func aDisabledStreamKeepsItsRecordsAndItsShardEnds() async throws {
        let fixture = Fixture()
        let arn = try await fixture.createTable("closing", viewType: "NEW_IMAGE")
        try await fixture.dynamoDB.put("closing", ["pk": s("a"), "sk": n("1")])
        let horizon = try await fixture.iterator(arn, "TRIM_HORIZON")
        _ = try await fixture.dynamoDB.service.updateTable(
            DynamoDB.UpdateTableInput(tableName: "closing", streamSpecification: DynamoDB.StreamSpecification(streamEnabled: false)),
            context: fixture.context)
        try await fixture.dynamoDB.put("closing", ["pk": s("a"), "sk": n("2")])
        let description = try await fixture.streams.describeStream(
            DynamoDBStreams.DescribeStreamInput(streamArn: arn), context: fixture.context).streamDescription
        #expect(description?.streamStatus == "DISABLED")
        let page = try await fixture.records(horizon)
        #expect(page.records?.count == 1 && page.nextShardIterator == nil)
        #expect(description?.shards?.first?.sequenceNumberRange?.endingSequenceNumber == page.records?.first?.dynamodb?.sequenceNumber)

        // Enabling again makes a new stream; both are listed.
        fixture.dynamoDB.clock.advance(seconds: 1)
        let updated = try await fixture.dynamoDB.service.updateTable(
            DynamoDB.UpdateTableInput(
                tableName: "closing", streamSpecification: DynamoDB.StreamSpecification(streamEnabled: true, streamViewType: "KEYS_ONLY")),
            context: fixture.context)
        let second = try #require(updated.tableDescription?.latestStreamArn)
        #expect(second != arn)
        let listed = try await fixture.streams.listStreams(
            DynamoDBStreams.ListStreamsInput(tableName: "closing"), context: fixture.context).streams?.compactMap(\.streamArn)
        #expect(Set(listed ?? []) == [arn, second])
    }

    @Test func recordsAndClosedStreamsAreForgottenAfterADay() async throws {
        let fixture = Fixture()
        let arn = try await fixture.createTable("aging", viewType: "KEYS_ONLY")
        try await fixture.dynamoDB.put("aging", ["pk": s("a"), "sk": n("1")])
        fixture.dynamoDB.clock.advance(seconds: 12 * 3600)
        try await fixture.dynamoDB.put("aging", ["pk": s("a"), "sk": n("2")])
        fixture.dynamoDB.clock.advance(seconds: 13 * 3600)
        #expect(try await fixture.dynamoDB.service.trimStreams() == 1)
        let kept = try await fixture.records(try await fixture.iterator(arn, "TRIM_HORIZON")).records ?? []
        #expect(kept.compactMap(\.dynamodb?.keys?["sk"]?.n) == ["2"])

        _ = try await fixture.dynamoDB.service.deleteTable(DynamoDB.DeleteTableInput(tableName: "aging"), context: fixture.context)
        let closed = try await fixture.streams.describeStream(
            DynamoDBStreams.DescribeStreamInput(streamArn: arn), context: fixture.context).streamDescription
        #expect(closed?.streamStatus == "DISABLED")
        fixture.dynamoDB.clock.advance(seconds: 24 * 3600 + 1)
        let error = await awsError {
            _ = try await fixture.streams.describeStream(DynamoDBStreams.DescribeStreamInput(streamArn: arn), context: fixture.context)
        }
        #expect(error?.code.code == "ResourceNotFoundException")
        _ = try await fixture.dynamoDB.service.trimStreams()
        #expect(try await fixture.dynamoDB.store.stream(arn: arn) == nil)
    }

    @Test func timeToLiveDeletionsCarryTheServiceIdentity() async throws {
        let fixture = Fixture()
        let arn = try await fixture.createTable("expiring", viewType: "OLD_IMAGE")
        _ = try await fixture.dynamoDB.service.updateTimeToLive(
            DynamoDB.UpdateTimeToLiveInput(
                tableName: "expiring",
                timeToLiveSpecification: DynamoDB.TimeToLiveSpecification(enabled: true, attributeName: "ttl")),
            context: fixture.context)
        let now = Int(fixture.dynamoDB.clock.now().timeIntervalSince1970)
        try await fixture.dynamoDB.put("expiring", ["pk": s("a"), "sk": n("1"), "ttl": n("\(now - 10)")])
        #expect(try await DynamoDBTimeToLiveService(service: fixture.dynamoDB.service).runOnce() == 1)
        let records = try await fixture.records(try await fixture.iterator(arn, "TRIM_HORIZON")).records ?? []
        #expect(records.map(\.eventName?.rawValue) == ["INSERT", "REMOVE"])
        #expect(records[0].userIdentity == nil)
        #expect(records[1].userIdentity == DynamoDBStreams.Identity(principalId: "dynamodb.amazonaws.com", type: "Service"))
    }

    @Test func badIteratorsShardsAndSequenceNumbersAreRefused() async throws {
        let fixture = Fixture()
        let arn = try await fixture.createTable("errors", viewType: "KEYS_ONLY")
        let context = fixture.context
        let unknownShard = await awsError {
            _ = try await fixture.streams.getShardIterator(
                DynamoDBStreams.GetShardIteratorInput(
                    streamArn: arn, shardId: "shardId-00000000000000000000-00000000", shardIteratorType: "TRIM_HORIZON"),
                context: context)
        }
        #expect(unknownShard?.code.code == "ResourceNotFoundException")
        #expect(unknownShard?.message == "Requested resource not found: Shard does not exist")
        let shard = try await fixture.shard(arn).shardId!
        let missingNumber = await awsError {
            _ = try await fixture.streams.getShardIterator(
                DynamoDBStreams.GetShardIteratorInput(streamArn: arn, shardId: shard, shardIteratorType: "AT_SEQUENCE_NUMBER"),
                context: context)
        }
        #expect(missingNumber?.code.code == "ValidationException")
        let garbage = await awsError { _ = try await fixture.records(String(repeating: "x", count: 40)) }
        #expect(garbage?.code.code == "ValidationException")
        let tooMany = await awsError { _ = try await fixture.records(try await fixture.iterator(arn, "LATEST"), limit: 1001) }
        #expect(tooMany?.code.code == "ValidationException")

        let iterator = try await fixture.iterator(arn, "TRIM_HORIZON")
        fixture.dynamoDB.clock.advance(seconds: 15 * 60 + 1)
        let expired = await awsError { _ = try await fixture.records(iterator) }
        #expect(expired?.code.code == "ExpiredIteratorException")
        let unknownStream = await awsError {
            _ = try await fixture.streams.describeStream(
                DynamoDBStreams.DescribeStreamInput(streamArn: "arn:aws:dynamodb:us-east-1:000000000000:table/x/stream/1"),
                context: context)
        }
        #expect(unknownStream?.message == "Requested resource not found: Stream: arn:aws:dynamodb:us-east-1:000000000000:table/x/stream/1 not found")
    }

    @Test func iteratorTextRoundTripsAndRejectsOtherText() {
        let iterator = DynamoDBStreamIterator(
            streamARN: "arn:aws:dynamodb:us-east-1:1:table/t/stream/2026", shardID: "shardId-1-2", position: 42,
            issuedAt: Date(timeIntervalSince1970: 1_700_000_000.123))
        #expect(DynamoDBStreamIterator(text: iterator.text) == iterator)
        #expect(DynamoDBStreamIterator(text: "arn:x|1|not base64") == nil)
        #expect(DynamoDBStreamIterator(text: "x") == nil)
    }

    @Test func tablesWithoutAStreamRecordNothing() async throws {
        let fixture = Fixture()
        try await fixture.dynamoDB.createTable("plain")
        try await fixture.dynamoDB.put("plain", ["pk": s("a"), "sk": n("1")])
        #expect(try await fixture.dynamoDB.store.latestStreamSequence() == 0)
        let listed = try await fixture.streams.listStreams(DynamoDBStreams.ListStreamsInput(), context: fixture.context)
        #expect(listed.streams == [])
    }

    @Test func readsBeforeTheTrimHorizonFailAndTrimHorizonStartsAfterIt() async throws {
        let fixture = Fixture()
        let arn = try await fixture.createTable("events", viewType: "KEYS_ONLY")
        try await fixture.dynamoDB.put("events", ["pk": s("old"), "sk": n("1")])
        let old = try #require(try await fixture.records(try await fixture.iterator(arn, "TRIM_HORIZON")).records?.first?
            .dynamodb?.sequenceNumber)
        fixture.dynamoDB.clock.advance(seconds: 25 * 3600)
        try await fixture.dynamoDB.put("events", ["pk": s("new"), "sk": n("1")])
        let atOld = try await fixture.iterator(arn, "AT_SEQUENCE_NUMBER", sequence: old)
        _ = try await fixture.dynamoDB.service.trimStreams()
        func trimmedError(_ body: () async throws -> Void) async -> String? {
            do {
                try await body()
                return nil
            } catch let error as AWSServiceError {
                return "\(error.code.code): \(error.message ?? "")"
            } catch {
                return "\(error)"
            }
        }
        let expected = "TrimmedDataAccessException: The operation attempted to read past the oldest stream record in a shard."
        #expect(await trimmedError { _ = try await fixture.records(atOld) } == expected)
        #expect(await trimmedError { _ = try await fixture.iterator(arn, "AT_SEQUENCE_NUMBER", sequence: old) } == expected)
        // After the forgotten record is not before the horizon.
        let after = try await fixture.records(try await fixture.iterator(arn, "AFTER_SEQUENCE_NUMBER", sequence: old))
        #expect(after.records?.map { $0.dynamodb?.keys?["pk"]?.s } == ["new"])
        let horizon = try await fixture.records(try await fixture.iterator(arn, "TRIM_HORIZON"))
        #expect(horizon.records?.map { $0.dynamodb?.keys?["pk"]?.s } == ["new"])
    }
}
