import Foundation
import HTTPTypes
import Logging
import NIOCore
import StratusAWSCore
import StratusJSON
import StratusTesting
import StratusWire
import Testing

@testable import StratusServer

/// Which requests the server answers on the event loop, and that it answers them as its responder does.
@Suite struct DirectAnswerRouteTests {
    private func withResponder<T: Sendable>(_ body: (StratusResponder) async throws -> T) async throws -> T {
        var configuration = StratusConfiguration()
        configuration.inMemory = true
        let server = StratusServer(configuration: configuration,
                                   clock: FixedWallClock(Date(timeIntervalSince1970: 1_700_000_000)),
                                   requestIDs: CountingIDs(prefix: "request-"))
        let parts = try server.makeParts(logger: Logger(label: "test"))
        do {
            let result = try await body(parts.responder)
            try await parts.shutdown()
            return result
        } catch {
            try? await parts.shutdown()
            throw error
        }
    }

    private func post(_ target: String?, length: String? = "2", extra: HTTPFields = [:]) -> HTTPRequest {
        var head = HTTPRequest(method: .post, scheme: nil, authority: "localhost:4566", path: "/")
        if let target { head.headerFields[HTTPField.Name("X-Amz-Target")!] = target }
        if let length { head.headerFields[.contentLength] = length }
        head.headerFields.append(contentsOf: extra)
        return head
    }

    @Test func jsonRequestsAndTheHealthCheckAreTaken() async throws {
        try await withResponder { responder in
            #expect(responder.directBodyLength(post("DynamoDB_20120810.PutItem", length: "120")) == 120)
            #expect(responder.directBodyLength(post("AmazonSQS.SendMessage")) == 2)
            #expect(responder.directBodyLength(post("AWSStepFunctions.StartExecution")) == 2)
            let health = HTTPRequest(method: .get, scheme: nil, authority: "localhost", path: "/_stratus/health")
            #expect(responder.directBodyLength(health) == 0)
        }
    }

    @Test func waitingStreamedAndOtherRequestsArePassedOn() async throws {
        try await withResponder { responder in
            // Long polls and synchronous executions wait; graceful shutdown must reach them.
            #expect(responder.directBodyLength(post("AmazonSQS.ReceiveMessage")) == nil)
            #expect(responder.directBodyLength(post("AWSStepFunctions.GetActivityTask")) == nil)
            #expect(responder.directBodyLength(post("AWSStepFunctions.StartSyncExecution")) == nil)
            // Query protocol, unknown or chunked lengths, bodies over the limit, CORS, closing connections.
            #expect(responder.directBodyLength(post(nil)) == nil)
            #expect(responder.directBodyLength(post("DynamoDB_20120810.PutItem", length: nil)) == nil)
            #expect(responder.directBodyLength(post("DynamoDB_20120810.PutItem", length: "\(Int.max)")) == nil)
            #expect(responder.directBodyLength(post("DynamoDB_20120810.PutItem", extra: [.transferEncoding: "chunked"])) == nil)
            #expect(responder.directBodyLength(post("DynamoDB_20120810.PutItem", extra: [.origin: "http://a.example"])) == nil)
            #expect(responder.directBodyLength(post("DynamoDB_20120810.PutItem", extra: [.connection: "Close"])) == nil)
            // Function URLs, other paths and methods.
            var functionURL = post("DynamoDB_20120810.PutItem")
            functionURL.authority = "abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.localhost:4566"
            #expect(responder.directBodyLength(functionURL) == nil)
            var otherPath = post("DynamoDB_20120810.PutItem")
            otherPath.path = "/bucket/key"
            #expect(responder.directBodyLength(otherPath) == nil)
            let headHealth = HTTPRequest(method: .head, scheme: nil, authority: "localhost", path: "/_stratus/health")
            #expect(responder.directBodyLength(headHealth) == nil)
            let console = HTTPRequest(method: .get, scheme: nil, authority: "localhost", path: "/_stratus/console")
            #expect(responder.directBodyLength(console) == nil)
        }
    }

    @Test func takenRequestsGetTheGatewaysAnswer() async throws {
        try await withResponder { responder in
            var head = post("DynamoDB_20120810.ListTables", length: "2")
            head.headerFields[.contentType] = "application/x-amz-json-1.0"
            head.headerFields[.authorization] =
                "AWS4-HMAC-SHA256 Credential=test/20231114/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0"
            let answer = await responder.directAnswer(to: head, body: ByteBuffer(string: "{}"))
            #expect(answer.head.status == .ok)
            #expect(answer.head.headerFields[HTTPField.Name("x-amzn-RequestId")!] == "request-1")
            let tables = try JSONValue.parse(answer.body)
            #expect(tables["TableNames"] == .array([]))

            let health = await responder.directAnswer(
                to: HTTPRequest(method: .get, scheme: nil, authority: "localhost", path: "/_stratus/health"), body: ByteBuffer())
            #expect(health.head.status == .ok)
            let status = try JSONValue.parse(health.body)
            #expect(status["status"] == "running")
        }
    }
}
