import Foundation
import StratusAPIStepFunctions
import StratusJSON
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting
import Testing

/// TestState through the service: checks in AWS's words, the real SQS integration, refusals.
@Suite struct TestStateTests {
    let context = StepFunctionsFixture.context
    static let role = StepFunctionsFixture.role
    static let sendMessage = #"{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Parameters": {"QueueUrl.$": "$.queue", "MessageBody.$": "$.body"}, "ResultSelector": {"id.$": "$.MessageId"}, "Next": "After"}"#

    func service(sqs: RecordingSQS? = nil) throws -> StepFunctionsService {
        let clock = ManualClock()
        let store = SQLiteStepFunctionsStore(database: try SQLiteDatabase.inMemory(name: "stepfunctions"))
        let runner = StepFunctionsRunner(clock: clock, automaticTimers: false, integrations: StepFunctionsIntegrations(invoker: sqs))
        return StepFunctionsService(store: store, clock: clock, ids: CountingIDs(), runner: runner)
    }

    func refusal(_ input: StepFunctions.TestStateInput, service: StepFunctionsService? = nil) async throws -> (String, String) {
        do {
            _ = try await (service ?? self.service()).testState(input, context: context)
        } catch let error as AWSServiceError {
            return (error.code.code, error.message ?? "")
        }
        Issue.record("expected an error")
        return ("", "")
    }

