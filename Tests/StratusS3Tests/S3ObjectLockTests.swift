import Foundation
import StratusAPIS3
@testable import StratusS3
import StratusServiceKit
import StratusStoreSQLite
import StratusTesting
import Testing

/// Object Lock: the protection rule, retention that ends with the clock, the bucket's default retention, and
/// lifecycle expiration that leaves protected versions alone.
@Suite struct S3ObjectLockTests {
    private let context = S3Fixture.context
    private static let day: TimeInterval = 86_400

    private func lockedBucket(_ fixture: S3Fixture, _ name: String, rule: S3.ObjectLockRule? = nil) async throws {
        var create = S3.CreateBucketRequest(bucket: name)
        create.objectLockEnabledForBucket = true
        _ = try await fixture.service.createBucket(create, context: context)
        if let rule {
            _ = try await fixture.service.putObjectLockConfiguration(S3.PutObjectLockConfigurationRequest(
                bucket: name, objectLockConfiguration: S3.ObjectLockConfiguration(objectLockEnabled: "Enabled", rule: rule)),
                context: context)
        }
    }

    private func put(_ fixture: S3Fixture, _ bucket: String, _ key: String, mode: String? = nil,
                     until: Date? = nil) async throws -> String {
        var request = S3.PutObjectRequest(body: Data("x".utf8), bucket: bucket, key: key)
        request.contentMD5 = "ndTkYSaMgDT1yFZOFVxnpg=="  // the MD5 of "x"
        request.objectLockMode = mode.map { S3.ObjectLockMode(rawValue: $0) }
        request.objectLockRetainUntilDate = until
        return try #require(try await fixture.service.putObject(request, context: context).versionId)
    }

    private func deleteVersion(_ fixture: S3Fixture, _ bucket: String, _ key: String, _ versionID: String,
                               bypass: Bool = false) async throws {
        var request = S3.DeleteObjectRequest(bucket: bucket, key: key)
        request.versionId = versionID
        request.bypassGovernanceRetention = bypass ? true : nil
        _ = try await fixture.service.deleteObject(request, context: context)
    }

    @Test func aLegalHoldAlwaysProtectsAndGovernanceGivesWayToTheBypass() {
        let now: Int64 = 1_000_000
        #expect(S3ObjectLock(legalHold: true).protects(at: now, bypassingGovernance: true))
        #expect(!S3ObjectLock(legalHold: false).protects(at: now, bypassingGovernance: false))
        let governance = S3ObjectLock(mode: "GOVERNANCE", retainUntil: now + 1)
        #expect(governance.protects(at: now, bypassingGovernance: false))
        #expect(!governance.protects(at: now, bypassingGovernance: true))
        #expect(!governance.protects(at: now + 1, bypassingGovernance: false))  // ended
        let compliance = S3ObjectLock(mode: "COMPLIANCE", retainUntil: now + 1)
        #expect(compliance.protects(at: now, bypassingGovernance: true))
        #expect(!compliance.protects(at: now + 1, bypassingGovernance: false))
    }

    @Test func aComplianceRetentionEndsWithTheClock() async throws {
        let fixture = try S3Fixture()
        try await lockedBucket(fixture, "vault")
        let version = try await put(fixture, "vault", "k", mode: "COMPLIANCE",
                                    until: fixture.clock.now().addingTimeInterval(Self.day))
        let refused = await fixture.error { try await deleteVersion(fixture, "vault", "k", version, bypass: true) }
        #expect(refused?.code.code == "AccessDenied" && refused?.code.httpStatus == 403)
        #expect(refused?.message == "Access Denied because object protected by object lock.")
        fixture.clock.advance(seconds: 2 * Self.day)
        try await deleteVersion(fixture, "vault", "k", version)
        let listed = try await fixture.service.listObjectVersions(S3.ListObjectVersionsRequest(bucket: "vault"), context: context)
        #expect(listed.versions == nil)
    }

    @Test func theDefaultRetentionDatesNewVersionsFromTheirWriting() async throws {
        let fixture = try S3Fixture()
        try await lockedBucket(fixture, "vault", rule: S3.ObjectLockRule(
            defaultRetention: S3.DefaultRetention(mode: "GOVERNANCE", years: 1)))
        _ = try await put(fixture, "vault", "k")
        let head = try await fixture.service.headObject(S3.HeadObjectRequest(bucket: "vault", key: "k"), context: context)
        #expect(head.objectLockMode == "GOVERNANCE")
        #expect(head.objectLockRetainUntilDate == fixture.clock.now().addingTimeInterval(365 * Self.day))
        // An explicit retention wins over the default.
        let until = fixture.clock.now().addingTimeInterval(3 * Self.day)
        _ = try await put(fixture, "vault", "other", mode: "COMPLIANCE", until: until)
        let other = try await fixture.service.headObject(S3.HeadObjectRequest(bucket: "vault", key: "other"), context: context)
        #expect(other.objectLockMode == "COMPLIANCE" && other.objectLockRetainUntilDate == until)
    }

