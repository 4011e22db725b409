import Foundation
import StratusSigV4
import Testing

@Suite("aws-chunked bodies")
struct AWSChunkedTests {
    static let key = SigV4SigningKey(secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", date: "20130524",
                                     region: "us-east-1", service: "s3")
    static let seed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
    static let amzDate = "20130524T000000Z"

    @Test func documentationChunkSignatures() {
        let a = UInt8(ascii: "a")
        let first = Self.key.chunkSignature(previousSignature: Self.seed, amzDate: Self.amzDate,
                                            chunkData: [UInt8](repeating: a, count: 65536))
        #expect(first == "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648")
        let second = Self.key.chunkSignature(previousSignature: first, amzDate: Self.amzDate, chunkData: [UInt8](repeating: a, count: 1024))
        #expect(second == "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497")
        let final = Self.key.chunkSignature(previousSignature: second, amzDate: Self.amzDate, chunkData: [])
        #expect(final == "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9")
    }

    @Test func decodesTheDocumentationBody() throws {
        let decoded = try AWSChunkedDecoder.decode(ChunkedExample.body)
        #expect(decoded.payload.count == 66560)
        #expect(decoded.trailers.isEmpty)
        let verified = try AWSChunkedDecoder.decodeVerifying(ChunkedExample.body, seedSignature: Self.seed, signingKey: Self.key,
                                                             amzDate: Self.amzDate, scope: "20130524/us-east-1/s3/aws4_request")
        #expect(verified.payload == decoded.payload)
        // The encoder reproduces the documentation body byte for byte.
        let encoded = AWSChunkedEncoder.encode([UInt8](repeating: UInt8(ascii: "a"), count: 66560), chunkSize: 65536,
                                               signing: .init(key: Self.key, amzDate: Self.amzDate, seedSignature: Self.seed))
        #expect(encoded == ChunkedExample.body)
    }

