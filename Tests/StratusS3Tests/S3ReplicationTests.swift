import Foundation
import StratusAPIS3
@testable import StratusS3
import StratusServiceKit
import StratusTesting
import Testing

/// Replication: which rule covers a version, replicas with the source's version id, delete markers, failures, and
/// replicas that are never replicated further.
@Suite struct S3ReplicationTests {
    private let context = S3Fixture.context

    private func versionedBucket(_ fixture: S3Fixture, _ name: String) async throws {
        _ = try await fixture.service.createBucket(S3.CreateBucketRequest(bucket: name), context: context)
        _ = try await fixture.service.putBucketVersioning(S3.PutBucketVersioningRequest(
            bucket: name, versioningConfiguration: S3.VersioningConfiguration(status: .enabled)), context: context)
    }

    private func rule(to destination: String, priority: Int? = 1, prefix: String? = nil, tag: S3.Tag? = nil,
                      markers: String = "Disabled") -> S3.ReplicationRule {
        var rule = S3.ReplicationRule(status: .init(rawValue: "Enabled"),
                                      destination: S3.Destination(bucket: "arn:aws:s3:::\(destination)"))
        rule.priority = priority
        rule.filter = tag.map { S3.ReplicationRuleFilter(tag: $0) } ?? S3.ReplicationRuleFilter(prefix: prefix)
        rule.deleteMarkerReplication = S3.DeleteMarkerReplication(status: .init(rawValue: markers))
        return rule
    }

    private func configure(_ fixture: S3Fixture, _ bucket: String, _ rules: [S3.ReplicationRule]) async throws {
        _ = try await fixture.service.putBucketReplication(S3.PutBucketReplicationRequest(
            bucket: bucket, replicationConfiguration: S3.ReplicationConfiguration(role: "arn:aws:iam::000000000000:role/r",
                                                                                  rules: rules)), context: context)
    }

    private func put(_ fixture: S3Fixture, _ bucket: String, _ key: String, tagging: String? = nil) async throws -> String {
        var request = S3.PutObjectRequest(body: Data("bytes".utf8), bucket: bucket, key: key)
        request.tagging = tagging
        return try #require(try await fixture.service.putObject(request, context: context).versionId)
    }

    private func head(_ fixture: S3Fixture, _ bucket: String, _ key: String) async throws -> S3.HeadObjectOutput {
        try await fixture.service.headObject(S3.HeadObjectRequest(bucket: bucket, key: key), context: context)
    }

    @Test func theCoveringRuleWithTheHighestPriorityDecides() async throws {
        let fixture = try S3Fixture()
        for name in ["src", "low", "high", "tagged"] { try await versionedBucket(fixture, name) }
        try await configure(fixture, "src", [
            rule(to: "low", priority: 1, prefix: "docs/"), rule(to: "high", priority: 5, prefix: "docs/a"),
            rule(to: "tagged", priority: 9, tag: S3.Tag(key: "copy", value: "yes")),
        ])
        let version = try await put(fixture, "src", "docs/a.txt")
        #expect(try await head(fixture, "src", "docs/a.txt").replicationStatus?.rawValue == "COMPLETED")
        let replica = try await head(fixture, "high", "docs/a.txt")
        #expect(replica.replicationStatus?.rawValue == "REPLICA" && replica.versionId == version)
        #expect(try await fixture.service.store.object(bucket: "low", key: "docs/a.txt") == nil)
        // The tag rule outranks both when the object carries its tag.
        _ = try await put(fixture, "src", "docs/b.txt", tagging: "copy=yes")
        #expect(try await fixture.service.store.object(bucket: "tagged", key: "docs/b.txt") != nil)
        #expect(try await fixture.service.store.object(bucket: "low", key: "docs/b.txt") == nil)
        // Keys no rule covers keep no status.
        _ = try await put(fixture, "src", "other.txt")
        #expect(try await head(fixture, "src", "other.txt").replicationStatus == nil)
    }

