import Foundation
import StratusAPIS3
@testable import StratusS3
import StratusServiceKit
import StratusTesting
import Synchronization
import Testing

/// Lifecycle rules: S3's checks, its day arithmetic, filters, and their application to current objects, noncurrent
/// versions, lone delete markers and unfinished uploads.
@Suite struct S3LifecycleTests {
    private let context = S3Fixture.context
    private let day: Double = 86_400

    private func rule(_ id: String, prefix: String = "", expiration: S3.LifecycleExpiration? = nil,
                      noncurrentDays: Int? = nil, abortDays: Int? = nil, filter: S3.LifecycleRuleFilter? = nil)
        -> S3.LifecycleRule
    {
        var rule = S3.LifecycleRule(status: "Enabled")
        rule.id = id
        rule.filter = filter ?? S3.LifecycleRuleFilter(prefix: prefix)
        rule.expiration = expiration
        rule.noncurrentVersionExpiration = noncurrentDays.map { S3.NoncurrentVersionExpiration(noncurrentDays: $0) }
        rule.abortIncompleteMultipartUpload = abortDays.map { S3.AbortIncompleteMultipartUpload(daysAfterInitiation: $0) }
        return rule
    }

    private func configure(_ fixture: S3Fixture, _ bucket: String, _ rules: [S3.LifecycleRule]) async throws {
        _ = try await fixture.service.putBucketLifecycleConfiguration(S3.PutBucketLifecycleConfigurationRequest(
            bucket: bucket, lifecycleConfiguration: S3.BucketLifecycleConfiguration(rules: rules)), context: context)
    }

    private func keys(_ fixture: S3Fixture, _ bucket: String) async throws -> [String] {
        let output = try await fixture.service.listObjectVersions(S3.ListObjectVersionsRequest(bucket: bucket), context: context)
        return (output.versions ?? []).map { $0.key ?? "" } + (output.deleteMarkers ?? []).map { "marker \($0.key ?? "")" }
    }

    @Test func actionsFallDueAtTheMidnightAfterTheirDays() {
        // 2023-11-14T22:13:20Z plus one day is 2023-11-15T22:13:20Z, so the action falls due at 2023-11-16T00:00:00Z.
        #expect(S3LifecycleRules.due(after: 1_700_000_000_000, days: 1) == 1_700_092_800_000)
        #expect(S3LifecycleRules.due(after: 1_700_006_400_000, days: 1) == 1_700_092_800_000)
    }

