import Foundation
import StratusAPIStepFunctions
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting
import Testing

/// `fastForward`: an execution with no task in flight jumps its own clock to its next timer.
@Suite struct FastForwardTests {
    let context = StepFunctionsFixture.context

    func service(clock: ManualClock, store: SQLiteStepFunctionsStore) -> StepFunctionsService {
        StepFunctionsService(
            store: store, clock: clock, ids: CountingIDs(),
            runner: StepFunctionsRunner(clock: clock, store: store, automaticTimers: false, fastForward: true))
    }

    @Test func aWaitPassesWithoutTheWallClockMovingAndHistoryShowsTheWait() async throws {
        let clock = ManualClock()
        let store = SQLiteStepFunctionsStore(database: try SQLiteDatabase.inMemory(name: "stepfunctions"))
        let sfn = service(clock: clock, store: store)
        let definition = #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"Next":"P"},"P":{"Type":"Pass","End":true}}}"#
        let machine = try await sfn.createStateMachine(
            .init(name: "ff", definition: definition, roleArn: StepFunctionsFixture.role), context: context
        ).stateMachineArn
        let started = try await sfn.startExecution(.init(stateMachineArn: machine), context: context)
        try await sfn.runner.fireDueTimers()
        let described = try await sfn.describeExecution(.init(executionArn: started.executionArn), context: context)
        #expect(described.status == .succeeded)
        #expect(described.stopDate!.timeIntervalSince(described.startDate) == 3600)

        // After a restart the execution's clock is still ahead: a second execution's own clock is not.
        let again = service(clock: clock, store: store)
        let history = try await again.getExecutionHistory(.init(executionArn: started.executionArn), context: context)
        #expect(history.events.last?.type == .executionSucceeded)
        #expect(history.events.last!.timestamp.timeIntervalSince(history.events.first!.timestamp) == 3600)
        // A named execution: the restarted service's counting ids start over at the first one's name.
        let second = try await again.startExecution(.init(stateMachineArn: machine, name: "second"), context: context)
        let secondStart = try await again.describeExecution(.init(executionArn: second.executionArn), context: context).startDate
        #expect(secondStart == clock.now())
    }

    @Test func aTaskInFlightKeepsItsExecutionOnTheWallClock() async throws {
        let clock = ManualClock()
        let store = SQLiteStepFunctionsStore(database: try SQLiteDatabase.inMemory(name: "stepfunctions"))
        let sqs = RecordingSQS()
        let sfn = StepFunctionsService(
            store: store, clock: clock, ids: CountingIDs(),
            runner: StepFunctionsRunner(
                clock: clock, store: store, automaticTimers: false,
                integrations: StepFunctionsIntegrations(invoker: sqs), fastForward: true))
        let definition = #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","TimeoutSeconds":60,"Parameters":{"QueueUrl":"http://localhost/000000000000/q","MessageBody.$":"$$.Task.Token"},"End":true}}}"#
        let machine = try await sfn.createStateMachine(
            .init(name: "cb", definition: definition, roleArn: StepFunctionsFixture.role), context: context
        ).stateMachineArn
        let started = try await sfn.startExecution(.init(stateMachineArn: machine), context: context)
        for _ in 0..<2000 where sqs.bodies.isEmpty { try await Task.sleep(for: .milliseconds(2)) }
        #expect(sqs.bodies.count == 1)
        try await sfn.runner.fireDueTimers()
        #expect(try await sfn.describeExecution(.init(executionArn: started.executionArn), context: context).status == .running)
        clock.advance(seconds: 60)
        try await sfn.runner.fireDueTimers()
        #expect(try await sfn.describeExecution(.init(executionArn: started.executionArn), context: context).status == .failed)
    }
}
