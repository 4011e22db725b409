import Foundation
import OrderedCollections
import StratusAPIStepFunctions
import StratusServiceKit
import StratusStatesEngine
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting
import Testing

/// ListMapRuns, DescribeMapRun, UpdateMapRun and the child executions of a Map Run, over the service.
@Suite struct MapRunServiceTests {
    typealias SF = StepFunctions
    let context = StepFunctionsFixture.context

    /// Three items that each wait 10 s, one at a time.
    static let waiting = """
        {"StartAt":"M","States":{"M":{"Type":"Map","Label":"items","MaxConcurrency":1,
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
            "StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}},"End":true}}}
        """

    func expectError(_ code: String, reason: String? = nil, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected \(code)")
        } catch let error as AWSServiceError {
            #expect(error.code.code == code)
            if let reason { #expect(error.fields["reason"] == .string(reason)) }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// A service over `store` on `clock` whose timers fire only when the test says.
    func service(_ store: SQLiteStepFunctionsStore, _ clock: ManualClock) -> StepFunctionsService {
        StepFunctionsService(store: store, clock: clock, ids: CountingIDs(),
                             runner: StepFunctionsRunner(clock: clock, store: store, automaticTimers: false))
    }

    func started(_ service: StepFunctionsService, input: String = "[1,2,3]") async throws -> String {
        let machine = try await service.createStateMachine(
            .init(name: "m", definition: Self.waiting, roleArn: StepFunctionsFixture.role), context: context
        ).stateMachineArn
        return try await service.startExecution(.init(stateMachineArn: machine, name: "e", input: input), context: context)
            .executionArn
    }

    @Test func listDescribeAndChildExecutions() async throws {
        let clock = ManualClock()
        let store = SQLiteStepFunctionsStore(database: try SQLiteDatabase.inMemory(name: "stepfunctions"))
        let service = service(store, clock)
        let execution = try await started(service)
        let listed = try await service.listMapRuns(.init(executionArn: execution), context: context)
        #expect(listed.mapRuns.count == 1)
        let item = try #require(listed.mapRuns.first)
        #expect(item.executionArn == execution)
        #expect(item.mapRunArn.hasPrefix("arn:aws:states:us-east-1:000000000000:mapRun:m/items:"))
        #expect(item.stateMachineArn == "arn:aws:states:us-east-1:000000000000:stateMachine:m/items")
        #expect(item.startDate == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(item.stopDate == nil)

        var described = try await service.describeMapRun(.init(mapRunArn: item.mapRunArn), context: context)
        #expect(described.status == .running)
        #expect(described.executionArn == execution)
        #expect(described.maxConcurrency == 1)
        #expect(described.toleratedFailureCount == 0 && described.toleratedFailurePercentage == 0)
        #expect(described.executionCounts.pending == 2 && described.executionCounts.running == 1)
        #expect(described.executionCounts.total == 3 && described.itemCounts.total == 3)
        #expect(described.executionCounts.failuresNotRedrivable == 0 && described.executionCounts.pendingRedrive == 0)

        // The running child is an execution of `m/items`.
        let children = try await service.listExecutions(.init(mapRunArn: item.mapRunArn), context: context)
        #expect(children.executions.count == 1)
        let child = try #require(children.executions.first)
        #expect(child.executionArn.hasPrefix("arn:aws:states:us-east-1:000000000000:execution:m/items:"))
        #expect(child.stateMachineArn == item.stateMachineArn)
        #expect(child.status == .running && child.mapRunArn == item.mapRunArn && child.itemCount == 1)
        let childDescribed = try await service.describeExecution(.init(executionArn: child.executionArn), context: context)
        #expect(childDescribed.input == "1" && childDescribed.status == .running)
        #expect(childDescribed.mapRunArn == item.mapRunArn && childDescribed.name == child.name)
        // Its own history: started and waiting (ids from 1, nothing of the parent's).
        let running = try await service.getExecutionHistory(.init(executionArn: child.executionArn), context: context)
        #expect(running.events.map(\.type) == [.executionStarted, .waitStateEntered])
        #expect(running.events.map(\.id) == [1, 2] && running.events.map(\.previousEventId) == [0, 0])
        #expect(running.events.first?.executionStartedEventDetails?.input == "1")

        // UpdateMapRun 5 s in: the two waiting children start now.
        clock.advance(seconds: 5)
        _ = try await service.updateMapRun(.init(mapRunArn: item.mapRunArn, maxConcurrency: 3), context: context)
        described = try await service.describeMapRun(.init(mapRunArn: item.mapRunArn), context: context)
        #expect(described.maxConcurrency == 3 && described.executionCounts.running == 3)
        clock.advance(seconds: 5)
        try await service.runner.fireDueTimers()
        #expect(try await service.describeExecution(.init(executionArn: execution), context: context).status == .running)
        described = try await service.describeMapRun(.init(mapRunArn: item.mapRunArn), context: context)
        #expect(described.executionCounts.succeeded == 1 && described.executionCounts.running == 2)
        clock.advance(seconds: 5)
        try await service.runner.fireDueTimers()
        described = try await service.describeMapRun(.init(mapRunArn: item.mapRunArn), context: context)
        #expect(described.status == .succeeded)
        #expect(described.stopDate == Date(timeIntervalSince1970: 1_700_000_015))
        let finished = try await service.getExecutionHistory(.init(executionArn: child.executionArn), context: context)
        #expect(finished.events.map(\.type) == [.executionStarted, .waitStateEntered, .waitStateExited, .executionSucceeded])
        #expect(finished.events.last?.timestamp == Date(timeIntervalSince1970: 1_700_000_010))
        #expect(described.executionCounts.succeeded == 3 && described.executionCounts.resultsWritten == 3)
        #expect(try await service.describeExecution(.init(executionArn: execution), context: context).output == "[1,2,3]")
        let finishedChild = try await service.describeExecution(.init(executionArn: child.executionArn), context: context)
        #expect(finishedChild.status == .succeeded && finishedChild.output == "1")
        let all = try await service.listExecutions(.init(mapRunArn: item.mapRunArn), context: context)
        #expect(all.executions.count == 3)
        let succeeded = try await service.listExecutions(.init(statusFilter: .succeeded, mapRunArn: item.mapRunArn), context: context)
        #expect(succeeded.executions.count == 3)

        // A finished run cannot be updated.
        await expectError("ValidationException", reason: "CANNOT_UPDATE_COMPLETED_MAP_RUN") {
            _ = try await service.updateMapRun(.init(mapRunArn: item.mapRunArn, toleratedFailureCount: 1), context: context)
        }
    }

    @Test func errors() async throws {
        let clock = ManualClock()
        let store = SQLiteStepFunctionsStore(database: try SQLiteDatabase.inMemory(name: "stepfunctions"))
        let service = service(store, clock)
        let execution = try await started(service)
        let mapRunArn = try await service.listMapRuns(.init(executionArn: execution), context: context).mapRuns[0].mapRunArn
        let unknown = "arn:aws:states:us-east-1:000000000000:mapRun:m/items:00000000-0000-4000-8000-000000000000"
        await expectError("ResourceNotFound") {
            _ = try await service.describeMapRun(.init(mapRunArn: unknown), context: context)
        }
        await expectError("InvalidArn") {
            _ = try await service.describeMapRun(.init(mapRunArn: "arn:aws:states:us-east-1:000000000000:execution:m:e"), context: context)
        }
        await expectError("InvalidArn") {
            _ = try await service.describeMapRun(.init(mapRunArn: "nope"), context: context)
        }
        await expectError("ExecutionDoesNotExist") {
            _ = try await service.listMapRuns(.init(executionArn: execution + "x"), context: context)
        }
        await expectError("InvalidArn") {
            _ = try await service.listMapRuns(.init(executionArn: mapRunArn), context: context)
        }
        await expectError("ValidationException", reason: "MISSING_REQUIRED_PARAMETER") {
            _ = try await service.updateMapRun(.init(mapRunArn: mapRunArn), context: context)
        }
        await expectError("ValidationException") {
            _ = try await service.updateMapRun(.init(mapRunArn: mapRunArn, toleratedFailurePercentage: 101), context: context)
        }
        await expectError("ValidationException") {
            _ = try await service.updateMapRun(.init(mapRunArn: mapRunArn, maxConcurrency: -1), context: context)
        }
        await expectError("ResourceNotFound") {
            _ = try await service.updateMapRun(.init(mapRunArn: unknown, maxConcurrency: 2), context: context)
        }
        await expectError("ResourceNotFound") {
            _ = try await service.listExecutions(.init(mapRunArn: unknown), context: context)
        }
        // A failed request changed nothing.
        #expect(try await service.describeMapRun(.init(mapRunArn: mapRunArn), context: context).maxConcurrency == 1)
        // Pagination over runs.
        let page = try await service.listMapRuns(.init(executionArn: execution, maxResults: 1), context: context)
        #expect(page.mapRuns.count == 1 && page.nextToken == nil)
    }

    @Test func anUpdateIsJournaledAndReplayedAfterARestart() async throws {
        let clock = ManualClock()
        let store = SQLiteStepFunctionsStore(database: try SQLiteDatabase.inMemory(name: "stepfunctions"))
        let first = service(store, clock)
        let execution = try await started(first)
        let mapRunArn = try await first.listMapRuns(.init(executionArn: execution), context: context).mapRuns[0].mapRunArn
        clock.advance(seconds: 2)
        _ = try await first.updateMapRun(
            .init(mapRunArn: mapRunArn, maxConcurrency: 2, toleratedFailurePercentage: 25, toleratedFailureCount: 1),
            context: context)
        let before = try await first.describeMapRun(.init(mapRunArn: mapRunArn), context: context)

        let second = service(store, clock)
        let after = try await second.describeMapRun(.init(mapRunArn: mapRunArn), context: context)
        #expect(after == before)
        #expect(after.maxConcurrency == 2 && after.toleratedFailureCount == 1 && after.toleratedFailurePercentage == 25)
        #expect(after.executionCounts.running == 2)
        clock.advance(seconds: 20)
        try await second.runner.fireDueTimers()
        clock.advance(seconds: 10)
        try await second.runner.fireDueTimers()
        let done = try await second.describeMapRun(.init(mapRunArn: mapRunArn), context: context)
        #expect(done.status == .succeeded && done.executionCounts.succeeded == 3)
    }

    @Test func journalCodingRoundTripsUpdates() {
        let events: [EngineEvent] = [
            .updateMapRun(mapRunARN: "arn:x", maxConcurrency: 3, toleratedFailureCount: nil, toleratedFailurePercentage: 12.5),
            .updateMapRun(mapRunARN: "arn:y", maxConcurrency: nil, toleratedFailureCount: 0, toleratedFailurePercentage: nil),
        ]
        for event in events {
            let decoded = JournalCoding.decode(JournalCoding.encode(event))
            #expect(decoded.map { JournalCoding.encode($0) } == JournalCoding.encode(event))
        }
    }
}
