import Foundation
import StratusAPIStepFunctions
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting
import Testing

@Suite struct SyncExecutionTests {
    let context = StepFunctionsFixture.context

    func fixture() throws -> (StepFunctionsService, ManualClock) {
        let clock = ManualClock()
        let store = SQLiteStepFunctionsStore(database: try SQLiteDatabase.inMemory(name: "stepfunctions"))
        let service = StepFunctionsService(
            store: store, clock: clock, ids: CountingIDs(),
            runner: StepFunctionsRunner(clock: clock, automaticTimers: false))
        return (service, clock)
    }

    func create(
        _ service: StepFunctionsService, _ name: String, _ definition: String, type: StepFunctions.StateMachineType
    ) async throws -> String {
        try await service.createStateMachine(
            .init(name: name, definition: definition, roleArn: StepFunctionsFixture.role, type: type),
            context: context
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

    @Test func expressMachineAnswersItsResult() async throws {
        let (service, _) = try fixture()
        let machine = try await create(
            service, "x", #"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"$.a"},"End":true}}}"#,
            type: .express)
        let answer = try await service.startSyncExecution(
            .init(stateMachineArn: machine, name: "s1", input: #"{"a":5}"#), context: context)
        #expect(answer.status == .succeeded)
        #expect(answer.output == #"{"v":5}"#)
        #expect(answer.input == #"{"a":5}"#)
        // AWS's Express execution ARN: `…:express:<machine>:<name>:<id>`.
        #expect(answer.executionArn.hasPrefix("arn:aws:states:us-east-1:000000000000:express:x:s1:"))
        #expect(answer.executionArn.split(separator: ":").count == 9)
        #expect(answer.stateMachineArn == machine)
        #expect(answer.billingDetails == StepFunctions.BillingDetails(
            billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100))
        let metadata = try await service.startSyncExecution(
            .init(stateMachineArn: machine, name: "s2", input: #"{"a":5}"#, includedData: .metadataOnly),
            context: context)
        #expect(metadata.output == nil && metadata.input == nil)
        #expect(metadata.inputDetails?.included == false)
        // Express names need not be unique: the same name runs again, as another execution.
        let again = try await service.startSyncExecution(
            .init(stateMachineArn: machine, name: "s1", input: #"{"a":5}"#), context: context)
        #expect(again.status == .succeeded && again.executionArn != answer.executionArn)
    }

    @Test func failureCarriesErrorAndCause() async throws {
        let (service, _) = try fixture()
        let machine = try await create(
            service, "f", #"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"why"}}}"#,
            type: .express)
        let answer = try await service.startSyncExecution(.init(stateMachineArn: machine), context: context)
        #expect(answer.status == .failed)
        #expect(answer.error == "Boom" && answer.cause == "why")
        #expect(answer.output == nil)
    }

    @Test func waitsForTimers() async throws {
        let (service, clock) = try fixture()
        let machine = try await create(
            service, "w", #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":2,"End":true}}}"#, type: .express)
        let pending = Task { try await service.startSyncExecution(.init(stateMachineArn: machine, name: "w1"), context: context) }
        while try await service.runner.executions(stateMachineArn: machine).isEmpty { await Task.yield() }
        clock.advance(seconds: 2.5)
        try await service.runner.fireDueTimers()
        let answer = try await pending.value
        #expect(answer.status == .succeeded)
        #expect(answer.billingDetails?.billedDurationInMilliseconds == 2500)
    }

    @Test func standardMachineIsRefused() async throws {
        let (service, _) = try fixture()
        let machine = try await create(service, "s", StepFunctionsFixture.passDefinition, type: .standard)
        #expect(await code {
            _ = try await service.startSyncExecution(.init(stateMachineArn: machine), context: context)
        } == "StateMachineTypeNotSupported")
        #expect(await code {
            _ = try await service.startSyncExecution(
                .init(stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:none"), context: context)
        } == "StateMachineDoesNotExist")
    }

    @Test func describeStateMachineForExecutionKeepsTheStartedDefinition() async throws {
        let (service, _) = try fixture()
        let machine = try await create(service, "d", StepFunctionsFixture.passDefinition, type: .standard)
        let started = try await service.startExecution(.init(stateMachineArn: machine, name: "e"), context: context)
        let updated = #"{"StartAt":"Q","States":{"Q":{"Type":"Pass","End":true}}}"#
        _ = try await service.updateStateMachine(.init(stateMachineArn: machine, definition: updated), context: context)
        let described = try await service.describeStateMachineForExecution(
            .init(executionArn: started.executionArn), context: context)
        #expect(described.definition == StepFunctionsFixture.passDefinition)
        #expect(described.stateMachineArn == machine && described.name == "d")
        #expect(described.roleArn == StepFunctionsFixture.role)
        #expect(await code {
            _ = try await service.describeStateMachineForExecution(
                .init(executionArn: "arn:aws:states:us-east-1:000000000000:execution:d:nope"), context: context)
        } == "ExecutionDoesNotExist")
        #expect(await code {
            _ = try await service.describeStateMachineForExecution(.init(executionArn: "bad"), context: context)
        } == "InvalidArn")
    }
}
