import Foundation
import StratusSigV4
import Testing

@Suite("Verifier behaviour")
struct SigV4VerifierTests {
    let signer = SigV4Signer(accessKeyID: "000000000000", secretAccessKey: "test-secret", region: "us-east-1", service: "sqs")
    let verifier = SigV4Verifier(secretKeys: ["000000000000": "test-secret"])
    let t0 = SigV4Date.parse("20260101T120000Z")!

    func signedHeaders(body: [UInt8], amzDate: String = "20260101T120000Z") throws -> [(String, String)] {
        let headers = [("Host", "localhost:4566"), ("Content-Type", "application/x-amz-json-1.0")]
        let signed = try signer.sign(method: "POST", rawPath: "/", rawQuery: "", headers: headers,
                                     payloadHash: SigV4.sha256Hex(body), amzDate: amzDate)
        return headers + signed.headersToAdd
    }

    @Test func unsignedRequest() {
        #expect(verifier.verify(method: "GET", rawPath: "/", rawQuery: "a=b", headers: [("Host", "x")], body: [], now: t0) == .unsigned)
    }

    @Test func roundTripAndClockSkew() throws {
        let body = Array("{\"QueueName\":\"q\"}".utf8)
        let headers = try signedHeaders(body: body)
        #expect(verifier.verify(method: "POST", rawPath: "/", rawQuery: "", headers: headers, body: body, now: t0).isValid)
        #expect(verifier.verify(method: "POST", rawPath: "/", rawQuery: "", headers: headers, body: body, now: t0.addingTimeInterval(900)).isValid)
        #expect(verifier.verify(method: "POST", rawPath: "/", rawQuery: "", headers: headers, body: body, now: t0.addingTimeInterval(901)) == .expired)
        #expect(verifier.verify(method: "POST", rawPath: "/", rawQuery: "", headers: headers, body: body, now: t0.addingTimeInterval(-901)) == .expired)
    }

    @Test func bodyChangeIsAMismatchWhenThePayloadHashIsNotDeclared() throws {
        let headers = try signedHeaders(body: Array("{}".utf8))
        let result = verifier.verify(method: "POST", rawPath: "/", rawQuery: "", headers: headers, body: Array("{ }".utf8), now: t0)
        guard case .signatureMismatch = result else { Issue.record("expected mismatch, got \(result)"); return }
    }

    @Test func unknownAccessKey() throws {
        let other = SigV4Signer(accessKeyID: "AKIAOTHER", secretAccessKey: "x", region: "us-east-1", service: "sqs")
        let signed = try other.sign(method: "POST", rawPath: "/", rawQuery: "", headers: [("Host", "h")],
                                    payloadHash: SigV4.emptyPayloadHash, amzDate: "20260101T120000Z")
        let result = verifier.verify(method: "POST", rawPath: "/", rawQuery: "", headers: [("Host", "h")] + signed.headersToAdd,
                                     body: [], now: t0)
        #expect(result == .unknownAccessKey("AKIAOTHER"))
    }

    @Test func malformedCases() throws {
        let body: [UInt8] = []
        var headers = try signedHeaders(body: body)
        // Signed header removed from the request.
        let withoutContentType = headers.filter { $0.0 != "Content-Type" }
        guard case .malformed = verifier.verify(method: "POST", rawPath: "/", rawQuery: "", headers: withoutContentType, body: body, now: t0)
        else { Issue.record("missing signed header must be malformed"); return }
        // No date at all.
        let withoutDate = headers.filter { $0.0 != "X-Amz-Date" }
        guard case .malformed = verifier.verify(method: "POST", rawPath: "/", rawQuery: "", headers: withoutDate, body: body, now: t0)
        else { Issue.record("missing date must be malformed"); return }
        // SigV2.
        headers = [("Host", "h"), ("Authorization", "AWS AKID:c2lnbmF0dXJl")]
        guard case .malformed(let reason) = verifier.verify(method: "GET", rawPath: "/", rawQuery: "", headers: headers, body: body, now: t0)
        else { Issue.record("SigV2 must be malformed"); return }
        #expect(reason.contains("AWS4-HMAC-SHA256"))
    }

