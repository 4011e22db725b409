import Foundation
import StratusAPIS3
@testable import StratusS3
import StratusServiceKit
import StratusStoreSQLite
import StratusTesting
import Synchronization
import Testing

/// Destinations that exist when their ARN ends in `-exists` and record what they are sent.
final class RecordingDestinations: S3EventDestinations {
    let sent = Mutex<[(arn: String, message: String)]>([])

    func canDeliver(to arn: String, context: RequestContext) async -> Bool { arn.hasSuffix("-exists") }

    func deliver(_ message: String, to arn: String, context: RequestContext) async throws {
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
        let store = SQLiteS3Store(
            database: try SQLiteDatabase.inMemory(name: "s3"),
            blobs: try S3BlobDirectory(root: FileManager.default.temporaryDirectory
                .appendingPathComponent("stratus-s3-test-\(UUID().uuidString)"), syncs: false))
        let s3 = S3Service(store: store, clock: ManualClock(), ids: CountingIDs(), events: destinations)
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
}
