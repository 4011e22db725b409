import Foundation
import HTTPTypes
import OrderedCollections
import StratusAPIS3
import StratusServiceKit
import Testing

@testable import StratusWire

@Suite struct S3QuirksTests {
    @Test func virtualHostAddressing() {
        let cases: [(host: String, path: String, bucket: String?, key: String?, pathStyle: String, virtual: Bool)] = [
            ("mybucket.s3.localhost.localstack.cloud:4566", "/a/b%20c.txt", "mybucket", "a/b c.txt", "/mybucket/a/b%20c.txt", true),
            ("mybucket.localhost:4566", "/", "mybucket", nil, "/mybucket", true),
            ("my.bucket.s3.localhost:4566", "/k", "my.bucket", "k", "/my.bucket/k", true),
            ("s3.localhost:4566", "/b/k", "b", "k", "/b/k", false),
            ("MyBucket.localhost", "/k", "mybucket", "k", "/mybucket/k", true),
            ("my.dotted.bucket.s3.amazonaws.com", "/k", "my.dotted.bucket", "k", "/my.dotted.bucket/k", true),
            ("mybucket.s3.us-west-2.amazonaws.com", "/k", "mybucket", "k", "/mybucket/k", true),
            ("mybucket.s3-us-west-2.amazonaws.com", "/", "mybucket", nil, "/mybucket", true),
            ("mybucket.s3-accelerate.dualstack.amazonaws.com", "/", "mybucket", nil, "/mybucket", true),
            ("localhost:4566", "/mybucket/k/x", "mybucket", "k/x", "/mybucket/k/x", false),
            ("127.0.0.1:4566", "/mybucket", "mybucket", nil, "/mybucket", false),
            ("s3.localhost.localstack.cloud:4566", "/b/k", "b", "k", "/b/k", false),
            ("s3.amazonaws.com", "/", nil, nil, "/", false),
            ("s3.us-east-1.amazonaws.com", "/b", "b", nil, "/b", false),
            ("[::1]:4566", "/b/k", "b", "k", "/b/k", false),
        ]
        for item in cases {
            let address = S3Addressing.bucketAndKey(host: item.host, path: item.path)
            #expect(address.bucket == item.bucket, "\(item.host)")
            #expect(address.key == item.key, "\(item.host)")
            #expect(address.pathStylePath == item.pathStyle, "\(item.host)")
            #expect(address.isVirtualHost == item.virtual, "\(item.host)")
        }
    }

    @Test func errorsAreBareWithRequestIDs() throws {
        let codec = RESTXMLCodec()
        let error = AWSServiceError(
            AWSErrorCode("NoSuchKey", httpStatus: 404), "The specified key does not exist.",
            fields: ["Key": "a.txt"])
        let response = codec.encodeError(error, operation: nil, service: .s3, requestID: "REQ123")
        #expect(response.head.status.code == 404)
        #expect(response.header("x-amz-request-id") == "REQ123")
        #expect(response.header("x-amz-id-2") == S3Quirks.hostID(for: "REQ123"))
        #expect(response.header("Content-Type") == "application/xml")
        let root = try XMLElement.parse(response.body)
        #expect(root.name == "Error")
        #expect(root.elements.map(\.name) == ["Code", "Message", "Key", "RequestId", "HostId"])
        #expect(root.child(named: "Code")?.text == "NoSuchKey")
        #expect(root.child(named: "Key")?.text == "a.txt")
        #expect(root.child(named: "RequestId")?.text == "REQ123")
    }

    @Test func getBucketLocationIsUnwrapped() throws {
        let operation = try #require(ServiceSchema.s3.operation(named: "GetBucketLocation"))
        let response = try RESTXMLCodec().encodeResponse(
            ["LocationConstraint": "eu-west-1"], operation: operation, service: .s3, requestID: "r")
        let root = try XMLElement.parse(response.body)
        #expect(root.name == "LocationConstraint")
        #expect(root.text == "eu-west-1")
        #expect(root.attribute("xmlns") == "http://s3.amazonaws.com/doc/2006-03-01/")
        // us-east-1 is an empty LocationConstraint.
        let empty = try RESTXMLCodec().encodeResponse(.emptyObject, operation: operation, service: .s3, requestID: "r")
        let emptyRoot = try XMLElement.parse(empty.body)
        #expect(emptyRoot.name == "LocationConstraint" && emptyRoot.children.isEmpty)
    }

