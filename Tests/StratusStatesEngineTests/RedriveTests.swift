import OrderedCollections
import StratusASL
import StratusJSON
@testable import StratusStatesEngine
import Testing

/// Runs an execution on a virtual clock like ``VirtualTimeDriver``, journaling every event it handles, so a test
/// can redrive it, stop it, and check that replaying the journal rebuilds the same machine.
struct JournaledRun {
    let definition: StateMachineDefinition
    let context: ExecutionContext
    let options: EngineOptions
    var machine: ExecutionMachine
    var journal: [(EngineEvent, RFC3339.Instant)] = []
    var now = EngineTestSupport.start
    private var agenda = HostAgenda()

    init(_ text: String, input: JSONValue = .object([:]), options: EngineOptions = .init(), until limit: RFC3339.Instant? = nil,
         answer: (TaskInvocation) -> VirtualTimeDriver.TaskAnswer) throws {
        definition = try EngineTestSupport.definition(text)
        context = EngineTestSupport.context(input: input)
        self.options = options
        machine = ExecutionMachine(definition: definition, context: context, options: options)
        agenda.absorb(machine.start(at: now), answer: answer)
        settle(until: limit, answer: answer)
    }

    /// Handles events and fires timers until the execution ends or waits for nothing the agenda holds;
    /// `until` stops before a timer due after that instant.
    mutating func settle(until limit: RFC3339.Instant? = nil, answer: (TaskInvocation) -> VirtualTimeDriver.TaskAnswer) {
        while !machine.status.isFinished {
            if let event = agenda.nextEvent() {
                handle(event, answer: answer)
            } else if let timer = agenda.nextTimer, limit.map({ timer.fireAt <= $0 }) ?? true {
                agenda.removeNextTimer()
                if timer.fireAt > now { now = timer.fireAt }
                handle(.timerFired(timerID: timer.id), answer: answer)
            } else {
                return
            }
        }
    }

    /// Handles one event now (journaled), taking in the actions it leads to.
    mutating func handle(_ event: EngineEvent, answer: (TaskInvocation) -> VirtualTimeDriver.TaskAnswer) {
        journal.append((event, now))
        agenda.absorb(machine.handle(event, at: now), answer: answer)
    }

    /// Redrives at `now + after` seconds and runs on.
    mutating func redrive(after seconds: Int64 = 60, clientToken: String? = nil, firingTimers: Bool = true,
                          answer: (TaskInvocation) -> VirtualTimeDriver.TaskAnswer) {
        now = RFC3339.Instant(seconds: now.seconds + seconds)
        agenda = HostAgenda()
        handle(.redrive(clientToken: clientToken), answer: answer)
        settle(until: firingTimers ? nil : now, answer: answer)
    }

    /// The machine rebuilt from the journal.
    var replayed: ExecutionMachine {
        ExecutionMachine.replay(definition: definition, context: context, options: options,
                                startedAt: EngineTestSupport.start, events: journal)
    }

    var types: [String] { machine.history.map(\.type) }
}

@Suite("Redrive")
struct RedriveTests {
    static let passThenTask = """
    {"StartAt":"Prepare","States":{
      "Prepare":{"Type":"Pass","Assign":{"greeting":"hello"},"Result":{"n":1},"Next":"Call"},
      "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "Parameters":{"n.$":"$.n","greeting.$":"$greeting","redrives.$":"$$.Execution.RedriveCount"},
              "Retry":[{"ErrorEquals":["Flaky"],"MaxAttempts":1,"IntervalSeconds":1}],"End":true}}}
    """

