import Foundation
import StratusAPIS3
@testable import StratusS3
import StratusServiceKit
import StratusStoreSQLite
import StratusTesting
import Testing

/// Archived objects: readable once restored, and again unreadable when the restored copy expires.
@Suite struct S3RestoreTests {
    @Test func aRestoredCopyExpiresAtTheMidnightAfterItsDays() async throws {
        let fixture = try S3Fixture()
        let context = S3Fixture.context
        _ = try await fixture.service.createBucket(S3.CreateBucketRequest(bucket: "cold"), context: context)
        var put = S3.PutObjectRequest(body: Data("x".utf8), bucket: "cold", key: "k")
        put.storageClass = "GLACIER"
        _ = try await fixture.service.putObject(put, context: context)
        func read() async -> String? {
            await fixture.error {
                _ = try await fixture.service.getObject(S3.GetObjectRequest(bucket: "cold", key: "k"), context: context)
            }?.code.code
        }
        #expect(await read() == "InvalidObjectState")
        var restore = S3.RestoreObjectRequest(bucket: "cold", key: "k")
        restore.restoreRequest = S3.RestoreRequest(days: 1)
        _ = try await fixture.service.restoreObject(restore, context: context)
        #expect(await read() == nil)
        let head = try await fixture.service.headObject(S3.HeadObjectRequest(bucket: "cold", key: "k"), context: context)
        // The clock starts at 2023-11-14T22:13:20Z: one day later, then to the following midnight.
        #expect(head.restore == "ongoing-request=\"false\", expiry-date=\"Thu, 16 Nov 2023 00:00:00 GMT\"")
        fixture.clock.advance(seconds: 2 * 86_400)
        #expect(await read() == "InvalidObjectState")
    }
}
