import Foundation
import StratusAPIS3
@testable import StratusS3
import StratusServiceKit
import StratusTesting
import Testing

/// `UploadPartCopy`: source ranges as S3 reads them, and parts made of a stored object's bytes.
@Suite struct S3PartCopyTests {
    private let context = S3Fixture.context

    @Test func rangesAreFirstAndLastBytesWithinTheSource() throws {
        #expect(try S3Service.copySourceRange("bytes=0-9", size: 10) == 0..<10)
        #expect(try S3Service.copySourceRange("bytes=5-5", size: 10) == 5..<6)
        for text in ["0-9", "bytes=9-0", "bytes=-5", "bytes=a-b"] {
            #expect(throws: AWSServiceError.self) { _ = try S3Service.copySourceRange(text, size: 10) }
        }
        do {
            _ = try S3Service.copySourceRange("bytes=0-10", size: 10)
            Issue.record("accepted")
        } catch let error as AWSServiceError {
            #expect(error.message == "Range specified is not valid for source object of size: 10")
        }
    }

    @Test func aPartCopiesTheSourcesBytes() async throws {
        let fixture = try S3Fixture()
        let s3 = fixture.service
        _ = try await s3.createBucket(S3.CreateBucketRequest(bucket: "copies"), context: context)
        _ = try await s3.putObject(S3.PutObjectRequest(body: Data("hello world".utf8), bucket: "copies", key: "src"),
                                   context: context)
        let upload = try await s3.createMultipartUpload(S3.CreateMultipartUploadRequest(bucket: "copies", key: "dst"),
                                                        context: context).uploadId ?? ""
        var request = S3.UploadPartCopyRequest(bucket: "copies", copySource: "copies/src", key: "dst", partNumber: 1,
                                               uploadId: upload)
        request.copySourceRange = "bytes=6-10"
        let part = try await s3.uploadPartCopy(request, context: context)
        let eTag = try #require(part.copyPartResult?.eTag)
        #expect(eTag == "\"\(S3Service.md5Hex(Data("world".utf8)))\"")
        _ = try await s3.completeMultipartUpload(S3.CompleteMultipartUploadRequest(
            bucket: "copies", key: "dst", multipartUpload: S3.CompletedMultipartUpload(parts: [S3.CompletedPart(eTag: eTag, partNumber: 1)]),
            uploadId: upload), context: context)
        let read = try await s3.getObject(S3.GetObjectRequest(bucket: "copies", key: "dst"), context: context)
        #expect(read.body == Data("world".utf8))
    }
}
