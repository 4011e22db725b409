import Foundation
import StratusAPISQS
import StratusAPIStepFunctions
import StratusServiceKit
import StratusStatesEngine
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting
import Synchronization
import Testing

/// An SQS stand-in whose queue exists only once a test says so.
final class SwitchableSQS: ServiceInvoker {
    let queueExists = Mutex(false)
    let sends = Mutex(0)
    func invoke(service: String, operation: String, input: AWSValue, context: RequestContext) async throws -> AWSValue {
        sends.withLock { $0 += 1 }
        guard queueExists.withLock({ $0 }) else {
            throw AWSServiceError(SQSErrors.queueDoesNotExist, "The specified queue does not exist.")
        }
        return try AWSValueEncoder().encode(SQS.SendMessageResult(md5OfMessageBody: "md5", messageId: "id-1"))
    }
}

@Suite struct RedriveServiceTests {
    let context = StepFunctionsFixture.context
    static let queueTask = """
    {"StartAt":"Prepare","States":{
      "Prepare":{"Type":"Pass","Result":{"body":"hello"},"Next":"Send"},
      "Send":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
              "Parameters":{"QueueUrl":"http://localhost:4566/000000000000/q","MessageBody.$":"$.body"},"Next":"Wait"},
      "Wait":{"Type":"Wait","Seconds":60,"Next":"Done"},
      "Done":{"Type":"Pass","End":true}}}
    """

    struct Fixture {
        let service: StepFunctionsService
        let clock: ManualClock
        let store: SQLiteStepFunctionsStore
        let sqs: SwitchableSQS

        /// A service over the same store and clock, as after a restart.
        func restarted() -> StepFunctionsService {
            StepFunctionsService(
                store: store, clock: clock, ids: CountingIDs(),
                runner: StepFunctionsRunner(clock: clock, store: store, automaticTimers: false,
                                            integrations: StepFunctionsIntegrations(invoker: sqs)))
        }
    }

    func fixture() throws -> Fixture {
        let clock = ManualClock()
        let sqs = SwitchableSQS()
        let store = SQLiteStepFunctionsStore(database: try SQLiteDatabase.inMemory(name: "stepfunctions"))
        let runner = StepFunctionsRunner(clock: clock, store: store, automaticTimers: false,
                                         integrations: StepFunctionsIntegrations(invoker: sqs))
        return Fixture(service: StepFunctionsService(store: store, clock: clock, ids: CountingIDs(), runner: runner),
                       clock: clock, store: store, sqs: sqs)
    }

    func start(_ service: StepFunctionsService, _ definition: String, name: String = "run", type: String? = nil) async throws -> String {
        let machine = try await service.createStateMachine(
            .init(name: "m-\(name)", definition: definition, roleArn: StepFunctionsFixture.role, type: type.map { .init(rawValue: $0) }),
            context: context
        ).stateMachineArn
        return try await service.startExecution(.init(stateMachineArn: machine, name: name), context: context).executionArn
    }

    func failure(_ body: () async throws -> Void) async -> (code: String, message: String)? {
        do {
            try await body()
            return nil
        } catch let error as AWSServiceError {
            return (error.code.code, error.message ?? "")
        } catch {
            return ("\(error)", "")
        }
    }

