import OrderedCollections
import StratusASL
import StratusJSON
import Testing
@testable import StratusStatesEngine

/// The histories of Distributed Map child executions: each child's own, ids from 1, none of it in the parent's.
@Suite struct MapRunChildHistoryTests {
    static let start = EngineTestSupport.start

    static func summary(_ events: [HistoryEvent]) -> [String] {
        events.map { "\($0.id)<\($0.previousEventID) \($0.type)" }
    }

    @Test func eachChildHasItsOwnHistoryAndTheParentNone() throws {
        // A child with an inline Map inside: its iterations' events are in the child's history, ids counted there.
        let text = """
            {"StartAt":"M","States":{"M":{"Type":"Map","Label":"items",
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"Inner","States":{"Inner":{"Type":"Map","ItemsPath":"$.values",
                  "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}},"End":true}}}
            """
        var machine = try MapRunTests.machine(text, input: .array([.object(["values": [1, 2]])]))
        _ = machine.start(at: Self.start)
        guard case .succeeded(let output) = machine.status else { Issue.record("not succeeded"); return }
        #expect(output == .array([.array([1, 2])]))
        let child = try #require(machine.mapRuns.first?.children.first)
        // The same events, ids and links as the item processor run as an execution of its own.
        var alone = try MapRunTests.machine("""
            {"StartAt":"Inner","States":{"Inner":{"Type":"Map","ItemsPath":"$.values",
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """, input: .object(["values": [1, 2]]))
        _ = alone.start(at: Self.start)
        #expect(Self.summary(child.history) == Self.summary(alone.history))
        #expect(child.eventCount == 14)
        let types = machine.history.map(\.type)
        #expect(!types.contains("PassStateEntered") && !types.contains("MapIterationStarted"))
        #expect(types.first == "ExecutionStarted" && types.last == "ExecutionSucceeded")
        #expect(child.history[0].jsonValue["executionStartedEventDetails"]?["input"] == #"{"values":[1,2]}"#)
    }

    @Test func aFailedChildEndsWithItsErrorAndCauseAndAWaitingSiblingIsAborted() throws {
        let text = """
            {"StartAt":"M","States":{"M":{"Type":"Map",
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":1,"Next":"F"}],
                  "Default":"W"},"W":{"Type":"Wait","Seconds":60,"End":true},
                  "F":{"Type":"Fail","Error":"One","Cause":"one is bad"}}},"End":true}}}
            """
        var machine = try MapRunTests.machine(text, input: .array([0, 1]))
        _ = machine.start(at: Self.start)
        guard case .failed(let error, let cause) = machine.status else { Issue.record("not failed"); return }
        #expect(error == "One" && cause == "one is bad")
        let children = try #require(machine.mapRuns.first?.children)
        #expect(Self.summary(children[1].history) == [
            "1<0 ExecutionStarted", "2<0 ChoiceStateEntered", "3<2 ChoiceStateExited", "4<3 FailStateEntered",
            "5<4 ExecutionFailed",
        ])
        #expect(children[1].history[4].jsonValue["executionFailedEventDetails"]
            == .object(["error": "One", "cause": "one is bad"]))
        #expect(Self.summary(children[0].history) == [
            "1<0 ExecutionStarted", "2<0 ChoiceStateEntered", "3<2 ChoiceStateExited", "4<3 WaitStateEntered",
            "5<4 ExecutionAborted",
        ])
    }

    @Test func aNestedRunIsInItsChildsHistoryAndItsChildrenHaveTheirOwn() throws {
        var machine = try MapRunTests.machine(MapRunTests.nestedRuns, input: .array([.array([1, 2])]))
        _ = machine.start(at: Self.start)
        let outerChild = try #require(machine.mapRuns.first { $0.label == "outer" }?.children.first)
        #expect(outerChild.history.map(\.type) == [
            "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded",
            "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded",
        ])
        let innerChildren = machine.mapRuns.filter { $0.label == "inner" }.flatMap(\.children)
        #expect(innerChildren.count == 2)
        for child in innerChildren {
            #expect(Self.summary(child.history) == [
                "1<0 ExecutionStarted", "2<0 PassStateEntered", "3<2 PassStateExited", "4<3 ExecutionSucceeded",
            ])
        }
    }

    @Test func aReplayedMachineRebuildsTheChildHistories() throws {
        let text = MapRunTests.waitingMap(seconds: 5)
        var machine = try MapRunTests.machine(text, input: MapRunTests.items(2))
        _ = machine.start(at: Self.start)
        var events: [(EngineEvent, RFC3339.Instant)] = []
        while let (timerID, fireAt) = MapRunTests.timers(machine.outstandingActions).first {
            _ = machine.handle(.timerFired(timerID: timerID), at: fireAt)
            events.append((.timerFired(timerID: timerID), fireAt))
        }
        #expect(machine.status.isFinished)
        let replayed = ExecutionMachine.replay(
            definition: try EngineTestSupport.definition(text), context: EngineTestSupport.context(input: MapRunTests.items(2)),
            options: EngineOptions(randomSeed: 7), startedAt: Self.start, events: events)
        let original = machine.mapRuns[0].children.map { $0.history.map(\.jsonValue) }
        #expect(replayed.mapRuns[0].children.map { $0.history.map(\.jsonValue) } == original)
        #expect(original.allSatisfy { $0.count == 4 })
    }
}
