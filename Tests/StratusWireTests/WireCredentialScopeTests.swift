import Foundation
import HTTPTypes
import StratusSigV4
import Testing
@testable import StratusWire

/// The byte-wise fast path of ``WireCredentialScope`` answers exactly what the full SigV4 parse (with its
/// `Credential=` fallback) answers, for well-formed and malformed headers alike.
@Suite struct WireCredentialScopeTests {
    /// The reading before the fast path existed: full parse, then the first `Credential=` up to `,` or space.
    private func reference(_ authorization: String) -> SigV4Credential? {
        if let parsed = try? SigV4.parseAuthorization(authorization) { return parsed.credential }
        if let range = authorization.range(of: "Credential=") {
            let rest = authorization[range.upperBound...]
            let text = rest.prefix { $0 != "," && $0 != " " }
            if let credential = try? SigV4Credential.parse(String(text)) { return credential }
        }
        return nil
    }

    private func scope(_ authorization: String) -> SigV4Credential? {
        WireCredentialScope.credential(of: RPCTestSupport.request(headers: [("Authorization", authorization)]))
    }

    static let signature = String(repeating: "0", count: 64)
    static let headers: [String] = [
        "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=000000000001/20240101/eu-west-1/sqs/aws4_request,SignedHeaders=host,Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=00",
        "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sqs/aws4_request",
        "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sqs/aws4_request, Credential=other/20240101/us-west-2/sns/aws4_request, SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=test/2024010/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=test/2024010a/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sqs/aws4_requests, SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=test/20240101//sqs/aws4_request, SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sqs/x/aws4_request, SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/aws4_request, SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=, SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=te st/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256  Credential=test/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=\(signature)",
        " AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256 SignedHeaders=host, Credential=test/20240101/us-east-1/s3/aws4_request, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=tést/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sqs/aws4_request,\u{301} SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sqs/aws4_request, Unknown=1",
        "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sqs/aws4_request\t, SignedHeaders=host, Signature=\(signature)",
        "AWS AKIDEXAMPLE:signature",
        "AWS4-ECDSA-P256-SHA256 Credential=test/20240101/sqs/aws4_request, SignedHeaders=host, Signature=\(signature)",
        "Credential=test/20240101/us-east-1/sqs/aws4_request",
        "",
    ]

    @Test(arguments: headers) func sameAsFullParse(_ header: String) {
        #expect(scope(header) == reference(header))
    }

    @Test func readsTheScope() {
        let credential = scope(Self.headers[0])
        #expect(credential == SigV4Credential(accessKeyID: "test", date: "20240101", region: "us-east-1", service: "sqs"))
    }

    @Test func presignedQueryStillRead() {
        let request = RPCTestSupport.request(
            method: .get, path: "/?X-Amz-Credential=AK%2F20240101%2Fus-west-2%2Fs3%2Faws4_request")
        #expect(WireCredentialScope.credential(of: request)?.region == "us-west-2")
    }
}
