import Foundation
import OrderedCollections
import StratusAPIStepFunctions
import StratusJSON
import StratusStepFunctions
import Testing

@Suite struct StartExecutionIntegrationTests {
    @Test func resourcesNameAPattern() {
        func kind(_ resource: String) -> StepFunctionsIntegrations.Kind? { StepFunctionsIntegrations.kind(of: resource) }
        #expect(kind("arn:aws:states:::states:startExecution") == .startExecution(.requestResponse))
        #expect(kind("arn:aws:states:::states:startExecution.sync") == .startExecution(.sync))
        #expect(kind("arn:aws:states:::states:startExecution.sync:2") == .startExecution(.sync2))
        #expect(kind("arn:aws:states:::states:startExecution.waitForTaskToken") == .startExecution(.waitForTaskToken))
        #expect(kind("arn:aws:states:::states:startExecution.sync:3") == nil)
        #expect(kind("arn:aws:states:::states:stopExecution") == nil)
    }

    @Test func parametersBecomeTheRequest() throws {
        func request(_ json: String) -> Result<StepFunctions.StartExecutionInput, StepFunctionsIntegrations.ParameterProblem> {
            StepFunctionsIntegrations.startExecutionRequest(try! JSONValue.parse(Array(json.utf8)))
        }
        let machine = "arn:aws:states:us-east-1:000000000000:stateMachine:child"
        let full = try request(#"{"StateMachineArn": "\#(machine)", "Input": {"a": [1]}, "Name": "n", "TraceHeader": "t"}"#).get()
        #expect(full == StepFunctions.StartExecutionInput(stateMachineArn: machine, name: "n", input: #"{"a":[1]}"#, traceHeader: "t"))
        // Text is sent as it is; null sends no input (the execution gets {}).
        #expect(try request(#"{"StateMachineArn": "\#(machine)", "Input": "raw"}"#).get().input == "raw")
        #expect(try request(#"{"StateMachineArn": "\#(machine)", "Input": null}"#).get().input == nil)
        guard case .failure(let missing) = request(#"{"Input": {}}"#), case .failure(let unknown) = request(
            #"{"StateMachineArn": "\#(machine)", "Other": 1}"#)
        else { Issue.record("expected failures"); return }
        #expect(missing.reason == "The field 'StateMachineArn' is required and must be a string.")
        #expect(unknown.reason == "The field 'Other' is not supported by the states:startExecution integration, or has the wrong type.")
    }

    @Test func answersAndExecutionArns() {
        let started = StepFunctions.StartExecutionOutput(
            executionArn: "arn:aws:states:us-east-1:000000000000:execution:child:n", startDate: Date(timeIntervalSince1970: 1_700_000_000.25))
        let output = StepFunctionsIntegrations.startExecutionOutput(started, requestID: "r", date: Date(timeIntervalSince1970: 0))
        #expect(output["ExecutionArn"] == .string(started.executionArn))
        #expect(output["StartDate"] == .number(JSONNumber(1_700_000_000_250)))
        #expect(output["SdkResponseMetadata"] == .object(["RequestId": .string("r")]))
        #expect(output["SdkHttpMetadata"]?["HttpHeaders"]?["Date"] == .string("Thu, 01 Jan 1970 00:00:00 GMT"))
        #expect(StepFunctionsIntegrations.executionArn(
            stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:child:3", name: "x")
            == "arn:aws:states:us-east-1:000000000000:execution:child:x")
        #expect(StepFunctionsIntegrations.executionArn(stateMachineArn: "arn:aws:states:us-east-1:1:activity:a", name: "x") == nil)
    }
}