    @Test func credentialDateMustMatchRequestDate() throws {
        let headers = try signedHeaders(body: [])
        let shifted = headers.map { $0.0 == "X-Amz-Date" ? ($0.0, "20260102T000100Z") : $0 }
        let result = verifier.verify(method: "POST", rawPath: "/", rawQuery: "", headers: shifted, body: [],
                                     now: SigV4Date.parse("20260102T000100Z")!)
        guard case .malformed = result else { Issue.record("expected malformed, got \(result)"); return }
    }

    @Test func hostMustBeSigned() throws {
        let signed = try signer.sign(method: "GET", rawPath: "/", rawQuery: "", headers: [("Host", "h"), ("X-Custom", "1")],
                                     payloadHash: SigV4.emptyPayloadHash, amzDate: "20260101T120000Z")
        let withoutHost = signed.authorization.replacingOccurrences(of: "SignedHeaders=host;x-amz-date;x-custom", with: "SignedHeaders=x-amz-date;x-custom")
        let result = verifier.verify(method: "GET", rawPath: "/", rawQuery: "",
                                     headers: [("Host", "h"), ("X-Custom", "1"), ("X-Amz-Date", "20260101T120000Z"), ("Authorization", withoutHost)],
                                     body: [], now: t0)
        #expect(result == .malformed("The host header must be signed"))
    }

    @Test func unsignedHeadersMayChange() throws {
        let body: [UInt8] = []
        let headers = try signedHeaders(body: body) + [("User-Agent", "one")]
        let changed = headers.map { $0.0 == "User-Agent" ? ($0.0, "two") : $0 }
        #expect(verifier.verify(method: "POST", rawPath: "/", rawQuery: "", headers: changed, body: body, now: t0).isValid)
    }

    @Test func presignedNonS3UsesTheBodyHashAndRefusesTheFuture() throws {
        let signer = SigV4Signer(accessKeyID: "000000000000", secretAccessKey: "test-secret", region: "us-east-1", service: "sqs")
        let query = try signer.presign(method: "GET", rawPath: "/000000000000/q", rawQuery: "Action=GetQueueUrl&QueueName=q",
                                       headers: [("Host", "localhost")], amzDate: "20260101T120000Z", expires: 60)
        let ok = verifier.verify(method: "GET", rawPath: "/000000000000/q", rawQuery: query, headers: [("Host", "localhost")],
                                 body: [], now: t0.addingTimeInterval(59))
        #expect(ok.isValid)
        let early = verifier.verify(method: "GET", rawPath: "/000000000000/q", rawQuery: query, headers: [("Host", "localhost")],
                                    body: [], now: t0.addingTimeInterval(-3600))
        #expect(early == .malformed("Request is not valid yet"))
        let tampered = verifier.verify(method: "GET", rawPath: "/000000000000/q",
                                       rawQuery: query.replacingOccurrences(of: "QueueName=q", with: "QueueName=r"),
                                       headers: [("Host", "localhost")], body: [], now: t0)
        guard case .signatureMismatch = tampered else { Issue.record("expected mismatch, got \(tampered)"); return }
    }

    @Test func presignedS3RoundTripWithAnEncodedKey() throws {
        let s3 = SigV4Signer(accessKeyID: "000000000000", secretAccessKey: "test-secret", region: "us-east-1", service: "s3")
        let path = "/bucket/dir/a%20b%2Bc~%E2%82%AC.txt"
        let query = try s3.presign(method: "PUT", rawPath: path, rawQuery: "x-id=PutObject",
                                   headers: [("Host", "localhost:4566"), ("Content-Type", "text/plain")],
                                   amzDate: "20260101T120000Z", expires: 300)
        #expect(query.hasPrefix("x-id=PutObject&X-Amz-Algorithm=AWS4-HMAC-SHA256&"))
        #expect(query.contains("X-Amz-SignedHeaders=content-type%3Bhost"))
        let headers = [("Host", "localhost:4566"), ("Content-Type", "text/plain")]
        // The body of a presigned S3 PUT is not signed (UNSIGNED-PAYLOAD).
        let result = verifier.verify(method: "PUT", rawPath: path, rawQuery: query, headers: headers,
                                     body: Array("anything".utf8), now: t0.addingTimeInterval(299))
        #expect(result.isValid, "\(result)")
        let otherType = verifier.verify(method: "PUT", rawPath: path, rawQuery: query, headers: [("Host", "localhost:4566"), ("Content-Type", "text/html")],
                                        body: [], now: t0)
        guard case .signatureMismatch = otherType else { Issue.record("expected mismatch, got \(otherType)"); return }
    }