    @Test func tamperedChunkFailsVerification() {
        var body = ChunkedExample.body
        body[200] = UInt8(ascii: "b")
        #expect(throws: SigV4Error(.signatureMismatch, "The chunk-signature of chunk 0 does not match")) {
            try AWSChunkedDecoder.decodeVerifying(body, seedSignature: Self.seed, signingKey: Self.key, amzDate: Self.amzDate)
        }
        // Same bytes, wrong seed: the chain breaks at the first chunk.
        #expect(throws: SigV4Error.self) {
            try AWSChunkedDecoder.decodeVerifying(ChunkedExample.body, seedSignature: String(repeating: "0", count: 64),
                                                  signingKey: Self.key, amzDate: Self.amzDate)
        }
    }

    @Test func unsignedBodyWithTrailingChecksum() throws {
        // The shape botocore sends for STREAMING-UNSIGNED-PAYLOAD-TRAILER.
        let payload = Array("hello world".utf8)
        let crc = AWSChecksumAlgorithm.crc32.base64Digest(of: payload)
        #expect(crc == "DUoRhQ==")
        let body = Array("b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:\(crc)\r\n\r\n".utf8)
        let decoded = try AWSChunkedDecoder.decode(body)
        #expect(decoded.payload == payload)
        #expect(decoded.trailers.map { "\($0.0)=\($0.1)" } == ["x-amz-checksum-crc32=DUoRhQ=="])
        try AWSChunkedDecoder.verifyTrailingChecksum(payload: decoded.payload, trailers: decoded.trailers)
        #expect(throws: SigV4Error.self) {
            try AWSChunkedDecoder.verifyTrailingChecksum(payload: Array("hello worle".utf8), trailers: decoded.trailers)
        }
        // Without the final empty line (end of body right after the trailer) is accepted too.
        let short = Array("b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:\(crc)\r\n".utf8)
        #expect(try AWSChunkedDecoder.decode(short).payload == payload)
    }

    @Test func botocoreAwsChunkedWrapperBody() throws {
        // Produced by botocore 1.43's AwsChunkedWrapper (crc32 trailer, 64-byte chunks).
        let text = "40\r\nThe quick brown fox jumps over the lazy dog. The quick brown fox\r\n"
            + "40\r\n jumps over the lazy dog. The quick brown fox jumps over the laz\r\n"
            + "7\r\ny dog. \r\n0\r\nx-amz-checksum-crc32:AB4AWA==\r\n\r\n"
        let decoded = try AWSChunkedDecoder.decode(Array(text.utf8))
        #expect(decoded.payload == Array(String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 3).utf8))
        #expect(decoded.trailers.count == 1)
        try AWSChunkedDecoder.verifyTrailingChecksum(payload: decoded.payload, trailers: decoded.trailers)
        // The encoder produces the same bytes.
        #expect(AWSChunkedEncoder.encode(decoded.payload, chunkSize: 64, trailers: decoded.trailers) == Array(text.utf8))
    }

    @Test func signedBodyWithSignedTrailer() throws {
        let payload = [UInt8]((0..<5000).map { UInt8(0x61 + $0 % 26) })
        let trailers = [("x-amz-checksum-crc32c", AWSChecksumAlgorithm.crc32c.base64Digest(of: payload))]
        let signing = AWSChunkedEncoder.Signing(key: Self.key, amzDate: Self.amzDate, seedSignature: Self.seed)
        let body = AWSChunkedEncoder.encode(payload, chunkSize: 2048, signing: signing, trailers: trailers)
        let decoded = try AWSChunkedDecoder.decodeVerifying(body, seedSignature: Self.seed, signingKey: Self.key, amzDate: Self.amzDate)
        #expect(decoded.payload == payload)
        #expect(decoded.trailers.count == 1)
        try AWSChunkedDecoder.verifyTrailingChecksum(payload: decoded.payload, trailers: decoded.trailers)
        // Changing the trailer value breaks the trailer signature.
        let text = String(decoding: body, as: UTF8.self)
        let forged = Array(text.replacingOccurrences(of: trailers[0].1, with: "AAAAAA==").utf8)
        #expect(throws: SigV4Error(.signatureMismatch, "x-amz-trailer-signature does not match")) {
            try AWSChunkedDecoder.decodeVerifying(forged, seedSignature: Self.seed, signingKey: Self.key, amzDate: Self.amzDate)
        }
        // Unsigned chunks cannot pass signed verification.
        let unsigned = AWSChunkedEncoder.encode(payload, chunkSize: 2048)
        #expect(throws: SigV4Error.self) {
            try AWSChunkedDecoder.decodeVerifying(unsigned, seedSignature: Self.seed, signingKey: Self.key, amzDate: Self.amzDate)
        }
    }

    @Test func streamingTrailerUploadEndToEnd() throws {
        // Sign the request as an SDK does for STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, encode the body with
        // chained signatures and a signed crc32 trailer, then verify both the request and the body.
        let signer = SigV4Signer(accessKeyID: "000000000000", secretAccessKey: "s3cr3t", region: "eu-west-1", service: "s3")
        let payload = [UInt8](repeating: UInt8(ascii: "z"), count: 10_000)
        let headers = [
            ("Host", "bucket.s3.localhost.localstack.cloud:4566"), ("Content-Encoding", "aws-chunked"),
            ("x-amz-content-sha256", SigV4.streamingSignedPayloadTrailer), ("x-amz-decoded-content-length", "10000"),
            ("x-amz-trailer", "x-amz-checksum-crc32"),
        ]
        let amzDate = "20260101T000000Z"
        let signed = try signer.sign(method: "PUT", rawPath: "/key%20with%20spaces", rawQuery: "", headers: headers,
                                     payloadHash: SigV4.streamingSignedPayloadTrailer, amzDate: amzDate)
        let key = SigV4SigningKey(secretAccessKey: "s3cr3t", date: "20260101", region: "eu-west-1", service: "s3")
        let body = AWSChunkedEncoder.encode(payload, chunkSize: 4096,
                                            signing: .init(key: key, amzDate: amzDate, seedSignature: signed.signature),
                                            trailers: [("x-amz-checksum-crc32", AWSChecksumAlgorithm.crc32.base64Digest(of: payload))])
        let verifier = SigV4Verifier(secretKeys: ["000000000000": "s3cr3t"])
        let result = verifier.verify(method: "PUT", rawPath: "/key%20with%20spaces", rawQuery: "",
                                     headers: headers + signed.headersToAdd, body: body, now: SigV4Date.parse(amzDate)!)
        guard case .valid(let authorization) = result, let signingKey = verifier.signingKey(for: authorization) else {
            Issue.record("expected valid, got \(result)")
            return
        }
        let decoded = try AWSChunkedDecoder.decodeVerifying(body, seedSignature: authorization.signature, signingKey: signingKey,
                                                            amzDate: try #require(authorization.amzDate))
        #expect(decoded.payload == payload)
        try AWSChunkedDecoder.verifyTrailingChecksum(payload: decoded.payload, trailers: decoded.trailers)
    }

    @Test(arguments: [
        "",                                   // empty
        "5\r\nhello",                         // data not followed by CRLF
        "zz\r\nhello\r\n0\r\n\r\n",           // size not hex
        "10\r\nhello\r\n0\r\n\r\n",           // size larger than data
        "5\r\nhello\r\n",                     // no final chunk
        "5\r\nhello\r\n0\r\n\r\nextra",       // bytes after the end
        "5\r\nhello\r\n0\r\nno-colon\r\n\r\n", // bad trailer
        "5;chunk-signature=ab\nhello\r\n0\r\n\r\n", // bare LF
    ])
    func malformedFraming(text: String) {
        #expect(throws: SigV4Error.self) { try AWSChunkedDecoder.decode(Array(text.utf8)) }
        do { _ = try AWSChunkedDecoder.decode(Array(text.utf8)) } catch {
            #expect(error.code == .malformedChunkedBody)
        }
    }

    @Test func encoderRoundTripsEveryChunkSize() throws {
        let payload = [UInt8]((0..<1000).map { UInt8($0 & 0xFF) })
        for chunkSize in [1, 7, 999, 1000, 4096] {
            let decoded = try AWSChunkedDecoder.decode(AWSChunkedEncoder.encode(payload, chunkSize: chunkSize))
            #expect(decoded.payload == payload)
        }
        #expect(try AWSChunkedDecoder.decode(AWSChunkedEncoder.encode([], chunkSize: 10)).payload == [])
    }
}
