import OrderedCollections
import StratusJSON
import Testing
@testable import StratusStatesEngine

/// The mock configuration file model: AWS's documented example, and every structural rule it enforces.
@Suite struct MockConfigurationTests {
    /// The example of AWS's "Configuration file for mocked service integrations" page (as JSON).
    static let awsExample = """
    {
      "StateMachines": {
        "LambdaSQSIntegration": {
          "TestCases": {
            "HappyPath": {"LambdaState": "MockedLambdaSuccess", "SQSState": "MockedSQSSuccess"},
            "RetryPath": {"LambdaState": "MockedLambdaRetry", "SQSState": "MockedSQSSuccess"},
            "HybridPath": {"LambdaState": "MockedLambdaSuccess"}
          }
        }
      },
      "MockedResponses": {
        "MockedLambdaSuccess": {
          "0": {"Return": {"StatusCode": 200, "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}}}
        },
        "LambdaMockedResourceNotReady": {
          "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready."}}
        },
        "MockedSQSSuccess": {
          "0": {"Return": {"MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}}
        },
        "MockedLambdaRetry": {
          "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready."}},
          "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "Lambda timed out."}},
          "3": {"Return": {"StatusCode": 200, "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}}}
        }
      }
    }
    """

    @Test func readsAWSExample() throws {
        let configuration = try MockConfiguration(parsing: Self.awsExample)
        #expect(Array(configuration.stateMachines.keys) == ["LambdaSQSIntegration"])
        #expect(Array(configuration.stateMachines["LambdaSQSIntegration"]!.keys) == ["HappyPath", "RetryPath", "HybridPath"])
        #expect(Array(configuration.mockedResponses.keys) == ["MockedLambdaSuccess", "LambdaMockedResourceNotReady", "MockedSQSSuccess", "MockedLambdaRetry"])

        let retry = try configuration.testCase(stateMachine: "LambdaSQSIntegration", name: "RetryPath")
        #expect(retry.name == "RetryPath")
        #expect(retry.stateMachineName == "LambdaSQSIntegration")
        #expect(Array(retry.states.keys) == ["LambdaState", "SQSState"])
        let lambda = try #require(retry.states["LambdaState"])
        #expect(lambda.name == "MockedLambdaRetry")
        #expect(lambda.invocationCount == 4)
        #expect(lambda.steps.map(\.invocations) == [0...0, 1...2, 3...3])
        #expect(lambda.outcome(forInvocation: 0) == .throw(error: "Lambda.ResourceNotReadyException", cause: "Lambda resource is not ready."))
        #expect(lambda.outcome(forInvocation: 1) == .throw(error: "Lambda.TimeoutException", cause: "Lambda timed out."))
        #expect(lambda.outcome(forInvocation: 2) == .throw(error: "Lambda.TimeoutException", cause: "Lambda timed out."))
        let payload: JSONValue = ["StatusCode": 200, "Payload": ["StatusCode": 200, "body": "Hello from Lambda!"]]
        #expect(lambda.outcome(forInvocation: 3) == .return(payload))
        #expect(lambda.outcome(forInvocation: 4) == nil)
        #expect(lambda.outcome(forInvocation: -1) == nil)

        let hybrid = try configuration.testCase(stateMachine: "LambdaSQSIntegration", name: "HybridPath")
        #expect(Array(hybrid.states.keys) == ["LambdaState"])
    }

    @Test func stepsAreSortedWhateverTheKeyOrder() throws {
        let configuration = try MockConfiguration(parsing: """
            {"StateMachines": {}, "MockedResponses": {"R": {
              "3-5": {"Return": 3}, "0": {"Return": "zero"}, "1-2": {"Throw": {"Error": "E", "Cause": "C"}}}}}
            """)
        let response = try #require(configuration.mockedResponses["R"])
        #expect(response.steps.map(\.invocations) == [0...0, 1...2, 3...5])
        #expect(response.invocationCount == 6)
        #expect(response.outcome(forInvocation: 5) == .return(3))
        #expect(response.outcome(forInvocation: 0) == .return("zero"))
    }

    @Test func returnMayBeAnyJSONValue() throws {
        let configuration = try MockConfiguration(parsing: """
            {"StateMachines": {}, "MockedResponses": {"S": {"0": {"Return": "string-literal"}}, "N": {"0": {"Return": null}}}}
            """)
        #expect(configuration.mockedResponses["S"]?.outcome(forInvocation: 0) == .return("string-literal"))
        #expect(configuration.mockedResponses["N"]?.outcome(forInvocation: 0) == .return(.null))
    }

