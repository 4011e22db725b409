import OrderedCollections
import StratusASL
import StratusJSON
@testable import StratusStatesEngine
import Testing

@Suite("Execution machine")
struct EngineTests {
    @Test func passChainProducesAWSHistory() throws {
        let (machine, _) = try EngineTestSupport.run("""
        {"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"x":1},"ResultPath":"$.r","Next":"B"},
         "B":{"Type":"Pass","OutputPath":"$.r","End":true}}}
        """, input: ["in": true])
        guard case .succeeded(let output) = machine.status else { Issue.record("not succeeded: \(machine.status)"); return }
        #expect(output == ["x": 1])
        #expect(EngineTestSupport.types(machine) == ["ExecutionStarted", "PassStateEntered", "PassStateExited",
                                                     "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        #expect(machine.history.map(\.previousEventID) == [0, 0, 2, 3, 4, 5])
        #expect(machine.history.map(\.id) == [1, 2, 3, 4, 5, 6])
    }

    @Test func choiceRoutesAndFailsWithoutMatch() throws {
        let text = """
        {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
          {"And":[{"Variable":"$.n","NumericGreaterThan":1},{"Not":{"Variable":"$.s","StringMatches":"a*z"}}],"Next":"Big"}]},
         "Big":{"Type":"Succeed"}}}
        """
        let (matched, _) = try EngineTestSupport.run(text, input: ["n": 5, "s": "xyz"])
        #expect(matched.status.name == "SUCCEEDED")
        let (unmatched, _) = try EngineTestSupport.run(text, input: ["n": 5, "s": "abcz"])
        guard case .failed(let error, _) = unmatched.status else { Issue.record("expected failure"); return }
        #expect(error == "States.NoChoiceMatched")
    }

    @Test func waitUsesTheVirtualClock() throws {
        let (machine, end) = try EngineTestSupport.run("""
        {"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}}
        """, input: ["s": 3600])
        #expect(machine.status.name == "SUCCEEDED")
        #expect(end.seconds == EngineTestSupport.start.seconds + 3600)
        #expect(EngineTestSupport.types(machine) == ["ExecutionStarted", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded"])
    }

    @Test func retryBacksOffThenCatchRoutesErrorOutput() throws {
        var attempts = 0
        let (machine, end) = try EngineTestSupport.run("""
        {"StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"n.$":"$.n"},
               "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":3,"BackoffRate":2,"MaxAttempts":2,"MaxDelaySeconds":5}],
               "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"Handled"}],"End":true},
          "Handled":{"Type":"Pass","End":true}}}
        """, input: ["n": 1]) { invocation in
            attempts += 1
            #expect(invocation.input == ["n": 1])
            return .failure(error: "Boom", cause: "always")
        }
        #expect(attempts == 3)
        #expect(end.seconds == EngineTestSupport.start.seconds + 3 + 5)
        guard case .succeeded(let output) = machine.status else { Issue.record("not succeeded"); return }
        #expect(output == ["n": 1, "err": ["Error": "Boom", "Cause": "always"]])
        #expect(EngineTestSupport.types(machine).filter { $0 == "TaskScheduled" }.count == 3)
    }

    @Test func runtimeErrorsAreNotCaught() throws {
        let (machine, _) = try EngineTestSupport.run("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","InputPath":"$.missing",
          "Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],"End":true},"H":{"Type":"Succeed"}}}
        """)
        guard case .failed(let error, let cause) = machine.status else { Issue.record("expected failure"); return }
        #expect(error == "States.Runtime")
        #expect(cause?.contains("$.missing") == true)
    }

    @Test func taskTimeoutRaisesStatesTimeout() throws {
        let (machine, end) = try EngineTestSupport.run("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "TimeoutSeconds":30,"Parameters":{"token.$":"$$.Task.Token"},"End":true}}}
        """) { invocation in
            #expect(invocation.taskToken != nil)
            #expect(invocation.input["token"]?.stringValue == invocation.taskToken)
            return .pending
        }
        guard case .failed(let error, _) = machine.status else { Issue.record("expected failure"); return }
        #expect(error == "States.Timeout")
        #expect(end.seconds == EngineTestSupport.start.seconds + 30)
        #expect(EngineTestSupport.types(machine).contains("TaskTimedOut"))
    }

