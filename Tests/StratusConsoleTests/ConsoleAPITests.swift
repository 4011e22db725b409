import HTTPTypes
import StratusConsole
import StratusJSON
import Testing

/// The console's JSON API answers with what the Step Functions operations answer in-process.
@Suite struct ConsoleAPITests {
    static let passDefinition = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"x":1},"End":true}}}"#
    static let failDefinition = #"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"bad"}}}"#
    static let waitDefinition = #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}"#

    @Test func listsStateMachinesAsListStateMachinesDoes() async throws {
        let fixture = try ConsoleFixture()
        let empty = try ConsoleFixture.json(await fixture.request(.get, "/_stratus/console/api/state-machines"))
        #expect(empty == ["stateMachines": [], "truncated": false])
        let first = try await fixture.createStateMachine("first", Self.passDefinition)
        let second = try await fixture.createStateMachine("second", Self.failDefinition)
        let response = await fixture.request(.get, "/_stratus/console/api/state-machines")
        #expect(response.status == .ok)
        #expect(response.headerFields[.contentType] == "application/json")
        #expect(response.headerFields[.cacheControl] == "no-store")
        let body = try ConsoleFixture.json(response)
        let machines = body["stateMachines"]?.arrayValue ?? []
        #expect(Set(machines.compactMap { $0["stateMachineArn"]?.stringValue }) == [first, second])
        #expect(Set(machines.compactMap { $0["name"]?.stringValue }) == ["first", "second"])
        #expect(machines.allSatisfy { $0["type"] == "STANDARD" && $0["creationDate"]?.numberValue != nil })
        #expect(body["truncated"] == false)
    }

    @Test func describesAStateMachineWithItsDefinition() async throws {
        let fixture = try ConsoleFixture()
        let arn = try await fixture.createStateMachine("m", Self.passDefinition)
        let body = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/state-machine?arn=\(ConsoleFixture.encoded(arn))"))
        #expect(body["stateMachineArn"]?.stringValue == arn)
        #expect(body["name"] == "m")
        #expect(body["definition"]?.stringValue == Self.passDefinition)
        #expect(body["roleArn"]?.stringValue == ConsoleFixture.role)
    }

    @Test func startsExecutionsAndAnswersTheirStateAndHistory() async throws {
        let fixture = try ConsoleFixture()
        let arn = try await fixture.createStateMachine("m", Self.passDefinition)
        let start = await fixture.request(
            .post, "/_stratus/console/api/executions",
            json: #"{"stateMachineArn":"\#(arn)","name":"e1","input":"{\"a\":1}"}"#)
        #expect(start.status == .ok)
        let executionArn = try ConsoleFixture.json(start)["executionArn"]?.stringValue
        #expect(executionArn == "arn:aws:states:us-east-1:000000000000:execution:m:e1")
        let encoded = ConsoleFixture.encoded(executionArn ?? "")

        let described = try ConsoleFixture.json(await fixture.request(.get, "/_stratus/console/api/execution?arn=\(encoded)"))
        #expect(described["status"] == "SUCCEEDED")
        #expect(described["input"] == #"{"a":1}"#)
        #expect(described["output"] == #"{"x":1}"#)

        let history = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/execution/history?arn=\(encoded)"))
        let events = history["events"]?.arrayValue ?? []
        #expect(events.compactMap { $0["type"]?.stringValue } == [
            "ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
        ])
        #expect(events[1]["stateEnteredEventDetails"]?["name"] == "P")
        #expect(events[2]["previousEventId"] == 2)
        #expect(history["truncated"] == false)

        let list = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/executions?stateMachineArn=\(ConsoleFixture.encoded(arn))"))
        let executions = list["executions"]?.arrayValue ?? []
        #expect(executions.count == 1)
        #expect(executions.first?["name"] == "e1")
        #expect(executions.first?["status"] == "SUCCEEDED")
    }

    @Test func inputMayBeAJSONValue() async throws {
        let fixture = try ConsoleFixture()
        let arn = try await fixture.createStateMachine("m", #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#)
        let start = try ConsoleFixture.json(await fixture.request(
            .post, "/_stratus/console/api/executions", json: #"{"stateMachineArn":"\#(arn)","input":{"k":[1,2]}}"#))
        let arnOfExecution = start["executionArn"]?.stringValue ?? ""
        let described = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/execution?arn=\(ConsoleFixture.encoded(arnOfExecution))"))
        #expect(described["output"] == #"{"k":[1,2]}"#)
    }

    @Test func stopsARunningExecution() async throws {
        let fixture = try ConsoleFixture()
        let arn = try await fixture.createStateMachine("w", Self.waitDefinition)
        let start = try ConsoleFixture.json(await fixture.request(
            .post, "/_stratus/console/api/executions", json: #"{"stateMachineArn":"\#(arn)","name":"long"}"#))
        let executionArn = start["executionArn"]?.stringValue ?? ""
        let encoded = ConsoleFixture.encoded(executionArn)
        #expect(try ConsoleFixture.json(await fixture.request(.get, "/_stratus/console/api/execution?arn=\(encoded)"))["status"]
            == "RUNNING")
        let stop = await fixture.request(
            .post, "/_stratus/console/api/execution/stop",
            json: #"{"executionArn":"\#(executionArn)","error":"Console","cause":"stopped by hand"}"#)
        #expect(stop.status == .ok)
        #expect(try ConsoleFixture.json(stop)["stopDate"]?.numberValue != nil)
        let described = try ConsoleFixture.json(await fixture.request(.get, "/_stratus/console/api/execution?arn=\(encoded)"))
        #expect(described["status"] == "ABORTED")
        #expect(described["error"] == "Console")
    }

    @Test func serviceErrorsKeepTheirCodeAndStatus() async throws {
        let fixture = try ConsoleFixture()
        let missing = "arn:aws:states:us-east-1:000000000000:stateMachine:missing"
        let response = await fixture.request(.get, "/_stratus/console/api/state-machine?arn=\(ConsoleFixture.encoded(missing))")
        #expect(response.status == .badRequest)
        let body = try ConsoleFixture.json(response)
        #expect(body["error"] == "StateMachineDoesNotExist")
        #expect(body["message"]?.stringValue?.contains(missing) == true)
        let garbage = try ConsoleFixture.json(await fixture.request(.get, "/_stratus/console/api/execution?arn=garbage"))
        #expect(garbage["error"] == "InvalidArn")
        let arn = try await fixture.createStateMachine("m", Self.passDefinition)
        let badInput = try ConsoleFixture.json(await fixture.request(
            .post, "/_stratus/console/api/executions", json: #"{"stateMachineArn":"\#(arn)","input":"{not json"}"#))
        #expect(badInput["error"] == "InvalidExecutionInput")
    }

    @Test func refusesBadRequestsBeforeCallingTheService() async throws {
        let fixture = try ConsoleFixture()
        let noArn = await fixture.request(.get, "/_stratus/console/api/execution")
        #expect(noArn.status == .badRequest)
        #expect(try ConsoleFixture.json(noArn)["message"] == "The query parameter arn is required.")
        let form = await fixture.request(
            .post, "/_stratus/console/api/executions", json: "stateMachineArn=x", contentType: "text/plain")
        #expect(form.status == .unsupportedMediaType)
        let notObject = await fixture.request(.post, "/_stratus/console/api/executions", json: "[1]")
        #expect(notObject.status == .badRequest)
        let noMachine = await fixture.request(.post, "/_stratus/console/api/executions", json: "{}")
        #expect(try ConsoleFixture.json(noMachine)["message"] == "The member stateMachineArn is required.")
        let wrongMethod = await fixture.request(.post, "/_stratus/console/api/state-machines", json: "{}")
        #expect(wrongMethod.status == .methodNotAllowed)
        #expect(wrongMethod.headerFields[.allow] == "GET")
        let stopByGet = await fixture.request(.get, "/_stratus/console/api/execution/stop")
        #expect(stopByGet.headerFields[.allow] == "POST")
        let unknown = await fixture.request(.get, "/_stratus/console/api/nothing")
        #expect(unknown.status == .notFound)
        #expect(try ConsoleFixture.json(unknown)["error"] == "NotFound")
    }
}
