import Foundation
import StratusSigV4
import Testing

@Suite("Official AWS SigV4 test suite")
struct SigV4TestSuiteTests {
    let signer = SigV4Signer(accessKeyID: SigV4SuiteVector.accessKeyID, secretAccessKey: SigV4SuiteVector.secret,
                             region: "us-east-1", service: "service")
    let requestTime = SigV4Date.parse(SigV4SuiteVector.amzDate)!

    @Test("signer reproduces canonical request, string to sign and signature", arguments: SigV4SuiteVector.all)
    func signerMatches(vector: SigV4SuiteVector) throws {
        let signed = try signer.sign(method: vector.method, rawPath: vector.path, rawQuery: vector.rawQuery,
                                     headers: vector.headers, payloadHash: SigV4SuiteVector.emptyHash,
                                     amzDate: SigV4SuiteVector.amzDate)
        #expect(signed.canonicalRequest == vector.canonicalRequest)
        #expect(signed.stringToSign == "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n\(vector.canonicalRequestHash)")
        #expect(signed.signature == vector.signature)
        #expect(signed.authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=\(vector.signedHeaders), Signature=\(vector.signature)")
    }

    @Test("verifier accepts the published Authorization header", arguments: SigV4SuiteVector.all)
    func verifierAccepts(vector: SigV4SuiteVector) {
        let authorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=\(vector.signedHeaders), Signature=\(vector.signature)"
        let verifier = SigV4Verifier(secretKeys: [SigV4SuiteVector.accessKeyID: SigV4SuiteVector.secret])
        let result = verifier.verify(method: vector.method, rawPath: vector.path, rawQuery: vector.rawQuery,
                                     headers: vector.headers + [("Authorization", authorization)], body: [], now: requestTime)
        guard case .valid(let parsed) = result else {
            Issue.record("expected valid, got \(result)")
            return
        }
        #expect(parsed.amzDate == SigV4SuiteVector.amzDate)
        #expect(parsed.credential.service == "service")
    }

    @Test("verifier rejects a tampered request with the expected string to sign", arguments: SigV4SuiteVector.all)
    func verifierRejectsTampering(vector: SigV4SuiteVector) {
        let authorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=\(vector.signedHeaders), Signature=\(vector.signature)"
        let verifier = SigV4Verifier(secretKeys: [SigV4SuiteVector.accessKeyID: SigV4SuiteVector.secret])
        let otherMethod = vector.method == "GET" ? "PUT" : "GET"
        let result = verifier.verify(method: otherMethod, rawPath: vector.path, rawQuery: vector.rawQuery,
                                     headers: vector.headers + [("Authorization", authorization)], body: [], now: requestTime)
        guard case .signatureMismatch(let stringToSign) = result else {
            Issue.record("expected signatureMismatch, got \(result)")
            return
        }
        #expect(stringToSign.hasPrefix("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"))
    }

    @Test func wrongSecretIsAMismatch() {
        let vector = SigV4SuiteVector.all[0]
        let authorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=\(vector.signature)"
        let verifier = SigV4Verifier(secretKeys: [SigV4SuiteVector.accessKeyID: "not-the-secret"])
        let result = verifier.verify(method: "GET", rawPath: "/", rawQuery: "", headers: vector.headers + [("Authorization", authorization)],
                                     body: [], now: requestTime)
        #expect(result == .signatureMismatch(expectedStringToSign:
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"))
    }
}
