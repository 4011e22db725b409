import Foundation
import StratusAPIS3
@testable import StratusS3
import StratusServiceKit
import StratusStoreSQLite
import StratusTesting
import Synchronization
import Testing

/// Bucket versioning: versions kept on overwrite, delete markers, the null version of unversioned and suspended
/// writes, reads and deletions by version id, the version listing, and their notifications.
@Suite struct S3VersioningTests {
    private let context = S3Fixture.context

    private func bucket(_ fixture: S3Fixture, _ name: String, versioning: String?) async throws {
        _ = try await fixture.service.createBucket(S3.CreateBucketRequest(bucket: name), context: context)
        if let versioning {
            try await fixture.service.putBucketVersioning(S3.PutBucketVersioningRequest(
                bucket: name, versioningConfiguration: S3.VersioningConfiguration(status: .init(rawValue: versioning))),
                context: context)
        }
    }

    @discardableResult
    private func put(_ fixture: S3Fixture, _ bucket: String, _ key: String, _ text: String) async throws -> String? {
        try await fixture.service.putObject(S3.PutObjectRequest(body: Data(text.utf8), bucket: bucket, key: key),
                                            context: context).versionId
    }

    private func get(_ fixture: S3Fixture, _ bucket: String, _ key: String, version: String? = nil) async throws
        -> (text: String, version: String?)
    {
        var request = S3.GetObjectRequest(bucket: bucket, key: key)
        request.versionId = version
        let output = try await fixture.service.getObject(request, context: context)
        return (String(decoding: output.body ?? Data(), as: UTF8.self), output.versionId)
    }

    private func versions(_ fixture: S3Fixture, _ bucket: String) async throws -> [String] {
        let output = try await fixture.service.listObjectVersions(S3.ListObjectVersionsRequest(bucket: bucket),
                                                                  context: context)
        let objects = (output.versions ?? []).map { "\($0.key ?? "") \($0.versionId ?? "")\($0.isLatest == true ? " latest" : "")" }
        let markers = (output.deleteMarkers ?? []).map { "\($0.key ?? "") \($0.versionId ?? "") marker\($0.isLatest == true ? " latest" : "")" }
        return objects + markers
    }