    @Test func mapKeepsOrderAndLinksEventsLikeAWS() throws {
        let (machine, _) = try EngineTestSupport.run("""
        {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ItemsPath":"$.items",
          "ItemSelector":{"v.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index"},
          "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
        """, input: ["items": ["a", "b"]])
        guard case .succeeded(let output) = machine.status else { Issue.record("not succeeded"); return }
        #expect(output == [["v": "a", "i": 0], ["v": "b", "i": 1]])
        #expect(EngineTestSupport.types(machine) == [
            "ExecutionStarted", "MapStateEntered", "MapStateStarted",
            "MapIterationStarted", "PassStateEntered", "PassStateExited", "MapIterationSucceeded",
            "MapIterationStarted", "PassStateEntered", "PassStateExited", "MapIterationSucceeded",
            "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"])
        #expect(machine.history.map(\.previousEventID) == [0, 0, 2, 3, 4, 5, 6, 6, 8, 9, 10, 11, 11, 13])
    }

    @Test func parallelRetriesThenFailsWithTheBranchError() throws {
        let (machine, _) = try EngineTestSupport.run("""
        {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
          {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"FailureType","Cause":"Cause description"}}}],
          "Retry":[{"ErrorEquals":["FailureType"],"MaxAttempts":2}],"End":true}}}
        """)
        #expect(EngineTestSupport.types(machine) == [
            "ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted", "FailStateEntered",
            "ParallelStateStarted", "FailStateEntered", "ParallelStateStarted", "FailStateEntered",
            "ParallelStateFailed", "ExecutionFailed"])
        guard case .failed(let error, let cause) = machine.status else { Issue.record("expected failure"); return }
        #expect(error == "FailureType")
        #expect(cause == "Cause description")
        #expect(machine.history.map(\.previousEventID) == [0, 0, 2, 3, 4, 5, 6, 7, 8, 9])
    }

    @Test func toleratedFailuresKeepTheMapGoing() throws {
        let (machine, _) = try EngineTestSupport.run("""
        {"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,
          "ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],"Default":"S"},
            "F":{"Type":"Fail","Error":"Two"},"S":{"Type":"Succeed"}}},"End":true}}}
        """, input: [1, 2, 3])
        guard case .succeeded(let output) = machine.status else { Issue.record("not succeeded: \(machine.status)"); return }
        #expect(output == [1, ["Error": "Two"], 3])
    }

    @Test func variablesAreAssignedAndScoped() throws {
        let (machine, _) = try EngineTestSupport.run("""
        {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1,"y.$":"$.v"},"Next":"B"},
         "B":{"Type":"Pass","Parameters":{"x.$":"$x","y.$":"$y","sum.$":"States.MathAdd($x, $y)"},"End":true}}}
        """, input: ["v": 41])
        guard case .succeeded(let output) = machine.status else { Issue.record("not succeeded: \(machine.status)"); return }
        #expect(output == ["x": 1, "y": 41, "sum": 42])
        let exited = machine.history[2].details?["stateExitedEventDetails"]
        #expect(exited?["assignedVariables"] == ["x": "1", "y": "41"])
    }

    @Test func payloadLimitFailsTheExecution() throws {
        let big = String(repeating: "x", count: 300_000)
        let (machine, _) = try EngineTestSupport.run("""
        {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}
        """, input: ["big": .string(big)])
        guard case .failed(let error, _) = machine.status else { Issue.record("expected failure"); return }
        #expect(error == "States.DataLimitExceeded")
    }

    @Test func historyLimitFailsTheExecution() throws {
        let (machine, _) = try EngineTestSupport.run("""
        {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},
         "B":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"Done"}],"Default":"A"},
         "Done":{"Type":"Succeed"}}}
        """, options: EngineOptions(maximumHistoryEvents: 101))
        guard case .failed(let error, _) = machine.status else { Issue.record("expected failure"); return }
        #expect(error == "States.Runtime")
        #expect(machine.history.count <= 101)
    }

    @Test func sameEventsGiveTheSameHistory() throws {
        let text = """
        {"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"u.$":"States.UUID()","r.$":"States.MathRandom(1, 1000)"},"End":true}}}
        """
        let (first, _) = try EngineTestSupport.run(text)
        let (second, _) = try EngineTestSupport.run(text)
        guard case .succeeded(let a) = first.status, case .succeeded(let b) = second.status else { Issue.record("failed"); return }
        #expect(a == b)
        let (other, _) = try EngineTestSupport.run(text, options: EngineOptions(randomSeed: 7))
        guard case .succeeded(let c) = other.status else { Issue.record("failed"); return }
        #expect(a != c)
    }
}

