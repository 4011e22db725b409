import Foundation
import OrderedCollections
import StratusAPISQS
import StratusAPIStepFunctions
import StratusJSON
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting
import Synchronization
import Testing

/// An SQS stand-in that records SendMessage calls and answers fixed ids, or an error for queue `missing`.
final class RecordingSQS: ServiceInvoker {
    let calls = Mutex<[AWSValue]>([])
    func invoke(service: String, operation: String, input: AWSValue, context: RequestContext) async throws -> AWSValue {
        calls.withLock { $0.append(input) }
        let request = try AWSValueDecoder().decode(SQS.SendMessageRequest.self, from: input)
        if request.queueUrl.hasSuffix("/missing") {
            throw AWSServiceError(SQSErrors.queueDoesNotExist, "The specified queue does not exist.")
        }
        return try AWSValueEncoder().encode(SQS.SendMessageResult(md5OfMessageBody: "md5", messageId: "id-1"))
    }
    var bodies: [String] {
        calls.withLock { $0 }.compactMap { try? AWSValueDecoder().decode(SQS.SendMessageRequest.self, from: $0).messageBody }
    }
}

@Suite struct IntegrationTests {
    let context = StepFunctionsFixture.context

    func fixture() throws -> (StepFunctionsService, RecordingSQS) {
        let clock = ManualClock()
        let sqs = RecordingSQS()
        let store = SQLiteStepFunctionsStore(database: try SQLiteDatabase.inMemory(name: "stepfunctions"))
        let runner = StepFunctionsRunner(
            clock: clock, automaticTimers: false, integrations: StepFunctionsIntegrations(invoker: sqs))
        return (StepFunctionsService(store: store, clock: clock, ids: CountingIDs(), runner: runner), sqs)
    }

    func run(_ service: StepFunctionsService, _ definition: String, input: String = "{}") async throws
        -> StepFunctions.DescribeExecutionOutput
    {
        let machine = try await service.createStateMachine(
            .init(name: "m\(UUID().uuidString.prefix(8))", definition: definition, roleArn: StepFunctionsFixture.role),
            context: context
        ).stateMachineArn
        let arn = try await service.startExecution(.init(stateMachineArn: machine, input: input), context: context)
            .executionArn
        for _ in 0..<1000 {
            let described = try await service.describeExecution(.init(executionArn: arn), context: context)
            if described.status != .running { return described }
            try await Task.sleep(for: .milliseconds(2))
        }
        return try await service.describeExecution(.init(executionArn: arn), context: context)
    }