    @Test func unknownStateMachineAndTestCaseListWhatExists() throws {
        let configuration = try MockConfiguration(parsing: Self.awsExample)
        let machine = #expect(throws: MockConfigurationError.self) {
            try configuration.testCase(stateMachine: "Other", name: "HappyPath")
        }
        #expect(machine?.code == .unknownStateMachine)
        #expect(machine?.message.contains("'Other'") == true)
        #expect(machine?.message.contains("'LambdaSQSIntegration'") == true)
        let testCase = #expect(throws: MockConfigurationError.self) {
            try configuration.testCase(stateMachine: "LambdaSQSIntegration", name: "SadPath")
        }
        #expect(testCase?.code == .unknownTestCase)
        #expect(testCase?.message.contains("'HappyPath', 'RetryPath', 'HybridPath'") == true)
    }

    @Test(arguments: [
        // (file, what the message must say)
        ("{", "not valid JSON"),
        ("[]", "/: The mock configuration must be a JSON object."),
        (#"{"MockedResponses": {}}"#, "must have a 'StateMachines' object"),
        (#"{"StateMachines": {}}"#, "must have a 'MockedResponses' object"),
        (#"{"StateMachines": {}, "MockedResponses": {}, "Extra": 1}"#, "Unknown field 'Extra'"),
        (#"{"StateMachines": [], "MockedResponses": {}}"#, "/StateMachines: StateMachines must be a JSON object."),
        (#"{"StateMachines": {"M": {}}, "MockedResponses": {}}"#, "/StateMachines/M: A state machine entry must have a 'TestCases' object."),
        (#"{"StateMachines": {"M": {"TestCases": {}, "X": 1}}, "MockedResponses": {}}"#, "Unknown field 'X'"),
        (#"{"StateMachines": {"M": {"TestCases": {"T": {"S": 1}}}}, "MockedResponses": {}}"#, "/StateMachines/M/TestCases/T/S: A test case maps a state name"),
        (#"{"StateMachines": {"M": {"TestCases": {"T": {"S": "Missing"}}}}, "MockedResponses": {}}"#,
         "/StateMachines/M/TestCases/T/S: The mocked response 'Missing' is not defined under MockedResponses."),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {}}}"#, "at least invocation \"0\""),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {"a": {"Return": 1}}}}"#, "'a' is not an invocation number"),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {"-1": {"Return": 1}}}}"#, "'-1' is not an invocation number"),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {"2-1": {"Return": 1}}}}"#, "'2-1' is not an invocation number"),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {"1-2-3": {"Return": 1}}}}"#, "'1-2-3' is not an invocation number"),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {" 1": {"Return": 1}}}}"#, "' 1' is not an invocation number"),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {"1": {"Return": 1}}}}"#, "invocation 0 has no response"),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {"0": {"Return": 1}, "2": {"Return": 1}}}}"#, "/MockedResponses/R/2: Invocations must be numbered from 0 without gaps: invocation 1 has no response (the next key is '2')."),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {"0-2": {"Return": 1}, "1": {"Return": 1}}}}"#, "Invocation 1 is mocked twice"),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {"0": {}}}}"#, "exactly one field, 'Return' or 'Throw' (found: none)"),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {"0": {"Return": 1, "Throw": {}}}}}"#, "(found: 'Return', 'Throw')"),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {"0": {"Retrun": 1}}}}"#, "(found: 'Retrun')"),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {"0": {"Throw": "E"}}}}"#, "/MockedResponses/R/0/Throw: 'Throw' must be a JSON object."),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {"0": {"Throw": {"Cause": "C"}}}}}"#, "must have an 'Error' string"),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {"0": {"Throw": {"Error": "E"}}}}}"#, "must have a 'Cause' string"),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {"0": {"Throw": {"Error": "E", "Cause": 1}}}}}"#, "must have a 'Cause' string"),
        (#"{"StateMachines": {}, "MockedResponses": {"R": {"0": {"Throw": {"Error": "E", "Cause": "C", "X": 1}}}}}"#, "Unknown field 'X'"),
    ])
    func rejectsInvalidFiles(text: String, expected: String) {
        let error = #expect(throws: MockConfigurationError.self) { try MockConfiguration(parsing: text) }
        #expect(error?.code == (expected == "not valid JSON" ? .invalidJSON : .invalidStructure))
        #expect(error?.message.contains(expected) == true, "message: \(error?.message ?? "none")")
    }

    @Test func invocationRangeKeys() {
        #expect(MockConfigurationReader.invocationRange("0") == 0...0)
        #expect(MockConfigurationReader.invocationRange("12") == 12...12)
        #expect(MockConfigurationReader.invocationRange("1-2") == 1...2)
        #expect(MockConfigurationReader.invocationRange("3-3") == 3...3)
        for bad in ["", "-", "1-", "-2", "+1", "1.0", "1 - 2", "١", "99999999999999999999"] {
            #expect(MockConfigurationReader.invocationRange(bad) == nil, "\(bad)")
        }
    }
}
