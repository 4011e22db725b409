import Foundation
import StratusAPIStepFunctions
import StratusJSON
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting
import Testing

@Suite struct ActivityTests {
    typealias SF = StepFunctions
    let context = StepFunctionsFixture.context

    /// A durable service whose runner fires timers only when asked (the clock is moved by hand).
    struct Harness {
        let service: StepFunctionsService
        let store: SQLiteStepFunctionsStore
        let clock: ManualClock

        init(store: SQLiteStepFunctionsStore? = nil, clock: ManualClock = ManualClock()) throws {
            let store = try store ?? SQLiteStepFunctionsStore(database: SQLiteDatabase.inMemory(name: "stepfunctions"))
            self.store = store
            self.clock = clock
            service = StepFunctionsService(
                store: store, clock: clock, ids: CountingIDs(),
                runner: StepFunctionsRunner(clock: clock, store: store, automaticTimers: false))
        }

        /// A harness over the same store: as after a restart.
        func restarted() throws -> Harness { try Harness(store: store, clock: clock) }
    }

    func error(_ body: () async throws -> Void) async -> (code: String, message: String)? {
        do {
            try await body()
            return nil
        } catch let error as AWSServiceError {
            return (error.code.code, error.message ?? "")
        } catch {
            return ("\(error)", "")
        }
    }

    static func taskDefinition(_ activityArn: String, extra: String = "") -> String {
        #"{"StartAt":"ActivityTask","States":{"ActivityTask":{"Type":"Task","Resource":"\#(activityArn)"\#(extra),"End":true}}}"#
    }

    func machine(_ service: StepFunctionsService, _ name: String, _ definition: String) async throws -> String {
        try await service.createStateMachine(
            .init(name: name, definition: definition, roleArn: StepFunctionsFixture.role), context: context
        ).stateMachineArn
    }