    @Test func lifecycleExpirationLeavesProtectedVersionsUntilTheirRetentionEnds() async throws {
        let fixture = try S3Fixture()
        try await lockedBucket(fixture, "vault")
        var rule = S3.LifecycleRule(status: "Enabled")
        rule.id = "old"
        rule.filter = S3.LifecycleRuleFilter(prefix: "")
        rule.noncurrentVersionExpiration = S3.NoncurrentVersionExpiration(noncurrentDays: 1)
        _ = try await fixture.service.putBucketLifecycleConfiguration(S3.PutBucketLifecycleConfigurationRequest(
            bucket: "vault", lifecycleConfiguration: S3.BucketLifecycleConfiguration(rules: [rule])), context: context)
        _ = try await put(fixture, "vault", "k", mode: "COMPLIANCE", until: fixture.clock.now().addingTimeInterval(10 * Self.day))
        _ = try await put(fixture, "vault", "k")
        let early = try await fixture.service.applyLifecycle(now: fixture.clock.now().addingTimeInterval(3 * Self.day))
        #expect(early.noncurrentRemoved == 0)
        let later = try await fixture.service.applyLifecycle(now: fixture.clock.now().addingTimeInterval(11 * Self.day))
        #expect(later.noncurrentRemoved == 1)
    }

    @Test func lockConfigurationsAreCheckedAsS3ChecksThem() async throws {
        let fixture = try S3Fixture()
        _ = try await fixture.service.createBucket(S3.CreateBucketRequest(bucket: "plain"), context: context)
        func configure(_ rule: S3.ObjectLockRule?) async -> AWSServiceError? {
            await fixture.error {
                _ = try await fixture.service.putObjectLockConfiguration(S3.PutObjectLockConfigurationRequest(
                    bucket: "plain", objectLockConfiguration: S3.ObjectLockConfiguration(objectLockEnabled: "Enabled", rule: rule)),
                    context: context)
            }
        }
        let unversioned = await configure(nil)
        #expect(unversioned?.code.code == "InvalidBucketState" && unversioned?.code.httpStatus == 409)
        #expect(await configure(S3.ObjectLockRule(defaultRetention: S3.DefaultRetention(mode: "GOVERNANCE", days: 1, years: 1)))?
            .code.code == "MalformedXML")
        #expect(await configure(S3.ObjectLockRule(defaultRetention: S3.DefaultRetention(mode: "GOVERNANCE")))?.code.code
            == "MalformedXML")
        let zero = await configure(S3.ObjectLockRule(defaultRetention: S3.DefaultRetention(mode: "GOVERNANCE", days: 0)))
        #expect(zero?.code.code == "InvalidArgument" && zero?.message == "Default retention period must be a positive integer value")
        // Suspending versioning is refused once Object Lock is on.
        try await lockedBucket(fixture, "vault")
        let suspend = await fixture.error {
            try await fixture.service.putBucketVersioning(S3.PutBucketVersioningRequest(
                bucket: "vault", versioningConfiguration: S3.VersioningConfiguration(status: "Suspended")), context: context)
        }
        #expect(suspend?.code.code == "InvalidBucketState")
        let versioning = try await fixture.service.getBucketVersioning(S3.GetBucketVersioningRequest(bucket: "vault"), context: context)
        #expect(versioning.status == "Enabled")
    }

    @Test func bytesThatGetALockNeedAnIntegrityCheck() async throws {
        let fixture = try S3Fixture()
        try await lockedBucket(fixture, "vault")
        let message = "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters"
        // No lock parameters and no default retention: no check needed.
        _ = try await fixture.service.putObject(S3.PutObjectRequest(body: Data("x".utf8), bucket: "vault", key: "free"),
                                                context: context)
        var bare = S3.PutObjectRequest(body: Data("x".utf8), bucket: "vault", key: "k")
        bare.objectLockLegalHoldStatus = S3.ObjectLockLegalHoldStatus(rawValue: "ON")
        let refused = await #expect(throws: AWSServiceError.self) {
            try await fixture.service.putObject(bare, context: context)
        }
        #expect(refused?.code.code == "InvalidRequest" && refused?.code.httpStatus == 400 && refused?.message == message)
        // Nothing was written.
        let versions = try await fixture.service.listObjectVersions(
            S3.ListObjectVersionsRequest(bucket: "vault", prefix: "k"), context: context)
        #expect(versions.versions == nil)
        // A checksum value or an announced algorithm will do.
        var withChecksum = bare
        withChecksum.checksumAlgorithm = S3.ChecksumAlgorithm(rawValue: "CRC32")
        _ = try await fixture.service.putObject(withChecksum, context: context)

        // The bucket's default retention is a lock too, for parts of multipart uploads as well.
        try await lockedBucket(fixture, "vault2", rule: S3.ObjectLockRule(
            defaultRetention: S3.DefaultRetention(mode: "GOVERNANCE", days: 1)))
        let plain = await #expect(throws: AWSServiceError.self) {
            try await fixture.service.putObject(S3.PutObjectRequest(body: Data("x".utf8), bucket: "vault2", key: "k"),
                                                context: context)
        }
        #expect(plain?.message == message)
        let upload = try await fixture.service.createMultipartUpload(
            S3.CreateMultipartUploadRequest(bucket: "vault2", key: "multi"), context: context)
        let part = await #expect(throws: AWSServiceError.self) {
            try await fixture.service.uploadPart(S3.UploadPartRequest(
                body: Data("p".utf8), bucket: "vault2", key: "multi", partNumber: 1, uploadId: upload.uploadId ?? ""),
                context: context)
        }
        #expect(part?.message == "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Part requests with Object Lock parameters")
    }
}
