import StratusAPILambda
import StratusAPIS3
import StratusServiceKit
import Testing

@testable import StratusWire

@Suite struct RESTOperationMatcherTests {
    /// A request path, query and header names built from an operation's template and required members,
    /// with sample values: what a client calling the operation sends at the least.
    static func sampleRequest(
        for operation: OperationSchema, service: ServiceSchema
    ) -> (path: String, query: [(String, String?)], headers: Set<String>) {
        let template = RESTURITemplate(operation.requestURI)
        var path = ""
        for segment in template.segments {
            switch segment {
            case .literal(let text): path += "/" + RESTPercentEncoding.encode(text)
            case .label(let name): path += "/sample-\(name.lowercased())"
            case .greedy: path += "/some/nested%20key.txt"
            }
        }
        if path.isEmpty { path = "/" }
        var query = template.query.map { ($0.key, $0.value) }
        var headers: Set<String> = []
        for member in operation.input.map({ service[shape: $0.shape].members }) ?? [] where member.isRequired {
            if member.location == .querystring, let key = member.locationName { query.append((key, "sample")) }
            if member.location == .header { headers.insert(member.wireName.lowercased()) }
        }
        return (path, query, headers)
    }

    /// Every operation whose template and method are shared by no other operation is found from its own sample.
    static func checkEveryOperationRoutes(_ service: ServiceSchema) -> [String] {
        let matcher = RESTOperationMatcher(service: service)
        var failures: [String] = []
        for operation in service.operations {
            let (path, query, headers) = sampleRequest(for: operation, service: service)
            let twins = service.operations.filter {
                $0.httpMethod == operation.httpMethod && $0.requestURI == operation.requestURI
            }
            guard twins.count == 1 else { continue }
            let found = matcher.match(method: operation.httpMethod, path: path, query: query, headerNames: headers)?
                .operation.name
            if found != operation.name { failures.append("\(operation.name): \(path) → \(found ?? "nothing")") }
        }
        return failures
    }