    @Test func anEnabledBucketKeepsEveryVersion() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "kept", versioning: "Enabled")
        let first = try #require(try await put(fixture, "kept", "k", "one"))
        let second = try #require(try await put(fixture, "kept", "k", "two"))
        #expect(first != second && first.count == 32)
        #expect(try await get(fixture, "kept", "k") == ("two", second))
        #expect(try await get(fixture, "kept", "k", version: first) == ("one", first))
        #expect(try await versions(fixture, "kept") == ["k \(second) latest", "k \(first)"])
        #expect(fixture.blobCount() == 2)
        let status = try await fixture.service.getBucketVersioning(S3.GetBucketVersioningRequest(bucket: "kept"),
                                                                   context: context).status
        #expect(status?.rawValue == "Enabled")
    }

    @Test func deletingWithoutAVersionAddsAMarkerThatHidesTheKey() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "marked", versioning: "Enabled")
        let first = try #require(try await put(fixture, "marked", "k", "one"))
        let deleted = try await fixture.service.deleteObject(S3.DeleteObjectRequest(bucket: "marked", key: "k"),
                                                             context: context)
        let marker = try #require(deleted.versionId)
        #expect(deleted.deleteMarker == true)
        let hidden = await fixture.error { _ = try await get(fixture, "marked", "k") }
        #expect(hidden?.code.code == "NoSuchKey")
        #expect(hidden?.headers.contains { $0 == ("x-amz-delete-marker", "true") } == true)
        let listed = try await fixture.service.listObjectsV2(S3.ListObjectsV2Request(bucket: "marked"), context: context)
        #expect(listed.contents == nil)
        #expect(try await versions(fixture, "marked") == ["k \(first)", "k \(marker) marker latest"])
        // The marker read by its version id is not an object.
        let read = await fixture.error { _ = try await get(fixture, "marked", "k", version: marker) }
        #expect(read?.code.code == "MethodNotAllowed" && read?.code.httpStatus == 405)
        // Removing the marker brings the object back.
        var removal = S3.DeleteObjectRequest(bucket: "marked", key: "k")
        removal.versionId = marker
        let removed = try await fixture.service.deleteObject(removal, context: context)
        #expect(removed.deleteMarker == true && removed.versionId == marker)
        #expect(try await get(fixture, "marked", "k") == ("one", first))
    }

    @Test func removingTheCurrentVersionMakesThePreviousOneCurrent() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "promoted", versioning: "Enabled")
        let first = try #require(try await put(fixture, "promoted", "k", "one"))
        let second = try #require(try await put(fixture, "promoted", "k", "two"))
        var removal = S3.DeleteObjectRequest(bucket: "promoted", key: "k")
        removal.versionId = second
        _ = try await fixture.service.deleteObject(removal, context: context)
        #expect(try await get(fixture, "promoted", "k") == ("one", first))
        #expect(fixture.blobCount() == 1)
        removal.versionId = first
        _ = try await fixture.service.deleteObject(removal, context: context)
        #expect(try await versions(fixture, "promoted") == [])
        #expect(fixture.blobCount() == 0)
        try await fixture.service.deleteBucket(S3.DeleteBucketRequest(bucket: "promoted"), context: context)
    }

    @Test func aSuspendedBucketOverwritesOnlyTheNullVersion() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "paused", versioning: nil)
        #expect(try await put(fixture, "paused", "k", "before") == nil)
        try await fixture.service.putBucketVersioning(S3.PutBucketVersioningRequest(
            bucket: "paused", versioningConfiguration: S3.VersioningConfiguration(status: .enabled)), context: context)
        let kept = try #require(try await put(fixture, "paused", "k", "kept"))
        try await fixture.service.putBucketVersioning(S3.PutBucketVersioningRequest(
            bucket: "paused", versioningConfiguration: S3.VersioningConfiguration(status: "Suspended")), context: context)
        #expect(try await put(fixture, "paused", "k", "null one") == nil)
        #expect(try await versions(fixture, "paused") == ["k null latest", "k \(kept)"])
        #expect(try await put(fixture, "paused", "k", "null two") == nil)
        #expect(try await get(fixture, "paused", "k") == ("null two", "null"))
        #expect(try await get(fixture, "paused", "k", version: kept) == ("kept", kept))
        #expect(try await versions(fixture, "paused") == ["k null latest", "k \(kept)"])
        #expect(fixture.blobCount() == 2)
    }

    @Test func anObjectWrittenBeforeVersioningBecomesTheNullVersion() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "late", versioning: nil)
        try await put(fixture, "late", "k", "old")
        try await fixture.service.putBucketVersioning(S3.PutBucketVersioningRequest(
            bucket: "late", versioningConfiguration: S3.VersioningConfiguration(status: .enabled)), context: context)
        let new = try #require(try await put(fixture, "late", "k", "new"))
        #expect(try await versions(fixture, "late") == ["k \(new) latest", "k null"])
        #expect(try await get(fixture, "late", "k", version: "null") == ("old", "null"))
    }

    @Test func anUnversionedBucketAnswersWithoutVersions() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "plain", versioning: nil)
        #expect(try await put(fixture, "plain", "k", "one") == nil)
        #expect(try await put(fixture, "plain", "k", "two") == nil)
        #expect(try await get(fixture, "plain", "k") == ("two", nil))
        #expect(try await versions(fixture, "plain") == ["k null latest"])
        let status = try await fixture.service.getBucketVersioning(S3.GetBucketVersioningRequest(bucket: "plain"),
                                                                   context: context).status
        #expect(status == nil)
        let deleted = try await fixture.service.deleteObject(S3.DeleteObjectRequest(bucket: "plain", key: "k"), context: context)
        #expect(deleted.deleteMarker == nil && deleted.versionId == nil)
        #expect(try await versions(fixture, "plain") == [])
        #expect(fixture.blobCount() == 0)
    }

    @Test func versionIDsAreChecked() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "checked", versioning: "Enabled")
        try await put(fixture, "checked", "k", "one")
        let malformed = await fixture.error { _ = try await get(fixture, "checked", "k", version: "not-a-version") }
        #expect(malformed?.code.code == "InvalidArgument" && malformed?.message == "Invalid version id specified")
        let missing = await fixture.error {
            _ = try await get(fixture, "checked", "k", version: String(repeating: "A", count: 32))
        }
        #expect(missing?.code.code == "NoSuchVersion" && missing?.code.httpStatus == 404)
        let wrongStatus = await fixture.error {
            try await fixture.service.putBucketVersioning(S3.PutBucketVersioningRequest(
                bucket: "checked", versioningConfiguration: S3.VersioningConfiguration(status: "Disabled")), context: context)
        }
        #expect(wrongStatus?.code.code == "MalformedXML")
    }

    @Test func aBucketWithOnlyOldVersionsIsNotEmpty() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "full", versioning: "Enabled")
        try await put(fixture, "full", "k", "one")
        _ = try await fixture.service.deleteObject(S3.DeleteObjectRequest(bucket: "full", key: "k"), context: context)
        let refused = await fixture.error {
            try await fixture.service.deleteBucket(S3.DeleteBucketRequest(bucket: "full"), context: context)
        }
        #expect(refused?.code.code == "BucketNotEmpty")
    }

    @Test func theListingPagesThroughVersionsWithBothMarkers() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "paged", versioning: "Enabled")
        var expected: [String] = []
        for key in ["a", "b"] {
            var written: [String] = []
            for round in 0..<3 { written.append(try #require(try await put(fixture, "paged", key, "\(key)\(round)"))) }
            expected += written.reversed().map { "\(key) \($0)" }
        }
        var seen: [String] = []
        var request = S3.ListObjectVersionsRequest(bucket: "paged")
        request.maxKeys = 2
        while true {
            let page = try await fixture.service.listObjectVersions(request, context: context)
            seen += (page.versions ?? []).map { "\($0.key ?? "") \($0.versionId ?? "")" }
            guard page.isTruncated == true else { break }
            request.keyMarker = page.nextKeyMarker
            request.versionIdMarker = page.nextVersionIdMarker
        }
        #expect(seen == expected)
        request = S3.ListObjectVersionsRequest(bucket: "paged")
        request.versionIdMarker = expected[0].components(separatedBy: " ")[1]
        let noKey = await fixture.error { _ = try await fixture.service.listObjectVersions(request, context: context) }
        #expect(noKey?.code.code == "InvalidArgument")
    }

    @Test func copyingAnOldVersionRestoresIt() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "restored", versioning: "Enabled")
        let first = try #require(try await put(fixture, "restored", "k", "one"))
        try await put(fixture, "restored", "k", "two")
        let copied = try await fixture.service.copyObject(S3.CopyObjectRequest(
            bucket: "restored", copySource: "restored/k?versionId=\(first)", key: "k"), context: context)
        #expect(copied.copySourceVersionId == first)
        let restored = try #require(copied.versionId)
        #expect(try await get(fixture, "restored", "k") == ("one", restored))
        #expect(try await versions(fixture, "restored").count == 3)
    }

    @Test func deleteObjectsAddsMarkersAndRemovesVersions() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "batch", versioning: "Enabled")
        let first = try #require(try await put(fixture, "batch", "a", "one"))
        try await put(fixture, "batch", "b", "two")
        let output = try await fixture.service.deleteObjects(S3.DeleteObjectsRequest(
            bucket: "batch", delete: S3.Delete(objects: [
                S3.ObjectIdentifier(key: "a", versionId: first), S3.ObjectIdentifier(key: "b"),
                S3.ObjectIdentifier(key: "c", versionId: "bad"),
            ])), context: context)
        let deleted = output.deleted ?? []
        #expect(deleted.count == 2)
        #expect(deleted[0].key == "a" && deleted[0].versionId == first && deleted[0].deleteMarker == nil)
        #expect(deleted[1].key == "b" && deleted[1].deleteMarker == true && deleted[1].deleteMarkerVersionId?.count == 32)
        #expect(output.errors?.first?.key == "c")
        let remaining = try await versions(fixture, "batch")
        #expect(remaining.count == 2 && remaining.allSatisfy { $0.hasPrefix("b ") })
    }

    @Test func notificationsNameTheVersionAndTheMarker() async throws {
        let destinations = RecordingDestinations()
        let fixture = try S3Fixture(events: destinations)
        try await bucket(fixture, "told", versioning: "Enabled")
        var configuration = S3.NotificationConfiguration()
        configuration.queueConfigurations = [S3.QueueConfiguration(
            queueArn: "arn:aws:sqs:us-east-1:000000000000:q-exists", events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"])]
        try await fixture.service.putBucketNotificationConfiguration(
            S3.PutBucketNotificationConfigurationRequest(bucket: "told", notificationConfiguration: configuration),
            context: context)
        let version = try #require(try await put(fixture, "told", "k", "one"))
        let marker = try #require(try await fixture.service.deleteObject(
            S3.DeleteObjectRequest(bucket: "told", key: "k"), context: context).versionId)
        #expect(destinations.events == ["s3:TestEvent", "ObjectCreated:Put k", "ObjectRemoved:DeleteMarkerCreated k"])
        let versionIDs = destinations.sent.withLock { sent in
            sent.dropFirst().compactMap { entry -> String? in
                let object = (try? JSONSerialization.jsonObject(with: Data(entry.message.utf8))) as? [String: Any]
                let record = (object?["Records"] as? [[String: Any]])?.first
                return ((record?["s3"] as? [String: Any])?["object"] as? [String: Any])?["versionId"] as? String
            }
        }
        #expect(versionIDs == [version, marker])
    }
}
