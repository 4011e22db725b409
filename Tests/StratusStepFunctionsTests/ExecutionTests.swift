import Foundation
import StratusAPIStepFunctions
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting
import Testing

@Suite struct ExecutionTests {
    typealias SF = StepFunctions

    /// A service whose runner fires timers only when asked (the clock is moved by hand).
    func fixture() throws -> (StepFunctionsService, ManualClock) {
        let clock = ManualClock()
        let store = SQLiteStepFunctionsStore(database: try SQLiteDatabase.inMemory(name: "stepfunctions"))
        let service = StepFunctionsService(
            store: store, clock: clock, ids: CountingIDs(prefix: "rev-"),
            runner: StepFunctionsRunner(clock: clock, automaticTimers: false))
        return (service, clock)
    }

    let context = StepFunctionsFixture.context

    func create(_ service: StepFunctionsService, _ name: String, _ definition: String) async throws -> String {
        try await service.createStateMachine(
            .init(name: name, definition: definition, roleArn: StepFunctionsFixture.role), context: context
        ).stateMachineArn
    }

    func code(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let error as AWSServiceError {
            return error.code.code
        } catch {
            return "\(error)"
        }
    }

    @Test func passMachineSucceedsWithHistory() async throws {
        let (service, _) = try fixture()
        let machine = try await create(service, "m", #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"x":1},"End":true}}}"#)
        let started = try await service.startExecution(.init(stateMachineArn: machine, name: "e1", input: #"{"a":1}"#), context: context)
        #expect(started.executionArn == "arn:aws:states:us-east-1:000000000000:execution:m:e1")
        let described = try await service.describeExecution(.init(executionArn: started.executionArn), context: context)
        #expect(described.status == .succeeded)
        #expect(described.output == #"{"x":1}"#)
        #expect(described.input == #"{"a":1}"#)
        #expect(described.stopDate != nil)
        let history = try await service.getExecutionHistory(.init(executionArn: started.executionArn), context: context)
        #expect(history.events.map(\.type.rawValue) == [
            "ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
        ])
        #expect(history.events.first?.executionStartedEventDetails?.input == #"{"a":1}"#)
        let reversed = try await service.getExecutionHistory(
            .init(executionArn: started.executionArn, maxResults: 3, reverseOrder: true, includeExecutionData: false),
            context: context)
        #expect(reversed.events.map(\.id) == [4, 3, 2])
        #expect(reversed.events.first?.executionSucceededEventDetails?.output == nil)
        let rest = try await service.getExecutionHistory(
            .init(executionArn: started.executionArn, maxResults: 3, reverseOrder: true, nextToken: reversed.nextToken),
            context: context)
        #expect(rest.events.map(\.id) == [1])
        #expect(rest.nextToken == nil)
    }

    @Test func nameIdempotencyAndConflicts() async throws {
        let (service, clock) = try fixture()
        let machine = try await create(service, "w", #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}"#)
        let first = try await service.startExecution(.init(stateMachineArn: machine, name: "same", input: "{}"), context: context)
        clock.advance(seconds: 1)
        let again = try await service.startExecution(.init(stateMachineArn: machine, name: "same", input: "{}"), context: context)
        #expect(again == first)
        #expect(await code { _ = try await service.startExecution(.init(stateMachineArn: machine, name: "same", input: #"{"b":2}"#), context: context) } == "ExecutionAlreadyExists")
        #expect(await code { _ = try await service.startExecution(.init(stateMachineArn: machine, name: "bad name"), context: context) } == "InvalidName")
        #expect(await code { _ = try await service.startExecution(.init(stateMachineArn: machine, input: "{nope"), context: context) } == "InvalidExecutionInput")
        let defaultName = try await service.startExecution(.init(stateMachineArn: machine), context: context)
        #expect(defaultName.executionArn.hasPrefix("arn:aws:states:us-east-1:000000000000:execution:w:rev-"))
        #expect(await code { _ = try await service.startExecution(.init(stateMachineArn: machine + "x"), context: context) } == "StateMachineDoesNotExist")
    }

    @Test func waitFiresOnTheSchedulerAndStopAborts() async throws {
        let (service, clock) = try fixture()
        let machine = try await create(service, "w", #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}"#)
        let one = try await service.startExecution(.init(stateMachineArn: machine, name: "one"), context: context)
        let two = try await service.startExecution(.init(stateMachineArn: machine, name: "two"), context: context)
        #expect(try await service.describeExecution(.init(executionArn: one.executionArn), context: context).status == .running)
        _ = try await service.stopExecution(.init(executionArn: two.executionArn, error: "E", cause: "C"), context: context)
        let stopped = try await service.describeExecution(.init(executionArn: two.executionArn), context: context)
        #expect(stopped.status == .aborted)
        #expect(stopped.error == "E")
        clock.advance(seconds: 9)
        try await service.runner.fireDueTimers()
        #expect(try await service.describeExecution(.init(executionArn: one.executionArn), context: context).status == .running)
        clock.advance(seconds: 1)
        try await service.runner.fireDueTimers()
        #expect(try await service.describeExecution(.init(executionArn: one.executionArn), context: context).status == .succeeded)
        let all = try await service.listExecutions(.init(stateMachineArn: machine), context: context)
        #expect(all.executions.map(\.name) == ["two", "one"])
        let aborted = try await service.listExecutions(.init(stateMachineArn: machine, statusFilter: .aborted), context: context)
        #expect(aborted.executions.map(\.name) == ["two"])
        let page = try await service.listExecutions(.init(stateMachineArn: machine, maxResults: 1), context: context)
        #expect(page.executions.map(\.name) == ["two"])
        let next = try await service.listExecutions(.init(stateMachineArn: machine, maxResults: 1, nextToken: page.nextToken), context: context)
        #expect(next.executions.map(\.name) == ["one"])
        #expect(next.nextToken == nil)
        #expect(await code { _ = try await service.describeExecution(.init(executionArn: one.executionArn + "x"), context: context) } == "ExecutionDoesNotExist")
        #expect(await code { _ = try await service.describeExecution(.init(executionArn: "garbage"), context: context) } == "InvalidArn")
    }

    @Test func tasksFailWithUnsupportedIntegrationAndCatchSeesIt() async throws {
        let (service, _) = try fixture()
        let failing = try await create(service, "t", #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","End":true}}}"#)
        let run = try await service.startExecution(.init(stateMachineArn: failing), context: context)
        let described = try await service.describeExecution(.init(executionArn: run.executionArn), context: context)
        #expect(described.status == .failed)
        #expect(described.error == "Stratus.UnsupportedIntegration")
        #expect(described.cause?.contains("arn:aws:lambda:us-east-1:000000000000:function:f") == true)
        let caught = try await create(service, "c", #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"QueueUrl":"q","MessageBody":"b"},"Catch":[{"ErrorEquals":["Stratus.UnsupportedIntegration"],"Next":"Done"}],"End":true},"Done":{"Type":"Succeed"}}}"#)
        let handled = try await service.startExecution(.init(stateMachineArn: caught), context: context)
        #expect(try await service.describeExecution(.init(executionArn: handled.executionArn), context: context).status == .succeeded)
    }

    @Test func concurrentStartsOfOneNameStartOneExecution() async throws {
        let (service, _) = try fixture()
        let machine = try await create(service, "w", #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}"#)
        let context = self.context
        let outcomes = await withTaskGroup(of: String.self) { group in
            for index in 0..<8 {
                group.addTask {
                    do {
                        let input = index.isMultiple(of: 2) ? "{}" : #"{"odd":true}"#
                        return try await service.startExecution(
                            .init(stateMachineArn: machine, name: "race", input: input), context: context
                        ).executionArn
                    } catch let error as AWSServiceError {
                        return error.code.code
                    } catch {
                        return "\(error)"
                    }
                }
            }
            var results: [String] = []
            for await result in group { results.append(result) }
            return results
        }
        let started = outcomes.filter { $0.hasSuffix(":execution:w:race") }
        #expect(started.count == 4)
        #expect(outcomes.filter { $0 == "ExecutionAlreadyExists" }.count == 4)
        #expect(try await service.listExecutions(.init(stateMachineArn: machine), context: context).executions.count == 1)
    }
}
