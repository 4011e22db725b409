import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusAPISQS
import StratusServiceKit
import Testing

/// A handler that implements nothing: every operation answers NotImplemented.
private struct EmptySQSHandler: SQSHandler {}

/// A handler implementing two operations, recording nothing: answers are computed from the input.
private struct EchoSQSHandler: SQSHandler {
    func sendMessage(_ input: SQS.SendMessageRequest, context: RequestContext) async throws -> SQS.SendMessageResult {
        SQS.SendMessageResult(
            md5OfMessageBody: "md5-of-\(input.messageBody)",
            messageId: "\(context.requestID)/\(input.queueUrl)"
        )
    }

    func deleteQueue(_ input: SQS.DeleteQueueRequest, context: RequestContext) async throws {
        if input.queueUrl.hasSuffix("missing") {
            throw AWSServiceError(SQSErrors.queueDoesNotExist, "The specified queue does not exist.")
        }
    }
}

/// Routes every call to one handler, as the server's invoker does for one service.
private struct DirectInvoker: ServiceInvoker {
    let handler: any AWSServiceHandler

    func invoke(service: String, operation: String, input: AWSValue, context: RequestContext) async throws -> AWSValue {
        guard service == handler.schema.modelName, let schema = handler.schema.operation(named: operation) else {
            throw AWSServiceError(.unknownOperation)
        }
        return try await handler.handle(operation: schema, input: input, context: context)
    }
}

private let context = RequestContext(
    accountID: "000000000000",
    region: "us-east-1",
    requestID: "req-1",
    host: "localhost:4566",
    receivedAt: Date(timeIntervalSince1970: 0)
)

/// The generated shapes, handler protocols and clients working with the AWSValue coders.
@Suite struct GeneratedCodeTests {
    @Test func attributeValueRoundTripsThroughAWSValue() throws {
        typealias AV = DynamoDB.AttributeValue
        let item = AV(m: [
            "id": AV(s: "abc"),
            "count": AV(n: "42"),
            "raw": AV(b: Data([0, 1, 2])),
            "tags": AV(ss: ["a", "b"]),
            "nested": AV(l: [AV(bool: true), AV(null: true), AV(m: ["deep": AV(n: "1.5")])]),
        ])
        let encoded = try AWSValueEncoder().encode(item)
        let members = try #require(encoded[member: "M"]?.objectValue)
        #expect(members["id"] == .object(["S": .string("abc")]))
        #expect(members["raw"] == .object(["B": .blob(Data([0, 1, 2]))]))
        #expect(members["nested"]?[member: "L"]?.listValue?.first == .object(["BOOL": .boolean(true)]))
        let decoded = try AWSValueDecoder().decode(AV.self, from: encoded)
        #expect(decoded == item)
    }

    @Test func requiredMembersAreEnforcedWhenDecoding() throws {
        let complete: AWSValue = ["QueueUrl": "http://localhost:4566/000000000000/q", "MessageBody": "hi", "DelaySeconds": 5]
        let request = try AWSValueDecoder().decode(SQS.SendMessageRequest.self, from: complete)
        #expect(request.queueUrl == "http://localhost:4566/000000000000/q")
        #expect(request.messageBody == "hi")
        #expect(request.delaySeconds == 5)
        #expect(request.messageAttributes == nil)
        let missingBody: AWSValue = ["QueueUrl": "http://localhost:4566/000000000000/q"]
        #expect(throws: DecodingError.self) {
            _ = try AWSValueDecoder().decode(SQS.SendMessageRequest.self, from: missingBody)
        }
    }

    @Test func encodingUsesModelMemberNamesAndOmitsNil() throws {
        let request = SQS.SendMessageRequest(queueUrl: "q", messageBody: "body", delaySeconds: 3)
        let encoded = try AWSValueEncoder().encode(request)
        #expect(encoded == ["QueueUrl": "q", "MessageBody": "body", "DelaySeconds": 3])
    }

    @Test func enumsAreOpenStrings() throws {
        #expect(SQS.QueueAttributeName.visibilityTimeout.rawValue == "VisibilityTimeout")
        let known = try AWSValueDecoder().decode(SQS.QueueAttributeName.self, from: "All")
        #expect(known == .all)
        let unknown = try AWSValueDecoder().decode(SQS.QueueAttributeName.self, from: "SomethingNew")
        #expect(unknown.rawValue == "SomethingNew")
        #expect(try AWSValueEncoder().encode(SQS.QueueAttributeName.policy) == "Policy")
    }

    @Test func emptyHandlerAnswersNotImplemented() async throws {
        let handler = EmptySQSHandler()
        #expect(handler.schema.modelName == "sqs")
        let operation = try #require(ServiceSchema.sqs.operation(named: "SendMessage"))
        let input: AWSValue = ["QueueUrl": "q", "MessageBody": "hi"]
        do {
            _ = try await handler.handle(operation: operation, input: input, context: context)
            Issue.record("expected NotImplemented")
        } catch let error as AWSServiceError {
            #expect(error.code == .notImplemented)
            #expect(error.code.httpStatus == 501)
            #expect(error.message?.contains("SendMessage") == true)
        }
    }

    @Test func handlerDecodesDispatchesAndEncodes() async throws {
        let handler = EchoSQSHandler()
        let send = try #require(ServiceSchema.sqs.operation(named: "SendMessage"))
        let output = try await handler.handle(operation: send, input: ["QueueUrl": "q1", "MessageBody": "hi"], context: context)
        #expect(output == ["MD5OfMessageBody": "md5-of-hi", "MessageId": "req-1/q1"])

        let delete = try #require(ServiceSchema.sqs.operation(named: "DeleteQueue"))
        let empty = try await handler.handle(operation: delete, input: ["QueueUrl": "q1"], context: context)
        #expect(empty == .emptyObject)
        await #expect(throws: AWSServiceError(SQSErrors.queueDoesNotExist, "The specified queue does not exist.")) {
            _ = try await handler.handle(operation: delete, input: ["QueueUrl": "missing"], context: context)
        }
    }

    @Test func clientCallsThroughTheInvoker() async throws {
        let client = SQSClient(invoker: DirectInvoker(handler: EchoSQSHandler()), context: context)
        let result = try await client.sendMessage(SQS.SendMessageRequest(queueUrl: "q2", messageBody: "yo"))
        #expect(result.messageId == "req-1/q2")
        #expect(result.md5OfMessageBody == "md5-of-yo")
        try await client.deleteQueue(SQS.DeleteQueueRequest(queueUrl: "q2"))
        await #expect(throws: AWSServiceError.self) {
            _ = try await client.listQueues(SQS.ListQueuesRequest())
        }
    }

    @Test func errorCatalogMatchesTheExceptionShapes() {
        #expect(SQSErrors.queueDoesNotExist.code == "QueueDoesNotExist")
        #expect(SQSErrors.queueDoesNotExist.httpStatus == 400)
        #expect(SQSErrors.queueDoesNotExist.senderFault)
        let exceptions = ServiceSchema.sqs.shapes.filter(\.isException).map(\.name)
        #expect(Set(SQSErrors.byShapeName.keys) == Set(exceptions))
        #expect(DynamoDBErrors.byShapeName["ResourceNotFoundException"]?.code == "ResourceNotFoundException")
        #expect(DynamoDBErrors.internalServerError.httpStatus == 500)
        #expect(!DynamoDBErrors.internalServerError.senderFault)
    }
}