    @Test func configurationsAreCheckedAsS3ChecksThem() {
        func failure(_ rules: [S3.LifecycleRule]) -> String? {
            do {
                try S3LifecycleRules.check(S3.BucketLifecycleConfiguration(rules: rules))
                return nil
            } catch let error as AWSServiceError {
                return "\(error.code.code): \(error.message ?? "")"
            } catch {
                return "\(error)"
            }
        }
        #expect(failure([rule("a")]) == "InvalidRequest: At least one action needs to be specified in a rule")
        #expect(failure([rule("a", expiration: S3.LifecycleExpiration(days: 0))])
            == "InvalidArgument: 'Days' for Expiration action must be a positive integer")
        #expect(failure([rule("a", expiration: S3.LifecycleExpiration(days: 1)), rule("a", noncurrentDays: 1)])
            == "InvalidArgument: Rule ID must be unique. Found same ID for more than one rule")
        #expect(failure([rule("a", expiration: S3.LifecycleExpiration(date: Date(timeIntervalSince1970: 1_700_000_000)))])
            == "InvalidArgument: 'Date' must be at midnight GMT")
        var transition = rule("t", expiration: S3.LifecycleExpiration(days: 30))
        transition.transitions = [S3.Transition(days: 1, storageClass: "GLACIER")]
        #expect(failure([transition])?.hasPrefix("NotImplemented") == true)
        #expect(failure([rule("ok", expiration: S3.LifecycleExpiration(days: 1), noncurrentDays: 2, abortDays: 3)]) == nil)
    }

    @Test func filtersSelectByPrefixTagsAndSize() {
        let tagged = rule("t", expiration: S3.LifecycleExpiration(days: 1), filter: S3.LifecycleRuleFilter(and: S3.LifecycleRuleAndOperator(
            prefix: "logs/", tags: [S3.Tag(key: "keep", value: "no")], objectSizeGreaterThan: 10)))
        var object = S3ObjectRecord(bucket: "b", key: "logs/a", size: 11, eTag: "", lastModified: 0,
                                    tags: [S3ObjectTag(key: "keep", value: "no")])
        #expect(S3LifecycleRules.covers(tagged, object))
        object.size = 10
        #expect(!S3LifecycleRules.covers(tagged, object))
        object.size = 11
        object.tags = nil
        #expect(!S3LifecycleRules.covers(tagged, object))
    }

    @Test func currentObjectsExpireWhenDue() async throws {
        let fixture = try S3Fixture()
        _ = try await fixture.service.createBucket(S3.CreateBucketRequest(bucket: "logs"), context: context)
        try await configure(fixture, "logs", [rule("old-logs", prefix: "logs/", expiration: S3.LifecycleExpiration(days: 1))])
        for key in ["logs/a", "keep/b"] {
            _ = try await fixture.service.putObject(S3.PutObjectRequest(body: Data("x".utf8), bucket: "logs", key: key),
                                                    context: context)
        }
        let early = try await fixture.service.applyLifecycle(now: fixture.clock.now().addingTimeInterval(day))
        #expect(early == S3LifecycleReport())
        let due = try await fixture.service.applyLifecycle(now: fixture.clock.now().addingTimeInterval(2 * day))
        #expect(due.expired == 1)
        #expect(try await keys(fixture, "logs") == ["keep/b"])
        #expect(fixture.blobCount() == 1)
    }

    @Test func versionsAndLoneMarkersExpireInABucketWithVersioning() async throws {
        let fixture = try S3Fixture()
        let s3 = fixture.service
        _ = try await s3.createBucket(S3.CreateBucketRequest(bucket: "kept"), context: context)
        try await s3.putBucketVersioning(S3.PutBucketVersioningRequest(
            bucket: "kept", versioningConfiguration: S3.VersioningConfiguration(status: .enabled)), context: context)
        try await configure(fixture, "kept", [
            rule("current", expiration: S3.LifecycleExpiration(days: 1)), rule("old", noncurrentDays: 1),
            rule("markers", expiration: S3.LifecycleExpiration(expiredObjectDeleteMarker: true)),
        ])
        _ = try await s3.putObject(S3.PutObjectRequest(body: Data("1".utf8), bucket: "kept", key: "k"), context: context)
        fixture.clock.advance(seconds: 3_600)
        _ = try await s3.putObject(S3.PutObjectRequest(body: Data("2".utf8), bucket: "kept", key: "k"), context: context)
        let first = try await s3.applyLifecycle(now: fixture.clock.now().addingTimeInterval(2 * day))
        #expect(first.expired == 1 && first.noncurrentRemoved == 1)
        #expect(try await keys(fixture, "kept") == ["k", "marker k"])
        let second = try await s3.applyLifecycle(now: fixture.clock.now().addingTimeInterval(4 * day))
        #expect(second.noncurrentRemoved == 1 && second.markersRemoved == 1)
        #expect(try await keys(fixture, "kept") == [])
        #expect(fixture.blobCount() == 0)
    }

    @Test func unfinishedUploadsAreAborted() async throws {
        let fixture = try S3Fixture()
        let s3 = fixture.service
        _ = try await s3.createBucket(S3.CreateBucketRequest(bucket: "parts"), context: context)
        try await configure(fixture, "parts", [rule("abort", prefix: "big/", abortDays: 1)])
        _ = try await s3.createMultipartUpload(S3.CreateMultipartUploadRequest(bucket: "parts", key: "big/file"), context: context)
        _ = try await s3.createMultipartUpload(S3.CreateMultipartUploadRequest(bucket: "parts", key: "small/file"), context: context)
        let report = try await s3.applyLifecycle(now: fixture.clock.now().addingTimeInterval(2 * day))
        #expect(report.uploadsAborted == 1)
        let left = try await s3.listMultipartUploads(S3.ListMultipartUploadsRequest(bucket: "parts"), context: context)
        #expect(left.uploads?.map(\.key) == ["small/file"])
    }

    @Test func expirationsAreNotified() async throws {
        let destinations = RecordingDestinations()
        let fixture = try S3Fixture(events: destinations)
        let s3 = fixture.service
        _ = try await s3.createBucket(S3.CreateBucketRequest(bucket: "told"), context: context)
        var configuration = S3.NotificationConfiguration()
        configuration.queueConfigurations = [S3.QueueConfiguration(
            queueArn: "arn:aws:sqs:us-east-1:000000000000:q-exists", events: ["s3:LifecycleExpiration:*"])]
        try await s3.putBucketNotificationConfiguration(
            S3.PutBucketNotificationConfigurationRequest(bucket: "told", notificationConfiguration: configuration), context: context)
        try await configure(fixture, "told", [rule("all", expiration: S3.LifecycleExpiration(days: 1))])
        _ = try await s3.putObject(S3.PutObjectRequest(body: Data("x".utf8), bucket: "told", key: "k"), context: context)
        _ = try await s3.applyLifecycle(now: fixture.clock.now().addingTimeInterval(2 * day))
        #expect(destinations.events == ["s3:TestEvent", "LifecycleExpiration:Delete k"])
    }
}
