import Foundation
import OrderedCollections
import StratusStoreSQLite
import StratusAPIS3
import StratusS3
import StratusServiceKit
import Testing

@Suite struct S3ServiceTests {
    private func put(_ fixture: S3Fixture, _ bucket: String, _ key: String, _ text: String) async throws -> S3.PutObjectOutput {
        try await fixture.service.putObject(S3.PutObjectRequest(body: Data(text.utf8), bucket: bucket, key: key),
                                            context: fixture.context)
    }

    private func bucket(_ fixture: S3Fixture, _ name: String) async throws {
        _ = try await fixture.service.createBucket(S3.CreateBucketRequest(bucket: name), context: fixture.context)
    }

    @Test func bucketsFollowS3sRegionAndOwnershipRules() async throws {
        let fixture = try S3Fixture()
        let created = try await fixture.service.createBucket(S3.CreateBucketRequest(bucket: "photos"), context: fixture.context)
        #expect(created.location == "/photos")
        // us-east-1 answers a repeated create of one's own bucket with success.
        _ = try await fixture.service.createBucket(S3.CreateBucketRequest(bucket: "photos"), context: fixture.context)
        var other = fixture.context
        other.accountID = "111111111111"
        let taken = await fixture.error {
            _ = try await fixture.service.createBucket(S3.CreateBucketRequest(bucket: "photos"), context: other)
        }
        #expect(taken?.code.code == "BucketAlreadyExists")
        var west = fixture.context
        west.region = "eu-west-1"
        let unspecified = await fixture.error {
            _ = try await fixture.service.createBucket(S3.CreateBucketRequest(bucket: "west"), context: west)
        }
        #expect(unspecified?.code.code == "IllegalLocationConstraintException")
        let invalid = await fixture.error {
            _ = try await fixture.service.createBucket(S3.CreateBucketRequest(bucket: "Bad_Name"), context: fixture.context)
        }
        #expect(invalid?.code.code == "InvalidBucketName")
        #expect(invalid?.code.httpStatus == 400)
    }

