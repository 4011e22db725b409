import Foundation
import StratusAPIS3
@testable import StratusS3
import StratusServiceKit
import StratusTesting
import Testing

/// S3 Inventory: configuration checks, report rows, and reports written only when due.
@Suite struct S3InventoryTests {
    private let context = S3Fixture.context

    private func configuration(_ id: String, format: String = "CSV", destination: String = "arn:aws:s3:::dst",
                               frequency: String = "Daily") -> S3.InventoryConfiguration {
        S3.InventoryConfiguration(
            destination: S3.InventoryDestination(s3BucketDestination: S3.InventoryS3BucketDestination(
                bucket: destination, format: .init(rawValue: format), prefix: "reports")),
            isEnabled: true, id: id, includedObjectVersions: .init(rawValue: "Current"),
            optionalFields: [.init(rawValue: "Size"), .init(rawValue: "ETag")],
            schedule: S3.InventorySchedule(frequency: .init(rawValue: frequency)))
    }

    private func put(_ fixture: S3Fixture, id: String, _ configuration: S3.InventoryConfiguration) async throws {
        _ = try await fixture.service.putBucketInventoryConfiguration(S3.PutBucketInventoryConfigurationRequest(
            bucket: "src", id: id, inventoryConfiguration: configuration), context: context)
    }

    @Test func configurationsAreCheckedAsS3ChecksThem() async throws {
        let fixture = try S3Fixture()
        _ = try await fixture.service.createBucket(S3.CreateBucketRequest(bucket: "src"), context: context)
        let mismatch = await #expect(throws: AWSServiceError.self) { try await put(fixture, id: "a", configuration("b")) }
        #expect(mismatch?.code.code == "IdMismatch" && mismatch?.message == "Document ID does not match the specified configuration ID.")
        let arn = await #expect(throws: AWSServiceError.self) { try await put(fixture, id: "a", configuration("a", destination: "dst")) }
        #expect(arn?.code.code == "InvalidS3DestinationBucket" && arn?.message == "Invalid bucket ARN.")
        let orc = await #expect(throws: AWSServiceError.self) { try await put(fixture, id: "a", configuration("a", format: "ORC")) }
        #expect(orc?.code.code == "NotImplemented" && orc?.code.httpStatus == 501)
        let missing = await #expect(throws: AWSServiceError.self) {
            try await fixture.service.getBucketInventoryConfiguration(
                S3.GetBucketInventoryConfigurationRequest(bucket: "src", id: "a"), context: context)
        }
        #expect(missing?.code.code == "NoSuchConfiguration" && missing?.code.httpStatus == 404)
    }

    @Test func reportsAreWrittenWhenDue() async throws {
        let fixture = try S3Fixture()
        for name in ["src", "dst"] {
            _ = try await fixture.service.createBucket(S3.CreateBucketRequest(bucket: name), context: context)
        }
        _ = try await fixture.service.putObject(S3.PutObjectRequest(body: Data("abc".utf8), bucket: "src", key: "k"),
                                                context: context)
        try await put(fixture, id: "inv", configuration("inv"))
        #expect(try await fixture.service.writeInventoryReports(now: fixture.clock.now(), dueOnly: true) == 1)
        #expect(try await fixture.service.writeInventoryReports(now: fixture.clock.now(), dueOnly: true) == 0)
        #expect(try await fixture.service.writeInventoryReports(now: fixture.clock.now().addingTimeInterval(86_400),
                                                                dueOnly: true) == 1)
        let listed = try await fixture.service.listObjectsV2(S3.ListObjectsV2Request(bucket: "dst"), context: context)
        let keys = listed.contents?.compactMap(\.key) ?? []
        #expect(keys.filter { $0.hasSuffix("/manifest.json") }.count == 2)
        #expect(keys.allSatisfy { $0.hasPrefix("reports/src/inv/") })
    }

    @Test func aDestinationWithADefaultRetentionTakesReports() async throws {
        let fixture = try S3Fixture()
        _ = try await fixture.service.createBucket(S3.CreateBucketRequest(bucket: "src"), context: context)
        var locked = S3.CreateBucketRequest(bucket: "dst")
        locked.objectLockEnabledForBucket = true
        _ = try await fixture.service.createBucket(locked, context: context)
        _ = try await fixture.service.putObjectLockConfiguration(S3.PutObjectLockConfigurationRequest(
            bucket: "dst", objectLockConfiguration: S3.ObjectLockConfiguration(
                objectLockEnabled: "Enabled",
                rule: S3.ObjectLockRule(defaultRetention: S3.DefaultRetention(mode: "GOVERNANCE", days: 1)))),
            context: context)
        try await put(fixture, id: "inv", configuration("inv"))
        #expect(try await fixture.service.writeInventoryReports(now: fixture.clock.now(), dueOnly: false) == 1)
        let listed = try await fixture.service.listObjectsV2(S3.ListObjectsV2Request(bucket: "dst"), context: context)
        #expect(listed.contents?.count == 4)
    }

    @Test func rowsQuoteEveryValueInTheConfiguredColumns() {
        var record = S3ObjectRecord(bucket: "src", key: "a b/\"c\".txt", size: 3, eTag: "\"900150983cd24fb0d6963f7d28e17f72\"",
                                    lastModified: 1_795_843_025_000, headers: S3ObjectHeaders(), metadata: [:],
                                    checksum: nil, storageClass: "STANDARD", tags: nil, versionID: "v1")
        record.blobID = "b"
        var report = S3InventoryReport(allVersions: true, optionalFields: ["Size", "ETag", "LastModifiedDate", "ObjectLockMode"])
        report.add(record, isLatest: true)
        #expect(report.columns == ["Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker", "Size", "ETag",
                                   "LastModifiedDate", "ObjectLockMode"])
        #expect(report.rows == [#""src","a%20b/%22c%22.txt","v1","true","false","3","900150983cd24fb0d6963f7d28e17f72","2026-11-28T05:17:05.000Z","""#])
        let manifest = report.manifest(sourceBucket: "src", destinationBucket: "dst", created: 1, files: [])
        let document = try? JSONSerialization.jsonObject(with: manifest) as? [String: Any]
        #expect(document?["fileSchema"] as? String == report.columns.joined(separator: ", "))
        #expect(document?["destinationBucket"] as? String == "arn:aws:s3:::dst")
    }
}
