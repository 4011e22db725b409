import Foundation
import HTTPTypes
import StratusAPILambda
import StratusConsole
import StratusJSON
import Synchronization
import Testing

/// The console's Lambda routes answer what `ListFunctions`, `GetFunction`, `ListAliases`, `ListVersionsByFunction`
/// and `Invoke` answer in-process.
@Suite struct ConsoleLambdaTests {
    static let api = "/_stratus/console/api/lambda"

    @Test func listsFunctionsAsListFunctionsDoes() async throws {
        let fixture = try ConsoleLambdaFixture()
        let empty = await fixture.request(.get, "\(Self.api)/functions")
        #expect(empty.status == .ok)
        #expect(empty.headerFields[.contentType] == "application/json")
        #expect(empty.headerFields[.cacheControl] == "no-store")
        #expect(try ConsoleLambdaFixture.json(empty) == ["functions": [], "truncated": false])

        try await fixture.createFunction("resize") { $0.memorySize = 256; $0.timeout = 30 }
        try await fixture.createFunction("thumbnail")
        let body = try ConsoleLambdaFixture.json(await fixture.request(.get, "\(Self.api)/functions"))
        #expect(body["truncated"] == false)
        let functions = body["functions"]?.arrayValue ?? []
        #expect(functions.compactMap { $0["FunctionName"]?.stringValue }.sorted() == ["resize", "thumbnail"])
        let resize = try #require(functions.first { $0["FunctionName"] == "resize" })
        #expect(resize["FunctionArn"] == "arn:aws:lambda:us-east-1:000000000000:function:resize")
        #expect(resize["Runtime"] == "python3.12")
        #expect(resize["Handler"] == "app.handler")
        #expect(resize["MemorySize"]?.int64Value == 256)
        #expect(resize["Timeout"]?.int64Value == 30)
        #expect(resize["LastModified"]?.stringValue?.isEmpty == false)
        #expect(resize["State"] == "Active")
    }

    @Test func describesAFunctionWithItsAliasesAndVersions() async throws {
        let fixture = try ConsoleLambdaFixture()
        try await fixture.createFunction("scorer") {
            $0.environment = Lambda.Environment(variables: ["MODEL": "v2", "STAGE": "dev"])
            $0.tags = ["team": "ml"]
        }
        let version = try await fixture.publishVersion("scorer", description: "first")
        #expect(version == "1")
        try await fixture.createAlias("scorer", alias: "live", version: version)

        let response = await fixture.request(.get, "\(Self.api)/function?name=scorer")
        #expect(response.status == .ok)
        let body = try ConsoleLambdaFixture.json(response)
        let configuration = body["Configuration"]
        #expect(configuration?["FunctionName"] == "scorer")
        #expect(configuration?["Role"]?.stringValue == ConsoleLambdaFixture.role)
        #expect(configuration?["Environment"]?["Variables"] == ["MODEL": "v2", "STAGE": "dev"])
        #expect(configuration?["CodeSize"]?.int64Value == Int64(ConsoleLambdaFixture.zip.count))
        #expect(configuration?["CodeSha256"]?.stringValue?.isEmpty == false)
        #expect(body["Tags"] == ["team": "ml"])
        // The download location is the server's own, given as a same-origin path.
        let location = try #require(body["Code"]?["Location"]?.stringValue)
        #expect(location.hasPrefix("/_stratus/lambda/code/"))
        #expect(body["Code"]?["RepositoryType"] == "S3")

        let aliases = body["aliases"]?.arrayValue ?? []
        #expect(aliases.count == 1)
        #expect(aliases.first?["Name"] == "live")
        #expect(aliases.first?["FunctionVersion"] == "1")
        #expect(aliases.first?["AliasArn"] == "arn:aws:lambda:us-east-1:000000000000:function:scorer:live")
        let versions = body["versions"]?.arrayValue ?? []
        #expect(versions.compactMap { $0["Version"]?.stringValue } == ["$LATEST", "1"])
        #expect(versions.last?["Description"] == "first")
        #expect(body["aliasesTruncated"] == false)
        #expect(body["versionsTruncated"] == false)
        // Nothing triggers it yet: no event source mappings, no function URL.
        #expect(body["eventSourceMappings"] == [])
        #expect(body["url"] == .null)
    }

    @Test func aFunctionMayBeNamedByItsARN() async throws {
        let fixture = try ConsoleLambdaFixture()
        try await fixture.createFunction("by-arn")
        let arn = "arn:aws:lambda:us-east-1:000000000000:function:by-arn"
        let body = try ConsoleLambdaFixture.json(await fixture.request(
            .get, "\(Self.api)/function?name=\(ConsoleLambdaFixture.encoded(arn))"))
        #expect(body["Configuration"]?["FunctionName"] == "by-arn")
        #expect(body["versions"]?.arrayValue?.count == 1)
    }

