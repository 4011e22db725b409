import Foundation
import StratusAPIS3
@testable import StratusS3
import Testing

@Suite struct S3PureRulesTests {
    @Test func bucketNamesFollowS3Rules() {
        for valid in ["abc", "my-bucket", "my.bucket.1", String(repeating: "a", count: 63)] {
            #expect(S3BucketName.isValid(valid), "\(valid)")
        }
        for invalid in ["ab", "Upper", "-start", "end-", "a..b", "192.168.1.1", "xn--abc", "bucket-s3alias",
                        "under_score", String(repeating: "a", count: 64)] {
            #expect(!S3BucketName.isValid(invalid), "\(invalid)")
        }
    }

    @Test func rangesSelectWhatS3Sends() {
        #expect(S3ByteRange(header: "bytes=0-9")?.positions(size: 100) == 0..<10)
        #expect(S3ByteRange(header: "bytes=90-")?.positions(size: 100) == 90..<100)
        #expect(S3ByteRange(header: "bytes=-5")?.positions(size: 100) == 95..<100)
        #expect(S3ByteRange(header: "bytes=50-500")?.positions(size: 100) == 50..<100)
        #expect(S3ByteRange(header: "bytes=-500")?.positions(size: 100) == 0..<100)
        #expect(S3ByteRange(header: "bytes=100-")?.positions(size: 100) == nil)
        #expect(S3ByteRange(header: "bytes=0-1,5-6") == nil)
        #expect(S3ByteRange(header: "items=0-1") == nil)
        #expect(S3ByteRange(header: "bytes=5-1") == nil)
    }

    @Test func checksumsMatchTheStandardCheckValues() {
        let data = Data("123456789".utf8)
        func hex(_ algorithm: String) -> String? {
            S3ChecksumCalculator.digest(algorithm, of: data)?.map { String(format: "%02x", $0) }.joined()
        }
        #expect(hex("CRC32") == "cbf43926")
        #expect(hex("CRC32C") == "e3069283")
        #expect(hex("CRC64NVME") == "ae8b14860a799888")
        #expect(hex("SHA1") == "f7c3bc1d808e04732adf679965ccc34ca7ae3441")
        #expect(S3ChecksumCalculator.checksum("MD4", of: data) == nil)
    }

    @Test func objectPartsPageAfterTheirMarker() {
        let sizes = [5, 5, 2]
        let checksums = sizes.indices.map { S3Checksum(algorithm: "CRC32", value: "c\($0 + 1)", type: "COMPOSITE") }
        let first = S3Service.objectParts(sizes: sizes, checksums: checksums, marker: 0, maxParts: 2)
        #expect(first.parts?.map(\.partNumber) == [1, 2] && first.parts?.first?.checksumCRC32 == "c1")
        #expect(first.isTruncated == true && first.nextPartNumberMarker == 2 && first.totalPartsCount == 3)
        let last = S3Service.objectParts(sizes: sizes, checksums: nil, marker: 2, maxParts: 2)
        #expect(last.parts?.map(\.size) == [2] && last.parts?.first?.checksumCRC32 == nil)
        #expect(last.isTruncated == false && last.nextPartNumberMarker == 3)
        let beyond = S3Service.objectParts(sizes: sizes, checksums: nil, marker: 7, maxParts: 2)
        #expect(beyond.parts == [] && beyond.isTruncated == false && beyond.nextPartNumberMarker == nil)
    }
}
