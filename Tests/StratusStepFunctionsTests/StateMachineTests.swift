import Foundation
import StratusAPIStepFunctions
import StratusServiceKit
import StratusStepFunctions
import StratusTesting
import Testing

@Suite struct StateMachineTests {
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

    @Test func createDescribeAndIdempotentCreate() async throws {
        let f = try StepFunctionsFixture()
        let input = SF.CreateStateMachineInput(
            name: "m1", definition: StepFunctionsFixture.passDefinition, roleArn: StepFunctionsFixture.role,
            tags: [SF.Tag(key: "k", value: "v")])
        let created = try await f.service.createStateMachine(input, context: f.context)
        #expect(created.stateMachineArn == f.arn("m1"))
        #expect(created.creationDate == Date(timeIntervalSince1970: 1_700_000_000))
        f.clock.advance(seconds: 5)
        let again = try await f.service.createStateMachine(input, context: f.context)
        #expect(again == created)
        let described = try await f.service.describeStateMachine(.init(stateMachineArn: f.arn("m1")), context: f.context)
        #expect(described.name == "m1")
        #expect(described.type == .standard)
        #expect(described.status == .active)
        #expect(described.definition == StepFunctionsFixture.passDefinition)
        #expect(described.loggingConfiguration?.level == "OFF")
        #expect(described.revisionId == nil)
        var other = input
        other.definition = #"{"StartAt":"Q","States":{"Q":{"Type":"Succeed"}}}"#
        await expectError("StateMachineAlreadyExists") {
            _ = try await f.service.createStateMachine(other, context: f.context)
        }
    }

    @Test func createRejectsBadNamesRolesTypesAndDefinitions() async throws {
        let f = try StepFunctionsFixture()
        let role = StepFunctionsFixture.role
        let definition = StepFunctionsFixture.passDefinition
        for name in ["", "has space", "a/b", String(repeating: "x", count: 81), "tab\tname"] {
            await expectError("InvalidName") {
                _ = try await f.service.createStateMachine(
                    .init(name: name, definition: definition, roleArn: role), context: f.context)
            }
        }
        await expectError("InvalidArn") {
            _ = try await f.service.createStateMachine(
                .init(name: "m", definition: definition, roleArn: "not-a-role"), context: f.context)
        }
        await expectError("ValidationException") {
            _ = try await f.service.createStateMachine(
                .init(name: "m", definition: definition, roleArn: role, type: "BATCH"), context: f.context)
        }
        do {
            _ = try await f.service.createStateMachine(
                .init(name: "m", definition: #"{"StartAt":"Nope","States":{"P":{"Type":"Pass","End":true}}}"#,
                    roleArn: role),
                context: f.context)
            Issue.record("expected InvalidDefinition")
        } catch let error as AWSServiceError {
            #expect(error.code.code == "InvalidDefinition")
            #expect(error.message?.hasPrefix("Invalid State Machine Definition: '") == true)
            #expect(error.message?.contains("MISSING_TRANSITION_TARGET") == true)
        }
        let listed = try await f.service.listStateMachines(.init(), context: f.context)
        #expect(listed.stateMachines.isEmpty)
    }

    @Test func expressMachinesKeepTheirType() async throws {
        let f = try StepFunctionsFixture()
        _ = try await f.service.createStateMachine(
            .init(name: "fast", definition: StepFunctionsFixture.passDefinition, roleArn: StepFunctionsFixture.role,
                type: "EXPRESS"),
            context: f.context)
        let described = try await f.service.describeStateMachine(.init(stateMachineArn: f.arn("fast")), context: f.context)
        #expect(described.type.rawValue == "EXPRESS")
    }

    @Test func listPaginatesByName() async throws {
        let f = try StepFunctionsFixture()
        for name in ["c", "a", "e", "b", "d"] {
            _ = try await f.service.createStateMachine(
                .init(name: name, definition: StepFunctionsFixture.passDefinition, roleArn: StepFunctionsFixture.role),
                context: f.context)
        }
        var names: [String] = []
        var token: String?
        var pages = 0
        repeat {
            let page = try await f.service.listStateMachines(.init(maxResults: 2, nextToken: token), context: f.context)
            names += page.stateMachines.map(\.name)
            token = page.nextToken
            pages += 1
        } while token != nil
        #expect(names == ["a", "b", "c", "d", "e"])
        #expect(pages == 3)
        await expectError("InvalidToken") {
            _ = try await f.service.listStateMachines(.init(nextToken: "garbage!"), context: f.context)
        }
        let otherRegion = RequestContext(
            accountID: "000000000000", region: "eu-west-1", requestID: "r", host: "localhost",
            receivedAt: Date(timeIntervalSince1970: 0))
        #expect(try await f.service.listStateMachines(.init(), context: otherRegion).stateMachines.isEmpty)
    }