    func start(_ service: StepFunctionsService, _ machine: String, _ name: String, input: String = #"{"Value1":"HelloWorld"}"#)
        async throws -> String
    {
        try await service.startExecution(.init(stateMachineArn: machine, name: name, input: input), context: context)
            .executionArn
    }

    func poll(_ service: StepFunctionsService, _ activity: String, worker: String = "worker-1", timeout: Duration = .milliseconds(20))
        async throws -> SF.GetActivityTaskOutput
    {
        try await service.getActivityTask(
            .init(activityArn: activity, workerName: worker), context: context, pollTimeout: timeout)
    }

    func eventTypes(_ service: StepFunctionsService, _ execution: String) async throws -> [String] {
        try await service.getExecutionHistory(.init(executionArn: execution), context: context).events.map(\.type.rawValue)
    }

    // MARK: CRUD

    @Test func createDescribeListDeleteAsRecorded() async throws {
        let harness = try Harness()
        let service = harness.service
        let created = try await service.createActivity(.init(name: "activity.name.v2"), context: context)
        #expect(created.activityArn == "arn:aws:states:us-east-1:000000000000:activity:activity.name.v2")
        #expect(created.creationDate == Date(timeIntervalSince1970: 1_700_000_000))
        harness.clock.advance(seconds: 5)
        let again = try await service.createActivity(
            .init(name: "activity.name.v2", tags: [.init(key: "other", value: "tags")]), context: context)
        #expect(again == created)
        let described = try await service.describeActivity(.init(activityArn: created.activityArn), context: context)
        #expect(described.name == "activity.name.v2")
        #expect(described.creationDate == created.creationDate)
        #expect(described.encryptionConfiguration == SF.EncryptionConfiguration(type: .awsOwnedKey))

        for name in ["b", "a", "c"] { _ = try await service.createActivity(.init(name: name), context: context) }
        let first = try await service.listActivities(.init(maxResults: 2), context: context)
        #expect(first.activities.map(\.name) == ["a", "activity.name.v2"])
        let next = try #require(first.nextToken)
        let second = try await service.listActivities(.init(maxResults: 2, nextToken: next), context: context)
        #expect(second.activities.map(\.name) == ["b", "c"])
        #expect(second.nextToken == nil)
        let foreign = await error { _ = try await service.listActivities(.init(nextToken: "bm9wZQ=="), context: context) }
        #expect(foreign?.code == "InvalidToken")

        _ = try await service.deleteActivity(.init(activityArn: created.activityArn), context: context)
        _ = try await service.deleteActivity(.init(activityArn: created.activityArn), context: context)
        let gone = await error { _ = try await service.describeActivity(.init(activityArn: created.activityArn), context: context) }
        #expect(gone?.code == "ActivityDoesNotExist")
        #expect(gone?.message == "Activity Does Not Exist: '\(created.activityArn)'")
        #expect(try await service.listActivities(.init(), context: context).activities.map(\.name) == ["a", "b", "c"])
    }

    @Test func namesArnsTagsAndEncryptionAreChecked() async throws {
        let service = try Harness().service
        for name in ["activity name", "activity<name", "activity:name", "activity/name", "\u{0}activity", "activity\u{7f}"] {
            let refused = await error { _ = try await service.createActivity(.init(name: name), context: context) }
            #expect(refused?.code == "InvalidName")
            #expect(refused?.message == "Invalid Name: '\(name)'")
        }
        let invalid = await error {
            _ = try await service.describeActivity(.init(activityArn: "no_an_activity_arn"), context: context)
        }
        #expect(invalid?.code == "InvalidArn")
        #expect(invalid?.message == "Invalid Arn: 'Invalid ARN prefix: no_an_activity_arn'")
        let pollInvalid = await error { _ = try await poll(service, "no_an_activity_arn") }
        #expect(pollInvalid?.message == "Invalid Arn: 'Invalid ARN prefix: no_an_activity_arn'")
        let deleteInvalid = await error { _ = try await service.deleteActivity(.init(activityArn: "x"), context: context) }
        #expect(deleteInvalid?.code == "InvalidArn")
        let unknown = "arn:aws:states:us-east-1:000000000000:activity:nope"
        let pollUnknown = await error { _ = try await poll(service, unknown) }
        #expect(pollUnknown?.code == "ActivityDoesNotExist")
        let encrypted = await error {
            _ = try await service.createActivity(
                .init(name: "e", encryptionConfiguration: .init(type: .customerManagedKmsKey)), context: context)
        }
        #expect(encrypted?.code == "ValidationException")
        let tooMany = (0..<51).map { SF.Tag(key: "k\($0)", value: "v") }
        let refusedTags = await error { _ = try await service.createActivity(.init(name: "t", tags: tooMany), context: context) }
        #expect(refusedTags?.code == "TooManyTags")

        let arn = try await service.createActivity(
            .init(name: "tagged", tags: [.init(key: "a", value: "1")]), context: context
        ).activityArn
        _ = try await service.tagResource(.init(resourceArn: arn, tags: [.init(key: "b", value: "2"), .init(key: "a", value: "3")]), context: context)
        _ = try await service.untagResource(.init(resourceArn: arn, tagKeys: ["b"]), context: context)
        let tags = try await service.listTagsForResource(.init(resourceArn: arn), context: context).tags
        #expect(tags == [SF.Tag(key: "a", value: "3")])
        let missing = await error { _ = try await service.listTagsForResource(.init(resourceArn: unknown), context: context) }
        #expect(missing?.code == "ResourceNotFound")
    }

    // MARK: Activity tasks

    @Test func aWorkerTakesTheTaskAndSucceedsItWithTheRecordedHistory() async throws {
        let harness = try Harness()
        let service = harness.service
        let activity = try await service.createActivity(.init(name: "act"), context: context).activityArn
        let machine = try await machine(service, "m", Self.taskDefinition(activity))
        let execution = try await start(service, machine, "e1")
        #expect(await service.runner.queuedActivityTasks(activityArn: activity) == 1)
        let task = try await poll(service, activity, worker: "BASE_ID_ACTIVITY_CONSUMER")
        let token = try #require(task.taskToken)
        #expect(task.input == #"{"Value1":"HelloWorld"}"#)
        #expect(try await eventTypes(service, execution) == [
            "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
        ])
        _ = try await service.sendTaskHeartbeat(.init(taskToken: token), context: context)
        _ = try await service.sendTaskSuccess(.init(taskToken: token, output: #"{"Value1":"HelloWorld"}"#), context: context)
        let done = try await service.describeExecution(.init(executionArn: execution), context: context)
        #expect(done.status == .succeeded)
        #expect(done.output == #"{"Value1":"HelloWorld"}"#)
        let history = try await service.getExecutionHistory(.init(executionArn: execution), context: context).events
        #expect(history.map(\.type.rawValue) == [
            "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded",
            "TaskStateExited", "ExecutionSucceeded",
        ])
        #expect(history[2].activityScheduledEventDetails?.resource == activity)
        #expect(history[3].activityStartedEventDetails?.workerName == "BASE_ID_ACTIVITY_CONSUMER")
        #expect(history[3].previousEventId == 3)
        let late = await error { _ = try await service.sendTaskSuccess(.init(taskToken: token, output: "{}"), context: context) }
        #expect(late?.code == "TaskTimedOut")
        #expect(try await poll(service, activity).taskToken == nil)
    }

    @Test func aWaitingPollWakesWhenATaskIsScheduled() async throws {
        let service = try Harness().service
        let activity = try await service.createActivity(.init(name: "act"), context: context).activityArn
        let machine = try await machine(service, "m", Self.taskDefinition(activity))
        async let polled = poll(service, activity, worker: "w", timeout: .seconds(30))
        while await service.runner.waitingPolls(activityArn: activity) == 0 { await Task.yield() }
        let execution = try await start(service, machine, "e1", input: #"{"n":1}"#)
        let task = try await polled
        #expect(task.input == #"{"n":1}"#)
        let token = try #require(task.taskToken)
        #expect(await service.runner.waitingPolls(activityArn: activity) == 0)
        _ = try await service.sendTaskFailure(.init(taskToken: token, error: "Boom", cause: "why"), context: context)
        let failed = try await service.describeExecution(.init(executionArn: execution), context: context)
        #expect(failed.status == .failed)
        #expect(failed.error == "Boom")
        #expect(try await eventTypes(service, execution).suffix(2) == ["ActivityFailed", "ExecutionFailed"])
    }

    @Test func tasksAreHandedOutOldestFirstAndAPollWithoutWorkAnswersNoToken() async throws {
        let service = try Harness().service
        let activity = try await service.createActivity(.init(name: "act"), context: context).activityArn
        #expect(try await poll(service, activity) == SF.GetActivityTaskOutput())
        let machine = try await machine(service, "m", Self.taskDefinition(activity))
        for index in 1...3 { _ = try await start(service, machine, "e\(index)", input: #"{"n":\#(index)}"#) }
        var inputs: [String?] = []
        for _ in 1...3 { inputs.append(try await poll(service, activity).input) }
        #expect(inputs == [#"{"n":1}"#, #"{"n":2}"#, #"{"n":3}"#])
        #expect(try await poll(service, activity).taskToken == nil)
    }

    @Test func aTaskOnAMissingActivityFailsTheExecutionWithStatesRuntime() async throws {
        let service = try Harness().service
        let activity = try await service.createActivity(.init(name: "act"), context: context).activityArn
        _ = try await service.deleteActivity(.init(activityArn: activity), context: context)
        let machine = try await machine(
            service, "m", Self.taskDefinition(activity, extra: #","Catch":[{"ErrorEquals":["States.ALL"],"Next":"X"}]"#)
                .replacingOccurrences(of: #""End":true}}"#, with: #""End":true},"X":{"Type":"Succeed"}}"#))
        let execution = try await start(service, machine, "e1")
        let failed = try await service.describeExecution(.init(executionArn: execution), context: context)
        #expect(failed.status == .failed)
        #expect(failed.error == "States.Runtime")
        #expect(failed.cause == "An error occurred while executing the state 'ActivityTask' (entered at the event id #2). "
            + "The activity \(activity) does not exist.")
    }

    @Test func stoppingOrTimingOutRemovesTheQueuedTask() async throws {
        let harness = try Harness()
        let service = harness.service
        let activity = try await service.createActivity(.init(name: "act"), context: context).activityArn
        let machine = try await machine(service, "m", Self.taskDefinition(activity, extra: #","TimeoutSeconds":5"#))
        let stopped = try await start(service, machine, "stopped")
        _ = try await service.stopExecution(.init(executionArn: stopped), context: context)
        let timedOut = try await start(service, machine, "timed-out")
        #expect(await service.runner.queuedActivityTasks(activityArn: activity) == 1)
        harness.clock.advance(seconds: 5)
        try await service.runner.fireDueTimers()
        #expect(await service.runner.queuedActivityTasks(activityArn: activity) == 0)
        #expect(try await poll(service, activity).taskToken == nil)
        let history = try await service.getExecutionHistory(.init(executionArn: timedOut), context: context).events
        #expect(history.map(\.type.rawValue).suffix(2) == ["ActivityTimedOut", "ExecutionFailed"])
        #expect(history.last?.executionFailedEventDetails?.error == "States.Timeout")
    }

    @Test func heartbeatsKeepAStartedTaskAliveUntilTheyStop() async throws {
        let harness = try Harness()
        let service = harness.service
        let activity = try await service.createActivity(.init(name: "act"), context: context).activityArn
        let machine = try await machine(
            service, "m", Self.taskDefinition(activity, extra: #","TimeoutSeconds":60,"HeartbeatSeconds":10"#))
        let execution = try await start(service, machine, "e")
        let token = try #require(try await poll(service, activity).taskToken)
        harness.clock.advance(seconds: 8)
        _ = try await service.sendTaskHeartbeat(.init(taskToken: token), context: context)
        harness.clock.advance(seconds: 8)
        try await service.runner.fireDueTimers()
        #expect(try await service.describeExecution(.init(executionArn: execution), context: context).status == .running)
        harness.clock.advance(seconds: 3)
        try await service.runner.fireDueTimers()
        let history = try await service.getExecutionHistory(.init(executionArn: execution), context: context).events
        #expect(history[2].activityScheduledEventDetails?.heartbeatInSeconds == 10)
        #expect(history[2].activityScheduledEventDetails?.timeoutInSeconds == 60)
        #expect(history.map(\.type.rawValue).suffix(2) == ["ActivityTimedOut", "ExecutionFailed"])
        #expect(history.last?.executionFailedEventDetails?.error == "States.HeartbeatTimeout")
        let late = await error { _ = try await service.sendTaskHeartbeat(.init(taskToken: token), context: context) }
        #expect(late?.code == "TaskTimedOut")
    }

    @Test func resetEndsWaitingPolls() async throws {
        let service = try Harness().service
        let activity = try await service.createActivity(.init(name: "act"), context: context).activityArn
        async let polled = poll(service, activity, timeout: .seconds(30))
        while await service.runner.waitingPolls(activityArn: activity) == 0 { await Task.yield() }
        await service.runner.reset()
        #expect(try await polled.taskToken == nil)
    }

    // MARK: Durability

    @Test func queuedAndStartedTasksSurviveARestart() async throws {
        let first = try Harness()
        let activity = try await first.service.createActivity(.init(name: "act"), context: context).activityArn
        let machine = try await machine(first.service, "m", Self.taskDefinition(activity))
        let started = try await start(first.service, machine, "started", input: #"{"n":1}"#)
        let queued = try await start(first.service, machine, "queued", input: #"{"n":2}"#)
        let token = try #require(try await poll(first.service, activity).taskToken)

        let second = try first.restarted()
        #expect(try await second.service.describeActivity(.init(activityArn: activity), context: context).name == "act")
        let requeued = try await poll(second.service, activity)
        #expect(requeued.input == #"{"n":2}"#)
        #expect(try await poll(second.service, activity).taskToken == nil)
        _ = try await second.service.sendTaskSuccess(.init(taskToken: token, output: #"{"done":1}"#), context: context)
        let done = try await second.service.describeExecution(.init(executionArn: started), context: context)
        #expect(done.status == .succeeded)
        #expect(done.output == #"{"done":1}"#)
        #expect(try await eventTypes(second.service, started).filter { $0 == "ActivityStarted" }.count == 1)

        // After another restart the answered token is remembered as closed; the re-queued one still works.
        let third = try second.restarted()
        let closed = await error { _ = try await third.service.sendTaskSuccess(.init(taskToken: token, output: "{}"), context: context) }
        #expect(closed?.code == "TaskTimedOut")
        let secondToken = try #require(requeued.taskToken)
        _ = try await third.service.sendTaskSuccess(.init(taskToken: secondToken, output: "{}"), context: context)
        #expect(try await third.service.describeExecution(.init(executionArn: queued), context: context).status == .succeeded)
    }
}
