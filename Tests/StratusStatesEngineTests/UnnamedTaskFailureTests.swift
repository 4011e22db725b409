import OrderedCollections
import StratusASL
import StratusJSON
@testable import StratusStatesEngine
import Testing

/// A task failure reported without an error name (`SendTaskFailure` with neither `error` nor `cause`), as AWS
/// recorded it (`test_sqs_failure_in_wait_for_task_tok_no_error_field`).
@Suite struct UnnamedTaskFailureTests {
    static let caught = """
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters":{"QueueUrl":"q","MessageBody.$":"$$.Task.Token"},
          "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"C"}],"End":true},
         "C":{"Type":"Pass","End":true}}}
        """

    @Test func theHistoryHasNoErrorAndTheErrorOutputIsNull() throws {
        let machine = try AbortedStateTests.run(Self.caught) { task, _ in
            .taskFailed(taskID: task.taskID, error: "", cause: nil)
        }
        let failed = try #require(machine.history.first { $0.type == "TaskFailed" })
        #expect(failed.jsonValue["taskFailedEventDetails"] == .object([
            "resourceType": "sqs", "resource": "sendMessage.waitForTaskToken"]))
        guard case .succeeded(let output) = machine.status else { Issue.record("not caught"); return }
        #expect(output["error"] == .object(["Error": .null, "Cause": .null]))
    }

    @Test func uncaughtItEndsTheExecutionWithoutAnError() throws {
        let machine = try AbortedStateTests.run("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters":{"QueueUrl":"q","MessageBody.$":"$$.Task.Token"},"End":true}}}
            """) { task, _ in .taskFailed(taskID: task.taskID, error: "", cause: nil) }
        let failed = try #require(machine.history.last)
        #expect(failed.type == "ExecutionFailed")
        #expect(failed.jsonValue["executionFailedEventDetails"] == .object([:]))
    }
}
