import Foundation
import StratusAPIStepFunctions
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting
import Testing

@Suite struct VersionTests {
    typealias SF = StepFunctions

    func expectError(_ code: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected \(code)")
        } catch let error as AWSServiceError {
            #expect(error.code.code == code)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    static let other = #"{"StartAt":"Q","States":{"Q":{"Type":"Succeed"}}}"#

    @Test func publishOnCreateAndUpdateAndExplicitly() async throws {
        let f = try StepFunctionsFixture()
        let created = try await f.service.createStateMachine(
            .init(
                name: "m", definition: StepFunctionsFixture.passDefinition, roleArn: StepFunctionsFixture.role,
                publish: true, versionDescription: "first"),
            context: f.context)
        #expect(created.stateMachineVersionArn == f.arn("m") + ":1")
        // Publishing an unchanged revision answers the existing version.
        let same = try await f.service.publishStateMachineVersion(.init(stateMachineArn: f.arn("m")), context: f.context)
        #expect(same.stateMachineVersionArn == f.arn("m") + ":1")
        f.clock.advance(seconds: 1)
        let updated = try await f.service.updateStateMachine(
            .init(stateMachineArn: f.arn("m"), definition: Self.other, publish: true), context: f.context)
        #expect(updated.stateMachineVersionArn == f.arn("m") + ":2")
        let plain = try await f.service.updateStateMachine(
            .init(stateMachineArn: f.arn("m"), definition: StepFunctionsFixture.passDefinition), context: f.context)
        #expect(plain.stateMachineVersionArn == nil)
        await expectError("ConflictException") {
            _ = try await f.service.publishStateMachineVersion(
                .init(stateMachineArn: f.arn("m"), revisionId: "stale"), context: f.context)
        }
        let third = try await f.service.publishStateMachineVersion(
            .init(stateMachineArn: f.arn("m"), revisionId: plain.revisionId), context: f.context)
        #expect(third.stateMachineVersionArn == f.arn("m") + ":3")
        await expectError("StateMachineDoesNotExist") {
            _ = try await f.service.publishStateMachineVersion(.init(stateMachineArn: f.arn("none")), context: f.context)
        }
        let first = try await f.service.describeStateMachine(
            .init(stateMachineArn: f.arn("m") + ":1"), context: f.context)
        #expect(first.stateMachineArn == f.arn("m") + ":1")
        #expect(first.name == "m")
        #expect(first.definition == StepFunctionsFixture.passDefinition)
        #expect(first.description == "first")
        let second = try await f.service.describeStateMachine(
            .init(stateMachineArn: f.arn("m") + ":2"), context: f.context)
        #expect(second.definition == Self.other)
        #expect(second.revisionId == updated.revisionId)
        await expectError("StateMachineDoesNotExist") {
            _ = try await f.service.describeStateMachine(.init(stateMachineArn: f.arn("m") + ":9"), context: f.context)
        }
        await expectError("StateMachineDoesNotExist") {
            _ = try await f.service.updateStateMachine(
                .init(stateMachineArn: f.arn("m") + ":2", definition: Self.other, publish: true), context: f.context)
        }
        await expectError("ValidationException") {
            _ = try await f.service.publishStateMachineVersion(
                .init(stateMachineArn: f.arn("m"), description: String(repeating: "d", count: 257)),
                context: f.context)
        }
    }

    @Test func listNewestFirstPaginatedAndDeleteNeverReusesNumbers() async throws {
        let f = try StepFunctionsFixture()
        _ = try await f.service.createStateMachine(
            .init(name: "m", definition: StepFunctionsFixture.passDefinition, roleArn: StepFunctionsFixture.role),
            context: f.context)
        for index in 0..<3 {
            _ = try await f.service.updateStateMachine(
                .init(stateMachineArn: f.arn("m"), definition: index % 2 == 0 ? Self.other : StepFunctionsFixture.passDefinition,
                    publish: true),
                context: f.context)
        }
        let page1 = try await f.service.listStateMachineVersions(
            .init(stateMachineArn: f.arn("m"), maxResults: 2), context: f.context)
        #expect(page1.stateMachineVersions.map(\.stateMachineVersionArn) == [f.arn("m") + ":3", f.arn("m") + ":2"])
        let page2 = try await f.service.listStateMachineVersions(
            .init(stateMachineArn: f.arn("m"), nextToken: page1.nextToken, maxResults: 2), context: f.context)
        #expect(page2.stateMachineVersions.map(\.stateMachineVersionArn) == [f.arn("m") + ":1"])
        #expect(page2.nextToken == nil)
        _ = try await f.service.deleteStateMachineVersion(
            .init(stateMachineVersionArn: f.arn("m") + ":3"), context: f.context)
        _ = try await f.service.deleteStateMachineVersion(
            .init(stateMachineVersionArn: f.arn("m") + ":3"), context: f.context)
        await expectError("InvalidArn") {
            _ = try await f.service.deleteStateMachineVersion(
                .init(stateMachineVersionArn: "arn:aws:states:us-east-1:000000000000:stateMachine:m:x"),
                context: f.context)
        }
        let next = try await f.service.updateStateMachine(
            .init(stateMachineArn: f.arn("m"), definition: Self.other, publish: true), context: f.context)
        #expect(next.stateMachineVersionArn == f.arn("m") + ":4")
        let all = try await f.service.listStateMachineVersions(.init(stateMachineArn: f.arn("m")), context: f.context)
        #expect(all.stateMachineVersions.map(\.stateMachineVersionArn) == [4, 2, 1].map { f.arn("m") + ":\($0)" })
        await expectError("InvalidToken") {
            _ = try await f.service.listStateMachineVersions(
                .init(stateMachineArn: f.arn("m"), nextToken: "bogus"), context: f.context)
        }
    }

    @Test func executionsOfAVersionRunItsDefinitionAndRememberItAcrossARestart() async throws {
        let clock = ManualClock()
        let store = SQLiteStepFunctionsStore(database: try SQLiteDatabase.inMemory(name: "stepfunctions"))
        let context = StepFunctionsFixture.context
        let first = StepFunctionsService(
            store: store, clock: clock, ids: CountingIDs(),
            runner: StepFunctionsRunner(clock: clock, store: store, automaticTimers: false))
        let v1 = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"one","End":true}}}"#
        let v2 = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"two","End":true}}}"#
        let created = try await first.createStateMachine(
            .init(name: "m", definition: v1, roleArn: StepFunctionsFixture.role, publish: true), context: context)
        let machine = created.stateMachineArn
        _ = try await first.updateStateMachine(.init(stateMachineArn: machine, definition: v2), context: context)
        let onVersion = try await first.startExecution(
            .init(stateMachineArn: machine + ":1", name: "a"), context: context)
        let onLatest = try await first.startExecution(.init(stateMachineArn: machine, name: "b"), context: context)
        let second = StepFunctionsService(
            store: store, clock: clock, ids: CountingIDs(),
            runner: StepFunctionsRunner(clock: clock, store: store, automaticTimers: false))
        let a = try await second.describeExecution(.init(executionArn: onVersion.executionArn), context: context)
        #expect(a.output == #""one""#)
        #expect(a.stateMachineArn == machine)
        #expect(a.stateMachineVersionArn == machine + ":1")
        let b = try await second.describeExecution(.init(executionArn: onLatest.executionArn), context: context)
        #expect(b.output == #""two""#)
        #expect(b.stateMachineVersionArn == nil)
        let listed = try await second.listExecutions(.init(stateMachineArn: machine), context: context)
        #expect(listed.executions.map(\.stateMachineVersionArn) == [nil, machine + ":1"])
        await expectError("StateMachineDoesNotExist") {
            _ = try await second.startExecution(.init(stateMachineArn: machine + ":7"), context: context)
        }
    }
}
