import Foundation
import HTTPTypes
import OrderedCollections
import StratusAPIS3
import StratusAPISNS
import StratusAPISQS
import StratusJSON
import StratusServiceKit
import StratusSigV4
import Testing
@testable import StratusWire

@Suite struct GatewayTests {
    static let now = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00:00Z

    private func sqsGateway(
        configuration: WireConfiguration = WireConfiguration(),
        answer: @escaping @Sendable (OperationSchema, AWSValue, RequestContext) async throws -> AWSValue
    ) -> WireGateway {
        WireGateway(handlers: [RPCRecordingHandler(schema: .sqs, answer: answer)], configuration: configuration)
    }

    private let jsonHeaders = [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "AmazonSQS.GetQueueUrl")]

    @Test func jsonRequestReachesTheHandlerWithContext() async throws {
        let gateway = sqsGateway { operation, input, context in
            #expect(operation.name == "GetQueueUrl")
            #expect(input == ["QueueName": "q1"])
            #expect(context.accountID == "000000000000")
            #expect(context.region == "us-east-1")
            #expect(context.host == "localhost:4566")
            #expect(context.requestID == "rid-1")
            return ["QueueUrl": .string("\(context.endpointURL)/\(context.accountID)/q1")]
        }
        let response = await gateway.handle(
            RPCTestSupport.request(headers: jsonHeaders, body: #"{"QueueName":"q1"}"#), requestID: "rid-1", now: Self.now)
        #expect(response.head.status.code == 200)
        #expect(response.header("x-amzn-RequestId") == "rid-1")
        #expect(try JSONValue.parse(response.body) == ["QueueUrl": "http://localhost:4566/000000000000/q1"])
    }

    @Test func twelveDigitAccessKeySelectsTheAccount() async {
        let gateway = sqsGateway { _, _, context in
            #expect(context.accountID == "111122223333")
            #expect(context.region == "eu-west-1")
            return ["QueueUrl": "x"]
        }
        let authorization =
            "AWS4-HMAC-SHA256 Credential=111122223333/20240101/eu-west-1/sqs/aws4_request, SignedHeaders=host, "
            + "Signature=\(String(repeating: "b", count: 64))"
        let response = await gateway.handle(
            RPCTestSupport.request(headers: jsonHeaders + [("Authorization", authorization)], body: #"{"QueueName":"q"}"#),
            requestID: "r", now: Self.now)
        #expect(response.head.status.code == 200)
    }

    @Test func validationRunsBeforeTheHandler() async throws {
        let gateway = sqsGateway { _, _, _ in
            Issue.record("handler must not run")
            return .emptyObject
        }
        let response = await gateway.handle(
            RPCTestSupport.request(headers: jsonHeaders, body: "{}"), requestID: "r", now: Self.now)
        #expect(response.head.status.code == 400)
        #expect(response.header("x-amzn-query-error") == "ValidationException;Sender")
        let body = try JSONValue.parse(response.body)
        #expect(body["__type"] == "com.amazonaws.sqs#ValidationException")
        #expect(
            body["message"]
                == "1 validation error detected: Value null at 'queueName' failed to satisfy constraint: Member must not be null")
    }

    @Test func serviceErrorsAndInternalFailures() async throws {
        struct Boom: Error {}
        let missing = sqsGateway { _, _, _ in throw AWSServiceError(SQSErrors.queueDoesNotExist, "nope") }
        let response = await missing.handle(
            RPCTestSupport.request(headers: jsonHeaders, body: #"{"QueueName":"q"}"#), requestID: "r", now: Self.now)
        #expect(response.head.status.code == 400)
        #expect(response.header("x-amzn-query-error") == "AWS.SimpleQueueService.NonExistentQueue;Sender")
        #expect(try JSONValue.parse(response.body) == ["__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "nope"])

        let broken = sqsGateway { _, _, _ in throw Boom() }
        let failure = await broken.handle(
            RPCTestSupport.request(headers: jsonHeaders, body: #"{"QueueName":"q"}"#), requestID: "r", now: Self.now)
        #expect(failure.head.status.code == 500)
        #expect(!RPCTestSupport.text(failure).contains("Boom"))
    }

    @Test func sqsQueryToQueueURLFillsQueueUrl() async {
        let gateway = sqsGateway { operation, input, _ in
            #expect(operation.name == "SendMessage")
            #expect(input[member: "QueueUrl"] == "http://localhost:4566/000000000000/q1")
            #expect(input[member: "MessageBody"] == "hi")
            return ["MessageId": "m1", "MD5OfMessageBody": "49f68a5c8493ec2c0bf489821c21fc3b"]
        }
        let response = await gateway.handle(
            RPCTestSupport.request(
                path: "/000000000000/q1", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: "Action=SendMessage&MessageBody=hi"),
            requestID: "r", now: Self.now)
        #expect(response.head.status.code == 200)
        #expect(RPCTestSupport.text(response).contains("<SendMessageResult><MD5OfMessageBody>"))
    }

    @Test func unknownServiceAndOperations() async {
        let gateway = sqsGateway { _, _, _ in .emptyObject }
        let unknownTarget = await gateway.handle(
            RPCTestSupport.request(headers: [("X-Amz-Target", "AmazonSQS.Nope")], body: "{}"), requestID: "r", now: Self.now)
        #expect(unknownTarget.head.status.code == 400)
        #expect(RPCTestSupport.text(unknownTarget).contains("UnknownOperationException"))
        let invalidAction = await gateway.handle(
            RPCTestSupport.request(
                path: "/000000000000/q1", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: "Action=Nope"),
            requestID: "r", now: Self.now)
        #expect(invalidAction.head.status.code == 400)
        #expect(RPCTestSupport.text(invalidAction).contains("<Code>InvalidAction</Code>"))
        let nothing = await gateway.handle(
            RPCTestSupport.request(method: .get, path: "/whatever"), requestID: "r", now: Self.now)
        #expect(nothing.head.status.code == 400)
        #expect(nothing.header("x-amzn-RequestId") == "r")
    }

    @Test func bodyLimit() async {
        var configuration = WireConfiguration()
        configuration.maxBodyBytes["sqs"] = 10
        let gateway = sqsGateway(configuration: configuration) { _, _, _ in .emptyObject }
        let response = await gateway.handle(
            RPCTestSupport.request(headers: jsonHeaders, body: #"{"QueueName":"a-long-name"}"#), requestID: "r", now: Self.now)
        #expect(response.head.status.code == 413)
    }

    @Test func verifyModeChecksSignatures() async throws {
        let configuration = WireConfiguration(authMode: .verify(credentials: ["AKIDEXAMPLE": "secret"]))
        let gateway = sqsGateway(configuration: configuration) { _, _, context in
            #expect(context.accessKeyID == "AKIDEXAMPLE")
            return ["QueueUrl": "u"]
        }
        let body = #"{"QueueName":"q1"}"#
        let unsigned = await gateway.handle(RPCTestSupport.request(headers: jsonHeaders, body: body), requestID: "r", now: Self.now)
        #expect(unsigned.head.status.code == 400)
        #expect(RPCTestSupport.text(unsigned).contains("MissingAuthenticationToken"))

        func signed(secret: String) throws -> WireRequest {
            let signer = SigV4Signer(accessKeyID: "AKIDEXAMPLE", secretAccessKey: secret, region: "us-east-1", service: "sqs")
            let headers = jsonHeaders + [("Host", "localhost:4566")]
            let signature = try signer.sign(
                method: "POST", rawPath: "/", rawQuery: "", headers: headers, payloadHash: SigV4.sha256Hex(Array(body.utf8)),
                date: Self.now)
            return RPCTestSupport.request(headers: jsonHeaders + signature.headersToAdd, body: body)
        }
        let good = await gateway.handle(try signed(secret: "secret"), requestID: "r", now: Self.now)
        #expect(good.head.status.code == 200)
        var authorityOnly = try signed(secret: "secret")
        if let hostField = HTTPField.Name("Host") { authorityOnly.head.headerFields[hostField] = nil }
        #expect(authorityOnly.head.authority == "localhost:4566")
        let viaAuthority = await gateway.handle(authorityOnly, requestID: "r", now: Self.now)
        #expect(viaAuthority.head.status.code == 200)
        let bad = await gateway.handle(try signed(secret: "wrong"), requestID: "r", now: Self.now)
        #expect(bad.head.status.code == 400)
        #expect(RPCTestSupport.text(bad).contains("InvalidSignatureException"))
        #expect(bad.header("x-amzn-query-error") == "SignatureDoesNotMatch;Sender")
    }

    @Test func snsQueryEndToEnd() async {
        let gateway = WireGateway(
            handlers: [
                RPCRecordingHandler(schema: .sns) { operation, input, _ in
                    #expect(operation.name == "CreateTopic")
                    #expect(input[member: "Name"] == "t1")
                    return ["TopicArn": "arn:aws:sns:us-east-1:000000000000:t1"]
                }
            ], configuration: WireConfiguration())
        let response = await gateway.handle(
            RPCTestSupport.request(
                headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                body: "Action=CreateTopic&Version=2010-03-31&Name=t1"),
            requestID: "rid", now: Self.now)
        #expect(response.head.status.code == 200)
        #expect(
            RPCTestSupport.text(response)
                == #"<CreateTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><CreateTopicResult>"#
                + "<TopicArn>arn:aws:sns:us-east-1:000000000000:t1</TopicArn></CreateTopicResult>"
                + "<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></CreateTopicResponse>")
    }

    @Test func s3VirtualHostRequestsAreDecodedInPathStyle() async {
        let gateway = WireGateway(
            handlers: [
                RPCRecordingHandler(schema: .s3) { operation, input, _ in
                    #expect(operation.name == "PutObject")
                    #expect(input[member: "Bucket"] == "photos")
                    #expect(input[member: "Key"] == "dir/a b.txt")
                    return ["ETag": "\"abc\""]
                }
            ], configuration: WireConfiguration())
        let response = await gateway.handle(
            RPCTestSupport.request(method: .put, path: "/dir/a%20b.txt", host: "photos.s3.localhost:4566", body: "data"),
            requestID: "rid", now: Self.now)
        #expect(response.head.status.code == 200)
        #expect(response.header("ETag") == "\"abc\"")
        #expect(response.header("x-amz-request-id") == "rid")
    }

    @Test func presignedCredentialSetsAccountAndRegion() async {
        let gateway = WireGateway(
            handlers: [
                RPCRecordingHandler(schema: .s3) { operation, input, context in
                    #expect(operation.name == "GetObject")
                    #expect(input[member: "Key"] == "k")
                    #expect(context.accountID == "210987654321")
                    #expect(context.region == "eu-central-1")
                    return .emptyObject
                }
            ], configuration: WireConfiguration())
        let query =
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=210987654321%2F20240101%2Feu-central-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20240101T000000Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature="
            + String(repeating: "c", count: 64)
        let response = await gateway.handle(
            RPCTestSupport.request(method: .get, path: "/b/k?" + query), requestID: "rid", now: Self.now)
        #expect(response.head.status.code == 200)
    }

    @Test func queryValidationErrorsSayValidationError() async {
        let gateway = sqsGateway { _, _, _ in .emptyObject }
        let response = await gateway.handle(
            RPCTestSupport.request(
                path: "/000000000000/q1", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: "Action=SendMessage"),
            requestID: "r", now: Self.now)
        #expect(response.head.status.code == 400)
        #expect(
            RPCTestSupport.text(response)
                == "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>1 validation error detected: "
                + "Value null at 'messageBody' failed to satisfy constraint: Member must not be null</Message></Error>"
                + "<RequestId>r</RequestId></ErrorResponse>")
    }
}
