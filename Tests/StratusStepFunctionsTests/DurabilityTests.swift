import Foundation
import StratusAPIStepFunctions
import StratusJSON
import StratusServiceKit
import StratusStatesEngine
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting
import Testing

@Suite struct DurabilityTests {
    let context = StepFunctionsFixture.context

    @Test func journalCodingRoundTrips() {
        let events: [EngineEvent] = [
            .taskSucceeded(taskID: 3, output: .array([.number(1), .null, .string("x")])),
            .taskFailed(taskID: 4, error: "E", cause: nil),
            .taskFailed(taskID: 5, error: "E", cause: "why"),
            .taskHeartbeat(taskID: 6),
            .timerFired(timerID: 7),
            .stop(error: nil, cause: "c"),
        ]
        for event in events {
            let decoded = JournalCoding.decode(JournalCoding.encode(event))
            #expect(decoded.map { JournalCoding.encode($0) } == JournalCoding.encode(event))
        }
        #expect(JournalCoding.decode("{\"k\":\"nope\"}") == nil)
    }

    @Test func standardExecutionsSurviveARestartAndKeepTheirDeadlines() async throws {
        let clock = ManualClock()
        let database = try SQLiteDatabase.inMemory(name: "stepfunctions")
        let store = SQLiteStepFunctionsStore(database: database)
        let first = StepFunctionsService(
            store: store, clock: clock, ids: CountingIDs(),
            runner: StepFunctionsRunner(clock: clock, store: store, automaticTimers: false))
        let definition = #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"Next":"U"},"U":{"Type":"Pass","Parameters":{"id.$":"States.UUID()"},"End":true}}}"#
        let machine = try await first.createStateMachine(
            .init(name: "m", definition: definition, roleArn: StepFunctionsFixture.role), context: context
        ).stateMachineArn
        let waiting = try await first.startExecution(.init(stateMachineArn: machine, name: "w"), context: context)
        let stopped = try await first.startExecution(.init(stateMachineArn: machine, name: "s"), context: context)
        _ = try await first.stopExecution(.init(executionArn: stopped.executionArn, cause: "bye"), context: context)
        let historyBefore = try await first.getExecutionHistory(.init(executionArn: waiting.executionArn), context: context)

        // A new runner over the same database: as after a restart.
        clock.advance(seconds: 30)
        let second = StepFunctionsService(
            store: store, clock: clock, ids: CountingIDs(),
            runner: StepFunctionsRunner(clock: clock, store: store, automaticTimers: false))
        let recovered = try await second.describeExecution(.init(executionArn: waiting.executionArn), context: context)
        #expect(recovered.status == .running)
        #expect(try await second.getExecutionHistory(.init(executionArn: waiting.executionArn), context: context) == historyBefore)
        let abortedAfter = try await second.describeExecution(.init(executionArn: stopped.executionArn), context: context)
        #expect(abortedAfter.status == .aborted)
        #expect(abortedAfter.cause == "bye")
        try await second.runner.fireDueTimers()
        #expect(try await second.describeExecution(.init(executionArn: waiting.executionArn), context: context).status == .running)
        clock.advance(seconds: 30)
        try await second.runner.fireDueTimers()
        let done = try await second.describeExecution(.init(executionArn: waiting.executionArn), context: context)
        #expect(done.status == .succeeded)
        #expect(done.stopDate == Date(timeIntervalSince1970: 1_700_000_060))

        // A third restart replays the finished execution to the same history and output.
        let third = StepFunctionsService(
            store: store, clock: clock, ids: CountingIDs(),
            runner: StepFunctionsRunner(clock: clock, store: store, automaticTimers: false))
        let replayed = try await third.describeExecution(.init(executionArn: waiting.executionArn), context: context)
        #expect(replayed == done)
        let h2 = try await second.getExecutionHistory(.init(executionArn: waiting.executionArn), context: context)
        let h3 = try await third.getExecutionHistory(.init(executionArn: waiting.executionArn), context: context)
        #expect(h2 == h3)
        #expect(h3.events.count == 6)
    }

    @Test func expressExecutionsAreNotStored() async throws {
        let clock = ManualClock()
        let store = SQLiteStepFunctionsStore(database: try SQLiteDatabase.inMemory(name: "stepfunctions"))
        let service = StepFunctionsService(
            store: store, clock: clock, ids: CountingIDs(),
            runner: StepFunctionsRunner(clock: clock, store: store, automaticTimers: false))
        let machine = try await service.createStateMachine(
            .init(name: "x", definition: StepFunctionsFixture.passDefinition, roleArn: StepFunctionsFixture.role,
                type: "EXPRESS"),
            context: context
        ).stateMachineArn
        _ = try await service.startExecution(.init(stateMachineArn: machine), context: context)
        #expect(try await store.storedExecutions().isEmpty)
    }
}
