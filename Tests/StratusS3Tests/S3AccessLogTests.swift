import Foundation
import StratusAPIS3
@testable import StratusS3
import StratusServiceKit
import StratusTesting
import Testing

/// Server access logging: the log line format, operation names, the configuration's checks and the delivery of
/// records as log objects.
@Suite struct S3AccessLogTests {
    private let context = S3Fixture.context

    private func bucket(_ fixture: S3Fixture, _ name: String, region: String? = nil,
                        context: RequestContext = S3Fixture.context) async throws {
        var create = S3.CreateBucketRequest(bucket: name)
        if let region { create.createBucketConfiguration = S3.CreateBucketConfiguration(locationConstraint: S3.BucketLocationConstraint(rawValue: region)) }
        var regional = context
        if let region { regional.region = region }
        _ = try await fixture.service.createBucket(create, context: regional)
    }

    private func enable(_ fixture: S3Fixture, _ source: String, target: String, prefix: String = "logs/",
                        format: S3.TargetObjectKeyFormat? = nil) async throws {
        var logging = S3.LoggingEnabled(targetBucket: target, targetPrefix: prefix)
        logging.targetObjectKeyFormat = format
        _ = try await fixture.service.putBucketLogging(S3.PutBucketLoggingRequest(
            bucket: source, bucketLoggingStatus: S3.BucketLoggingStatus(loggingEnabled: logging)), context: context)
    }