    @Test func aFailedTaskIsEnteredAgainWithItsInputAndVariables() throws {
        var calls: [JSONValue] = []
        var run = try JournaledRun(Self.passThenTask) { calls.append($0.input); return .failure(error: "Flaky", cause: "down") }
        #expect(run.machine.status.name == "FAILED")
        #expect(calls.count == 2)
        #expect(run.machine.redriveEligibility == .redrivable)
        let failedID = run.machine.history.last!.id
        run.redrive(clientToken: "token-1") { calls.append($0.input); return .success(["ok": true]) }
        guard case .succeeded(let output) = run.machine.status else { Issue.record("not succeeded: \(run.machine.status)"); return }
        #expect(output == ["ok": true])
        // The Pass state is not run again; the Task is entered again with the input and variables it had.
        #expect(calls.count == 3)
        #expect(calls[0] == ["n": 1, "greeting": "hello", "redrives": 0])
        #expect(calls[2] == ["n": 1, "greeting": "hello", "redrives": 1])
        #expect(run.types == [
            "ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered", "TaskScheduled", "TaskStarted",
            "TaskFailed", "TaskScheduled", "TaskStarted", "TaskFailed", "ExecutionFailed",
            "ExecutionRedriven", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
            "ExecutionSucceeded"])
        let redriven = run.machine.history[failedID]
        #expect(redriven.previousEventID == failedID)
        #expect(redriven.details == ["executionRedrivenEventDetails": ["redriveCount": 1]])
        #expect(run.machine.history[failedID + 1].previousEventID == redriven.id)
        #expect(run.machine.history.map(\.id) == Array(1...run.machine.history.count))
        #expect(run.machine.context.redriveCount == 1)
        #expect(run.machine.redrives.map(\.clientToken) == ["token-1"])
        #expect(run.machine.redriveEligibility == .succeeded)
    }

    @Test func retriesCountFromZeroAgainOnEachRedrive() throws {
        var attempts = 0
        var seen: [JSONValue] = []
        var run = try JournaledRun("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Parameters":{"count.$":"$$.Execution.RedriveCount"},
          "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2,"IntervalSeconds":1}],"End":true}}}
        """) { _ in attempts += 1; return .failure(error: "Boom", cause: nil) }
        #expect(attempts == 3)
        run.redrive { attempts += 1; seen.append($0.input); return .failure(error: "Boom", cause: nil) }
        #expect(attempts == 6)
        #expect(seen.allSatisfy { $0 == ["count": 1] })
        run.redrive { attempts += 1; seen.append($0.input); return attempts == 7 ? .failure(error: "Boom", cause: nil) : .success(["n": 1]) }
        #expect(run.machine.status.name == "SUCCEEDED")
        #expect(seen.last == ["count": 2])
        #expect(run.machine.history.filter { $0.type == "ExecutionRedriven" }.count == 2)
        #expect(run.machine.history.last { $0.type == "ExecutionRedriven" }?.details == ["executionRedrivenEventDetails": ["redriveCount": 2]])
    }

    @Test func theRedriveTimeIsInTheContextObjectAfterARedrive() throws {
        var run = try JournaledRun("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Parameters":{"context.$":"$$.Execution"},"End":true}}}
        """) { _ in .failure(error: "Boom", cause: nil) }
        var input: JSONValue = .null
        run.redrive(after: 90) { input = $0.input; return .success(.null) }
        #expect(input["context"]?["RedriveCount"] == 1)
        #expect(input["context"]?["RedriveTime"] == .string(RFC3339.format(run.journal.last { if case .redrive = $0.0 { true } else { false } }!.1)))
    }

    @Test func aParallelRunsOnlyTheBranchesThatDidNotSucceed() throws {
        let text = """
        {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
          {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},
          {"StartAt":"B0","States":{"B0":{"Type":"Pass","Result":"b","Next":"B"},
                                    "B":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}}}],
          "ResultSelector":{"a.$":"$[0]","b.$":"$[1]"},"End":true}}}
        """
        var calls: [String] = []
        var run = try JournaledRun(text) { calls.append($0.stateName); return $0.stateName == "A" ? .success("a-out") : .failure(error: "Down", cause: "x") }
        #expect(run.machine.status.name == "FAILED")
        #expect(calls.sorted() == ["A", "B"])
        run.redrive { calls.append($0.stateName); return .success("b-out") }
        guard case .succeeded(let output) = run.machine.status else { Issue.record("not succeeded: \(run.machine.status)"); return }
        #expect(output == ["a": "a-out", "b": "b-out"])
        #expect(calls.sorted() == ["A", "B", "B"])
        let after = Array(run.types.drop { $0 != "ExecutionRedriven" })
        #expect(after == ["ExecutionRedriven", "ParallelStateEntered", "ParallelStateStarted", "TaskStateEntered", "TaskScheduled",
                          "TaskStarted", "TaskSucceeded", "TaskStateExited", "ParallelStateSucceeded", "ParallelStateExited",
                          "ExecutionSucceeded"])
        let replayed = run.replayed
        #expect(replayed.history.map(\.jsonValue) == run.machine.history.map(\.jsonValue))
    }

    @Test func anInlineMapRunsOnlyTheIterationsThatFailedOrWereStopped() throws {
        let text = """
        {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ItemProcessor":{"StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"item.$":"$"},"End":true}}},"End":true}}}
        """
        var calls: [JSONValue] = []
        var run = try JournaledRun(text, input: [1, 2, 3, 4]) { invocation in
            calls.append(invocation.input["item"]!)
            return invocation.input["item"] == 2 ? .failure(error: "Two", cause: "no") : .success(invocation.input["item"]!)
        }
        // MaxConcurrency 1: items 3 and 4 never started.
        #expect(run.machine.status.name == "FAILED")
        #expect(calls == [1, 2])
        run.redrive { invocation in calls.append(invocation.input["item"]!); return .success(invocation.input["item"]!) }
        guard case .succeeded(let output) = run.machine.status else { Issue.record("not succeeded: \(run.machine.status)"); return }
        #expect(output == [1, 2, 3, 4])
        #expect(calls == [1, 2, 2, 3, 4])
        let started = run.machine.history.drop { $0.type != "ExecutionRedriven" }.filter { $0.type == "MapIterationStarted" }
        #expect(started.map { $0.details?["mapIterationStartedEventDetails"]?["index"] } == [1, 2, 3])
        #expect(run.replayed.history.map(\.jsonValue) == run.machine.history.map(\.jsonValue))
    }

    @Test func nestedFailuresAreRedrivenWhereTheyHappened() throws {
        // A Map inside a Parallel branch: only the failed iteration runs again, inside the re-entered branch.
        let text = """
        {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
          {"StartAt":"Ok","States":{"Ok":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},
          {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"StartAt":"T","States":{
            "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},"End":true}}}],"End":true}}}
        """
        var calls: [String] = []
        var failing = true
        func answer(_ invocation: TaskInvocation) -> VirtualTimeDriver.TaskAnswer {
            let label = invocation.stateName == "Ok" ? "ok" : "item\(invocation.input.serializedString())"
            calls.append(label)
            return failing && label == "item\"b\"" ? .failure(error: "B", cause: nil) : .success(.string(label))
        }
        var run = try JournaledRun(text, input: ["items": ["a", "b", "c"]], answer: answer)
        #expect(run.machine.status.name == "FAILED")
        failing = false
        run.redrive(answer: answer)
        guard case .succeeded(let output) = run.machine.status else { Issue.record("not succeeded: \(run.machine.status)"); return }
        #expect(output == ["ok", ["item\"a\"", "item\"b\"", "item\"c\""]])
        #expect(calls.filter { $0 == "ok" }.count == 1)
        #expect(calls.filter { $0 == "item\"b\"" }.count == 2)
        #expect(calls.filter { $0 == "item\"a\"" }.count == 1)
        #expect(run.replayed.history.map(\.jsonValue) == run.machine.history.map(\.jsonValue))
    }

    @Test func aParallelThatExceededTheDataLimitRunsAgainInFull() throws {
        let text = """
        {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
          {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},
          {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}],"End":true}}}
        """
        var calls: [String] = []
        var big = true
        func answer(_ invocation: TaskInvocation) -> VirtualTimeDriver.TaskAnswer {
            calls.append(invocation.stateName)
            return .success(.string(String(repeating: "x", count: big ? 120 : 10)))
        }
        var run = try JournaledRun(text, options: EngineOptions(maximumPayloadBytes: 200), answer: answer)
        guard case .failed(let error, _) = run.machine.status else { Issue.record("expected failure"); return }
        #expect(error == "States.DataLimitExceeded")
        big = false
        run.redrive(answer: answer)
        #expect(run.machine.status.name == "SUCCEEDED")
        #expect(calls.sorted() == ["A", "A", "B", "B"])
    }

    @Test func aFailStateFailsAgainAndAChoiceIsEvaluatedAgain() throws {
        var failing = try JournaledRun("""
        {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$$.Execution.RedriveCount","NumericEquals":2,"Next":"Done"}],
          "Default":"F"},"F":{"Type":"Fail","Error":"Nope","Cause":"again"},"Done":{"Type":"Succeed"}}}
        """) { _ in .success(.null) }
        #expect(failing.machine.status.name == "FAILED")
        failing.redrive { _ in .success(.null) }
        guard case .failed(let error, let cause) = failing.machine.status else { Issue.record("expected failure"); return }
        #expect(error == "Nope")
        #expect(cause == "again")
        #expect(Array(failing.types.suffix(3)) == ["ExecutionRedriven", "FailStateEntered", "ExecutionFailed"])
        failing.redrive { _ in .success(.null) }
        // The Fail state is where it failed: entering it again fails again (the Choice before it is not re-entered).
        #expect(failing.machine.status.name == "FAILED")
        #expect(Array(failing.types.suffix(3)) == ["ExecutionRedriven", "FailStateEntered", "ExecutionFailed"])

        // A Choice that matched nothing is evaluated again, and can match now.
        var choosing = try JournaledRun("""
        {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$$.Execution.RedriveCount","NumericEquals":1,"Next":"Done"}]},
          "Done":{"Type":"Succeed"}}}
        """) { _ in .success(.null) }
        guard case .failed(let noMatch, _) = choosing.machine.status else { Issue.record("expected failure"); return }
        #expect(noMatch == "States.NoChoiceMatched")
        choosing.redrive { _ in .success(.null) }
        #expect(choosing.machine.status.name == "SUCCEEDED")
        #expect(Array(choosing.types.suffix(6)) == ["ExecutionRedriven", "ChoiceStateEntered", "ChoiceStateExited",
                                                    "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"])
    }

    @Test func anAbortedWaitWaitsAgainAndTheExecutionTimeoutStartsOver() throws {
        let text = """
        {"TimeoutSeconds":100,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"Next":"T"},
          "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}
        """
        var run = try JournaledRun(text) { _ in .pending }
        #expect(run.machine.status.name == "TIMED_OUT")
        #expect(run.now.seconds == EngineTestSupport.start.seconds + 100)
        // Redriven 1,000 s later: the Task is entered again and the 100-second timeout counts from the redrive.
        run.redrive(after: 1000) { _ in .pending }
        #expect(run.machine.status.name == "TIMED_OUT")
        #expect(run.now.seconds == EngineTestSupport.start.seconds + 1200)
        #expect(Array(run.types.suffix(5)) == ["ExecutionRedriven", "TaskStateEntered", "TaskScheduled", "TaskStarted", "ExecutionTimedOut"])

        // Stop it during the Wait, then redrive: the Wait runs its 30 seconds again.
        var waiting = try JournaledRun.started(text)
        waiting.handle(.stop(error: "Halt", cause: nil)) { _ in .success(.null) }
        #expect(waiting.machine.status.name == "ABORTED")
        #expect(waiting.machine.redriveEligibility == .redrivable)
        waiting.now = RFC3339.Instant(seconds: waiting.now.seconds + 5)
        let actions = waiting.machine.handle(.redrive(clientToken: nil), at: waiting.now)
        #expect(actions.contains { if case .startTimer(_, let at) = $0 { at.seconds == waiting.now.seconds + 30 } else { false } })
        #expect(Array(waiting.machine.history.suffix(2).map(\.type)) == ["ExecutionRedriven", "WaitStateEntered"])
    }

    @Test func onlyUnsuccessfulEndedExecutionsAreRedriven() throws {
        var succeeded = try JournaledRun("""
        {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}
        """) { _ in .success(.null) }
        #expect(succeeded.machine.redriveEligibility == .succeeded)
        let count = succeeded.machine.history.count
        succeeded.handle(.redrive(clientToken: nil)) { _ in .success(.null) }
        #expect(succeeded.machine.history.count == count)
        #expect(succeeded.machine.status.name == "SUCCEEDED")

        var running = try JournaledRun.started("""
        {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"End":true}}}
        """)
        #expect(running.machine.redriveEligibility == .running)
        running.handle(.redrive(clientToken: nil)) { _ in .success(.null) }
        #expect(running.machine.context.redriveCount == 0)

        // 10 events allowed: a failed execution with 9 has no room for ExecutionRedriven and one more event.
        let full = try JournaledRun("""
        {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Pass","Next":"F"},
          "F":{"Type":"Fail","Error":"E"}}}
        """, options: EngineOptions(maximumHistoryEvents: 10)) { _ in .success(.null) }
        #expect(full.machine.history.count == 9)
        #expect(full.machine.redriveEligibility == .historyLimitExceeded)
        let roomy = try JournaledRun("""
        {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"F"},"F":{"Type":"Fail","Error":"E"}}}
        """, options: EngineOptions(maximumHistoryEvents: 9)) { _ in .success(.null) }
        #expect(roomy.machine.history.count == 7)
        #expect(roomy.machine.redriveEligibility == .redrivable)
    }

    /// Replaying a journal that holds redrives rebuilds the machine identically at every step, including a
    /// redriven execution that waits (its outstanding timer and task come back).
    @Test func replayAfterARedriveGivesAnIdenticalMachine() throws {
        let text = """
        {"StartAt":"P","States":{"P":{"Type":"Pass","Assign":{"v":1},"Next":"T"},
          "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"v.$":"$v"},"Next":"W"},
          "W":{"Type":"Wait","Seconds":45,"Next":"U"},
          "U":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
               "Parameters":{"token.$":"$$.Task.Token","id.$":"States.UUID()"},"End":true}}}
        """
        var run = try JournaledRun(text) { _ in .failure(error: "Down", cause: "first") }
        #expect(run.machine.status.name == "FAILED")
        run.redrive(after: 10, firingTimers: false) { $0.stateName == "T" ? .success(["ok": 1]) : .pending }
        #expect(run.machine.status.name == "RUNNING")
        #expect(run.machine.history.last?.type == "WaitStateEntered")
        func same(_ a: ExecutionMachine, _ b: ExecutionMachine) {
            #expect(a.history.map(\.jsonValue) == b.history.map(\.jsonValue))
            #expect(a.status.name == b.status.name)
            #expect(a.context.redriveCount == b.context.redriveCount)
            #expect(a.outstandingActions.map(Self.describe) == b.outstandingActions.map(Self.describe))
        }
        same(run.replayed, run.machine)
        // The Wait fires, the callback task is asked for; a replay still matches; then answer it.
        run.settle { _ in .pending }
        same(run.replayed, run.machine)
        let task = run.machine.outstandingActions.compactMap { if case .invokeTask(let t) = $0 { t } else { nil } }.first
        #expect(task?.stateName == "U")
        run.handle(.taskSucceeded(taskID: task!.taskID, output: ["done": true])) { _ in .pending }
        #expect(run.machine.status.name == "SUCCEEDED")
        same(run.replayed, run.machine)
        #expect(run.replayed.redrives.count == 1)
    }

    static func describe(_ action: EngineAction) -> String {
        switch action {
        case .invokeTask(let task): "task \(task.taskID) \(task.stateName) \(task.input.serializedString()) \(task.taskToken ?? "")"
        case .startTimer(let id, let at): "timer \(id) \(at.seconds)"
        case .cancelTask(let id): "cancel task \(id)"
        case .cancelTimer(let id): "cancel timer \(id)"
        case .finished: "finished"
        }
    }
}

extension JournaledRun {
    /// A run started and left waiting (tasks unanswered, no timer fired).
    static func started(_ text: String) throws -> JournaledRun {
        try JournaledRun(text, until: EngineTestSupport.start) { _ in .pending }
    }
}
