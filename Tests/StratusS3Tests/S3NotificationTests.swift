import Foundation
import StratusAPIS3
@testable import StratusS3
import StratusServiceKit
import StratusStoreSQLite
import StratusTesting
import Synchronization
import Testing

/// Destinations that exist when their ARN ends in `-exists` and record what they are sent; the first
/// `failures` deliveries throw.
final class RecordingDestinations: S3EventDestinations {
    let sent = Mutex<[(arn: String, message: String)]>([])
    let failures = Mutex(0)

    struct Refused: Error {}

    func canDeliver(to arn: String, context: RequestContext) async -> Bool { arn.hasSuffix("-exists") }

    func deliver(_ message: String, to arn: String, context: RequestContext) async throws {
        let refuse = failures.withLock { failures -> Bool in
            guard failures > 0 else { return false }
            failures -= 1
            return true
        }
        if refuse { throw Refused() }
        sent.withLock { $0.append((arn, message)) }
    }

    func putEvent(detailType: String, detail: String, resources: [String], context: RequestContext) async throws {
        sent.withLock { $0.append(("eventbridge", #"{"Event": "\#(detailType)"}"#)) }
    }

    /// The records sent so far (test events as their `Event`).
    var events: [String] {
        sent.withLock { sent in
            sent.map { entry in
                let object = (try? JSONSerialization.jsonObject(with: Data(entry.message.utf8))) as? [String: Any] ?? [:]
                if let event = object["Event"] as? String { return event }
                let record = (object["Records"] as? [[String: Any]])?.first ?? [:]
                let key = ((record["s3"] as? [String: Any])?["object"] as? [String: Any])?["key"] as? String ?? ""
                return "\(record["eventName"] as? String ?? "") \(key)"
            }
        }
    }
}

@Suite struct S3NotificationTests {
    @Test func matchingEventsGoToTheirDestinations() async throws {
        let destinations = RecordingDestinations()
        let s3 = try S3Fixture(events: destinations).service
        let context = S3Fixture.context
        _ = try await s3.createBucket(S3.CreateBucketRequest(bucket: "watched"), context: context)
        let queue = "arn:aws:sqs:us-east-1:000000000000:q-exists"
        let filter = S3.NotificationConfigurationFilter(key: S3.S3KeyFilter(filterRules: [S3.FilterRule(name: "suffix", value: ".csv")]))
        var configuration = S3.NotificationConfiguration()
        configuration.queueConfigurations = [
            S3.QueueConfiguration(queueArn: queue, events: ["s3:ObjectCreated:*"], filter: filter),
            S3.QueueConfiguration(queueArn: queue, events: ["s3:ObjectRemoved:Delete"]),
        ]
        try await s3.putBucketNotificationConfiguration(
            S3.PutBucketNotificationConfigurationRequest(bucket: "watched", notificationConfiguration: configuration),
            context: context)
        for key in ["a b.csv", "skip.txt"] {
            _ = try await s3.putObject(S3.PutObjectRequest(body: Data("x".utf8), bucket: "watched", key: key), context: context)
        }
        _ = try await s3.deleteObject(S3.DeleteObjectRequest(bucket: "watched", key: "a b.csv"), context: context)
        _ = try await s3.deleteObject(S3.DeleteObjectRequest(bucket: "watched", key: "never"), context: context)
        #expect(destinations.events == ["s3:TestEvent", "ObjectCreated:Put a+b.csv", "ObjectRemoved:Delete a+b.csv"])

        var missing = S3.NotificationConfiguration()
        missing.lambdaFunctionConfigurations = [S3.LambdaFunctionConfiguration(
            lambdaFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:gone", events: ["s3:ObjectCreated:*"])]
        await #expect(throws: AWSServiceError.self) {
            try await s3.putBucketNotificationConfiguration(
                S3.PutBucketNotificationConfigurationRequest(bucket: "watched", notificationConfiguration: missing),
                context: context)
        }
    }

    @Test func eventNamesAndKeyFiltersMatchAsS3Does() {
        #expect(S3Service.event("s3:ObjectCreated:*", matches: "ObjectCreated:Copy"))
        #expect(!S3Service.event("s3:ObjectCreated:Put", matches: "ObjectCreated:Copy"))
        #expect(!S3Service.event("s3:ObjectRemoved:*", matches: "ObjectCreated:Put"))
        let rules = S3.NotificationConfigurationFilter(key: S3.S3KeyFilter(filterRules: [
            S3.FilterRule(name: "Prefix", value: "in/"), S3.FilterRule(name: "suffix", value: ".json")]))
        #expect(S3Service.key("in/x.json", passes: rules))
        #expect(!S3Service.key("out/x.json", passes: rules))
        #expect(!S3Service.key("in/x.JSON", passes: rules))
        #expect(S3Service.eventTime(Date(timeIntervalSince1970: 1_700_000_000.25)) == "2023-11-14T22:13:20.250Z")
    }

    /// A watched bucket (every created and removed object to one queue) on a service with `destinations`.
    private func watchedBucket(_ destinations: RecordingDestinations, clock: ManualClock) async throws
        -> (S3Service, SQLiteS3Store)
    {
        let fixture = try S3Fixture(events: destinations, clock: clock)
        let store = fixture.store, s3 = fixture.service
        _ = try await s3.createBucket(S3.CreateBucketRequest(bucket: "watched"), context: S3Fixture.context)
        var configuration = S3.NotificationConfiguration()
        configuration.queueConfigurations = [S3.QueueConfiguration(
            queueArn: "arn:aws:sqs:us-east-1:000000000000:q-exists", events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"])]
        try await s3.putBucketNotificationConfiguration(
            S3.PutBucketNotificationConfigurationRequest(bucket: "watched", notificationConfiguration: configuration),
            context: S3Fixture.context)
        return (s3, store)
    }

    @Test func aRefusedNotificationIsSweptAgainThenGivenUp() async throws {
        let destinations = RecordingDestinations()
        let clock = ManualClock()
        let (s3, store) = try await watchedBucket(destinations, clock: clock)
        destinations.failures.withLock { $0 = 1 }
        _ = try await s3.putObject(S3.PutObjectRequest(body: Data("x".utf8), bucket: "watched", key: "k"),
                                   context: S3Fixture.context)
        #expect(destinations.events == ["s3:TestEvent"], "the request's attempt was refused")
        #expect(await s3.dispatchDueEvents() == 0, "not due before the retry delay")
        clock.advance(seconds: 30)
        #expect(await s3.dispatchDueEvents() == 1)
        #expect(destinations.events == ["s3:TestEvent", "ObjectCreated:Put k"])
        #expect(try await store.pendingEvents(dueAt: .max, limit: 10).isEmpty, "delivered, so removed")

        destinations.failures.withLock { $0 = 10 }
        _ = try await s3.deleteObject(S3.DeleteObjectRequest(bucket: "watched", key: "k"), context: S3Fixture.context)
        for _ in 0..<3 {
            clock.advance(seconds: 30)
            _ = await s3.dispatchDueEvents()
        }
        #expect(try await store.pendingEvents(dueAt: .max, limit: 10).isEmpty, "given up after three attempts")
        #expect(destinations.events.count == 2)
    }

    @Test func eventsStoredWithAChangeAreSentAfterACrash() async throws {
        let destinations = RecordingDestinations()
        let clock = ManualClock()
        let (s3, store) = try await watchedBucket(destinations, clock: clock)
        // A run stores an object with its event and stops before sending it (what the store holds after a crash).
        let bucket = try #require(try await store.bucket(named: "watched"))
        let record = S3ObjectRecord(bucket: "watched", key: "crash.csv", size: 1, eTag: "\"e\"", lastModified: 0)
        let events = s3.pendingEvents("ObjectCreated:Put", bucket: bucket, key: "crash.csv", object: record,
                                      context: S3Fixture.context)
        #expect(events.count == 1)
        try await store.putObject(record, body: Data("x".utf8), events: events)
        #expect(await s3.dispatchDueEvents() == 0)
        clock.advance(seconds: 30)
        #expect(await s3.dispatchDueEvents() == 1)
        #expect(destinations.events == ["s3:TestEvent", "ObjectCreated:Put crash.csv"])
        #expect(await s3.dispatchDueEvents() == 0, "sent once")
    }
}
