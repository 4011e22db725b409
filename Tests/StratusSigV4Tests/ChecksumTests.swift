import Foundation
import StratusSigV4
import Testing

@Suite("Checksums")
struct ChecksumTests {
    let check = Array("123456789".utf8)

    @Test func catalogueCheckValues() {
        #expect(CRC32.ieee(check) == 0xCBF4_3926)
        #expect(CRC32.castagnoli(check) == 0xE306_9283)
        #expect(CRC64NVME.checksum(check) == 0xAE8B_1486_0A79_9888)
        #expect(CRC32.ieee([]) == 0)
    }

    @Test func incrementalEqualsOneShot() {
        var crc = CRC32.castagnoli
        crc.update(check[0..<4])
        crc.update(check[4...])
        #expect(crc.value == CRC32.castagnoli(check))
        var crc64 = CRC64NVME()
        crc64.update(check[0..<2])
        crc64.update(check[2...])
        #expect(crc64.value == CRC64NVME.checksum(check))
    }

    @Test func base64HeaderValues() {
        let empty: [UInt8] = []
        #expect(AWSChecksumAlgorithm.crc32.base64Digest(of: empty) == "AAAAAA==")
        #expect(AWSChecksumAlgorithm.crc32c.base64Digest(of: empty) == "AAAAAA==")
        #expect(AWSChecksumAlgorithm.sha1.base64Digest(of: empty) == "2jmj7l5rSw0yVb/vlWAYkK/YBwk=")
        #expect(AWSChecksumAlgorithm.sha256.base64Digest(of: empty) == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        #expect(AWSChecksumAlgorithm.crc32.base64Digest(of: check) == "y/Q5Jg==")
        #expect(AWSChecksumAlgorithm.crc32c.base64Digest(of: check) == "4waSgw==")
        #expect(AWSChecksumAlgorithm.crc64nvme.base64Digest(of: check) == "rosUhgp5mIg=")
    }

    @Test func verifyFields() throws {
        try AWSChecksumAlgorithm.verify(fields: [("X-Amz-Checksum-SHA256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="),
                                                 ("x-amz-checksum-type", "FULL_OBJECT"), ("content-type", "x")], payload: [])
        #expect(throws: SigV4Error.self) {
            try AWSChecksumAlgorithm.verify(fields: [("x-amz-checksum-crc32", "AAAAAB==")], payload: [])
        }
        #expect(throws: SigV4Error.self) {
            try AWSChecksumAlgorithm.verify(fields: [("x-amz-checksum-md6", "AAAA")], payload: [])
        }
        #expect(AWSChecksumAlgorithm(headerName: "X-Amz-Checksum-CRC64NVME") == .crc64nvme)
    }
}

@Suite("SigV4 dates")
struct SigV4DateTests {
    @Test func roundTrips() throws {
        let date = try #require(SigV4Date.parse("20150830T123600Z"))
        #expect(date.timeIntervalSince1970 == 1_440_938_160)
        #expect(SigV4Date.format(date) == "20150830T123600Z")
        #expect(SigV4Date.format(try #require(SigV4Date.parse("20240229T235959Z"))) == "20240229T235959Z")
        #expect(SigV4Date.format(try #require(SigV4Date.parse("19691231T235959Z"))) == "19691231T235959Z")
    }

    @Test(arguments: ["", "20150830T123600", "2015-08-30T12:36:00Z", "20150230T000000Z", "20150830T246000Z", "2015083XT123600Z"])
    func rejects(text: String) {
        #expect(SigV4Date.parse(text) == nil)
    }

    @Test func httpDates() throws {
        let date = try #require(SigV4Date.parseHTTPDate("Fri, 24 May 2013 00:00:00 GMT"))
        #expect(SigV4Date.format(date) == "20130524T000000Z")
        #expect(SigV4Date.parseHTTPDate("Friday, 24-May-13 00:00:00 GMT") == nil)
    }
}