    @Test func replicasAreNotReplicatedFurtherAndFailuresAreRecorded() async throws {
        let fixture = try S3Fixture()
        for name in ["src", "dst", "third"] { try await versionedBucket(fixture, name) }
        try await configure(fixture, "src", [rule(to: "dst", prefix: "")])
        try await configure(fixture, "dst", [rule(to: "third", prefix: "")])
        _ = try await put(fixture, "src", "k")
        #expect(try await fixture.service.store.object(bucket: "dst", key: "k") != nil)
        #expect(try await fixture.service.store.object(bucket: "third", key: "k") == nil)
        _ = try await put(fixture, "dst", "own")
        #expect(try await fixture.service.store.object(bucket: "third", key: "own") != nil)

        _ = try await fixture.service.putBucketVersioning(S3.PutBucketVersioningRequest(
            bucket: "dst", versioningConfiguration: S3.VersioningConfiguration(status: .init(rawValue: "Suspended"))),
            context: context)
        _ = try await put(fixture, "src", "late")
        #expect(try await head(fixture, "src", "late").replicationStatus?.rawValue == "FAILED")
        #expect(try await fixture.service.store.object(bucket: "dst", key: "late") == nil)
    }

    @Test func deleteMarkersFollowTheRule() async throws {
        let fixture = try S3Fixture()
        for name in ["src", "dst"] { try await versionedBucket(fixture, name) }
        try await configure(fixture, "src", [rule(to: "dst", prefix: "m/", markers: "Enabled"), rule(to: "dst", priority: 0, prefix: "")])
        _ = try await put(fixture, "src", "m/a")
        _ = try await put(fixture, "src", "kept")
        let marker = try await fixture.service.deleteObject(S3.DeleteObjectRequest(bucket: "src", key: "m/a"), context: context)
        _ = try await fixture.service.deleteObject(S3.DeleteObjectRequest(bucket: "src", key: "kept"), context: context)
        let latest = try #require(try await fixture.service.store.latestVersion(bucket: "dst", key: "m/a"))
        #expect(latest.isMarker && latest.versionID == marker.versionId)
        // The rule without delete-marker replication leaves the replica readable.
        #expect(try await fixture.service.store.object(bucket: "dst", key: "kept") != nil)
    }

    @Test func configurationsAreCheckedAsS3ChecksThem() async throws {
        let fixture = try S3Fixture()
        _ = try await fixture.service.createBucket(S3.CreateBucketRequest(bucket: "plain"), context: context)
        for name in ["src", "dst"] { try await versionedBucket(fixture, name) }
        func refusal(_ bucket: String, _ rules: [S3.ReplicationRule]) async -> AWSServiceError? {
            await #expect(throws: AWSServiceError.self) { try await configure(fixture, bucket, rules) }
        }
        #expect(await refusal("plain", [rule(to: "dst")])?.message
            == "Versioning must be 'Enabled' on the bucket to apply a replication configuration")
        #expect(await refusal("src", [rule(to: "plain")])?.message == "Destination bucket must have versioning enabled.")
        #expect(await refusal("src", [rule(to: "nowhere")])?.message == "Destination bucket must have versioning enabled.")
        #expect(await refusal("src", [rule(to: "src")])?.message == "Destination bucket cannot be the same as the source bucket.")
        #expect(await refusal("src", [rule(to: "dst", priority: nil)])?.code.code == "InvalidRequest")
        var noMarkers = rule(to: "dst")
        noMarkers.deleteMarkerReplication = nil
        #expect(await refusal("src", [noMarkers])?.message?.hasPrefix("DeleteMarkerReplication must be specified") == true)
        var badARN = rule(to: "dst")
        badARN.destination.bucket = "dst"
        #expect(await refusal("src", [badARN])?.message == "Invalid bucket ARN.")
        let missing = await #expect(throws: AWSServiceError.self) {
            try await fixture.service.getBucketReplication(S3.GetBucketReplicationRequest(bucket: "src"), context: context)
        }
        #expect(missing?.code.code == "ReplicationConfigurationNotFoundError")
    }
}
