import OrderedCollections
import StratusASL
import StratusJSON
import Testing
@testable import StratusStatesEngine

/// Map Runs: what the engine records of each Distributed Map run, and the `updateMapRun` event.
@Suite struct MapRunTests {
    static let start = EngineTestSupport.start

    /// A Distributed Map whose items each wait `seconds` (then pass their input on), with extra Map fields.
    static func waitingMap(seconds: Int = 10, extra: String = "\"MaxConcurrency\":1,") -> String {
        """
        {"StartAt":"M","States":{"M":{"Type":"Map",\(extra)"Label":"items",
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
            "StartAt":"W","States":{"W":{"Type":"Wait","Seconds":\(seconds),"End":true}}},"End":true}}}
        """
    }

    /// A Distributed Map whose items each run one Task (answered by the test).
    static func taskMap(extra: String) -> String {
        """
        {"StartAt":"M","States":{"M":{"Type":"Map",\(extra)
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
            "StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},"End":true}}}
        """
    }

    static func machine(_ text: String, input: JSONValue) throws -> ExecutionMachine {
        ExecutionMachine(definition: try EngineTestSupport.definition(text),
                         context: EngineTestSupport.context(input: input), options: EngineOptions(randomSeed: 7))
    }

    static func items(_ count: Int) -> JSONValue { .array((0..<count).map { .number(JSONNumber($0)) }) }

    static func timers(_ actions: [EngineAction]) -> [(Int, RFC3339.Instant)] {
        actions.compactMap { if case .startTimer(let id, let at) = $0 { return (id, at) } else { return nil } }
    }

    static func tasks(_ actions: [EngineAction]) -> [TaskInvocation] {
        actions.compactMap { if case .invokeTask(let invocation) = $0 { return invocation } else { return nil } }
    }

    @Test func aRunIsRecordedWithItsChildrenAsTheyStartAndEnd() throws {
        var machine = try Self.machine(Self.waitingMap(), input: Self.items(3))
        _ = machine.start(at: Self.start)
        #expect(machine.mapRuns.count == 1)
        let run = try #require(machine.topLevelMapRuns.first)
        #expect(run.arn.hasPrefix("arn:aws:states:us-east-1:000000000000:mapRun:sm/items:"))
        #expect(run.stateMachineARN == "arn:aws:states:us-east-1:000000000000:stateMachine:sm/items")
        #expect(run.status == .running && run.stopDate == nil && run.startDate == Self.start)
        #expect(run.maxConcurrency == 1)
        #expect(run.executionCounts == MapRun.Counts(pending: 2, running: 1, total: 3))
        let started = machine.history.first { $0.type == "MapRunStarted" }
        #expect(started != nil)
        // Each Wait fires; the next child starts in the freed slot.
        var clock = Self.start
        for step in 1...3 {
            let (timerID, fireAt) = try #require(Self.timers(machine.outstandingActions).first)
            clock = fireAt
            _ = machine.handle(.timerFired(timerID: timerID), at: fireAt)
            let counts = machine.mapRuns[0].executionCounts
            #expect(counts.succeeded == step)
        }
        let done = machine.mapRuns[0]
        #expect(done.status == .succeeded)
        #expect(done.stopDate == clock)
        #expect(done.executionCounts == MapRun.Counts(succeeded: 3, total: 3, resultsWritten: 3))
        #expect(done.itemCounts == done.executionCounts)
        #expect(done.children.map(\.startDate) == [Self.start, Self.start.adding(seconds: 10), Self.start.adding(seconds: 20)])
        guard case .succeeded(let output) = done.children[2].status else { Issue.record("child 2 not succeeded"); return }
        #expect(output == .number(2))
        #expect(machine.status.name == "SUCCEEDED")
        // Child executions: names are distinct UUIDs; ARNs resolve back to the child.
        #expect(Set(done.children.map(\.name)).count == 3)
        let childARN = done.childExecutionARN(done.children[1])
        #expect(childARN == "arn:aws:states:us-east-1:000000000000:execution:sm/items:" + done.children[1].name)
        #expect(machine.mapRunChild(executionARN: childARN)?.child.index == 1)
        #expect(machine.mapRun(arn: done.arn)?.status == .succeeded)
    }