    @Test func aFailedTaskIsRedrivenOnceItsQueueExists() async throws {
        let fixture = try fixture()
        let service = fixture.service
        let arn = try await start(service, Self.queueTask)
        _ = try await service.runner.finished(arn: arn)
        let failed = try await service.describeExecution(.init(executionArn: arn), context: context)
        #expect(failed.status == .failed)
        #expect(failed.error == "SQS.QueueDoesNotExistException")
        #expect(failed.redriveCount == 0)
        #expect(failed.redriveDate == nil)
        #expect(failed.redriveStatus == .redrivable)
        #expect(failed.redriveStatusReason == nil)
        let machine = failed.stateMachineArn
        #expect(try await service.listExecutions(.init(stateMachineArn: machine, redriveFilter: .notRedriven), context: context)
            .executions.map(\.executionArn) == [arn])
        #expect(try await service.listExecutions(.init(stateMachineArn: machine, redriveFilter: .redriven), context: context)
            .executions.isEmpty)

        fixture.sqs.queueExists.withLock { $0 = true }
        fixture.clock.advance(seconds: 120)
        let redriven = try await service.redriveExecution(.init(executionArn: arn), context: context)
        #expect(redriven.redriveDate == fixture.clock.now())
        let running = try await service.describeExecution(.init(executionArn: arn), context: context)
        #expect(running.stopDate == nil)
        #expect(running.error == nil)
        #expect(running.redriveCount == 1)
        #expect(running.redriveDate == fixture.clock.now())
        // The Task was sent again, then the execution waits 60 seconds.
        for _ in 0..<1000 where fixture.sqs.sends.withLock({ $0 }) < 2 { try await Task.sleep(for: .milliseconds(2)) }
        try await Task.sleep(for: .milliseconds(20))
        #expect(try await service.describeExecution(.init(executionArn: arn), context: context).status == .running)
        #expect(try await service.describeExecution(.init(executionArn: arn), context: context).redriveStatusReason
            == "Execution is RUNNING and cannot be redriven")
        fixture.clock.advance(seconds: 60)
        try await service.runner.fireDueTimers()
        let done = try await service.describeExecution(.init(executionArn: arn), context: context)
        #expect(done.status == .succeeded)
        #expect(done.redriveCount == 1)
        #expect(done.redriveStatus == .notRedrivable)
        #expect(done.redriveStatusReason == "Execution is SUCCEEDED and cannot be redriven")
        #expect(fixture.sqs.sends.withLock { $0 } == 2)

        let history = try await service.getExecutionHistory(.init(executionArn: arn), context: context).events
        let types = history.map(\.type.rawValue)
        let redrivenAt = try #require(types.firstIndex(of: "ExecutionRedriven"))
        #expect(types[redrivenAt - 1] == "ExecutionFailed")
        #expect(history[redrivenAt].executionRedrivenEventDetails?.redriveCount == 1)
        #expect(history[redrivenAt].previousEventId == history[redrivenAt - 1].id)
        #expect(Array(types[redrivenAt...]) == ["ExecutionRedriven", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                                                 "TaskSucceeded", "TaskStateExited", "WaitStateEntered", "WaitStateExited",
                                                 "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        #expect(types.filter { $0 == "PassStateEntered" }.count == 2)  // Prepare ran once, Done once
        let listed = try await service.listExecutions(.init(stateMachineArn: machine, redriveFilter: .redriven), context: context)
        #expect(listed.executions.map(\.executionArn) == [arn])
        #expect(listed.executions.first?.redriveCount == 1)
        #expect(listed.executions.first?.redriveDate == redriven.redriveDate)
    }

    @Test func executionsThatCannotBeRedriven() async throws {
        let fixture = try fixture()
        let service = fixture.service
        let waiting = try await start(service, #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":600,"End":true}}}"#, name: "w")
        #expect(await failure { _ = try await service.redriveExecution(.init(executionArn: waiting), context: self.context) }?.code
            == "ExecutionNotRedrivable")
        #expect(await failure { _ = try await service.redriveExecution(.init(executionArn: waiting), context: self.context) }?.message
            == "Execution is RUNNING and cannot be redriven")
        let passed = try await start(service, StepFunctionsFixture.passDefinition, name: "p")
        let succeeded = await failure { _ = try await service.redriveExecution(.init(executionArn: passed), context: self.context) }
        #expect(succeeded?.code == "ExecutionNotRedrivable")
        #expect(succeeded?.message == "Execution is SUCCEEDED and cannot be redriven")
        let unknown = waiting.replacingOccurrences(of: ":w", with: ":nobody")
        #expect(await failure { _ = try await service.redriveExecution(.init(executionArn: unknown), context: self.context) }?.code
            == "ExecutionDoesNotExist")
        #expect(await failure { _ = try await service.redriveExecution(.init(executionArn: "arn:aws:states:us-east-1:000000000000:stateMachine:x"), context: self.context) }?.code
            == "InvalidArn")
        let express = try await start(service, #"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}"#, name: "x", type: "EXPRESS")
        #expect(express.contains(":express:"))
        let describedExpress = try await service.describeExecution(.init(executionArn: express), context: context)
        #expect(describedExpress.status == .failed)
        #expect(describedExpress.redriveStatus == .notRedrivable)
        #expect(await failure { _ = try await service.redriveExecution(.init(executionArn: express), context: self.context) }?.code
            == "ExecutionNotRedrivable")
    }

    @Test func theRedrivablePeriodIsFourteenDaysAfterTheStop() async throws {
        let fixture = try fixture()
        let service = fixture.service
        let arn = try await start(service, #"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}"#)
        fixture.clock.advance(seconds: 14 * 86_400)
        #expect(try await service.describeExecution(.init(executionArn: arn), context: context).redriveStatus == .redrivable)
        fixture.clock.advance(seconds: 1)
        let described = try await service.describeExecution(.init(executionArn: arn), context: context)
        #expect(described.redriveStatus == .notRedrivable)
        #expect(described.redriveStatusReason == "Execution redrivable period exceeded")
        let refused = await failure { _ = try await service.redriveExecution(.init(executionArn: arn), context: self.context) }
        #expect(refused?.code == "ExecutionNotRedrivable")
        #expect(refused?.message == "Execution redrivable period exceeded")
    }

    @Test func aClientTokenAnswersItsRedriveAgainForFifteenMinutes() async throws {
        let fixture = try fixture()
        let service = fixture.service
        let arn = try await start(service, #"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"again"}}}"#)
        fixture.clock.advance(seconds: 10)
        let first = try await service.redriveExecution(.init(executionArn: arn, clientToken: "t-1"), context: context)
        // The Fail state fails again at once: the execution could be redriven again, but the same token answers the
        // same redrive.
        fixture.clock.advance(seconds: 60)
        let repeated = try await service.redriveExecution(.init(executionArn: arn, clientToken: "t-1"), context: context)
        #expect(repeated.redriveDate == first.redriveDate)
        #expect(try await service.describeExecution(.init(executionArn: arn), context: context).redriveCount == 1)
        let other = try await service.redriveExecution(.init(executionArn: arn, clientToken: "t-2"), context: context)
        #expect(other.redriveDate == fixture.clock.now())
        #expect(try await service.describeExecution(.init(executionArn: arn), context: context).redriveCount == 2)
        fixture.clock.advance(seconds: 15 * 60)
        let late = try await service.redriveExecution(.init(executionArn: arn, clientToken: "t-1"), context: context)
        #expect(late.redriveDate == fixture.clock.now())
        let described = try await service.describeExecution(.init(executionArn: arn), context: context)
        #expect(described.redriveCount == 3)
        #expect(described.status == .failed)
        #expect(described.cause == "again")
    }

    @Test func aRedrivenExecutionSurvivesARestart() async throws {
        let fixture = try fixture()
        let arn = try await start(fixture.service, Self.queueTask)
        _ = try await fixture.service.runner.finished(arn: arn)
        fixture.sqs.queueExists.withLock { $0 = true }
        fixture.clock.advance(seconds: 5)
        _ = try await fixture.service.redriveExecution(.init(executionArn: arn, clientToken: "once"), context: context)
        for _ in 0..<1000 where try await fixture.service.getExecutionHistory(.init(executionArn: arn), context: context)
            .events.last?.type != .waitStateEntered { try await Task.sleep(for: .milliseconds(2)) }
        try await fixture.service.runner.fireDueTimers()  // nothing is due: waits for the queued journal writes
        let before = try await fixture.service.describeExecution(.init(executionArn: arn), context: context)
        let historyBefore = try await fixture.service.getExecutionHistory(.init(executionArn: arn), context: context)
        #expect(before.status == .running)

        // Restart: the redriven execution is rebuilt identically and its Wait continues.
        let second = fixture.restarted()
        #expect(try await second.describeExecution(.init(executionArn: arn), context: context) == before)
        #expect(try await second.getExecutionHistory(.init(executionArn: arn), context: context) == historyBefore)
        // The token is remembered across the restart.
        let repeated = try await second.redriveExecution(.init(executionArn: arn, clientToken: "once"), context: context)
        #expect(repeated.redriveDate == before.redriveDate)
        fixture.clock.advance(seconds: 60)
        try await second.runner.fireDueTimers()
        let done = try await second.describeExecution(.init(executionArn: arn), context: context)
        #expect(done.status == .succeeded)
        #expect(done.redriveCount == 1)
        #expect(fixture.sqs.sends.withLock { $0 } == 2)
        let third = fixture.restarted()
        #expect(try await third.describeExecution(.init(executionArn: arn), context: context) == done)
    }
}

@Suite struct RedriveJournalTests {
    @Test func theRedriveEventRoundTripsWithAndWithoutAToken() {
        for event: EngineEvent in [.redrive(clientToken: nil), .redrive(clientToken: "tok")] {
            let text = JournalCoding.encode(event)
            guard case .redrive(let token)? = JournalCoding.decode(text) else { Issue.record("not a redrive: \(text)"); continue }
            guard case .redrive(let expected) = event else { continue }
            #expect(token == expected)
        }
        #expect(JournalCoding.encode(.redrive(clientToken: "tok")) == #"{"k":"redrive","token":"tok"}"#)
    }
}
