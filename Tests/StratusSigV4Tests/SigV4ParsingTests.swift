import StratusSigV4
import Testing

@Suite("Parsing Authorization headers and presigned queries")
struct SigV4ParsingTests {
    let signature = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"

    @Test func parsesTheHeaderWithAndWithoutSpaces() throws {
        for header in [
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=\(signature)",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request,SignedHeaders=host;x-amz-date,Signature=\(signature)",
            "AWS4-HMAC-SHA256 Signature=\(signature.uppercased()), SignedHeaders=host;x-amz-date, Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request",
        ] {
            let parsed = try SigV4.parseAuthorization(header)
            #expect(parsed.credential == SigV4Credential(accessKeyID: "AKIDEXAMPLE", date: "20150830", region: "us-east-1",
                                                         service: "iam", terminator: "aws4_request"))
            #expect(parsed.signedHeaders == ["host", "x-amz-date"])
            #expect(parsed.signature == signature)
            #expect(!parsed.isPresigned)
            #expect(parsed.amzDate == nil)
            #expect(parsed.expires == nil)
        }
    }

    @Test(arguments: [
        ("AWS AKIDEXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=", SigV4Error.Code.unsupportedAlgorithm),
        ("AWS4-ECDSA-P256-SHA256 Credential=AKID/20150830/s3/aws4_request, SignedHeaders=host, Signature=ab", .unsupportedAlgorithm),
        ("", .missingAuthentication),
        ("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", .malformedAuthorization),
        ("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/s3/aws4_request, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", .malformedAuthorization),
        ("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/s3/aws4_request, SignedHeaders=host", .malformedAuthorization),
        ("AWS4-HMAC-SHA256 Credential=AKID/2015083/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", .malformedAuthorization),
        ("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/s3/aws5_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", .malformedAuthorization),
        ("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/aws4_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", .malformedAuthorization),
        ("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=xyz", .malformedAuthorization),
        ("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/s3/aws4_request, SignedHeaders=host;;x, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", .malformedAuthorization),
        ("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31, Extra=1", .malformedAuthorization),
    ])
    func rejectsBadHeaders(header: String, code: SigV4Error.Code) {
        #expect(throws: SigV4Error.self) { try SigV4.parseAuthorization(header) }
        do {
            _ = try SigV4.parseAuthorization(header)
        } catch {
            #expect(error.code == code, "\(header): \(error.message)")
        }
    }

    @Test func parsesPresignedParameters() throws {
        let query: [(String, String?)] = [
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            ("X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"),
            ("X-Amz-Date", "20130524T000000Z"), ("X-Amz-Expires", "86400"), ("X-Amz-SignedHeaders", "host"),
            ("X-Amz-Signature", "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"),
            ("X-Amz-Security-Token", "token"), ("versionId", nil),
        ]
        let parsed = try #require(try SigV4.parsePresigned(query: query))
        #expect(parsed.isPresigned)
        #expect(parsed.credential.accessKeyID == "AKIAIOSFODNN7EXAMPLE")
        #expect(parsed.credential.scope == "20130524/us-east-1/s3/aws4_request")
        #expect(parsed.amzDate == "20130524T000000Z")
        #expect(parsed.expires == 86400)
        #expect(parsed.signedHeaders == ["host"])
        #expect(parsed.securityToken == "token")
    }

    @Test func notPresignedIsNil() throws {
        #expect(try SigV4.parsePresigned(query: [("prefix", "J"), ("max-keys", "2")]) == nil)
        #expect(try SigV4.parsePresigned(query: []) == nil)
    }

    @Test(arguments: [
        ["X-Amz-Algorithm": "AWS4-HMAC-SHA256"],
        ["X-Amz-Signature": "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"],
        ["X-Amz-Algorithm": "AWS4-HMAC-SHA256", "X-Amz-Credential": "AKID/20130524/us-east-1/s3/aws4_request",
         "X-Amz-Date": "20130524T000000Z", "X-Amz-Expires": "604801", "X-Amz-SignedHeaders": "host",
         "X-Amz-Signature": "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"],
        ["X-Amz-Algorithm": "AWS4-HMAC-SHA256", "X-Amz-Credential": "AKID/20130524/us-east-1/s3/aws4_request",
         "X-Amz-Date": "2013-05-24T00:00:00Z", "X-Amz-Expires": "60", "X-Amz-SignedHeaders": "host",
         "X-Amz-Signature": "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"],
        ["X-Amz-Algorithm": "AWS4-HMAC-SHA1", "X-Amz-Signature": "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"],
    ])
    func rejectsIncompletePresignedParameters(parameters: [String: String]) {
        #expect(throws: SigV4Error.self) {
            try SigV4.parsePresigned(query: parameters.map { ($0.key, Optional($0.value)) })
        }
    }

    @Test func credentialScopeText() throws {
        let credential = try SigV4Credential.parse("000000000000/20260101/eu-west-1/sqs/aws4_request")
        #expect(credential.accessKeyID == "000000000000")
        #expect(credential.scope == "20260101/eu-west-1/sqs/aws4_request")
        #expect(credential.credentialString == "000000000000/20260101/eu-west-1/sqs/aws4_request")
    }
}