    @Test func raisingMaxConcurrencyStartsWaitingChildrenAtOnce() throws {
        var machine = try Self.machine(Self.waitingMap(), input: Self.items(4))
        _ = machine.start(at: Self.start)
        let arn = machine.mapRuns[0].arn
        let later = Self.start.adding(seconds: 1)
        let actions = machine.handle(.updateMapRun(mapRunARN: arn, maxConcurrency: 3, toleratedFailureCount: nil,
                                                   toleratedFailurePercentage: nil), at: later)
        #expect(Self.timers(actions).count == 2)
        #expect(machine.mapRuns[0].maxConcurrency == 3)
        #expect(machine.mapRuns[0].executionCounts == MapRun.Counts(pending: 1, running: 3, total: 4))
        #expect(machine.mapRuns[0].children[1].startDate == later)
        // Lowering it lets the running children finish and starts none until below the limit.
        _ = machine.handle(.updateMapRun(mapRunARN: arn, maxConcurrency: 1, toleratedFailureCount: nil,
                                         toleratedFailurePercentage: nil), at: later)
        let first = try #require(Self.timers(machine.outstandingActions).first)
        _ = machine.handle(.timerFired(timerID: first.0), at: first.1)
        #expect(machine.mapRuns[0].executionCounts == MapRun.Counts(pending: 1, running: 2, succeeded: 1, total: 4, resultsWritten: 1))
    }

    @Test func anUnknownOrFinishedRunIgnoresTheUpdate() throws {
        var machine = try Self.machine(Self.waitingMap(), input: Self.items(1))
        _ = machine.start(at: Self.start)
        let actions = machine.handle(.updateMapRun(mapRunARN: "arn:aws:states:us-east-1:000000000000:mapRun:sm/x:y",
                                                   maxConcurrency: 5, toleratedFailureCount: nil,
                                                   toleratedFailurePercentage: nil), at: Self.start)
        #expect(actions.isEmpty)
        #expect(machine.mapRuns[0].maxConcurrency == 1)
    }