    @Test func objectsAreStoredReadAndReplacedWithTheirBytes() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "data")
        let first = try await put(fixture, "data", "a.txt", "hello")
        #expect(first.eTag == "\"5d41402abc4b2a76b9719d911017c592\"")
        _ = try await put(fixture, "data", "a.txt", "hello, world")
        #expect(fixture.blobCount() == 1)
        let read = try await fixture.service.getObject(S3.GetObjectRequest(bucket: "data", key: "a.txt"), context: fixture.context)
        #expect(read.body == Data("hello, world".utf8))
        #expect(read.contentType == "binary/octet-stream")
        var ranged = S3.GetObjectRequest(bucket: "data", key: "a.txt")
        ranged.range = "bytes=7-"
        let part = try await fixture.service.getObject(ranged, context: fixture.context)
        #expect(part.body == Data("world".utf8))
        #expect(part.contentRange == "bytes 7-11/12")
        ranged.range = "bytes=40-"
        let unsatisfiable = await fixture.error { _ = try await fixture.service.getObject(ranged, context: fixture.context) }
        #expect(unsatisfiable?.code.code == "InvalidRange")
        var conditional = S3.GetObjectRequest(bucket: "data", key: "a.txt")
        conditional.ifNoneMatch = read.eTag
        let notModified = await fixture.error { _ = try await fixture.service.getObject(conditional, context: fixture.context) }
        #expect(notModified?.code.httpStatus == 304)
        let missing = await fixture.error {
            _ = try await fixture.service.getObject(S3.GetObjectRequest(bucket: "data", key: "b.txt"), context: fixture.context)
        }
        #expect(missing?.code.code == "NoSuchKey")
        #expect(missing?.fields["Key"] == .string("b.txt"))
        _ = try await fixture.service.deleteObject(S3.DeleteObjectRequest(bucket: "data", key: "a.txt"), context: fixture.context)
        #expect(fixture.blobCount() == 0)
    }

    @Test func aBadContentMD5OrChecksumStoresNothing() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "data")
        var request = S3.PutObjectRequest(body: Data("abc".utf8), bucket: "data", key: "k")
        request.contentMD5 = Data(repeating: 0, count: 16).base64EncodedString()
        let badDigest = await fixture.error { _ = try await fixture.service.putObject(request, context: fixture.context) }
        #expect(badDigest?.code.code == "BadDigest")
        request.contentMD5 = nil
        request.checksumCRC32 = "AAAAAA=="
        let badChecksum = await fixture.error { _ = try await fixture.service.putObject(request, context: fixture.context) }
        #expect(badChecksum?.code.code == "BadDigest")
        #expect(badChecksum?.message == "The CRC32 you specified did not match the calculated checksum.")
        #expect(try await fixture.store.object(bucket: "data", key: "k") == nil)
        #expect(fixture.blobCount() == 0)
    }

    @Test func listingsRollUpCommonPrefixesAndPageInKeyOrder() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "tree")
        for key in ["a/1", "a/2", "b", "c/x/1", "c/y", "d", "é"] { _ = try await put(fixture, "tree", key, key) }
        var request = S3.ListObjectsV2Request(bucket: "tree")
        request.delimiter = "/"
        request.maxKeys = 2
        var pages: [[String]] = []
        while true {
            let page = try await fixture.service.listObjectsV2(request, context: fixture.context)
            pages.append((page.commonPrefixes ?? []).compactMap(\.prefix) + (page.contents ?? []).compactMap(\.key))
            #expect(page.keyCount == pages.last?.count)
            guard page.isTruncated == true else { break }
            request.continuationToken = page.nextContinuationToken
        }
        #expect(pages == [["a/", "b"], ["c/", "d"], ["é"]])
        var nested = S3.ListObjectsV2Request(bucket: "tree")
        nested.prefix = "c/"
        nested.delimiter = "/"
        let under = try await fixture.service.listObjectsV2(nested, context: fixture.context)
        #expect(under.commonPrefixes?.compactMap(\.prefix) == ["c/x/"])
        #expect(under.contents?.compactMap(\.key) == ["c/y"])
    }

    @Test func multipartUploadsJoinPartsAndCheckThem() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "big")
        let created = try await fixture.service.createMultipartUpload(
            S3.CreateMultipartUploadRequest(bucket: "big", key: "file"), context: fixture.context)
        let id = try #require(created.uploadId)
        let first = Data(repeating: 1, count: S3Limits.minimumPartSize)
        let second = Data("tail".utf8)
        let one = try await fixture.service.uploadPart(
            S3.UploadPartRequest(body: first, bucket: "big", key: "file", partNumber: 1, uploadId: id), context: fixture.context)
        let two = try await fixture.service.uploadPart(
            S3.UploadPartRequest(body: second, bucket: "big", key: "file", partNumber: 2, uploadId: id), context: fixture.context)
        var complete = S3.CompleteMultipartUploadRequest(bucket: "big", key: "file", uploadId: id)
        complete.multipartUpload = S3.CompletedMultipartUpload(parts: [
            S3.CompletedPart(eTag: two.eTag, partNumber: 2), S3.CompletedPart(eTag: one.eTag, partNumber: 1),
        ])
        let outOfOrder = await fixture.error { _ = try await fixture.service.completeMultipartUpload(complete, context: fixture.context) }
        #expect(outOfOrder?.code.code == "InvalidPartOrder")
        complete.multipartUpload = S3.CompletedMultipartUpload(parts: [
            S3.CompletedPart(eTag: one.eTag, partNumber: 1), S3.CompletedPart(eTag: two.eTag, partNumber: 2),
        ])
        let done = try await fixture.service.completeMultipartUpload(complete, context: fixture.context)
        #expect(done.eTag?.hasSuffix("-2\"") == true)
        let read = try await fixture.service.getObject(S3.GetObjectRequest(bucket: "big", key: "file"), context: fixture.context)
        #expect(read.body == first + second)
        var partRead = S3.GetObjectRequest(bucket: "big", key: "file")
        partRead.partNumber = 2
        let secondPart = try await fixture.service.getObject(partRead, context: fixture.context)
        #expect(secondPart.body == second)
        #expect(secondPart.partsCount == 2)
        #expect(fixture.blobCount() == 1)
        let gone = await fixture.error { _ = try await fixture.service.completeMultipartUpload(complete, context: fixture.context) }
        #expect(gone?.code.code == "NoSuchUpload")
    }

    @Test func smallPartsOtherThanTheLastAreRefused() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "big")
        let created = try await fixture.service.createMultipartUpload(
            S3.CreateMultipartUploadRequest(bucket: "big", key: "file"), context: fixture.context)
        let id = try #require(created.uploadId)
        var parts: [S3.CompletedPart] = []
        for number in 1...2 {
            let output = try await fixture.service.uploadPart(
                S3.UploadPartRequest(body: Data("p\(number)".utf8), bucket: "big", key: "file", partNumber: number, uploadId: id),
                context: fixture.context)
            parts.append(S3.CompletedPart(eTag: output.eTag, partNumber: number))
        }
        var complete = S3.CompleteMultipartUploadRequest(bucket: "big", key: "file", uploadId: id)
        complete.multipartUpload = S3.CompletedMultipartUpload(parts: parts)
        let tooSmall = await fixture.error { _ = try await fixture.service.completeMultipartUpload(complete, context: fixture.context) }
        #expect(tooSmall?.code.code == "EntityTooSmall")
        _ = try await fixture.service.abortMultipartUpload(
            S3.AbortMultipartUploadRequest(bucket: "big", key: "file", uploadId: id), context: fixture.context)
        #expect(fixture.blobCount() == 0)
    }

    @Test func copiesToThemselvesNeedAChange() async throws {
        let fixture = try S3Fixture()
        try await bucket(fixture, "data")
        _ = try await put(fixture, "data", "k", "v")
        let same = await fixture.error {
            _ = try await fixture.service.copyObject(S3.CopyObjectRequest(bucket: "data", copySource: "data/k", key: "k"),
                                                     context: fixture.context)
        }
        #expect(same?.code.code == "InvalidRequest")
        var replace = S3.CopyObjectRequest(bucket: "data", copySource: "/data/k", key: "k")
        replace.metadataDirective = "REPLACE"
        replace.contentType = "text/plain"
        _ = try await fixture.service.copyObject(replace, context: fixture.context)
        let head = try await fixture.service.headObject(S3.HeadObjectRequest(bucket: "data", key: "k"), context: fixture.context)
        #expect(head.contentType == "text/plain")
        #expect(fixture.blobCount() == 1)
    }

    @Test func orphanBlobsAreSweptOnFirstUse() async throws {
        let fixture = try S3Fixture()
        let orphan = try fixture.store.blobs.write(Data("left by a crash".utf8))
        #expect(fixture.blobCount() == 1)
        try await bucket(fixture, "data")
        #expect(fixture.blobCount() == 0)
        #expect(!orphan.isEmpty)
    }
}

extension S3ServiceTests {
    @Test func unfinishedTemporaryFilesAreSweptToo() async throws {
        let fixture = try S3Fixture()
        let shard = fixture.blobs.appendingPathComponent("ab")
        try FileManager.default.createDirectory(at: shard, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: shard.appendingPathComponent("tmp-ab12").path, contents: Data("half".utf8)))
        #expect(fixture.blobCount() == 1)
        try await fixture.store.prepare()
        #expect(fixture.blobCount() == 0)
    }
}
