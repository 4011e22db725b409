import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import OrderedCollections
import StratusAWSCore
import StratusJSON
import Testing
import StratusTesting

@testable import StratusServer

/// The composed server, driven in-process through Hummingbird's router test framework (no sockets).
@Suite struct StratusServerTests {
    private func withServer<T: Sendable>(
        _ body: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        var configuration = StratusConfiguration()
        configuration.inMemory = true
        let server = StratusServer(
            configuration: configuration,
            clock: FixedWallClock(Date(timeIntervalSince1970: 1_700_000_000)),
            requestIDs: CountingIDs(prefix: "request-")
        )
        let parts = try server.makeParts(logger: Logger(label: "test"))
        let app = Application(responder: parts.responder)
        defer { Task { try? await parts.shutdown() } }
        return try await app.test(.router, body)
    }

    @Test func healthReportsEveryServiceAndTheStorageMode() async throws {
        try await withServer { client in
            let response = try await client.execute(uri: "/_stratus/health", method: .get)
            #expect(response.status == .ok)
            let body = try JSONValue.parse(Array(response.body.readableBytesView))
            #expect(body["status"] == "running")
            #expect(body["storage"] == "memory")
            let services = body["services"]?.objectValue?.keys.sorted() ?? []
            #expect(services == ["dynamodb", "dynamodbstreams", "events", "lambda", "s3", "sns", "sqs", "stepfunctions"])
            #expect(body["services"]?["sqs"]?["status"] == "running")
            #expect(body["services"]?["sns"]?["status"] == "running")
        }
    }

    @Test func resetEndpointsAnswerLikeStratusAndMoto() async throws {
        try await withServer { client in
            let reset = try await client.execute(uri: "/_stratus/reset", method: .post)
            #expect(reset.status == .ok)
            let moto = try await client.execute(uri: "/moto-api/reset", method: .post)
            #expect(try JSONValue.parse(Array(moto.body.readableBytesView)) == ["status": "ok"])
            let wrongMethod = try await client.execute(uri: "/_stratus/reset", method: .get)
            #expect(wrongMethod.status == .methodNotAllowed)
        }
    }

    @Test func awsRequestsGoThroughTheGatewayWithInjectedIDs() async throws {
        try await withServer { client in
            var headers = HTTPFields()
            headers[.contentType] = "application/x-amz-json-1.1"
            headers[HTTPField.Name("X-Amz-Target")!] = "AWSEvents.ListEndpoints"
            let response = try await client.execute(
                uri: "/", method: .post, headers: headers, body: ByteBuffer(string: "{}"))
            #expect(response.status.code == 501)
            #expect(response.headers[HTTPField.Name("x-amzn-RequestId")!] == "request-1")
            let body = try JSONValue.parse(Array(response.body.readableBytesView))
            #expect(body["message"] == "The operation ListEndpoints of service EventBridge is not implemented by Stratus.")
        }
    }

    @Test func theConsoleShowsWhatTheAWSAPICreated() async throws {
        try await withServer { client in
            var headers = HTTPFields()
            headers[.contentType] = "application/x-amz-json-1.0"
            headers[HTTPField.Name("X-Amz-Target")!] = "AWSStepFunctions.CreateStateMachine"
            let created = try await client.execute(
                uri: "/", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"name":"m","roleArn":"arn:aws:iam::000000000000:role/r","definition":"{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}"}"#))
            #expect(created.status == .ok)
            let list = try await client.execute(uri: "/_stratus/console/api/state-machines", method: .get)
            #expect(list.status == .ok)
            let body = try JSONValue.parse(Array(list.body.readableBytesView))
            #expect(body["stateMachines"]?[0]?["stateMachineArn"] == "arn:aws:states:us-east-1:000000000000:stateMachine:m")
            let page = try await client.execute(uri: "/_stratus/console", method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let missing = try await client.execute(uri: "/_stratus/console/nothing", method: .get)
            #expect(missing.status == .notFound)
            // Other admin endpoints are unchanged.
            #expect(try await client.execute(uri: "/_stratus/health", method: .get).status == .ok)
        }
    }
}

