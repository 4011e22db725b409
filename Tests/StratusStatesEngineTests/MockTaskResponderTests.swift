import OrderedCollections
import StratusASL
import StratusJSON
import Testing
@testable import StratusStatesEngine

/// Answering Task invocations from a mock test case, alone and driving whole executions.
@Suite struct MockTaskResponderTests {
    static let lambdaSQS = """
    {
      "StartAt": "LambdaState",
      "States": {
        "LambdaState": {
          "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"Payload.$": "$", "FunctionName": "HelloWorldFunction"},
          "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 3}],
          "Next": "SQSState"
        },
        "SQSState": {
          "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
          "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/000000000000/myQueue", "MessageBody.$": "$"},
          "End": true
        }
      }
    }
    """

    static func testCase(_ name: String) throws -> MockTestCase {
        try MockConfiguration(parsing: MockConfigurationTests.awsExample).testCase(stateMachine: "LambdaSQSIntegration", name: name)
    }

    static func run(_ definition: String, testCase: MockTestCase?, input: JSONValue = ["k": "v"])
        throws -> (machine: ExecutionMachine, responder: MockTaskResponder, end: RFC3339.Instant) {
        var responder = MockTaskResponder(testCase: testCase)
        let (machine, end) = try EngineTestSupport.run(definition, input: input) { responder.answer($0) }
        return (machine, responder, end)
    }

    @Test func countsInvocationsPerState() throws {
        var responder = MockTaskResponder(testCase: try Self.testCase("RetryPath"))
        let answers = (0..<5).map { _ in responder.answer(stateName: "LambdaState", resource: "arn:aws:states:::lambda:invoke") }
        guard case .failure("Lambda.ResourceNotReadyException", "Lambda resource is not ready.") = answers[0],
              case .failure("Lambda.TimeoutException", "Lambda timed out.") = answers[1],
              case .failure("Lambda.TimeoutException", "Lambda timed out.") = answers[2],
              case .success(let value) = answers[3] else {
            Issue.record("unexpected answers \(answers)")
            return
        }
        #expect(value["StatusCode"] == 200)
        guard case .failure(let error, let cause?) = answers[4] else {
            Issue.record("invocation 4 must fail, got \(answers[4])")
            return
        }
        #expect(error == MockTaskResponder.noMockedResponseError)
        #expect(cause.contains("state 'LambdaState'"))
        #expect(cause.contains("resource 'arn:aws:states:::lambda:invoke'"))
        #expect(cause.contains("this is invocation 4"))
        #expect(cause.contains("defines invocations 0-3 only"))
        #expect(responder.invocationCounts == ["LambdaState": 5])
        #expect(responder.unmockedCauses == [cause])
        // Another state has its own count.
        guard case .success = responder.answer(stateName: "SQSState", resource: "arn:aws:states:::sqs:sendMessage") else {
            Issue.record("SQSState invocation 0 is mocked")
            return
        }
    }

    @Test func stateNotInTestCaseFails() throws {
        var responder = MockTaskResponder(testCase: try Self.testCase("HybridPath"))
        guard case .failure(let error, let cause?) = responder.answer(stateName: "SQSState", resource: "arn:aws:states:::sqs:sendMessage") else {
            Issue.record("an unmocked state must fail")
            return
        }
        #expect(error == "Stratus.NoMockedResponse")
        #expect(cause.contains("test case 'HybridPath' of state machine 'LambdaSQSIntegration' does not mock this state"))
    }

    @Test func noTestCaseFailsEveryTask() {
        var responder = MockTaskResponder(testCase: nil)
        guard case .failure(let error, let cause?) = responder.answer(stateName: "A", resource: "arn:aws:states:::sns:publish") else {
            Issue.record("a task without mocks must fail")
            return
        }
        #expect(error == "Stratus.NoMockedResponse")
        #expect(cause.contains("state 'A' (resource 'arn:aws:states:::sns:publish')"))
        #expect(cause.contains("--mock-config"))
    }

    @Test func happyPathExecution() throws {
        let (machine, responder, _) = try Self.run(Self.lambdaSQS, testCase: try Self.testCase("HappyPath"))
        guard case .succeeded(let output) = machine.status else {
            Issue.record("expected success, got \(machine.status)")
            return
        }
        #expect(output == ["MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"])
        #expect(responder.invocationCounts == ["LambdaState": 1, "SQSState": 1])
        #expect(responder.unmockedCauses.isEmpty)
    }

    @Test func retryPathUsesEveryInvocationAndBacksOff() throws {
        let (machine, responder, end) = try Self.run(Self.lambdaSQS, testCase: try Self.testCase("RetryPath"))
        guard case .succeeded = machine.status else {
            Issue.record("expected success, got \(machine.status)")
            return
        }
        #expect(responder.invocationCounts == ["LambdaState": 4, "SQSState": 1])
        let types = EngineTestSupport.types(machine)
        #expect(types.filter { $0 == "TaskFailed" }.count == 3)
        #expect(types.filter { $0 == "TaskSucceeded" }.count == 2)
        // Default retrier: 1 s, then ×2: 1 + 2 + 4 seconds of virtual time.
        #expect(end.seconds - EngineTestSupport.start.seconds == 7)
    }

    @Test func hybridPathFailsClearlyAtTheUnmockedState() throws {
        let (machine, responder, _) = try Self.run(Self.lambdaSQS, testCase: try Self.testCase("HybridPath"))
        guard case .failed(let error, let cause?) = machine.status else {
            Issue.record("expected failure, got \(machine.status)")
            return
        }
        #expect(error == "Stratus.NoMockedResponse")
        #expect(cause.contains("state 'SQSState'"))
        #expect(responder.unmockedCauses.count == 1)
    }

    @Test func mapIterationsCountAsInvocations() throws {
        let definition = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "ItemsPath": "$.items",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Work",
            "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          "End": true}}}
        """
        let configuration = try MockConfiguration(parsing: """
            {"StateMachines": {"M": {"TestCases": {"T": {"Work": "Counted"}}}},
             "MockedResponses": {"Counted": {"0": {"Return": "first"}, "1-2": {"Return": "next"}}}}
            """)
        let (machine, responder, _) = try Self.run(definition, testCase: try configuration.testCase(stateMachine: "M", name: "T"),
                                                   input: ["items": [1, 2, 3]])
        guard case .succeeded(let output) = machine.status else {
            Issue.record("expected success, got \(machine.status)")
            return
        }
        #expect(output == ["first", "next", "next"])
        #expect(responder.invocationCounts == ["Work": 3])
    }
}