    @Test func passStateAtEachLevel() async throws {
        let service = try service()
        let definition = #"{"Type": "Pass", "Parameters": {"v.$": "$.x"}, "Next": "B"}"#
        let info = try await service.testState(.init(definition: definition, input: #"{"x": 1}"#), context: context)
        #expect(info.status == .succeeded)
        #expect(info.output == #"{"v":1}"#)
        #expect(info.nextState == "B")
        #expect(info.inspectionData == nil)
        let debug = try await service.testState(.init(definition: definition, input: #"{"x": 1}"#, inspectionLevel: .debug), context: context)
        #expect(debug.inspectionData?.input == #"{"x":1}"#)
        #expect(debug.inspectionData?.afterParameters == #"{"v":1}"#)
        #expect(debug.inspectionData?.errorDetails == nil)
    }

    @Test func taskSendsTheMessageThroughSQS() async throws {
        let sqs = RecordingSQS()
        let output = try await service(sqs: sqs).testState(
            .init(definition: Self.sendMessage, roleArn: Self.role,
                  input: #"{"queue": "http://localhost/000000000000/q", "body": "hello"}"#, inspectionLevel: .trace),
            context: context)
        #expect(sqs.bodies == ["hello"])
        #expect(output.status == .succeeded)
        #expect(output.output == #"{"id":"id-1"}"#)
        #expect(output.nextState == "After")
        let result = try JSONValue.parse(try #require(output.inspectionData?.result))
        #expect(result["MessageId"] == .string("id-1"))
        #expect(result["SdkHttpMetadata"]?["HttpStatusCode"] == .number(200))
    }

    @Test func sqsErrorsFailTheTask() async throws {
        let output = try await service(sqs: RecordingSQS()).testState(
            .init(definition: Self.sendMessage, roleArn: Self.role, input: #"{"queue": "http://localhost/000000000000/missing", "body": "b"}"#),
            context: context)
        #expect(output.status == .failed)
        #expect(output.error == "SQS.QueueDoesNotExistException")
        // The AWS SDK's text: the message, then the service, status, the query protocol's code and the request id.
        #expect(output.cause?.hasPrefix("The specified queue does not exist. (Service: AmazonSQS; Status Code: 400; "
            + "Error Code: AWS.SimpleQueueService.NonExistentQueue; Request ID: ") == true)
    }

    @Test func otherResourcesFailAsInExecutions() async throws {
        let output = try await service().testState(
            .init(definition: #"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Parameters": {"Message": "m"}, "End": true}"#,
                  roleArn: Self.role),
            context: context)
        #expect(output.status == .failed)
        #expect(output.error == "Stratus.UnsupportedIntegration")
        #expect(output.cause?.contains("arn:aws:states:::sns:publish") == true)
    }

    @Test func mockedTaskCallsNothing() async throws {
        let sqs = RecordingSQS()
        let output = try await service(sqs: sqs).testState(
            .init(definition: Self.sendMessage, input: #"{"queue": "q", "body": "b"}"#, mock: .init(result: #"{"MessageId": "mocked"}"#)),
            context: context)
        #expect(sqs.bodies.isEmpty)
        #expect(output.output == #"{"id":"mocked"}"#)
    }

    @Test func requestChecksInAWSWords() async throws {
        let task = #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}"#
        let pass = #"{"Type": "Pass", "End": true}"#
        let parallel = #"{"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}], "End": true}"#
        let machine = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#
        let callback = #"{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": {"QueueUrl": "q", "MessageBody": "b"}, "End": true}"#
        let checks: [(StepFunctions.TestStateInput, String, String?)] = [
            (.init(definition: task), "ValidationException", "RoleArn must be specified when testing a Task state"),
            (.init(definition: pass, input: "{nope"), "InvalidExecutionInput", nil),
            (.init(definition: pass, mock: .init(result: "{}")), "ValidationException",
             "State type 'Pass' is not supported when a mock is specified"),
            (.init(definition: task, mock: .init(result: "not json")), "ValidationException", "Mocked result must be valid JSON"),
            (.init(definition: task, mock: .init(result: "{}", errorOutput: .init(error: "E"))), "ValidationException",
             "A test mock should have only one of the following fields: [result, errorOutput]."),
            (.init(definition: parallel), "InvalidDefinition",
             "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]"),
            (.init(definition: parallel, mock: .init(result: "[1, 2]")), "ValidationException",
             "Mocked result must contain the same number of items as number of Parallel branches."),
            (.init(definition: #"{"Type": "Pass", "Next": 3}"#), "InvalidDefinition", nil),
            (.init(definition: machine, stateName: "B"), "ValidationException", "State not found in definition"),
            (.init(definition: pass, context: #"{"Map": {}}"#), "ValidationException",
             "Invalid Context object provided: 'Map' field is not supported when mocking a Context object"),
            (.init(definition: pass, inspectionLevel: "LOUD"), "ValidationException", nil),
            (.init(definition: callback, roleArn: Self.role), "ValidationException", nil),
        ]
        let service = try service()
        for (input, code, message) in checks {
            let (answeredCode, answeredMessage) = try await refusal(input, service: service)
            #expect(answeredCode == code, "\(input.definition)")
            if let message { #expect(answeredMessage == message) }
        }
    }

    @Test func mockedResultsAreCheckedAgainstTheAPIModel() async throws {
        let service = try service()
        let start = #"{"Type": "Task", "Resource": "arn:aws:states:::states:startExecution", "Parameters": {"StateMachineArn": "arn"}, "End": true}"#
        let getObject = #"{"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject", "Parameters": {"Bucket": "b", "Key": "k"}, "End": true}"#
        let checks: [(String, String, String?, String?)] = [
            (start, "{}", nil, "Required field 'ExecutionArn' is missing"),
            (start, "{}", "PRESENT", nil),
            (start, #"{"StartDate": true}"#, "PRESENT", "Field 'StartDate' must be a string"),
            (start, #"{"StartDate": true}"#, "NONE", nil),
            (start, #"{"ExecutionArn": "a", "StartDate": "2025-01-01T00:00:00Z", "Extra": 1}"#, nil, nil),
            (getObject, #"{"ContentLength": "9000"}"#, nil, "Field 'ContentLength' must be a number"),
            (getObject, #"{"StorageClass": "Papyrus"}"#, nil, "Field 'StorageClass' is not an expected value"),
        ]
        for (definition, result, mode, problem) in checks {
            let input = StepFunctions.TestStateInput(
                definition: definition, mock: .init(result: result, fieldValidationMode: mode.map { .init(rawValue: $0) }))
            if let problem {
                let (code, message) = try await refusal(input, service: service)
                #expect(code == "ValidationException")
                #expect(message == "Mock result schema validation error: \(problem)")
            } else {
                let output = try await service.testState(input, context: context)
                #expect(output.status == .succeeded, "\(result)")
            }
        }
    }

    @Test func stateOfAMachineWithVariables() async throws {
        let machine = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $v & '!' %}", "End": true}}}"#
        let output = try await service().testState(
            .init(definition: machine, inspectionLevel: .debug, variables: #"{"v": "hi"}"#, stateName: "B"), context: context)
        #expect(output.output == #""hi!""#)
        #expect(output.inspectionData?.variables == #"{"v":"hi"}"#)
    }
}