    @Test func anUnknownFunctionIsResourceNotFound() async throws {
        let fixture = try ConsoleLambdaFixture()
        let response = await fixture.request(.get, "\(Self.api)/function?name=nothing")
        #expect(response.status == .notFound)
        let body = try ConsoleLambdaFixture.json(response)
        #expect(body["error"] == "ResourceNotFoundException")
        #expect(body["message"]?.stringValue?.contains("nothing") == true)

        let invoke = await fixture.request(.post, "\(Self.api)/invoke", json: #"{"functionName":"nothing"}"#)
        #expect(invoke.status == .notFound)
        #expect(try ConsoleLambdaFixture.json(invoke)["error"] == "ResourceNotFoundException")
    }

    @Test func invokesWithAPayloadTextAndAnswersTheDecodedLog() async throws {
        let fixture = try ConsoleLambdaFixture()
        try await fixture.createFunction("echo")
        let response = await fixture.request(
            .post, "\(Self.api)/invoke", json: #"{"functionName":"echo","payload":"{\"n\": 1}"}"#)
        #expect(response.status == .ok)
        let body = try ConsoleLambdaFixture.json(response)
        #expect(body["statusCode"]?.int64Value == 200)
        #expect(body["executedVersion"] == "$LATEST")
        #expect(body["payload"] == #"{"n": 1}"#)
        #expect(body["functionError"] == nil)
        let log = try #require(body["log"]?.stringValue)
        #expect(log.contains("START RequestId:"))
        #expect(log.contains(#"handling {"n": 1}"#))
        #expect(fixture.environments.invocations.withLock { $0 } == [#"{"n": 1}"#])
    }

    @Test func invokesWithAJSONValueAQualifierAndReportsFunctionErrors() async throws {
        let fixture = try ConsoleLambdaFixture()
        try await fixture.createFunction("worker")
        let version = try await fixture.publishVersion("worker")
        try await fixture.createAlias("worker", alias: "prod", version: version)

        let value = try ConsoleLambdaFixture.json(await fixture.request(
            .post, "\(Self.api)/invoke", json: #"{"functionName":"worker","payload":{"k":[1,2]},"qualifier":"prod"}"#))
        #expect(value["statusCode"]?.int64Value == 200)
        #expect(value["executedVersion"] == "1")
        #expect(try JSONValue.parse(value["payload"]?.stringValue ?? "") == ["k": [1, 2]])

        let failed = try ConsoleLambdaFixture.json(await fixture.request(
            .post, "\(Self.api)/invoke", json: #"{"functionName":"worker","payload":{"fail":true}}"#))
        #expect(failed["statusCode"]?.int64Value == 200)
        #expect(failed["functionError"] == "Unhandled")
        #expect(try JSONValue.parse(failed["payload"]?.stringValue ?? "")["errorMessage"] == "asked to fail")

        let unknownQualifier = await fixture.request(
            .post, "\(Self.api)/invoke", json: #"{"functionName":"worker","qualifier":"nope"}"#)
        #expect(unknownQualifier.status == .notFound)
        #expect(try ConsoleLambdaFixture.json(unknownQualifier)["error"] == "ResourceNotFoundException")
    }

    @Test func badRequestsAnswer400() async throws {
        let fixture = try ConsoleLambdaFixture()
        try await fixture.createFunction("f")
        let missingName = await fixture.request(.get, "\(Self.api)/function")
        #expect(missingName.status == .badRequest)
        #expect(try ConsoleLambdaFixture.json(missingName)["error"] == "ValidationException")
        for body in [#"{"payload":"{}"}"#, #"{"functionName":""}"#, #"{"functionName":3}"#, "[]", "not json"] {
            let response = await fixture.request(.post, "\(Self.api)/invoke", json: body)
            #expect(response.status == .badRequest, "\(body)")
            #expect(try ConsoleLambdaFixture.json(response)["error"] == "ValidationException", "\(body)")
        }
        let plain = await fixture.request(.post, "\(Self.api)/invoke", json: #"{"functionName":"f"}"#,
                                          contentType: "text/plain")
        #expect(plain.status == .unsupportedMediaType)
        #expect(fixture.environments.invocations.withLock { $0.isEmpty })
    }

    @Test func wrongMethodsAndUnknownRoutes() async throws {
        let fixture = try ConsoleLambdaFixture()
        for path in ["/functions", "/function?name=f"] {
            let response = await fixture.request(.post, Self.api + path, json: "{}")
            #expect(response.status == .methodNotAllowed)
            #expect(response.headerFields[.allow] == "GET")
        }
        let invoke = await fixture.request(.get, "\(Self.api)/invoke")
        #expect(invoke.status == .methodNotAllowed)
        #expect(invoke.headerFields[.allow] == "POST")
        for path in ["/logs", "", "/functions/f"] {
            let response = await fixture.request(.get, Self.api + path)
            #expect(response.status == .notFound, "\(path)")
            #expect(try ConsoleLambdaFixture.json(response)["error"] == "NotFound")
        }
    }
}
