import HTTPTypes
import StratusAPILambda
import StratusAPIS3
import StratusAPISNS
import StratusAPISQS
import StratusServiceKit
import Testing
@testable import StratusWire

/// S3 routing as botocore 1.43 sends it: the operation is told apart by headers and query keys, the bucket may
/// sit in the host.
@Suite struct S3RoutingTests {
    let router = ServiceRouter(services: [.sqs, .sns, .lambda, .s3])

    static let s3Authorization =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/s3/aws4_request, "
        + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=\(String(repeating: "a", count: 64))"

    /// The headers botocore puts on every S3 request (no `x-id` query key: botocore strips it).
    private func botocore(
        _ method: HTTPRequest.Method, _ path: String, host: String = "127.0.0.1:4566", extra: [(String, String)] = [],
        body: String = ""
    ) -> WireRequest {
        RPCTestSupport.request(
            method: method, path: path, host: host,
            headers: [
                ("User-Agent", "Botocore/1.43.11 ua/2.1 os/linux lang/python#3.11"),
                ("X-Amz-Date", "20261126T070117Z"),
                ("X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD"),
                ("Authorization", Self.s3Authorization),
                ("amz-sdk-invocation-id", "6e4351d4-76cd-4463-8ee9-f36044c7b0a5"),
                ("amz-sdk-request", "attempt=1"),
                ("Content-Length", "\(body.utf8.count)"),
            ] + extra,
            body: body)
    }

    private func operation(_ request: WireRequest) -> String? {
        guard case .success(let route) = router.route(request) else { return nil }
        return route.operation.name
    }

    @Test func putCopyAndTheirMultipartTwins() {
        let checksum = [("Expect", "100-continue"), ("x-amz-checksum-crc32", "NhCmhg=="), ("x-amz-sdk-checksum-algorithm", "CRC32")]
        #expect(operation(botocore(.put, "/b/k/x.txt", extra: checksum, body: "hello")) == "PutObject")
        #expect(operation(botocore(.put, "/b/k2", extra: [("x-amz-copy-source", "b/k/x.txt")])) == "CopyObject")
        #expect(operation(botocore(.put, "/b/k?uploadId=u1&partNumber=1", extra: checksum, body: "x")) == "UploadPart")
        #expect(
            operation(botocore(.put, "/b/k?uploadId=u1&partNumber=1", extra: [("x-amz-copy-source", "b/src")]))
                == "UploadPartCopy")
        // The same four in virtual-host style.
        let host = "b.s3.localhost:4566"
        #expect(operation(botocore(.put, "/k/x.txt", host: host, extra: checksum, body: "hello")) == "PutObject")
        #expect(operation(botocore(.put, "/k2", host: host, extra: [("x-amz-copy-source", "b/k/x.txt")])) == "CopyObject")
        #expect(operation(botocore(.put, "/k?uploadId=u1&partNumber=1", host: host, body: "x")) == "UploadPart")
        #expect(
            operation(botocore(.put, "/k?uploadId=u1&partNumber=1", host: host, extra: [("x-amz-copy-source", "b/s")]))
                == "UploadPartCopy")
    }

    @Test func unmetRequirementsNeverWin() throws {
        let matcher = RESTOperationMatcher(service: .s3)
        // Without the header, CopyObject's requirement is unmet: PutObject wins; with it, CopyObject does.
        #expect(matcher.match(method: "PUT", path: "/b/k", query: [], headerNames: [])?.operation.name == "PutObject")
        #expect(
            matcher.match(method: "PUT", path: "/b/k", query: [], headerNames: ["x-amz-copy-source"])?.operation.name
                == "CopyObject")
        // A matching `x-id` hint does not let an operation with unmet requirements win.
        #expect(
            matcher.match(method: "PUT", path: "/b/k", query: [("x-id", "CopyObject")], headerNames: [])?.operation.name
                == "PutObject")
    }

    @Test(arguments: [
        ("b.localhost", "b"), ("b.localhost:4566", "b"), ("b.s3.localhost", "b"), ("b.s3.localhost:4566", "b"),
        ("b.s3.amazonaws.com", "b"), ("b.s3.us-east-1.amazonaws.com", "b"), ("b.s3-us-west-2.amazonaws.com", "b"),
        ("b.s3.localhost.localstack.cloud:4566", "b"), ("B.S3.LOCALHOST:4566", "b"),
        ("my.dotted.bucket.s3.localhost:4566", "my.dotted.bucket"),
        ("my.dotted.bucket.s3.us-east-1.amazonaws.com", "my.dotted.bucket"),
    ])
    func virtualHostBuckets(host: String, bucket: String) {
        #expect(S3Addressing.virtualHostBucket(host) == bucket)
    }

    @Test(arguments: [
        "127.0.0.1:4566", "localhost:4566", "localhost", "s3.localhost:4566", "s3.amazonaws.com",
        "s3.us-east-1.amazonaws.com", "s3.localhost.localstack.cloud:4566", "[::1]:4566", "example.com",
    ])
    func pathStyleHosts(host: String) {
        #expect(S3Addressing.virtualHostBucket(host) == nil)
    }

    @Test func dottedBucketInTheHostBecomesThePath() throws {
        guard case .success(let route) = router.route(botocore(.get, "/a/b.txt", host: "my.bucket.s3.localhost:4566"))
        else {
            Issue.record("not routed")
            return
        }
        #expect(route.operation.name == "GetObject")
        #expect(route.virtualHostBucket == "my.bucket")
        #expect(route.path == "/my.bucket/a/b.txt")
    }
}
