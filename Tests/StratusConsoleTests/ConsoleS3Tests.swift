import Foundation
import HTTPTypes
import StratusAPIS3
import StratusConsole
import StratusJSON
import StratusS3
import Testing

/// The console's S3 routes answer with what ListBuckets, ListObjectsV2, HeadObject, GetObjectTagging and GetObject
/// answer in-process; downloads are sandboxed attachments whatever the object's own content type.
@Suite struct ConsoleS3Tests {
    @Test func listsBucketsWithTheirRegionsAndCreationDates() async throws {
        let fixture = try ConsoleS3Fixture()
        defer { fixture.removeObjects() }
        let empty = await fixture.api("/buckets")
        #expect(empty.status == .ok)
        #expect(empty.headerFields[.contentType] == "application/json")
        #expect(try ConsoleFixture.json(empty) == ["buckets": [], "truncated": false])
        try await fixture.createBucket("alpha")
        try await fixture.createBucket("beta", region: "eu-west-1")
        let body = try ConsoleFixture.json(await fixture.api("/buckets"))
        #expect(body == [
            "buckets": [
                ["name": "alpha", "creationDate": 1_700_000_000, "region": "us-east-1"],
                ["name": "beta", "creationDate": 1_700_000_000, "region": "eu-west-1"],
            ],
            "truncated": false,
        ])
    }

    @Test func listsObjectsFoldedAtSlashes() async throws {
        let fixture = try ConsoleS3Fixture()
        defer { fixture.removeObjects() }
        try await fixture.createBucket("box")
        for key in ["a.txt", "dir/b.txt", "dir/sub/c.txt", "dir/d e+f.txt", "ünï/x", "dir/"] {
            try await fixture.put("box", key, "body of \(key)")
        }
        let root = try ConsoleFixture.json(await fixture.api("/objects", ["bucket": "box"]))
        #expect(root["bucket"] == "box")
        #expect(root["prefix"] == "")
        #expect(root["folders"] == ["dir/", "ünï/"])
        #expect(root["objects"] == [
            ["key": "a.txt", "size": 13, "lastModified": 1_700_000_000,
             "eTag": "\"8f7d68ec8392d366f755ce30097c7bf5\"", "storageClass": "STANDARD"],
        ])
        #expect(root["nextToken"] == nil)

        let inside = try ConsoleFixture.json(await fixture.api("/objects", ["bucket": "box", "prefix": "dir/"]))
        #expect(inside["prefix"] == "dir/")
        #expect(inside["folders"] == ["dir/sub/"])
        #expect(inside["objects"]?.arrayValue?.compactMap { $0["key"]?.stringValue } == ["dir/", "dir/b.txt", "dir/d e+f.txt"])
        #expect(inside["objects"]?[2]?["size"] == 21)

        let unicode = try ConsoleFixture.json(await fixture.api("/objects", ["bucket": "box", "prefix": "ünï/"]))
        #expect(unicode["objects"]?.arrayValue?.compactMap { $0["key"]?.stringValue } == ["ünï/x"])
        let partial = try ConsoleFixture.json(await fixture.api("/objects", ["bucket": "box", "prefix": "di"]))
        #expect(partial["folders"] == ["dir/"])
        #expect(partial["objects"] == [])
    }

    @Test func pagesObjectsAThousandAtATime() async throws {
        let fixture = try ConsoleS3Fixture()
        defer { fixture.removeObjects() }
        try await fixture.createBucket("many")
        for index in 0..<1001 { try await fixture.put("many", String(format: "k%04d", index), "x") }
        let first = try ConsoleFixture.json(await fixture.api("/objects", ["bucket": "many"]))
        #expect(first["objects"]?.arrayValue?.count == 1000)
        #expect(first["objects"]?[999]?["key"] == "k0999")
        let token = try #require(first["nextToken"]?.stringValue)
        let second = try ConsoleFixture.json(await fixture.api("/objects", ["bucket": "many", "token": token]))
        #expect(second["objects"]?.arrayValue?.compactMap { $0["key"]?.stringValue } == ["k1000"])
        #expect(second["nextToken"] == nil)
    }

    @Test func anUnknownBucketIsNoSuchBucket() async throws {
        let fixture = try ConsoleS3Fixture()
        defer { fixture.removeObjects() }
        for response in [await fixture.api("/objects", ["bucket": "missing"]),
                         await fixture.api("/object", ["bucket": "missing", "key": "k"]),
                         await fixture.api("/object/head", ["bucket": "missing", "key": "k"])] {
            #expect(response.status == .notFound)
            #expect(response.headerFields[.contentType] == "application/json")
            #expect(try ConsoleFixture.json(response)["error"] == "NoSuchBucket")
        }
    }

    @Test func anUnknownKeyIsNoSuchKey() async throws {
        let fixture = try ConsoleS3Fixture()
        defer { fixture.removeObjects() }
        try await fixture.createBucket("box")
        for route in ["/object", "/object/head"] {
            let response = await fixture.api(route, ["bucket": "box", "key": "nothing/here"])
            #expect(response.status == .notFound)
            #expect(try ConsoleFixture.json(response)["error"] == "NoSuchKey")
        }
    }

    @Test func anHTMLObjectDownloadsAsASandboxedAttachment() async throws {
        let fixture = try ConsoleS3Fixture()
        defer { fixture.removeObjects() }
        try await fixture.createBucket("box")
        let page = "<html><script>document.title = 'owned'</script></html>"
        try await fixture.put("box", "site/index.html", page, contentType: "text/html")
        let response = await fixture.api("/object", ["bucket": "box", "key": "site/index.html"])
        #expect(response.status == .ok)
        #expect(response.body == Array(page.utf8))
        #expect(response.headerFields[.contentType] == "application/octet-stream")
        #expect(response.headerFields[.contentDisposition] == #"attachment; filename="index.html"; filename*=UTF-8''index.html"#)
        #expect(response.headerFields[.contentSecurityPolicy] == "sandbox")
        #expect(response.headerFields[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
        #expect(response.headerFields[.cacheControl] == "no-store")

        let head = await fixture.api(.head, "/object", ["bucket": "box", "key": "site/index.html"])
        #expect(head.status == .ok)
        #expect(head.body.isEmpty)
        #expect(head.headerFields[.contentType] == "application/octet-stream")
        #expect(head.headerFields[.contentDisposition] == response.headerFields[.contentDisposition])
        #expect(head.headerFields[.contentSecurityPolicy] == "sandbox")
    }

    @Test(arguments: [
        ("a b+c.txt", #"attachment; filename="a b+c.txt"; filename*=UTF-8''a%20b+c.txt"#),
        ("docs/r\u{E9}\"sum\u{E9}\n.pdf", #"attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf"#),
        ("folder/", #"attachment; filename="folder"; filename*=UTF-8''folder"#),
        ("x/\\\"\u{7}", #"attachment; filename="download"; filename*=UTF-8''download"#),
        ("日本/語.txt", #"attachment; filename="_.txt"; filename*=UTF-8''%E8%AA%9E.txt"#),
    ])
    func downloadsAreNamedAfterTheKeysLastSegment(key: String, disposition: String) async throws {
        let fixture = try ConsoleS3Fixture()
        defer { fixture.removeObjects() }
        try await fixture.createBucket("box")
        try await fixture.put("box", key, "content")
        let response = await fixture.api("/object", ["bucket": "box", "key": key])
        #expect(response.status == .ok)
        #expect(response.headerFields[.contentDisposition] == disposition)
        #expect(response.body == Array("content".utf8))
    }

    @Test func describesAnObjectWithItsMetadataAndTags() async throws {
        let fixture = try ConsoleS3Fixture()
        defer { fixture.removeObjects() }
        try await fixture.createBucket("box")
        try await fixture.put("box", "data/report.json", #"{"ok":true}"#, contentType: "application/json",
                              metadata: ["owner": "team-a"])
        _ = try await fixture.service.putObjectTagging(
            S3.PutObjectTaggingRequest(bucket: "box", key: "data/report.json",
                                       tagging: S3.Tagging(tagSet: [S3.Tag(key: "stage", value: "raw")])),
            context: ConsoleS3Fixture.context)
        let response = await fixture.api("/object/head", ["bucket": "box", "key": "data/report.json"])
        #expect(response.status == .ok)
        let body = try ConsoleFixture.json(response)
        #expect(body["Bucket"] == "box")
        #expect(body["Key"] == "data/report.json")
        #expect(body["ContentType"] == "application/json")
        #expect(body["ContentLength"] == 11)
        #expect(body["ETag"] == "\"82380d1e263b6093f3c7535690fcdd75\"")  // MD5 of the body
        #expect(body["LastModified"] == 1_700_000_000)
        #expect(body["Metadata"] == ["owner": "team-a"])
        #expect(body["TagSet"] == [["Key": "stage", "Value": "raw"]])

        try await fixture.put("box", "plain", "p")
        #expect(try ConsoleFixture.json(await fixture.api("/object/head", ["bucket": "box", "key": "plain"]))["TagSet"] == [])
    }

    @Test func refusesMissingParametersWrongMethodsAndUnknownRoutes() async throws {
        let fixture = try ConsoleS3Fixture()
        defer { fixture.removeObjects() }
        for (route, parameters, missing) in [
            ("/objects", [:], "bucket"), ("/object", ["bucket": "box"], "key"), ("/object", ["key": "k"], "bucket"),
            ("/object/head", ["bucket": "box"], "key"), ("/object/head", ["bucket": "", "key": "k"], "bucket"),
        ] as [(String, [String: String], String)] {
            let query = parameters.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
            let response = await fixture.request(.get, "/_stratus/console/api/s3\(route)?\(query)")
            #expect(response.status == .badRequest)
            #expect(try ConsoleFixture.json(response) == [
                "error": "ValidationException", "message": .string("The query parameter \(missing) is required."),
            ])
        }
        for route in ["/buckets", "/objects", "/object/head"] {
            let response = await fixture.api(.post, route)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headerFields[.allow] == "GET")
        }
        let deleteObject = await fixture.api(.delete, "/object", ["bucket": "box", "key": "k"])
        #expect(deleteObject.status == .methodNotAllowed)
        #expect(deleteObject.headerFields[.allow] == "GET, HEAD")
        let unknown = await fixture.api("/nothing")
        #expect(unknown.status == .notFound)
        #expect(try ConsoleFixture.json(unknown) == [
            "error": "NotFound", "message": "No console API at /_stratus/console/api/s3/nothing",
        ])
        #expect(await fixture.api("/buckets/extra").status == .notFound)
    }
}
