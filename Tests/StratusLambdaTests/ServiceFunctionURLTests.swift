import Foundation
import StratusAPILambda
import StratusJSON
import StratusLambda
import StratusServiceKit
import Testing

@Suite("Lambda service: function URLs")
struct ServiceFunctionURLTests {
    @Test func configurationsBelongToTheFunctionOrAnAlias() async throws {
        let fixture = try LambdaFixture()
        try await fixture.createActiveFunction("f", publish: true)
        let created = try await fixture.service.createFunctionUrlConfig(
            Lambda.CreateFunctionUrlConfigRequest(functionName: "f", authType: "NONE"), context: fixture.context)
        #expect(created.functionUrl.hasPrefix("http://") && created.functionUrl.contains(".lambda-url.us-east-1.localhost"))
        await expectAWSError("ResourceConflictException") {
            _ = try await fixture.service.createFunctionUrlConfig(
                Lambda.CreateFunctionUrlConfigRequest(functionName: "f", authType: "NONE"), context: fixture.context)
        }
        await expectAWSError("ResourceNotFoundException") {
            _ = try await fixture.service.createFunctionUrlConfig(
                Lambda.CreateFunctionUrlConfigRequest(functionName: "f", qualifier: "missing", authType: "NONE"),
                context: fixture.context)
        }
        await expectAWSError("InvalidParameterValueException") {
            _ = try await fixture.service.createFunctionUrlConfig(
                Lambda.CreateFunctionUrlConfigRequest(functionName: "f", qualifier: "1", authType: "NONE"),
                context: fixture.context)
        }
        let listed = try await fixture.service.listFunctionUrlConfigs(
            Lambda.ListFunctionUrlConfigsRequest(functionName: "f"), context: fixture.context)
        #expect(listed.functionUrlConfigs.map(\.functionUrl) == [created.functionUrl])
        try await fixture.service.deleteFunctionUrlConfig(
            Lambda.DeleteFunctionUrlConfigRequest(functionName: "f"), context: fixture.context)
        await expectAWSError("ResourceNotFoundException") {
            _ = try await fixture.service.getFunctionUrlConfig(
                Lambda.GetFunctionUrlConfigRequest(functionName: "f"), context: fixture.context)
        }
    }

    @Test func aRequestBecomesAnEventAndTheResultAnAnswer() async throws {
        let fixture = try LambdaFixture()
        try await fixture.createActiveFunction("web")
        let url = try await fixture.service.createFunctionUrlConfig(
            Lambda.CreateFunctionUrlConfigRequest(functionName: "web", authType: "NONE"), context: fixture.context).functionUrl
        let urlID = String(URLComponents(string: url)!.host!.split(separator: ".")[0])
        fixture.environments.setHandler { _, request in
            let event = try JSONValue.parse(String(decoding: request.payload, as: UTF8.self))
            let path: JSONValue = event["rawPath"] ?? .null
            let answer: JSONValue = ["statusCode": 202, "headers": ["x-path": path], "cookies": ["c=1"], "body": "done"]
            return ScriptedEnvironments.outcome(request, payload: Array(answer.serializedString().utf8))
        }
        let answer = await fixture.service.invokeURL(
            urlID, host: "\(urlID).lambda-url.us-east-1.localhost",
            request: LambdaURLRequest(method: "POST", rawPath: "/a/b", rawQuery: "x=1", headers: [("Content-Type", "text/plain")],
                                      body: Array("hi".utf8)),
            requestID: "r1")
        #expect(answer.status == 202 && answer.body == Array("done".utf8))
        #expect(answer.headers.contains { $0 == ("x-path", "/a/b") } && answer.headers.contains { $0 == ("Set-Cookie", "c=1") })
        let unknown = await fixture.service.invokeURL(
            String(repeating: "a", count: 32), host: "h", request: LambdaURLRequest(method: "GET", rawPath: "/", rawQuery: "",
                                                                                  headers: [], body: []), requestID: "r2")
        #expect(unknown == .message(403, "Forbidden"))
    }

    @Test func eventsFollowPayloadFormatTwo() throws {
        let event = LambdaURLEvent.event(
            LambdaURLRequest(method: "GET", rawPath: "/p", rawQuery: "a=1&a=2&b=x%20y",
                             headers: [("Cookie", "s=1; t=2"), ("X-Multi", "1"), ("x-multi", "2")], body: [0xFF]),
            urlID: "id", host: "id.lambda-url.us-east-1.localhost", requestID: "r", authorized: nil,
            at: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(event["cookies"] == ["s=1", "t=2"])
        #expect(event["headers"]?["x-multi"] == "1,2")
        #expect(event["queryStringParameters"] == ["a": "1,2", "b": "x y"])
        #expect(event["isBase64Encoded"] == true && event["body"] == "/w==")
        #expect(event["requestContext"]?["time"] == "14/Nov/2023:22:13:20 +0000")
        #expect(event["requestContext"]?["accountId"] == "anonymous")
    }

    @Test func resultsWithoutStatusCodeAreJSONAnswers() {
        #expect(LambdaURLEvent.response(from: Array(#"{"ok":true}"#.utf8)).body == Array(#"{"ok":true}"#.utf8))
        #expect(LambdaURLEvent.response(from: Array(#""hello""#.utf8)).body == Array("hello".utf8))
        let binary = LambdaURLEvent.response(from: Array(#"{"statusCode":200,"body":"AAH/","isBase64Encoded":true}"#.utf8))
        #expect(binary.body == [0, 1, 255])
    }
}
