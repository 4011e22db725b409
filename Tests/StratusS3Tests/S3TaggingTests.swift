import Foundation
import StratusAPIS3
@testable import StratusS3
import StratusServiceKit
import StratusStoreSQLite
import StratusTesting
import Testing

/// Object tags: the `x-amz-tagging` form, S3's limits, and the `ObjectTagging:*` notifications.
@Suite struct S3TaggingTests {
    @Test func theHeaderFormIsAURLQuery() throws {
        #expect(try S3Service.tags(fromHeader: "a=1&b=two%20words&c=&d+e=f+g") == [
            S3ObjectTag(key: "a", value: "1"), S3ObjectTag(key: "b", value: "two words"), S3ObjectTag(key: "c", value: ""),
            S3ObjectTag(key: "d e", value: "f g"),
        ])
        #expect(try S3Service.tags(fromHeader: "") == nil)
        #expect(try S3Service.tags(fromHeader: nil) == nil)
    }

    @Test(arguments: [
        ((0..<11).map { "k\($0)=v" }.joined(separator: "&"), "Object tags cannot be greater than 10"),
        ("a=1&a=2", "Cannot provide multiple Tags with the same key"),
        (String(repeating: "k", count: 129) + "=v", "The TagKey you have provided is invalid"),
        ("k=" + String(repeating: "v", count: 257), "The TagValue you have provided is invalid"),
    ])
    func limitsAreS3s(header: String, message: String) {
        #expect(throws: AWSServiceError.self) { _ = try S3Service.tags(fromHeader: header) }
        do {
            _ = try S3Service.tags(fromHeader: header)
        } catch let error as AWSServiceError {
            #expect(error.code.code == "InvalidTag" && error.code.httpStatus == 400 && error.message == message)
        } catch {}
    }

    @Test func taggingNotifiesObjectTaggingEvents() async throws {
        let destinations = RecordingDestinations()
        let s3 = try S3Fixture(events: destinations).service
        let context = S3Fixture.context
        _ = try await s3.createBucket(S3.CreateBucketRequest(bucket: "tagged-bucket"), context: context)
        var configuration = S3.NotificationConfiguration()
        configuration.queueConfigurations = [S3.QueueConfiguration(
            queueArn: "arn:aws:sqs:us-east-1:000000000000:q-exists", events: ["s3:ObjectTagging:*"])]
        try await s3.putBucketNotificationConfiguration(
            S3.PutBucketNotificationConfigurationRequest(bucket: "tagged-bucket", notificationConfiguration: configuration), context: context)
        _ = try await s3.putObject(S3.PutObjectRequest(body: Data("x".utf8), bucket: "tagged-bucket", key: "k"), context: context)
        _ = try await s3.putObjectTagging(S3.PutObjectTaggingRequest(
            bucket: "tagged-bucket", key: "k", tagging: S3.Tagging(tagSet: [S3.Tag(key: "a", value: "1")])), context: context)
        _ = try await s3.deleteObjectTagging(S3.DeleteObjectTaggingRequest(bucket: "tagged-bucket", key: "k"), context: context)
        #expect(destinations.events == ["s3:TestEvent", "ObjectTagging:Put k", "ObjectTagging:Delete k"])
    }
}