    @Test func aRecordIsOneLineInS3sFormat() {
        var record = S3AccessLogRecord(bucket: "src", bucketOwner: String(repeating: "a", count: 64),
                                       time: Date(timeIntervalSince1970: 1_549_411_238), requestID: "3E57427F3EXAMPLE",
                                       operation: "REST.GET.OBJECT", status: 200)
        record.remoteIP = "127.0.0.1"
        record.requester = "arn:aws:iam::000000000000:root"
        record.key = "photos/a b.jpg"
        record.requestURI = "GET /src/photos/a%20b.jpg HTTP/1.1"
        record.bytesSent = 2662
        record.objectSize = 2662
        record.totalMilliseconds = 70
        record.turnAroundMilliseconds = 10
        record.userAgent = "S3Console/0.4 \"quoted\""
        record.hostID = "s9lzHYrFp76Z"
        record.signatureVersion = "SigV4"
        record.authenticationType = "AuthHeader"
        record.hostHeader = "127.0.0.1:4566"
        #expect(record.line == String(repeating: "a", count: 64) + " src [06/Feb/2019:00:00:38 +0000] 127.0.0.1 "
            + "arn:aws:iam::000000000000:root 3E57427F3EXAMPLE REST.GET.OBJECT photos/a%20b.jpg "
            + "\"GET /src/photos/a%20b.jpg HTTP/1.1\" 200 - 2662 2662 70 10 \"-\" \"S3Console/0.4 \\\"quoted\\\"\" - "
            + "s9lzHYrFp76Z SigV4 - AuthHeader 127.0.0.1:4566 - - -")
        let anonymous = S3AccessLogRecord(bucket: "src", bucketOwner: "o", time: Date(timeIntervalSince1970: 0),
                                          requestID: "R", operation: "REST.HEAD.BUCKET", status: 404)
        // 26 fields; the time's brackets hold a space.
        #expect(anonymous.line.split(separator: " ").count == 27)
        #expect(anonymous.line.hasSuffix(" 404 - - - 0 - \"-\" \"-\" - - - - - - - - -"))
    }

    @Test func operationsAreNamedAsS3LogsThem() {
        #expect(S3AccessLogOperation.name(of: "GetObject", method: "GET") == "REST.GET.OBJECT")
        #expect(S3AccessLogOperation.name(of: "CopyObject", method: "PUT") == "REST.COPY.OBJECT")
        #expect(S3AccessLogOperation.name(of: "ListObjectsV2", method: "GET") == "REST.GET.BUCKET")
        #expect(S3AccessLogOperation.name(of: "GetBucketVersioning", method: "GET") == "REST.GET.VERSIONING")
        #expect(S3AccessLogOperation.name(of: "PutBucketLogging", method: "PUT") == "REST.PUT.LOGGING_STATUS")
        #expect(S3AccessLogOperation.name(of: "DeleteObjectTagging", method: "DELETE") == "REST.DELETE.OBJECT_TAGGING")
        #expect(S3AccessLogOperation.name(of: "DeleteObjects", method: "POST") == "REST.POST.MULTI_OBJECT_DELETE")
        #expect(S3AccessLogOperation.name(of: "UploadPart", method: "PUT") == "REST.PUT.PART")
        #expect(S3AccessLogOperation.name(of: "SelectObjectContent", method: "POST") == "REST.POST.OBJECT")
    }

    @Test func aLoggingTargetIsCheckedAsS3ChecksIt() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "src")
        try await bucket(fixture, "logs")
        try await bucket(fixture, "faraway", region: "eu-west-1")
        var other = context
        other.accountID = "111122223333"
        try await bucket(fixture, "theirs", context: other)

        let missing = await #expect(throws: AWSServiceError.self) { try await enable(fixture, "src", target: "nope") }
        #expect(missing?.code.code == "InvalidTargetBucketForLogging" && missing?.code.httpStatus == 400)
        #expect(missing?.message == "The target bucket for logging does not exist")
        let foreign = await #expect(throws: AWSServiceError.self) { try await enable(fixture, "src", target: "theirs") }
        #expect(foreign?.message == "The owner for the bucket to be logged and the target bucket must be the same.")
        let far = await #expect(throws: AWSServiceError.self) { try await enable(fixture, "src", target: "faraway") }
        #expect(far?.code.code == "CrossLocationLoggingProhibitted" && far?.code.httpStatus == 403)
        let both = await #expect(throws: AWSServiceError.self) {
            try await enable(fixture, "src", target: "logs", format: S3.TargetObjectKeyFormat(
                simplePrefix: S3.SimplePrefix(), partitionedPrefix: S3.PartitionedPrefix()))
        }
        #expect(both?.code.code == "MalformedXML")
        // Nothing of the failed requests was kept.
        let none = try await fixture.service.getBucketLogging(S3.GetBucketLoggingRequest(bucket: "src"), context: context)
        #expect(none.loggingEnabled == nil)

        try await enable(fixture, "src", target: "logs")
        let shown = try await fixture.service.getBucketLogging(S3.GetBucketLoggingRequest(bucket: "src"), context: context)
        #expect(shown.loggingEnabled == S3.LoggingEnabled(targetBucket: "logs", targetPrefix: "logs/"))
        _ = try await fixture.service.putBucketLogging(S3.PutBucketLoggingRequest(
            bucket: "src", bucketLoggingStatus: S3.BucketLoggingStatus()), context: context)
        #expect(try await fixture.service.accessLogging(of: "src") == nil)
    }

    @Test func recordsAreDeliveredAsOneLogObjectNamedByTheKeyFormat() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "src")
        try await bucket(fixture, "logs")
        try await enable(fixture, "src", target: "logs", format: S3.TargetObjectKeyFormat(
            partitionedPrefix: S3.PartitionedPrefix(partitionDateSource: S3.PartitionDateSource(rawValue: "EventTime"))))
        let destination = try #require(try await fixture.service.accessLogging(of: "src"))
        let records = (1...2).map { index in
            S3AccessLogRecord(bucket: "src", bucketOwner: "o", time: fixture.clock.now(), requestID: "R\(index)",
                              operation: "REST.GET.OBJECT", status: 200)
        }
        #expect(try await fixture.service.deliverAccessLogs(records, to: destination))
        let listed = try await fixture.service.listObjectsV2(S3.ListObjectsV2Request(bucket: "logs"), context: context)
        let key = try #require(listed.contents?.first?.key)
        #expect(listed.contents?.count == 1)
        let day = S3AccessLogRecord.utcCalendar.dateComponents([.year, .month, .day], from: fixture.clock.now())
        let folder = String(format: "logs/000000000000/us-east-1/src/%04d/%02d/%02d/", day.year!, day.month!, day.day!)
        #expect(key.hasPrefix(folder))
        #expect(key.dropFirst(folder.count).wholeMatch(of: /\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-[0-9A-F]{16}/) != nil)
        let object = try await fixture.service.getObject(S3.GetObjectRequest(bucket: "logs", key: key), context: context)
        #expect(String(decoding: object.body ?? Data(), as: UTF8.self) == records.map { $0.line + "\n" }.joined())

        // A target that can no longer take logs gets nothing.
        _ = try await fixture.service.deleteObject(S3.DeleteObjectRequest(bucket: "logs", key: key), context: context)
        _ = try await fixture.service.deleteBucket(S3.DeleteBucketRequest(bucket: "logs"), context: context)
        #expect(try await fixture.service.deliverAccessLogs(records, to: destination) == false)
    }
}