    @Test func aLowerToleranceFailsTheRunWhenFailuresAlreadyExceedIt() throws {
        var machine = try Self.machine(Self.taskMap(extra: "\"ToleratedFailureCount\":5,\"MaxConcurrency\":2,"),
                                       input: Self.items(4))
        let started = Self.tasks(machine.start(at: Self.start))
        #expect(started.count == 2)
        _ = machine.handle(.taskFailed(taskID: started[0].taskID, error: "Boom", cause: "first"), at: Self.start)
        var run = machine.mapRuns[0]
        #expect(run.status == .running)
        #expect(run.executionCounts == MapRun.Counts(pending: 1, running: 2, failed: 1, total: 4))
        guard case .failed(let error, let cause) = run.children[0].status else { Issue.record("not failed"); return }
        #expect(error == "Boom" && cause == "first")
        #expect(run.toleratedFailureCount == 5)
        let at = Self.start.adding(seconds: 5)
        _ = machine.handle(.updateMapRun(mapRunARN: run.arn, maxConcurrency: nil, toleratedFailureCount: 0,
                                         toleratedFailurePercentage: nil), at: at)
        run = machine.mapRuns[0]
        #expect(run.status == .failed)
        #expect(run.stopDate == at)
        #expect(run.toleratedFailureCount == 0)
        #expect(run.executionCounts == MapRun.Counts(pending: 1, failed: 1, aborted: 2, total: 4))
        #expect(machine.status.name == "FAILED")
        if case .failed(let name, _) = machine.status { #expect(name == StatesError.exceedToleratedFailureThreshold) }
        #expect(machine.history.contains { $0.type == "MapRunFailed" })
    }

    @Test func aHigherToleranceKeepsTheRunGoing() throws {
        var machine = try Self.machine(Self.taskMap(extra: "\"ToleratedFailureCount\":0,\"MaxConcurrency\":1,"),
                                       input: Self.items(2))
        let first = Self.tasks(machine.start(at: Self.start))
        let arn = machine.mapRuns[0].arn
        _ = machine.handle(.updateMapRun(mapRunARN: arn, maxConcurrency: nil, toleratedFailureCount: nil,
                                         toleratedFailurePercentage: 50), at: Self.start)
        let second = Self.tasks(machine.handle(.taskFailed(taskID: first[0].taskID, error: "Boom", cause: nil), at: Self.start))
        #expect(machine.mapRuns[0].status == .running)
        #expect(machine.mapRuns[0].toleratedFailurePercentage == 50)
        _ = machine.handle(.taskSucceeded(taskID: second[0].taskID, output: .string("ok")), at: Self.start)
        #expect(machine.mapRuns[0].status == .succeeded)
        #expect(machine.mapRuns[0].executionCounts == MapRun.Counts(succeeded: 1, failed: 1, total: 2, resultsWritten: 1))
        #expect(machine.status.name == "SUCCEEDED")
    }

    @Test func batchesCountItemsAndExecutionsApart() throws {
        let text = """
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemBatcher":{"MaxItemsPerBatch":2},
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """
        var machine = try Self.machine(text, input: Self.items(5))
        _ = machine.start(at: Self.start)
        let run = machine.mapRuns[0]
        #expect(run.status == .succeeded)
        #expect(run.executionCounts == MapRun.Counts(succeeded: 3, total: 3, resultsWritten: 3))
        #expect(run.itemCounts == MapRun.Counts(succeeded: 5, total: 5, resultsWritten: 5))
        #expect(run.children.map(\.itemCount) == [2, 2, 1])
        // No Label: the run's label is a generated UUID.
        #expect(run.label.count == 36)
    }

    @Test func stoppingTheExecutionAbortsTheRun() throws {
        var machine = try Self.machine(Self.waitingMap(), input: Self.items(3))
        _ = machine.start(at: Self.start)
        let at = Self.start.adding(seconds: 3)
        _ = machine.handle(.stop(error: nil, cause: nil), at: at)
        let run = machine.mapRuns[0]
        #expect(run.status == .aborted)
        #expect(run.stopDate == at)
        #expect(run.executionCounts == MapRun.Counts(pending: 2, aborted: 1, total: 3))
    }

    @Test func aReplayedMachineHoldsTheSameRuns() throws {
        let text = Self.waitingMap()
        var machine = try Self.machine(text, input: Self.items(3))
        _ = machine.start(at: Self.start)
        var events: [(EngineEvent, RFC3339.Instant)] = []
        let update = EngineEvent.updateMapRun(mapRunARN: machine.mapRuns[0].arn, maxConcurrency: 2,
                                              toleratedFailureCount: 1, toleratedFailurePercentage: 10)
        _ = machine.handle(update, at: Self.start.adding(seconds: 1))
        events.append((update, Self.start.adding(seconds: 1)))
        let (timerID, fireAt) = try #require(Self.timers(machine.outstandingActions).first)
        _ = machine.handle(.timerFired(timerID: timerID), at: fireAt)
        events.append((.timerFired(timerID: timerID), fireAt))
        let replayed = ExecutionMachine.replay(
            definition: try EngineTestSupport.definition(text), context: EngineTestSupport.context(input: Self.items(3)),
            options: EngineOptions(randomSeed: 7), startedAt: Self.start, events: events)
        let original = machine.mapRuns[0]
        let copy = try #require(replayed.mapRuns.first)
        #expect(copy.arn == original.arn)
        #expect(copy.maxConcurrency == 2 && copy.toleratedFailureCount == 1 && copy.toleratedFailurePercentage == 10)
        #expect(copy.executionCounts == original.executionCounts)
        #expect(copy.children.map(\.name) == original.children.map(\.name))
        #expect(copy.children.map(\.startDate) == original.children.map(\.startDate))
        #expect(replayed.history.map(\.type) == machine.history.map(\.type))
    }

    /// A Distributed Map (`outer`) whose children each run a Distributed Map (`inner`) of Pass states.
    static let nestedRuns = """
        {"StartAt":"Outer","States":{"Outer":{"Type":"Map","Label":"outer",
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
            "StartAt":"Inner","States":{"Inner":{"Type":"Map","Label":"inner",
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}},"End":true}}}
        """

    @Test func aNestedRunIsNotListedAsTheExecutionsOwn() throws {
        var machine = try Self.machine(Self.nestedRuns, input: .array([.array([1, 2]), .array([3])]))
        _ = machine.start(at: Self.start)
        #expect(machine.mapRuns.count == 3)
        #expect(machine.topLevelMapRuns.map(\.label) == ["outer"])
        #expect(machine.mapRuns.allSatisfy { $0.status == .succeeded })
    }
}