    @Test func updateChangesDefinitionAndRevision() async throws {
        let f = try StepFunctionsFixture()
        _ = try await f.service.createStateMachine(
            .init(name: "m", definition: StepFunctionsFixture.passDefinition, roleArn: StepFunctionsFixture.role),
            context: f.context)
        f.clock.advance(seconds: 10)
        let newDefinition = #"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#
        let updated = try await f.service.updateStateMachine(
            .init(stateMachineArn: f.arn("m"), definition: newDefinition), context: f.context)
        #expect(updated.updateDate == Date(timeIntervalSince1970: 1_700_000_010))
        let described = try await f.service.describeStateMachine(.init(stateMachineArn: f.arn("m")), context: f.context)
        #expect(described.definition == newDefinition)
        #expect(described.revisionId == updated.revisionId)
        #expect(described.roleArn == StepFunctionsFixture.role)
        await expectError("MissingRequiredParameter") {
            _ = try await f.service.updateStateMachine(.init(stateMachineArn: f.arn("m")), context: f.context)
        }
        await expectError("InvalidDefinition") {
            _ = try await f.service.updateStateMachine(
                .init(stateMachineArn: f.arn("m"), definition: "{}"), context: f.context)
        }
        await expectError("StateMachineDoesNotExist") {
            _ = try await f.service.updateStateMachine(
                .init(stateMachineArn: f.arn("nope"), roleArn: StepFunctionsFixture.role), context: f.context)
        }
    }

    @Test func deleteIsIdempotentAndChecksArns() async throws {
        let f = try StepFunctionsFixture()
        _ = try await f.service.createStateMachine(
            .init(name: "m", definition: StepFunctionsFixture.passDefinition, roleArn: StepFunctionsFixture.role),
            context: f.context)
        _ = try await f.service.deleteStateMachine(.init(stateMachineArn: f.arn("m")), context: f.context)
        _ = try await f.service.deleteStateMachine(.init(stateMachineArn: f.arn("m")), context: f.context)
        await expectError("StateMachineDoesNotExist") {
            _ = try await f.service.describeStateMachine(.init(stateMachineArn: f.arn("m")), context: f.context)
        }
        await expectError("InvalidArn") {
            _ = try await f.service.deleteStateMachine(.init(stateMachineArn: "nonsense"), context: f.context)
        }
        await expectError("InvalidArn") {
            _ = try await f.service.describeStateMachine(
                .init(stateMachineArn: "arn:aws:states:us-east-1:000000000000:activity:a"), context: f.context)
        }
    }

    @Test func validateReportsDiagnosticsWithLimits() async throws {
        let f = try StepFunctionsFixture()
        let ok = try await f.service.validateStateMachineDefinition(
            .init(definition: StepFunctionsFixture.passDefinition), context: f.context)
        #expect(ok.result == .ok)
        #expect(ok.diagnostics.isEmpty)
        #expect(ok.truncated == false)
        let bad = #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"X"},"B":{"Type":"Pass","Next":"Y"}}}"#
        let failed = try await f.service.validateStateMachineDefinition(.init(definition: bad), context: f.context)
        #expect(failed.result == .fail)
        #expect(failed.diagnostics.count >= 2)
        #expect(failed.diagnostics.allSatisfy { $0.severity == .error })
        let one = try await f.service.validateStateMachineDefinition(
            .init(definition: bad, maxResults: 1), context: f.context)
        #expect(one.diagnostics.count == 1)
        #expect(one.truncated == true)
        let notJSON = try await f.service.validateStateMachineDefinition(.init(definition: "{"), context: f.context)
        #expect(notJSON.result == .fail)
        #expect(notJSON.diagnostics.first?.code == "INVALID_JSON_DESCRIPTION")
    }
}