    @Test func routesEveryS3Operation() {
        let failures = Self.checkEveryOperationRoutes(.s3)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func routesEveryLambdaOperation() {
        let failures = Self.checkEveryOperationRoutes(.lambda)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func tellsS3BucketOperationsApartByQueryKeys() throws {
        let matcher = RESTOperationMatcher(service: .s3)
        func route(_ method: String, _ path: String, _ query: String = "") -> String? {
            matcher.match(method: method, path: path, query: RESTPercentEncoding.parseQuery(query))?.operation.name
        }
        #expect(route("GET", "/bucket") == "ListObjects")
        #expect(route("GET", "/bucket/") == "ListObjects")
        #expect(route("GET", "/bucket", "list-type=2&prefix=a") == "ListObjectsV2")
        #expect(route("GET", "/bucket", "acl") == "GetBucketAcl")
        #expect(route("GET", "/bucket", "location") == "GetBucketLocation")
        #expect(route("GET", "/bucket", "versions") == "ListObjectVersions")
        #expect(route("GET", "/bucket", "uploads") == "ListMultipartUploads")
        #expect(route("PUT", "/bucket") == "CreateBucket")
        #expect(route("PUT", "/bucket", "tagging") == "PutBucketTagging")
        #expect(route("HEAD", "/bucket") == "HeadBucket")
        #expect(route("GET", "/") == "ListBuckets")
        #expect(route("GET", "/bucket/a/b.txt") == "GetObject")
        #expect(route("GET", "/bucket/a/b.txt", "x-id=GetObject") == "GetObject")
        #expect(route("GET", "/bucket/a/b.txt", "acl") == "GetObjectAcl")
        #expect(route("PUT", "/bucket/a/b.txt") == "PutObject")
        #expect(route("PUT", "/bucket/k", "partNumber=1&uploadId=x") == "UploadPart")
        #expect(route("PUT", "/bucket/k", "x-id=PutObject") == "PutObject")
        #expect(route("DELETE", "/bucket", "analytics") == "DeleteBucketAnalyticsConfiguration")
        let copy = matcher.match(method: "PUT", path: "/b/k", query: [], headerNames: ["x-amz-copy-source"])
        #expect(copy?.operation.name == "CopyObject")
        let partCopy = matcher.match(
            method: "PUT", path: "/b/k", query: [("partNumber", "1"), ("uploadId", "u")], headerNames: ["x-amz-copy-source"])
        #expect(partCopy?.operation.name == "UploadPartCopy")
        #expect(route("POST", "/bucket/k", "uploads") == "CreateMultipartUpload")
        #expect(route("POST", "/bucket/k", "uploadId=x") == "CompleteMultipartUpload")
        #expect(route("DELETE", "/bucket/k", "uploadId=x") == "AbortMultipartUpload")
        #expect(route("POST", "/bucket", "delete") == "DeleteObjects")
        #expect(route("PATCH", "/bucket") == nil)

        let folder = try #require(matcher.match(method: "PUT", path: "/b/dir/", query: []))
        #expect(folder.operation.name == "PutObject")
        #expect(folder.labels["Key"] == "dir/")
        #expect(matcher.match(method: "GET", path: "/b//lead//x", query: [])?.labels["Key"] == "/lead//x")
        let match = try #require(matcher.match(method: "GET", path: "/my-bucket/dir/a%2Fb%20c.txt", query: []))
        #expect(match.labels["Bucket"] == "my-bucket")
        #expect(match.labels["Key"] == "dir/a/b c.txt")
    }

    @Test func routesLambdaPaths() throws {
        let matcher = RESTOperationMatcher(service: .lambda)
        func route(_ method: String, _ path: String) -> RESTMatch? { matcher.match(method: method, path: path, query: []) }
        #expect(route("GET", "/2015-03-31/functions/")?.operation.name == "ListFunctions")
        #expect(route("POST", "/2015-03-31/functions")?.operation.name == "CreateFunction")
        let invoke = try #require(route("POST", "/2015-03-31/functions/my-fn/invocations"))
        #expect(invoke.operation.name == "Invoke")
        #expect(invoke.labels["FunctionName"] == "my-fn")
        let arn = try #require(route("GET", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af"))
        #expect(arn.operation.name == "GetFunction")
        #expect(arn.labels["FunctionName"] == "arn:aws:lambda:us-east-1:000000000000:function:f")
        #expect(route("GET", "/2015-03-31/functions/f/configuration")?.operation.name == "GetFunctionConfiguration")
    }

    @Test func templatesParseLabelsGreedyLabelsAndQueryLiterals() {
        let template = RESTURITemplate("/{Bucket}/{Key+}?x-id=GetObject")
        #expect(template.segments == [.label("Bucket"), .greedy("Key")])
        #expect(template.query == [.init(key: "x-id", value: "GetObject")])
        #expect(template.labelNames == ["Bucket", "Key"])
        let acl = RESTURITemplate("/{Bucket}?acl")
        #expect(acl.query == [.init(key: "acl", value: nil)])
        #expect(acl.matchPath("/b") == ["Bucket": "b"])
        #expect(acl.matchPath("/b/c") == nil)
        #expect(acl.matchPath("/") == nil)

        let middle = RESTURITemplate("/files/{Prefix+}/meta/{Name}")
        #expect(middle.matchPath("/files/a/b/c/meta/n") == ["Prefix": "a/b/c", "Name": "n"])
        #expect(middle.matchPath("/files/meta/n") == nil)
        // A plain label decodes %2F into `/`; literal segments compare decoded.
        #expect(RESTURITemplate("/x/{A}").matchPath("/x/a%2Fb") == ["A": "a/b"])
        #expect(RESTURITemplate("/a b/{A}").matchPath("/a%20b/v") == ["A": "v"])
    }

    @Test func decodesQueryStrings() {
        let pairs = RESTPercentEncoding.parseQuery("a=1&b&c=%20x+y&&d=")
        #expect(pairs.map(\.0) == ["a", "b", "c", "d"])
        #expect(pairs.map(\.1) == ["1", nil, " x y", ""])
        #expect(RESTPercentEncoding.decode("100%") == "100%")
        #expect(RESTPercentEncoding.decode("%e2%9c%93") == "✓")
        #expect(RESTPercentEncoding.encode("a b/c~") == "a%20b%2Fc~")
        #expect(RESTPercentEncoding.encode("a b/c", keepSlash: true) == "a%20b/c")
    }
}
