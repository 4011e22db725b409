import Foundation
import StratusSigV4
import Testing

/// The worked examples of the S3 SigV4 documentation (examplebucket, 20130524T000000Z) and requests signed by
/// botocore against a local endpoint.
@Suite("S3 signature examples")
struct S3SignatureExampleTests {
    static let accessKeyID = "AKIAIOSFODNN7EXAMPLE"
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let amzDate = "20130524T000000Z"
    let now = SigV4Date.parse(amzDate)!
    let verifier = SigV4Verifier(secretKeys: [accessKeyID: secret])
    let signer = SigV4Signer(accessKeyID: accessKeyID, secretAccessKey: secret, region: "us-east-1", service: "s3")

    func authorization(_ signedHeaders: String, _ signature: String) -> String {
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=\(signedHeaders),Signature=\(signature)"
    }

    @Test func getObjectExample() throws {
        let headers = [
            ("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9"),
            ("x-amz-content-sha256", SigV4.emptyPayloadHash), ("x-amz-date", Self.amzDate),
        ]
        let signed = try signer.sign(method: "GET", rawPath: "/test.txt", rawQuery: "", headers: headers,
                                     payloadHash: SigV4.emptyPayloadHash, amzDate: Self.amzDate)
        #expect(signed.canonicalRequest == """
            GET
            /test.txt

            host:examplebucket.s3.amazonaws.com
            range:bytes=0-9
            x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-amz-date:20130524T000000Z

            host;range;x-amz-content-sha256;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signed.stringToSign.hasSuffix("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972"))
        #expect(signed.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        let result = verifier.verify(
            method: "GET", rawPath: "/test.txt", rawQuery: "",
            headers: headers + [("Authorization", authorization("host;range;x-amz-content-sha256;x-amz-date", signed.signature))],
            body: [], now: now)
        #expect(result.isValid)
    }

    @Test func putObjectExampleEncodesTheKeyOnce() throws {
        let body = Array("Welcome to Amazon S3.".utf8)
        let payloadHash = SigV4.sha256Hex(body)
        #expect(payloadHash == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let headers = [
            ("Host", "examplebucket.s3.amazonaws.com"), ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
            ("x-amz-date", Self.amzDate), ("x-amz-storage-class", "REDUCED_REDUNDANCY"), ("x-amz-content-sha256", payloadHash),
        ]
        let signed = try signer.sign(method: "PUT", rawPath: "/test%24file.text", rawQuery: "", headers: headers,
                                     payloadHash: payloadHash, amzDate: Self.amzDate)
        #expect(signed.stringToSign.hasSuffix("9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d"))
        #expect(signed.signature == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
        let header = authorization("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class", signed.signature)
        // Sent encoded (%24) or literally ($): S3 canonicalises both to %24, never %2524.
        for path in ["/test%24file.text", "/test$file.text"] {
            let result = verifier.verify(method: "PUT", rawPath: path, rawQuery: "", headers: headers + [("Authorization", header)],
                                         body: body, now: now)
            #expect(result.isValid, "path \(path): \(result)")
        }
        // A body that does not match the declared hash is rejected before any signature check.
        let tampered = verifier.verify(method: "PUT", rawPath: "/test%24file.text", rawQuery: "",
                                       headers: headers + [("Authorization", header)], body: Array("Welcome to Amazon S4.".utf8), now: now)
        guard case .malformed(let reason) = tampered else { Issue.record("expected malformed, got \(tampered)"); return }
        #expect(reason.contains("x-amz-content-sha256"))
    }

    @Test func getBucketLifecycleAndListObjectsExamples() throws {
        let headers = [("Host", "examplebucket.s3.amazonaws.com"), ("x-amz-content-sha256", SigV4.emptyPayloadHash),
                       ("x-amz-date", Self.amzDate)]
        let lifecycle = try signer.sign(method: "GET", rawPath: "/", rawQuery: "lifecycle", headers: headers,
                                        payloadHash: SigV4.emptyPayloadHash, amzDate: Self.amzDate)
        #expect(lifecycle.signature == "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
        #expect(lifecycle.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[2] == "lifecycle=")
        let list = try signer.sign(method: "GET", rawPath: "/", rawQuery: "prefix=J&max-keys=2", headers: headers,
                                   payloadHash: SigV4.emptyPayloadHash, amzDate: Self.amzDate)
        #expect(list.signature == "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
        for rawQuery in ["lifecycle", "lifecycle="] {
            let result = verifier.verify(method: "GET", rawPath: "/", rawQuery: rawQuery,
                                         headers: headers + [("Authorization", authorization("host;x-amz-content-sha256;x-amz-date", lifecycle.signature))],
                                         body: [], now: now)
            #expect(result.isValid)
        }
    }

    @Test func presignedURLExample() throws {
        let query = try signer.presign(method: "GET", rawPath: "/test.txt", rawQuery: "",
                                       headers: [("Host", "examplebucket.s3.amazonaws.com")], amzDate: Self.amzDate, expires: 86400)
        #expect(query == "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
        let headers = [("Host", "examplebucket.s3.amazonaws.com")]
        let valid = verifier.verify(method: "GET", rawPath: "/test.txt", rawQuery: query, headers: headers, body: [],
                                    now: now.addingTimeInterval(86400))
        guard case .valid(let parsed) = valid else { Issue.record("expected valid, got \(valid)"); return }
        #expect(parsed.isPresigned)
        #expect(parsed.expires == 86400)
        #expect(parsed.amzDate == Self.amzDate)
        let expired = verifier.verify(method: "GET", rawPath: "/test.txt", rawQuery: query, headers: headers, body: [],
                                      now: now.addingTimeInterval(86401))
        #expect(expired == .expired)
        let otherKey = verifier.verify(method: "GET", rawPath: "/test2.txt", rawQuery: query, headers: headers, body: [], now: now)
        guard case .signatureMismatch = otherKey else { Issue.record("expected mismatch, got \(otherKey)"); return }
    }

    @Test func chunkedUploadSeedSignature() throws {
        let headers = [
            ("Host", "s3.amazonaws.com"), ("x-amz-date", Self.amzDate), ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ("x-amz-content-sha256", SigV4.streamingSignedPayload), ("Content-Encoding", "aws-chunked"),
            ("x-amz-decoded-content-length", "66560"), ("Content-Length", "66824"),
        ]
        let signed = try signer.sign(method: "PUT", rawPath: "/examplebucket/chunkObject.txt", rawQuery: "", headers: headers,
                                     payloadHash: SigV4.streamingSignedPayload, amzDate: Self.amzDate)
        #expect(signed.stringToSign.hasSuffix("cee3fed04b70f867d036f722359b0b1f2f0e5dc0efadbc082b76c4c60e316455"))
        #expect(signed.signature == "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9")
        let body = ChunkedExample.body
        #expect(body.count == 66824)
        let result = verifier.verify(method: "PUT", rawPath: "/examplebucket/chunkObject.txt", rawQuery: "",
                                     headers: headers + [("Authorization", signed.authorization)], body: body, now: now)
        guard case .valid(let authorization) = result, let key = verifier.signingKey(for: authorization) else {
            Issue.record("expected valid, got \(result)")
            return
        }
        let decoded = try AWSChunkedDecoder.decodeVerifying(body, seedSignature: authorization.signature, signingKey: key,
                                                            amzDate: Self.amzDate)
        #expect(decoded.payload == [UInt8](repeating: UInt8(ascii: "a"), count: 66560))
        #expect(decoded.trailers.isEmpty)
    }

    // Requests signed by botocore 1.43 (S3SigV4Auth / SigV4Auth / S3SigV4QueryAuth) at 20150830T123600Z.
    static let botoSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    let botoNow = SigV4Date.parse("20150830T123600Z")!
    var botoVerifier: SigV4Verifier { SigV4Verifier(secretKeys: ["AKIDEXAMPLE": Self.botoSecret]) }

    @Test func botocoreS3PutWithAnAwkwardKey() {
        let body = Array("hello world".utf8)
        let headers = [
            ("Host", "127.0.0.1:4566"), ("Content-Type", "text/plain"), ("X-Amz-Date", "20150830T123600Z"),
            ("X-Amz-Content-SHA256", "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=66827f770c9b285bd3bf483faad6b4125dfd52892a862a8386e3d3ff75c96897"),
        ]
        let result = botoVerifier.verify(method: "PUT", rawPath: "/my-bucket/dir/my%20file%2B%281%29~%24.txt", rawQuery: "x-id=PutObject",
                                         headers: headers, body: body, now: botoNow)
        #expect(result.isValid, "\(result)")
    }

    @Test func botocoreQueryProtocolPost() {
        let headers = [
            ("Host", "127.0.0.1:4566"), ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ("X-Amz-Date", "20150830T123600Z"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sqs/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=f0c8d6b733e4f6bde9cf5fdcccab8fa4494b3f6733ed44543fb3e43578aa4e23"),
        ]
        let body = Array("Action=ListQueues&Version=2012-11-05".utf8)
        #expect(botoVerifier.verify(method: "POST", rawPath: "/", rawQuery: "", headers: headers, body: body, now: botoNow).isValid)
        let changedBody = Array("Action=ListQueues&Version=2012-11-06".utf8)
        let result = botoVerifier.verify(method: "POST", rawPath: "/", rawQuery: "", headers: headers, body: changedBody, now: botoNow)
        guard case .signatureMismatch = result else { Issue.record("expected mismatch, got \(result)"); return }
    }

    @Test func botocoreLambdaPathIsDoubleEncoded() {
        let path = "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Ahello/invocations"
        #expect(SigV4Canonical.canonicalURI(rawPath: path, service: "lambda")
            == "/2015-03-31/functions/arn%253Aaws%253Alambda%253Aus-east-1%253A000000000000%253Afunction%253Ahello/invocations")
        let headers = [
            ("Host", "127.0.0.1:4566"), ("X-Amz-Date", "20150830T123600Z"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=cb1441bc5fba508318873b9409800698b08ef0a53b7441407de7a414fe4791b5"),
        ]
        #expect(botoVerifier.verify(method: "POST", rawPath: path, rawQuery: "", headers: headers, body: Array("{}".utf8), now: botoNow).isValid)
    }

    @Test func botocorePresignedS3URL() {
        let query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=75688de2eaaf907dfdd315d07b31db1e51803047ad815e8ec93b3f159a7ee650"
        let result = botoVerifier.verify(method: "GET", rawPath: "/my-bucket/a%20b.txt", rawQuery: query,
                                         headers: [("Host", "127.0.0.1:4566")], body: [], now: botoNow.addingTimeInterval(60))
        #expect(result.isValid, "\(result)")
    }
}

enum ChunkedExample {
    /// The S3 documentation's chunked upload: 64 KiB of 'a', 1 KiB of 'a', final chunk.
    static var body: [UInt8] {
        let a = UInt8(ascii: "a")
        return Array("10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n".utf8)
            + [UInt8](repeating: a, count: 65536) + Array("\r\n".utf8)
            + Array("400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n".utf8)
            + [UInt8](repeating: a, count: 1024) + Array("\r\n".utf8)
            + Array("0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n".utf8)
    }
}

extension SigV4VerificationResult {
    var isValid: Bool { if case .valid = self { true } else { false } }
}
