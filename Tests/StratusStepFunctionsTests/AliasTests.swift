import Foundation
import StratusAPIStepFunctions
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting
import Synchronization
import Testing

@Suite struct AliasTests {
    typealias SF = StepFunctions
    typealias Route = SF.RoutingConfigurationListItem

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

    static let one = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"one","End":true}}}"#
    static let two = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"two","End":true}}}"#

    /// A machine `m` with versions 1 (`one`) and 2 (`two`).
    func machine(_ service: StepFunctionsService, _ context: RequestContext) async throws -> String {
        let created = try await service.createStateMachine(
            .init(name: "m", definition: Self.one, roleArn: StepFunctionsFixture.role, publish: true),
            context: context)
        _ = try await service.updateStateMachine(
            .init(stateMachineArn: created.stateMachineArn, definition: Self.two, publish: true), context: context)
        return created.stateMachineArn
    }

    @Test func createDescribeUpdateListDelete() async throws {
        let f = try StepFunctionsFixture()
        let m = try await machine(f.service, f.context)
        let created = try await f.service.createStateMachineAlias(
            .init(description: "prod", name: "prod", routingConfiguration: [Route(stateMachineVersionArn: m + ":1", weight: 100)]),
            context: f.context)
        #expect(created.stateMachineAliasArn == m + ":prod")
        let again = try await f.service.createStateMachineAlias(
            .init(description: "prod", name: "prod", routingConfiguration: [Route(stateMachineVersionArn: m + ":1", weight: 100)]),
            context: f.context)
        #expect(again == created)
        await expectError("ConflictException") {
            _ = try await f.service.createStateMachineAlias(
                .init(name: "prod", routingConfiguration: [Route(stateMachineVersionArn: m + ":2", weight: 100)]),
                context: f.context)
        }
        f.clock.advance(seconds: 2)
        _ = try await f.service.updateStateMachineAlias(
            .init(stateMachineAliasArn: m + ":prod", routingConfiguration: [
                Route(stateMachineVersionArn: m + ":1", weight: 30), Route(stateMachineVersionArn: m + ":2", weight: 70),
            ]),
            context: f.context)
        let described = try await f.service.describeStateMachineAlias(.init(stateMachineAliasArn: m + ":prod"), context: f.context)
        #expect(described.name == "prod")
        #expect(described.description == "prod")
        #expect(described.routingConfiguration?.map(\.weight) == [30, 70])
        #expect(described.updateDate == Date(timeIntervalSince1970: 1_700_000_002))
        _ = try await f.service.createStateMachineAlias(
            .init(name: "beta", routingConfiguration: [Route(stateMachineVersionArn: m + ":2", weight: 100)]),
            context: f.context)
        let page = try await f.service.listStateMachineAliases(.init(stateMachineArn: m, maxResults: 1), context: f.context)
        #expect(page.stateMachineAliases.map(\.stateMachineAliasArn) == [m + ":prod"])
        let rest = try await f.service.listStateMachineAliases(
            .init(stateMachineArn: m, nextToken: page.nextToken, maxResults: 1), context: f.context)
        #expect(rest.stateMachineAliases.map(\.stateMachineAliasArn) == [m + ":beta"])
        #expect(rest.nextToken == nil)
        await expectError("ConflictException") {
            _ = try await f.service.deleteStateMachineVersion(.init(stateMachineVersionArn: m + ":2"), context: f.context)
        }
        _ = try await f.service.deleteStateMachineAlias(.init(stateMachineAliasArn: m + ":beta"), context: f.context)
        _ = try await f.service.deleteStateMachineAlias(.init(stateMachineAliasArn: m + ":prod"), context: f.context)
        _ = try await f.service.deleteStateMachineVersion(.init(stateMachineVersionArn: m + ":2"), context: f.context)
        await expectError("ResourceNotFound") {
            _ = try await f.service.describeStateMachineAlias(.init(stateMachineAliasArn: m + ":prod"), context: f.context)
        }
    }

    @Test func routingConfigurationsAreValidated() async throws {
        let f = try StepFunctionsFixture()
        let m = try await machine(f.service, f.context)
        let bad: [[Route]] = [
            [],
            [Route(stateMachineVersionArn: m + ":1", weight: 50)],
            [Route(stateMachineVersionArn: m + ":1", weight: 50), Route(stateMachineVersionArn: m + ":1", weight: 50)],
            [Route(stateMachineVersionArn: m + ":1", weight: 101)],
            [Route(stateMachineVersionArn: m + ":1", weight: 40), Route(stateMachineVersionArn: m + ":2", weight: 40),
             Route(stateMachineVersionArn: m + ":2", weight: 20)],
        ]
        for routes in bad {
            await expectError("ValidationException") {
                _ = try await f.service.createStateMachineAlias(.init(name: "a", routingConfiguration: routes), context: f.context)
            }
        }
        for routes in [[Route(stateMachineVersionArn: m, weight: 100)]] {
            do {
                _ = try await f.service.createStateMachineAlias(.init(name: "a", routingConfiguration: routes), context: f.context)
                Issue.record("expected ValidationException")
            } catch let error as AWSServiceError {
                #expect(error.message == "Routing configuration must contain state machine version ARNs. Received: [\(m)]")
            }
        }
        await expectError("ValidationException") {
            _ = try await f.service.createStateMachine(
                .init(name: "n", definition: Self.one, roleArn: StepFunctionsFixture.role, versionDescription: "d"),
                context: f.context)
        }
        await expectError("ValidationException") {
            _ = try await f.service.createStateMachineAlias(
                .init(name: "123", routingConfiguration: [Route(stateMachineVersionArn: m + ":1", weight: 100)]),
                context: f.context)
        }
        await expectError("ResourceNotFound") {
            _ = try await f.service.createStateMachineAlias(
                .init(name: "a", routingConfiguration: [Route(stateMachineVersionArn: m + ":9", weight: 100)]),
                context: f.context)
        }
        await expectError("ValidationException") {
            _ = try await f.service.updateStateMachineAlias(.init(stateMachineAliasArn: m + ":a"), context: f.context)
        }
        await expectError("ResourceNotFound") {
            _ = try await f.service.updateStateMachineAlias(
                .init(stateMachineAliasArn: m + ":a", description: "d"), context: f.context)
        }
    }

    @Test func executionsThroughAnAliasFollowTheWeightedDraw() async throws {
        let clock = ManualClock()
        let store = SQLiteStepFunctionsStore(database: try SQLiteDatabase.inMemory(name: "stepfunctions"))
        let draws = Mutex([10, 29, 30, 99])
        let service = StepFunctionsService(
            store: store, clock: clock, ids: CountingIDs(),
            routingDraw: { draws.withLock { $0.removeFirst() } })
        let context = StepFunctionsFixture.context
        let m = try await machine(service, context)
        _ = try await service.createStateMachineAlias(
            .init(name: "live", routingConfiguration: [
                Route(stateMachineVersionArn: m + ":1", weight: 30), Route(stateMachineVersionArn: m + ":2", weight: 70),
            ]),
            context: context)
        var versions: [String?] = []
        for index in 0..<4 {
            let started = try await service.startExecution(
                .init(stateMachineArn: m + ":live", name: "e\(index)"), context: context)
            let described = try await service.describeExecution(.init(executionArn: started.executionArn), context: context)
            #expect(described.stateMachineAliasArn == m + ":live")
            #expect(described.output == (described.stateMachineVersionArn == m + ":1" ? #""one""# : #""two""#))
            versions.append(described.stateMachineVersionArn)
        }
        #expect(versions == [m + ":1", m + ":1", m + ":2", m + ":2"])
        await expectError("ResourceNotFound") {
            _ = try await service.startExecution(.init(stateMachineArn: m + ":nope"), context: context)
        }
    }
}