@Suite("Persistence by replay")
struct ReplayTests {
    static let definition = """
    {"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":10}],"Next":"W"},
      "W":{"Type":"Wait","Seconds":60,"Next":"P"},
      "P":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}}},
                                          {"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}}}
    """

    /// Runs the execution step by step, and after every step rebuilds it from the journal: the rebuilt machine
    /// has the same history, status and outstanding work, so a restart can resume anywhere.
    @Test func replayedJournalRestoresTheExecutionAfterEveryStep() throws {
        let definition = try EngineTestSupport.definition(Self.definition)
        let context = EngineTestSupport.context(input: ["n": 1])
        var machine = ExecutionMachine(definition: definition, context: context)
        var now = EngineTestSupport.start
        var pending = machine.start(at: now)
        var journal: [(EngineEvent, RFC3339.Instant)] = []
        var failedOnce = false
        var steps = 0
        while !machine.status.isFinished, steps < 50 {
            steps += 1
            let rebuilt = ExecutionMachine.replay(definition: definition, context: context, startedAt: EngineTestSupport.start, events: journal)
            #expect(rebuilt.history.map(\.jsonValue) == machine.history.map(\.jsonValue))
            #expect(rebuilt.outstandingActions.count == machine.outstandingActions.count)
            let event: EngineEvent
            if let task = pending.compactMap({ if case .invokeTask(let t) = $0 { t } else { nil } }).first {
                if !failedOnce {
                    failedOnce = true
                    event = .taskFailed(taskID: task.taskID, error: "Flaky", cause: "first try")
                } else {
                    event = .taskSucceeded(taskID: task.taskID, output: ["done": .string(task.stateName)])
                }
            } else if let timer = machine.outstandingActions.compactMap({ if case .startTimer(let id, let at) = $0 { (id, at) } else { nil } }).first {
                now = timer.1
                event = .timerFired(timerID: timer.0)
            } else if let task = machine.outstandingActions.compactMap({ if case .invokeTask(let t) = $0 { t } else { nil } }).first {
                event = .taskSucceeded(taskID: task.taskID, output: ["done": .string(task.stateName)])
            } else {
                Issue.record("stuck with nothing outstanding")
                return
            }
            journal.append((event, now))
            pending = machine.handle(event, at: now)
        }
        guard case .succeeded(let output) = machine.status else { Issue.record("not succeeded: \(machine.status)"); return }
        #expect(output == [["done": "A"], ["done": "T"]])
        let rebuilt = ExecutionMachine.replay(definition: definition, context: context, startedAt: EngineTestSupport.start, events: journal)
        #expect(rebuilt.status.name == "SUCCEEDED")
        #expect(rebuilt.history.count == machine.history.count)
    }
}