    @Test func listObjectsV2ResponseUsesS3DocumentNames() throws {
        let operation = try #require(ServiceSchema.s3.operation(named: "ListObjectsV2"))
        let output: AWSValue = [
            "Name": "b", "KeyCount": 1, "IsTruncated": false,
            "Contents": [["Key": "a.txt", "Size": 3, "LastModified": .timestamp(.init(timeIntervalSince1970: 0))]],
        ]
        let response = try RESTXMLCodec().encodeResponse(output, operation: operation, service: .s3, requestID: "r")
        #expect(response.header("x-amz-request-id") == "r")
        let root = try XMLElement.parse(response.body)
        #expect(root.name == "ListBucketResult")
        #expect(root.attribute("xmlns") == "http://s3.amazonaws.com/doc/2006-03-01/")
        // Contents is a flattened list: one <Contents> per object, no wrapper.
        let contents = root.children(named: "Contents")
        #expect(contents.count == 1)
        #expect(contents.first?.child(named: "Key")?.text == "a.txt")
        #expect(contents.first?.child(named: "LastModified")?.text == "1970-01-01T00:00:00Z")
        #expect(root.child(named: "IsTruncated")?.text == "false")
    }

    @Test func decodesPutObjectAndMalformedXML() throws {
        let service = ServiceSchema.s3
        let put = try #require(service.operation(named: "PutObject"))
        var fields = HTTPFieldsBuilder()
        fields.add("Content-Type", "text/plain")
        fields.add("x-amz-meta-Color", "blue")
        fields.add("x-amz-meta-size", "L")
        let request = fields.request(method: .put, path: "/bucket/dir/file%20name.txt", body: Array("hello".utf8))
        let input = try RESTXMLCodec().decodeRequest(request, operation: put, service: service)
        #expect(input[member: "Bucket"] == "bucket")
        #expect(input[member: "Key"] == "dir/file name.txt")
        #expect(input[member: "ContentType"] == "text/plain")
        #expect(input[member: "Body"] == .blob(.init("hello".utf8)))
        #expect(input[member: "Metadata"] == ["Color": "blue", "size": "L"])

        let list = try #require(service.operation(named: "ListObjectsV2"))
        let badNumber = HTTPFieldsBuilder().request(method: .get, path: "/bucket?list-type=2&max-keys=many")
        #expect {
            _ = try RESTXMLCodec().decodeRequest(badNumber, operation: list, service: service)
        } throws: { error in
            (error as? AWSServiceError)?.code.code == "InvalidArgument"
        }
        let listed = try RESTXMLCodec().decodeRequest(
            HTTPFieldsBuilder().request(method: .get, path: "/bucket?list-type=2&max-keys=5&prefix=a%2Fb+c&fetch-owner=true"),
            operation: list, service: service)
        #expect(listed[member: "MaxKeys"] == 5)
        #expect(listed[member: "Prefix"] == "a/b c")
        #expect(listed[member: "FetchOwner"] == true)

        let delete = try #require(service.operation(named: "DeleteObject"))
        let deleted = try RESTXMLCodec().encodeResponse(
            ["DeleteMarker": true], operation: delete, service: service, requestID: "r")
        #expect(deleted.head.status.code == 204)
        #expect(deleted.body.isEmpty)
        #expect(deleted.header("Content-Type") == nil)
        #expect(deleted.header("x-amz-delete-marker") == "true")

        let get = try #require(service.operation(named: "GetObject"))
        let partial = try RESTXMLCodec().encodeResponse(
            ["ContentRange": "bytes 0-1/5", "Body": .blob(Data("he".utf8))], operation: get, service: service, requestID: "r")
        #expect(partial.head.status.code == 206)
        #expect(partial.header("Content-Range") == "bytes 0-1/5")
        #expect(partial.body == Array("he".utf8))

        var copyFields = HTTPFieldsBuilder()
        copyFields.add("x-amz-copy-source", "/src/key")
        let copyRequest = copyFields.request(method: .put, path: "/bucket/k")
        #expect(RESTOperationMatcher(service: service).match(copyRequest)?.operation.name == "CopyObject")
        let virtual = HTTPFieldsBuilder().request(method: .get, path: "/k?acl", host: "b.s3.localhost:4566")
        let address = S3Addressing.bucketAndKey(host: "b.s3.localhost:4566", path: virtual.rawPath)
        let routed = RESTOperationMatcher(service: service).match(virtual, path: address.pathStylePath)
        #expect(routed?.operation.name == "GetObjectAcl")
        #expect(routed?.labels == ["Bucket": "b", "Key": "k"])

        let tagging = try #require(service.operation(named: "PutBucketTagging"))
        let bad = HTTPFieldsBuilder().request(method: .put, path: "/bucket?tagging", body: Array("<Tagging><TagSet>".utf8))
        #expect {
            _ = try RESTXMLCodec().decodeRequest(bad, operation: tagging, service: service)
        } throws: { error in
            (error as? AWSServiceError)?.code.code == "MalformedXML"
        }
        let good = HTTPFieldsBuilder().request(
            method: .put, path: "/bucket?tagging",
            body: Array("<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>".utf8))
        let decoded = try RESTXMLCodec().decodeRequest(good, operation: tagging, service: service)
        #expect(decoded[member: "Tagging"] == ["TagSet": [["Key": "k", "Value": "v"]]])
    }
}
