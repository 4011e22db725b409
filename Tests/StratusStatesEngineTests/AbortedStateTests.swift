import OrderedCollections
import StratusASL
import StratusJSON
@testable import StratusStatesEngine
import Testing

/// States left without exiting when their branch or iteration ends, as AWS records them (`…StateAborted`), and
/// tasks called again after a restart.
@Suite struct AbortedStateTests {
    /// Starts a machine and answers its Task invocations in order with `answers` (by invocation), returning it.
    static func run(_ text: String, input: JSONValue = .object([:]),
                    answer: (TaskInvocation, Int) -> EngineEvent?) throws -> ExecutionMachine {
        let definition = try EngineTestSupport.definition(text)
        var machine = ExecutionMachine(definition: definition, context: EngineTestSupport.context(input: input))
        var pending = machine.start(at: EngineTestSupport.start)
        var invocations: [TaskInvocation] = []
        var answered = 0
        while !machine.status.isFinished {
            invocations += pending.compactMap { if case .invokeTask(let task) = $0 { task } else { nil } }
            guard answered < invocations.count, let event = answer(invocations[answered], answered) else { break }
            answered += 1
            pending = machine.handle(event, at: EngineTestSupport.start)
        }
        return machine
    }

    @Test func aFailedTaskEndingItsBranchIsAbortedBeforeTheParallelFails() throws {
        // As recorded (SQS_PARALLEL_WAIT_FOR_TASK_TOKEN): TaskFailed, TaskStateAborted and ParallelStateFailed, the
        // last two linked to the failure.
        let machine = try Self.run("""
        {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
          {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}],
          "Catch":[{"ErrorEquals":["States.ALL"],"Next":"C"}],"End":true},
         "C":{"Type":"Pass","End":true}}}
        """) { task, _ in .taskFailed(taskID: task.taskID, error: "Boom", cause: "no") }
        #expect(EngineTestSupport.types(machine) == [
            "ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted", "TaskStateEntered", "TaskScheduled",
            "TaskStarted", "TaskFailed", "TaskStateAborted", "ParallelStateFailed", "ParallelStateExited",
            "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        #expect(machine.history.map(\.previousEventID) == [0, 0, 2, 3, 4, 5, 6, 7, 7, 9, 10, 11, 12])
    }

    @Test func aFailedIterationAbortsTheOthersAndTheirStates() throws {
        // As recorded (test_service_lambda_map_timeout): MapIterationFailed and TaskStateAborted for the iteration
        // that failed, MapIterationAborted and TaskStateAborted for each other running one, all linked to the failure.
        let machine = try Self.run("""
        {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},"End":true}}}
        """, input: [1, 2, 3]) { task, index in
            index == 0 ? .taskFailed(taskID: task.taskID, error: "Boom", cause: "no") : nil
        }
        let types = EngineTestSupport.types(machine)
        let failed = try #require(types.firstIndex(of: "TaskFailed"))
        #expect(Array(types[failed...]) == [
            "TaskFailed", "MapIterationFailed", "TaskStateAborted", "MapIterationAborted", "TaskStateAborted",
            "MapIterationAborted", "TaskStateAborted", "MapStateFailed", "ExecutionFailed"])
        let failureID = machine.history[failed].id
        #expect(machine.history[(failed + 1)...].dropLast().allSatisfy { $0.previousEventID == failureID })
    }

    @Test func aFailStateIsNotAborted() throws {
        let machine = try Self.run("""
        {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
          {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}],"End":true}}}
        """) { _, _ in nil }
        #expect(EngineTestSupport.types(machine) == [
            "ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted", "FailStateEntered", "ParallelStateFailed",
            "ExecutionFailed"])
    }

    @Test func aTaskCalledAgainIsSubmittedOnce() throws {
        // After a restart a callback task is called again (at least once); its TaskSubmitted stays single.
        let definition = try EngineTestSupport.definition("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}}
        """)
        var machine = ExecutionMachine(definition: definition, context: EngineTestSupport.context(input: [:]))
        let actions = machine.start(at: EngineTestSupport.start)
        let task = try #require(actions.compactMap { if case .invokeTask(let task) = $0 { task } else { nil } }.first)
        _ = machine.handle(.taskSubmitted(taskID: task.taskID, output: ["MessageId": "1"]), at: EngineTestSupport.start)
        _ = machine.handle(.taskSubmitted(taskID: task.taskID, output: ["MessageId": "2"]), at: EngineTestSupport.start)
        _ = machine.handle(.taskSucceeded(taskID: task.taskID, output: ["done": true]), at: EngineTestSupport.start)
        #expect(EngineTestSupport.types(machine).filter { $0 == "TaskSubmitted" }.count == 1)
        #expect(machine.status.name == "SUCCEEDED")
    }
}