@Suite("Map batching and unsupported readers")
struct MapBatchingTests {
    @Test func itemBatcherGroupsItems() throws {
        let (machine, _) = try EngineTestSupport.run("""
        {"StartAt":"M","States":{"M":{"Type":"Map","ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"k":"v"}},
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
            "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
        """, input: [1, 2, 3, 4, 5])
        guard case .succeeded(let output) = machine.status else { Issue.record("not succeeded: \(machine.status)"); return }
        #expect(output == [["BatchInput": ["k": "v"], "Items": [1, 2]], ["BatchInput": ["k": "v"], "Items": [3, 4]],
                           ["BatchInput": ["k": "v"], "Items": [5]]])
        #expect(EngineTestSupport.types(machine) == ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted",
                                                     "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"])
    }

    @Test func itemReaderAsksTheHostForTheObjectAndParsesIt() throws {
        var asked: [TaskInvocation] = []
        let (machine, _) = try EngineTestSupport.run("""
        {"StartAt":"M","States":{"M":{"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
          "ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW","MaxItems":2},"Parameters":{"Bucket.$":"$.b","Key":"k"}},
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
            "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
        """, input: ["b": "bucket"], answer: { invocation in
            asked.append(invocation)
            return .success(.string("B,A\n1,\"x,y\"\n2\n3,z\n"))
        })
        #expect(asked.map(\.resource) == ["arn:aws:states:::s3:getObject"])
        #expect(asked.first?.input == ["Bucket": "bucket", "Key": "k"])
        guard case .succeeded(let output) = machine.status else { Issue.record("expected success: \(machine.status)"); return }
        #expect(output == [["A": "x,y", "B": "1"], ["A": "", "B": "2"]])
        #expect(EngineTestSupport.types(machine) == ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted",
                                                     "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"])
    }

    @Test(arguments: [#"{"InputType":"MANIFEST"}"#, #"{"ManifestType":"S3_INVENTORY"}"#])
    func itemReaderOfAnInventoryManifestReadsItsDataFilesRows(config: String) throws {
        var asked: [TaskInvocation] = []
        let (machine, _) = try EngineTestSupport.run("""
        {"StartAt":"M","States":{"M":{"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
          "ReaderConfig":\(config),"Parameters":{"Bucket":"reports","Key":"inv/manifest.json"}},
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
            "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
        """, input: [:], answer: { invocation in
            asked.append(invocation)
            return .success(["fileSchema": "Bucket, Key, Size", "files": [
                "\"src\",\"a.csv\",\"3\"\n", "\"src\",\"b%20c.txt\",\"10\"\n\"src\",\"d\",\"0\"\n"]])
        })
        #expect(asked.map(\.readsInventoryManifest) == [true])
        #expect(asked.first?.input == ["Bucket": "reports", "Key": "inv/manifest.json"])
        guard case .succeeded(let output) = machine.status else { Issue.record("expected success: \(machine.status)"); return }
        #expect(output == [["Bucket": "src", "Key": "a.csv", "Size": "3"], ["Bucket": "src", "Key": "b%20c.txt", "Size": "10"],
                           ["Bucket": "src", "Key": "d", "Size": "0"]])
    }

    @Test func itemReaderFailuresFailTheRun() throws {
        let (machine, _) = try EngineTestSupport.run("""
        {"StartAt":"M","States":{"M":{"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},
          "Parameters":{"Bucket":"b","Key":"k"}},
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
            "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
        """, input: [1], answer: { _ in .success(.string("{\"a\": 1}")) })
        guard case .failed(let error, let cause) = machine.status else { Issue.record("expected failure: \(machine.status)"); return }
        #expect(error == "States.ItemReaderFailed")
        #expect(cause == "Attempting to map over non-iterable node.")
        #expect(EngineTestSupport.types(machine) == ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted",
                                                     "MapRunFailed", "MapStateFailed", "ExecutionFailed"])
    }

    @Test func resultWriterPutsTheRunsResultsBeforeTheMapSucceeds() throws {
        var written: JSONValue = .null
        let (machine, _) = try EngineTestSupport.run("""
        {"StartAt":"M","States":{"M":{"Type":"Map","Label":"L",
          "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix":"runs"}},
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
            "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
        """, input: ["a", "b"], answer: { invocation in
            written = invocation.input
            return .success(.null)
        })
        guard case .succeeded(let output) = machine.status, let run = machine.mapRuns.first else {
            Issue.record("expected success: \(machine.status)")
            return
        }
        let runID = String(run.arn.split(separator: ":").last ?? "")
        #expect(output == ["MapRunArn": .string(run.arn),
                           "ResultWriterDetails": ["Bucket": "out", "Key": .string("runs/\(runID)/manifest.json")]])
        guard case .array(let files)? = written["Files"] else { Issue.record("no files: \(written)"); return }
        #expect(files.compactMap { $0["Key"]?.stringValue } == ["runs/\(runID)/SUCCEEDED_0.json", "runs/\(runID)/manifest.json"])
    }
}

@Suite("Variable quotas")
struct VariableQuotaTests {
    @Test func oversizedVariableFailsWithDataLimitExceeded() throws {
        let big = String(repeating: "v", count: 150_000)
        let (machine, _) = try EngineTestSupport.run("""
        {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"big.$":"States.Array($.big, $.big)"},"OutputPath":"$.small","End":true}}}
        """, input: ["big": .string(big), "small": 1])
        guard case .failed(let error, let cause) = machine.status else { Issue.record("expected failure: \(machine.status)"); return }
        #expect(error == "States.DataLimitExceeded")
        #expect(cause?.contains("'big'") == true)
    }

    @Test func serializedByteCountMatchesThePrinter() {
        let value: JSONValue = ["a": [1, 2.5, "x\n\"y", true, .null], "é": ["k": []], "e": [:]]
        #expect(value.serializedByteCount == value.serializedString().utf8.count)
    }
}