    @Test func invalidPayloadHashValue() throws {
        let headers = [("Host", "h"), ("x-amz-content-sha256", "SOMETHING-ELSE")]
        let s3 = SigV4Signer(accessKeyID: "000000000000", secretAccessKey: "test-secret", region: "us-east-1", service: "s3")
        let signed = try s3.sign(method: "GET", rawPath: "/b/k", rawQuery: "", headers: headers, payloadHash: "SOMETHING-ELSE",
                                 amzDate: "20260101T120000Z")
        let result = verifier.verify(method: "GET", rawPath: "/b/k", rawQuery: "", headers: headers + signed.headersToAdd, body: [], now: t0)
        guard case .malformed = result else { Issue.record("expected malformed, got \(result)"); return }
    }

    @Test func sessionTokenIsSignedAndReported() throws {
        let withToken = SigV4Signer(accessKeyID: "000000000000", secretAccessKey: "test-secret", sessionToken: "tok",
                                    region: "us-east-1", service: "sqs")
        let signed = try withToken.sign(method: "GET", rawPath: "/", rawQuery: "", headers: [("Host", "h")],
                                        payloadHash: SigV4.emptyPayloadHash, amzDate: "20260101T120000Z")
        #expect(signed.authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token"))
        let result = verifier.verify(method: "GET", rawPath: "/", rawQuery: "", headers: [("Host", "h")] + signed.headersToAdd, body: [], now: t0)
        guard case .valid(let authorization) = result else { Issue.record("expected valid, got \(result)"); return }
        #expect(authorization.securityToken == "tok")
    }
}

@Suite("Canonicalisation rules")
struct SigV4CanonicalTests {
    @Test func s3PathsAreEncodedOnceAndNotNormalised() {
        #expect(SigV4Canonical.canonicalURI(rawPath: "/bucket/a/../b//c", service: "s3") == "/bucket/a/../b//c")
        #expect(SigV4Canonical.canonicalURI(rawPath: "/bucket/my%20key", service: "s3") == "/bucket/my%20key")
        #expect(SigV4Canonical.canonicalURI(rawPath: "/bucket/my key", service: "s3") == "/bucket/my%20key")
        #expect(SigV4Canonical.canonicalURI(rawPath: "/bucket/a%2Fb", service: "s3") == "/bucket/a%2Fb")
        #expect(SigV4Canonical.canonicalURI(rawPath: "/bucket/%7Etilde", service: "s3") == "/bucket/~tilde")
        #expect(SigV4Canonical.canonicalURI(rawPath: "", service: "s3") == "/")
    }

    @Test func otherServicesNormaliseAndDoubleEncode() {
        #expect(SigV4Canonical.canonicalURI(rawPath: "/a/./b/../c//d/", service: "sqs") == "/a/c/d/")
        #expect(SigV4Canonical.canonicalURI(rawPath: "/my%20queue", service: "sqs") == "/my%2520queue")
        #expect(SigV4Canonical.canonicalURI(rawPath: "", service: "sqs") == "/")
    }

    @Test func queryIsDecodedReEncodedAndSorted() {
        #expect(SigV4Canonical.canonicalQuery(rawQuery: "b=2&a=%7e&a=1&c&d=x+y&e=%2b") == "a=1&a=~&b=2&c=&d=x%2By&e=%2B")
        #expect(SigV4Canonical.canonicalQuery(rawQuery: "k=a%20b&k=a+b") == "k=a%20b&k=a%2Bb")
        #expect(SigV4Canonical.canonicalQuery(rawQuery: "") == "")
        #expect(SigV4Canonical.canonicalQuery(rawQuery: "X-Amz-Signature=abc&z=1", excluding: ["X-Amz-Signature"]) == "z=1")
    }

    @Test func headerValuesAreTrimmed() {
        #expect(SigV4Canonical.trimAll("  a \t  b   c  ") == "a b c")
        #expect(SigV4Canonical.trimAll("") == "")
    }
}