    @Test func resourcesStratusSupports() {
        #expect(StepFunctionsIntegrations.kind(of: "arn:aws:states:::sqs:sendMessage") == .sqsSendMessage(waitsForTaskToken: false))
        #expect(StepFunctionsIntegrations.kind(of: "arn:aws:states:::sqs:sendMessage.waitForTaskToken") == .sqsSendMessage(waitsForTaskToken: true))
        #expect(StepFunctionsIntegrations.kind(of: "arn:aws:states:::sqs:sendMessage.sync") == nil)
        #expect(StepFunctionsIntegrations.kind(of: "arn:aws:states:::lambda:invoke") == .lambdaInvoke(waitsForTaskToken: false))
        #expect(StepFunctionsIntegrations.kind(of: "arn:aws:states:::sns:publish") == .snsPublish(waitsForTaskToken: false))
        #expect(StepFunctionsIntegrations.kind(of: "arn:aws:states:::events:putEvents.waitForTaskToken")
            == .eventsPutEvents(waitsForTaskToken: true))
        #expect(StepFunctionsIntegrations.kind(of: "arn:aws:states:::sns:publish.sync") == nil)
        #expect(StepFunctionsIntegrations.kind(of: "arn:aws:states:::glue:startJobRun") == nil)
    }

    @Test func parametersBecomeTheRequest() throws {
        let input = try JSONValue.parse(#"{"QueueUrl":"http://h/000000000000/q","MessageBody":{"a":[1,"x"]},"DelaySeconds":3,"MessageGroupId":"g","MessageAttributes":{"k":{"DataType":"Binary","BinaryValue":"AAE="}}}"#)
        let request = try StepFunctionsIntegrations.sendMessageRequest(input).get()
        #expect(request.messageBody == #"{"a":[1,"x"]}"#)
        #expect(request.delaySeconds == 3 && request.messageGroupId == "g")
        #expect(request.messageAttributes?["k"]?.binaryValue == Data([0, 1]))
        let unknown = try JSONValue.parse(#"{"QueueUrl":"u","MessageBody":"b","Other":1}"#)
        #expect(throws: StepFunctionsIntegrations.ParameterProblem.self) { try StepFunctionsIntegrations.sendMessageRequest(unknown).get() }
        let noQueue = try JSONValue.parse(#"{"MessageBody":"b"}"#)
        #expect(throws: StepFunctionsIntegrations.ParameterProblem.self) { try StepFunctionsIntegrations.sendMessageRequest(noQueue).get() }
    }

    @Test func sendMessageResultAndErrors() async throws {
        let (service, sqs) = try fixture()
        let sent = try await run(service, #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"QueueUrl":"http://h/000000000000/q","MessageBody.$":"$.v"},"End":true}}}"#, input: #"{"v":"hello"}"#)
        #expect(sent.status == .succeeded)
        let output = try JSONValue.parse(sent.output ?? "")
        guard case .object(let members) = output else { Issue.record("output \(output)"); return }
        #expect(members["MessageId"] == .string("id-1"))
        #expect(members["MD5OfMessageBody"] == .string("md5"))
        #expect(members["SdkHttpMetadata"] != nil && members["SdkResponseMetadata"] != nil)
        #expect(sqs.bodies == ["hello"])
        let failed = try await run(service, #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"QueueUrl":"http://h/000000000000/missing","MessageBody":"x"},"End":true}}}"#)
        #expect(failed.status == .failed)
        #expect(failed.error == "SQS.QueueDoesNotExistException")
        #expect(failed.cause?.hasPrefix("The specified queue does not exist. (Service: AmazonSQS; Status Code: 400; "
            + "Error Code: AWS.SimpleQueueService.NonExistentQueue; Request ID: ") == true)
        #expect(failed.cause?.hasSuffix("; Proxy: null)") == true)
    }

    @Test func callbacksCompleteTheWaitingTask() async throws {
        let (service, sqs) = try fixture()
        let machine = try await service.createStateMachine(
            .init(name: "cb", definition: #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"http://h/000000000000/q","MessageBody.$":"$$.Task.Token"},"End":true}}}"#, roleArn: StepFunctionsFixture.role),
            context: context
        ).stateMachineArn
        let arn = try await service.startExecution(.init(stateMachineArn: machine), context: context).executionArn
        for _ in 0..<2000 where sqs.bodies.isEmpty { try await Task.sleep(for: .milliseconds(2)) }
        let token = try #require(sqs.bodies.first)
        try await Task.sleep(for: .milliseconds(20))
        #expect(try await service.describeExecution(.init(executionArn: arn), context: context).status == .running)
        _ = try await service.sendTaskHeartbeat(.init(taskToken: token), context: context)
        _ = try await service.sendTaskSuccess(.init(taskToken: token, output: #"{"ok":1}"#), context: context)
        let described = try await service.describeExecution(.init(executionArn: arn), context: context)
        #expect(described.status == .succeeded && described.output == #"{"ok":1}"#)
        await #expect(throws: AWSServiceError.self) {
            _ = try await service.sendTaskSuccess(.init(taskToken: token, output: "{}"), context: context)
        }
        do {
            _ = try await service.sendTaskFailure(.init(taskToken: token), context: context)
            Issue.record("a closed token was accepted")
        } catch let error as AWSServiceError {
            #expect(error.code.code == "TaskTimedOut")
        }
        do {
            _ = try await service.sendTaskHeartbeat(.init(taskToken: UUID().uuidString.lowercased()), context: context)
            Issue.record("an unknown token was accepted")
        } catch let error as AWSServiceError {
            #expect(error.code.code == "TaskDoesNotExist")
        }
        do {
            _ = try await service.sendTaskHeartbeat(.init(taskToken: "junk"), context: context)
            Issue.record("a junk token was accepted")
        } catch let error as AWSServiceError {
            #expect(error.code.code == "InvalidToken")
        }
    }
}
