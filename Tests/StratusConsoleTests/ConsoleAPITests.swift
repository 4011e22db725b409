import HTTPTypes
import StratusConsole
import StratusAPIStepFunctions
import StratusJSON
import StratusServiceKit
import StratusStepFunctions
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

    // MARK: Versions, aliases, status filters, Map Runs, redrive

    static let distributedDefinition = #"""
        {"StartAt":"M","States":{"M":{"Type":"Map","Label":"items","MaxConcurrency":2,"ToleratedFailureCount":1,
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
        "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
        """#

    /// Starts an execution through the console and answers its ARN.
    static func start(_ fixture: ConsoleFixture, _ machineArn: String, input: String = "{}") async throws -> String {
        let body = #"{"stateMachineArn":"\#(machineArn)","input":\#(input)}"#
        let started = try ConsoleFixture.json(await fixture.request(.post, "/_stratus/console/api/executions", json: body))
        return try #require(started["executionArn"]?.stringValue)
    }

    /// The console's `DescribeExecution` answer once the execution has left RUNNING (the runner finishes in-process).
    static func finished(_ fixture: ConsoleFixture, _ executionArn: String) async throws -> JSONValue {
        for _ in 0..<200 {
            let described = try ConsoleFixture.json(await fixture.request(
                .get, "/_stratus/console/api/execution?arn=\(ConsoleFixture.encoded(executionArn))"))
            if described["status"] != "RUNNING" { return described }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("\(executionArn) is still running")
        return .null
    }

    @Test func listsVersionsAndAliasesWithTheirRouting() async throws {
        let fixture = try ConsoleFixture()
        let arn = try await fixture.createStateMachine("m", Self.passDefinition)
        let empty = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/state-machine/versions?arn=\(ConsoleFixture.encoded(arn))"))
        #expect(empty == ["versions": [], "truncated": false])
        let first = try await fixture.service.publishStateMachineVersion(
            .init(stateMachineArn: arn, description: "one"), context: ConsoleFixture.context).stateMachineVersionArn
        _ = try await fixture.service.updateStateMachine(
            .init(stateMachineArn: arn, definition: Self.failDefinition), context: ConsoleFixture.context)
        let second = try await fixture.service.publishStateMachineVersion(
            .init(stateMachineArn: arn), context: ConsoleFixture.context).stateMachineVersionArn
        #expect(first == arn + ":1" && second == arn + ":2")
        let versions = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/state-machine/versions?arn=\(ConsoleFixture.encoded(arn))"))
        #expect(versions["versions"]?.arrayValue?.compactMap { $0["stateMachineVersionArn"]?.stringValue } == [second, first])
        #expect(versions["versions"]?.arrayValue?.allSatisfy { $0["creationDate"]?.numberValue != nil } == true)
        #expect(versions["truncated"] == false)
        // A version's page describes the version: its own definition and description.
        let version = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/state-machine?arn=\(ConsoleFixture.encoded(first))"))
        #expect(version["definition"]?.stringValue == Self.passDefinition)
        #expect(version["description"] == "one")

        let alias = try await fixture.service.createStateMachineAlias(
            .init(description: "canary", name: "live", routingConfiguration: [
                .init(stateMachineVersionArn: second, weight: 90), .init(stateMachineVersionArn: first, weight: 10),
            ]), context: ConsoleFixture.context).stateMachineAliasArn
        let aliases = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/state-machine/aliases?arn=\(ConsoleFixture.encoded(arn))"))
        let listed = try #require(aliases["aliases"]?.arrayValue)
        #expect(listed.count == 1)
        #expect(listed[0]["stateMachineAliasArn"]?.stringValue == alias && alias == arn + ":live")
        #expect(listed[0]["name"] == "live" && listed[0]["description"] == "canary")
        #expect(listed[0]["routingConfiguration"] == [
            ["stateMachineVersionArn": .string(second), "weight": 90],
            ["stateMachineVersionArn": .string(first), "weight": 10],
        ])
        #expect(listed[0]["creationDate"]?.numberValue != nil)
        #expect(aliases["truncated"] == false)

        // Executions started with a version or an alias are listed under it, and under the machine.
        let byVersion = try await Self.start(fixture, first)
        let byAlias = try await Self.start(fixture, alias)
        let versionList = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/executions?stateMachineArn=\(ConsoleFixture.encoded(first))"))
        // The alias routes one start in ten to the first version: that execution is the version's too (newest first).
        let aliasRanOn = try await fixture.service.describeExecution(
            .init(executionArn: byAlias), context: ConsoleFixture.context).stateMachineVersionArn
        let ranOnFirst = aliasRanOn == first ? [byAlias, byVersion] : [byVersion]
        #expect(versionList["executions"]?.arrayValue?.compactMap { $0["executionArn"]?.stringValue } == ranOnFirst)
        #expect(versionList["executions"]?.arrayValue?.last?["stateMachineVersionArn"]?.stringValue == first)
        let aliasList = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/executions?stateMachineArn=\(ConsoleFixture.encoded(alias))"))
        #expect(aliasList["executions"]?.arrayValue?.compactMap { $0["executionArn"]?.stringValue } == [byAlias])
        #expect(aliasList["executions"]?.arrayValue?.first?["stateMachineAliasArn"]?.stringValue == alias)
        let all = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/executions?stateMachineArn=\(ConsoleFixture.encoded(arn))"))
        #expect(Set(all["executions"]?.arrayValue?.compactMap { $0["executionArn"]?.stringValue } ?? []) == [byVersion, byAlias])
    }

    @Test func versionsAndAliasesAnswerTheServiceErrors() async throws {
        let fixture = try ConsoleFixture()
        let missing = ConsoleFixture.encoded("arn:aws:states:us-east-1:000000000000:stateMachine:missing")
        for route in ["state-machine/versions", "state-machine/aliases"] {
            let unknown = await fixture.request(.get, "/_stratus/console/api/\(route)?arn=\(missing)")
            #expect(unknown.status == .badRequest)
            #expect(try ConsoleFixture.json(unknown)["error"] == "StateMachineDoesNotExist")
            let noArn = await fixture.request(.get, "/_stratus/console/api/\(route)")
            #expect(noArn.status == .badRequest)
            #expect(try ConsoleFixture.json(noArn)["message"] == "The query parameter arn is required.")
            let post = await fixture.request(.post, "/_stratus/console/api/\(route)", json: "{}")
            #expect(post.status == .methodNotAllowed && post.headerFields[.allow] == "GET")
        }
        #expect(try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/state-machine/versions?arn=garbage"))["error"] == "InvalidArn")
    }

    @Test func filtersExecutionsByStatus() async throws {
        let fixture = try ConsoleFixture()
        let arn = try await fixture.createStateMachine("w", Self.waitDefinition)
        let running = try await Self.start(fixture, arn)
        let stopped = try await Self.start(fixture, arn)
        _ = await fixture.request(.post, "/_stratus/console/api/execution/stop", json: #"{"executionArn":"\#(stopped)"}"#)
        let encoded = ConsoleFixture.encoded(arn)
        for (status, expected) in [("RUNNING", [running]), ("ABORTED", [stopped]), ("SUCCEEDED", []), ("PENDING_REDRIVE", [])] {
            let list = try ConsoleFixture.json(await fixture.request(
                .get, "/_stratus/console/api/executions?stateMachineArn=\(encoded)&status=\(status)"))
            #expect(list["executions"]?.arrayValue?.compactMap { $0["executionArn"]?.stringValue } == expected, "\(status)")
        }
        // An empty status is no filter.
        let unfiltered = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/executions?stateMachineArn=\(encoded)&status="))
        #expect(unfiltered["executions"]?.arrayValue?.count == 2)
        let bad = await fixture.request(.get, "/_stratus/console/api/executions?stateMachineArn=\(encoded)&status=running")
        #expect(bad.status == .badRequest)
        #expect(try ConsoleFixture.json(bad)["message"]?.stringValue?.hasPrefix("The query parameter status must be") == true)
        let neither = await fixture.request(.get, "/_stratus/console/api/executions")
        #expect(try ConsoleFixture.json(neither)["message"] == "The query parameter stateMachineArn or mapRunArn is required.")
        let unknown = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/executions?stateMachineArn=\(encoded)-gone"))
        #expect(unknown["error"] == "StateMachineDoesNotExist")
    }

    @Test func listsMapRunsWithTheirCountsAndChildren() async throws {
        let fixture = try ConsoleFixture()
        let arn = try await fixture.createStateMachine("dm", Self.distributedDefinition)
        let execution = try await Self.start(fixture, arn, input: "[1,2,3]")
        #expect(try await Self.finished(fixture, execution)["status"] == "SUCCEEDED")
        let answer = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/map-runs?executionArn=\(ConsoleFixture.encoded(execution))"))
        #expect(answer["truncated"] == false)
        let runs = try #require(answer["mapRuns"]?.arrayValue)
        #expect(runs.count == 1)
        let run = runs[0]
        let mapRunArn = try #require(run["mapRunArn"]?.stringValue)
        #expect(mapRunArn.hasPrefix("arn:aws:states:us-east-1:000000000000:mapRun:dm/items:"))
        #expect(run["executionArn"]?.stringValue == execution)
        #expect(run["stateMachineArn"] == "arn:aws:states:us-east-1:000000000000:stateMachine:dm/items")
        #expect(run["status"] == "SUCCEEDED")
        #expect(run["maxConcurrency"] == 2 && run["toleratedFailureCount"] == 1 && run["toleratedFailurePercentage"] == 0)
        #expect(run["itemCounts"]?["total"] == 3 && run["itemCounts"]?["succeeded"] == 3)
        #expect(run["executionCounts"]?["succeeded"] == 3 && run["executionCounts"]?["failed"] == 0)
        #expect(run["startDate"]?.numberValue != nil && run["stopDate"]?.numberValue != nil)
        // The one-run route answers DescribeMapRun itself.
        let one = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/map-run?arn=\(ConsoleFixture.encoded(mapRunArn))"))
        #expect(one["executionArn"]?.stringValue == execution && one["itemCounts"] == run["itemCounts"])

        let children = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/executions?mapRunArn=\(ConsoleFixture.encoded(mapRunArn))"))
        let items = try #require(children["executions"]?.arrayValue)
        #expect(items.count == 3)
        #expect(items.allSatisfy { $0["mapRunArn"]?.stringValue == mapRunArn && $0["status"] == "SUCCEEDED" })
        let child = try #require(items.first?["executionArn"]?.stringValue)
        #expect(child.hasPrefix("arn:aws:states:us-east-1:000000000000:execution:dm/items:"))
        let described = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/execution?arn=\(ConsoleFixture.encoded(child))"))
        #expect(described["mapRunArn"]?.stringValue == mapRunArn)
        #expect(described["stateMachineArn"] == "arn:aws:states:us-east-1:000000000000:stateMachine:dm/items")
        let failedChildren = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/executions?mapRunArn=\(ConsoleFixture.encoded(mapRunArn))&status=FAILED"))
        #expect(failedChildren["executions"] == [])
        // An execution without a Distributed Map has no Map Runs.
        let plain = try await Self.start(fixture, try await fixture.createStateMachine("p", Self.passDefinition))
        #expect(try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/map-runs?executionArn=\(ConsoleFixture.encoded(plain))"))
            == ["mapRuns": [], "truncated": false])
    }

    @Test func mapRunsAnswerTheServiceErrors() async throws {
        let fixture = try ConsoleFixture()
        let gone = ConsoleFixture.encoded("arn:aws:states:us-east-1:000000000000:execution:m:gone")
        let unknownExecution = await fixture.request(.get, "/_stratus/console/api/map-runs?executionArn=\(gone)")
        #expect(unknownExecution.status == .badRequest)
        #expect(try ConsoleFixture.json(unknownExecution)["error"] == "ExecutionDoesNotExist")
        let unknownRun = ConsoleFixture.encoded(
            "arn:aws:states:us-east-1:000000000000:mapRun:m/items:00000000-0000-4000-8000-000000000000")
        #expect(try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/map-run?arn=\(unknownRun)"))["error"] == "ResourceNotFound")
        #expect(try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/executions?mapRunArn=\(unknownRun)"))["error"] == "ResourceNotFound")
        #expect(try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/map-run?arn=\(gone)"))["error"] == "InvalidArn")
        let both = await fixture.request(
            .get, "/_stratus/console/api/executions?stateMachineArn=\(gone)&mapRunArn=\(unknownRun)")
        #expect(try ConsoleFixture.json(both)["error"] == "ValidationException")
        let noArn = await fixture.request(.get, "/_stratus/console/api/map-runs")
        #expect(try ConsoleFixture.json(noArn)["message"] == "The query parameter executionArn is required.")
        let post = await fixture.request(.post, "/_stratus/console/api/map-runs", json: "{}")
        #expect(post.status == .methodNotAllowed && post.headerFields[.allow] == "GET")
    }

    @Test func redrivesAFailedExecution() async throws {
        let fixture = try ConsoleFixture()
        let arn = try await fixture.createStateMachine("f", Self.failDefinition)
        let execution = try await Self.start(fixture, arn)
        let failed = try await Self.finished(fixture, execution)
        #expect(failed["status"] == "FAILED" && failed["redriveCount"] == 0 && failed["redriveStatus"] == "REDRIVABLE")
        let redrive = await fixture.request(
            .post, "/_stratus/console/api/execution/redrive", json: #"{"executionArn":"\#(execution)"}"#)
        #expect(redrive.status == .ok)
        #expect(try ConsoleFixture.json(redrive)["redriveDate"]?.numberValue != nil)
        // The Fail state fails again: the execution was redriven once and has failed again.
        let again = try await Self.finished(fixture, execution)
        #expect(again["status"] == "FAILED" && again["redriveCount"] == 1 && again["redriveDate"]?.numberValue != nil)
        let events = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/execution/history?arn=\(ConsoleFixture.encoded(execution))"))["events"]?.arrayValue ?? []
        #expect(events.contains { $0["type"] == "ExecutionRedriven" })
        let listed = try ConsoleFixture.json(await fixture.request(
            .get, "/_stratus/console/api/executions?stateMachineArn=\(ConsoleFixture.encoded(arn))"))
        #expect(listed["executions"]?.arrayValue?.first?["redriveCount"] == 1)
    }

    @Test func redriveAnswersTheServiceErrors() async throws {
        let fixture = try ConsoleFixture()
        let arn = try await fixture.createStateMachine("p", Self.passDefinition)
        let succeeded = try await Self.start(fixture, arn)
        let refused = await fixture.request(
            .post, "/_stratus/console/api/execution/redrive", json: #"{"executionArn":"\#(succeeded)"}"#)
        #expect(refused.status == .badRequest)
        let body = try ConsoleFixture.json(refused)
        #expect(body["error"] == "ExecutionNotRedrivable")
        #expect(body["message"] == "Execution is SUCCEEDED and cannot be redriven")
        let unknown = try ConsoleFixture.json(await fixture.request(
            .post, "/_stratus/console/api/execution/redrive", json: #"{"executionArn":"\#(succeeded)-gone"}"#))
        #expect(unknown["error"] == "ExecutionDoesNotExist")
        let noArn = await fixture.request(.post, "/_stratus/console/api/execution/redrive", json: "{}")
        #expect(try ConsoleFixture.json(noArn)["message"] == "The member executionArn is required.")
        let text = await fixture.request(
            .post, "/_stratus/console/api/execution/redrive", json: #"{"executionArn":"x"}"#, contentType: "text/plain")
        #expect(text.status == .unsupportedMediaType)
        let get = await fixture.request(.get, "/_stratus/console/api/execution/redrive")
        #expect(get.status == .methodNotAllowed && get.headerFields[.allow] == "POST")
    }
}

/// The console acts in the region the `region` query parameter names, or in its own.
@Suite struct ConsoleRegionTests {
    @Test func everyRouteActsInTheAskedRegion() async throws {
        let fixture = try ConsoleFixture()
        var elsewhere = ConsoleFixture.context
        elsewhere.region = "eu-west-1"
        let arn = try await fixture.service.createStateMachine(
            .init(name: "irish", definition: ConsoleAPITests.passDefinition, roleArn: ConsoleFixture.role), context: elsewhere
        ).stateMachineArn
        #expect(arn == "arn:aws:states:eu-west-1:000000000000:stateMachine:irish")
        let home = try ConsoleFixture.json(await fixture.request(.get, "/_stratus/console/api/state-machines"))
        #expect(home["stateMachines"] == [])
        let there = try ConsoleFixture.json(await fixture.request(.get, "/_stratus/console/api/state-machines?region=eu-west-1"))
        #expect(there["stateMachines"]?.arrayValue?.compactMap { $0["stateMachineArn"]?.stringValue } == [arn])
        // POSTs too: an execution started in that region.
        let started = await fixture.request(.post, "/_stratus/console/api/executions?region=eu-west-1",
                                            json: #"{"stateMachineArn":"\#(arn)"}"#)
        #expect(started.status == .ok)
        #expect(try ConsoleFixture.json(started)["executionArn"]?.stringValue?.hasPrefix("arn:aws:states:eu-west-1:") == true)
    }

    @Test(arguments: ["EU-WEST-1", "eu-west", "europe", "eu-west-x", "e-west-1", "eu--1", "eu-west-1 "])
    func aRegionThatIsNotARegionNameIsRefused(region: String) async throws {
        let fixture = try ConsoleFixture()
        let response = await fixture.request(
            .get, "/_stratus/console/api/state-machines?region=\(ConsoleFixture.encoded(region))")
        #expect(response.status == .badRequest)
        let body = try ConsoleFixture.json(response)
        #expect(body["error"] == "ValidationException")
        #expect(body["message"]?.stringValue == "The region '\(region)' is not a region name such as us-east-1.")
    }

    @Test func theContextNamesTheConsolesAccountRegionAndTheRegionsOffered() async throws {
        let fixture = try ConsoleFixture()
        let context = try ConsoleFixture.json(await fixture.request(.get, "/_stratus/console/api/context"))
        #expect(context["accountId"] == "000000000000")
        #expect(context["region"] == "us-east-1")
        let regions = context["regions"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(regions.contains("eu-west-1") && regions.contains("ap-southeast-2") && regions.count >= 29)
        #expect(regions.allSatisfy { !$0.isEmpty })
        #expect(await fixture.request(.post, "/_stratus/console/api/context", json: "{}").status == .methodNotAllowed)
    }
}
