// StepFunctionsRunner+Activities: Task states on activities, and the GetActivityTask long polls that take them.
import Foundation
import OrderedCollections
import ServiceLifecycle
import StratusJSON
import StratusStatesEngine

extension StepFunctionsRunner {
    /// How long a `GetActivityTask` poll waits for a task, as AWS documents it.
    package static let activityPollTimeout: Duration = .seconds(60)

    // MARK: Activities

    /// Notes that an activity exists (after `CreateActivity` stored it), so Task states may queue work on it.
    package func activityCreated(arn: String) async throws {
        try await recovered()
        activityDispatcher.known.insert(arn)
    }

    /// Notes that an activity was deleted: Task states entered from now on fail as AWS fails them; tasks already
    /// queued stay queued (they end with their execution or timeout) and waiting polls end at their deadline.
    package func activityDeleted(arn: String) async throws {
        try await recovered()
        activityDispatcher.known.remove(arn)
    }

    // MARK: Scheduling (called while the runner applies engine actions)

    /// Queues the work of a Task state whose resource is an activity, or hands it straight to the oldest waiting
    /// poll. Returns the event the engine must handle at once: `taskStarted` when a poll took it, `taskFailed`
    /// (`States.Runtime`, uncatchable, as AWS fails it) when the activity does not exist, `nil` when it was queued
    /// (or, during recovery, when a worker holds it already).
    func scheduleActivity(_ invocation: TaskInvocation, executionArn: String, history: [HistoryEvent]) -> EngineEvent? {
        let key = TaskKey(executionArn: executionArn, taskID: invocation.taskID)
        let activityArn = invocation.resource
        if activityDispatcher.isRecovering, let started = activityDispatcher.recoveredTokens.removeValue(forKey: key) {
            open(key, token: started.token)
            return nil
        }
        guard activityDispatcher.isRecovering || activityDispatcher.known.contains(activityArn) else {
            return .taskFailed(
                taskID: invocation.taskID, error: "States.Runtime",
                cause: Self.runtimeCausePrefix(stateName: invocation.stateName, history: history)
                    + "The activity \(activityArn) does not exist.")
        }
        open(key, token: nil)
        let input = invocation.input.serializedString()
        guard let poll = activityDispatcher.takePoll(activityArn: activityArn) else {
            activityDispatcher.enqueue(.init(key: key, activityArn: activityArn, input: input))
            return nil
        }
        let handout = issueToken(for: key, activityArn: activityArn, input: input)
        poll.deadline?.cancel()
        poll.continuation.resume(returning: handout)
        return .taskStarted(taskID: invocation.taskID, workerName: poll.workerName)
    }

    /// AWS's prefix of a run-time fault's cause: the state and the id of its latest `TaskStateEntered` event.
    private static func runtimeCausePrefix(stateName: String, history: [HistoryEvent]) -> String {
        let entered = history.last { event in
            guard event.type == "TaskStateEntered", case .object(let details)? = event.details,
                case .object(let entered)? = details["stateEnteredEventDetails"],
                case .string(let name)? = entered["name"]
            else { return false }
            return name == stateName
        }
        guard let entered else { return "" }
        return "An error occurred while executing the state '\(stateName)' (entered at the event id #\(entered.id)). "
    }

    /// Gives a task a fresh token (registered for the callbacks).
    private func issueToken(for key: TaskKey, activityArn: String, input: String) -> ActivityTaskHandout {
        let token = UUID().uuidString.lowercased()
        open(key, token: token)
        return ActivityTaskHandout(
            task: StartedActivityTask(
                token: token, executionArn: key.executionArn, taskID: key.taskID, activityArn: activityArn),
            input: input)
    }

    // MARK: GetActivityTask

    /// `GetActivityTask`: the oldest task queued on the activity, or the first one scheduled within `timeout`
    /// (woken by the scheduling, no polling), handed to `workerName` (`ActivityStarted`); `nil` if none came in
    /// time, or if the poll was cancelled (client gone, server shutdown, ``reset()``). Answers once the
    /// `ActivityStarted` event and the token are durable, so the token works after a restart.
    /// - Throws: `ActivityDoesNotExist` for an activity that does not exist.
    package func pollActivityTask(
        activityArn: String, workerName: String, timeout: Duration = activityPollTimeout
    ) async throws -> ActivityTaskHandout? {
        try await recovered()
        guard activityDispatcher.known.contains(activityArn) else {
            throw StepFunctionsService.activityDoesNotExist(activityArn)
        }
        let handout: ActivityTaskHandout?
        if let queued = activityDispatcher.dequeue(activityArn: activityArn) {
            let issued = issueToken(for: queued.key, activityArn: activityArn, input: queued.input)
            handle(.taskStarted(taskID: queued.key.taskID, workerName: workerName), for: queued.key.executionArn)
            handout = issued
        } else {
            let id = activityDispatcher.nextPollID
            activityDispatcher.nextPollID += 1
            // The poll ends early when its request is cancelled or the server begins a graceful shutdown (the
            // HTTP server stops before this runner does, and would otherwise wait for the poll).
            handout = await withGracefulShutdownHandler {
                await withTaskCancellationHandler {
                    await withCheckedContinuation { continuation in
                        if Task.isCancelled || Task.isShuttingDownGracefully {
                            continuation.resume(returning: nil)
                            return
                        }
                        // The one documented bridge of a poll: a sleeping task that ends it at its deadline.
                        let deadline = Task { [weak self] in
                            do { try await Task.sleep(for: timeout) } catch { return }
                            await self?.endPoll(id: id)
                        }
                        activityDispatcher.addPoll(.init(
                            id: id, activityArn: activityArn, workerName: workerName, continuation: continuation,
                            deadline: deadline))
                    }
                } onCancel: {
                    Task { await self.endPoll(id: id) }
                }
            } onGracefulShutdown: {
                Task { await self.endPoll(id: id) }
            }
        }
        guard let handout else { return nil }
        if isDurable(handout.task.executionArn), let store {
            let task = handout.task
            enqueue(for: task.executionArn) { try await store.insertStartedActivityTask(task) }
        }
        try await committed(for: handout.task.executionArn)
        return handout
    }

    /// Ends a waiting poll without a task (deadline reached or cancelled); nothing if it ended already.
    func endPoll(id: Int) {
        guard let poll = activityDispatcher.removePoll(id: id) else { return }
        poll.deadline?.cancel()
        poll.continuation.resume(returning: nil)
    }

    /// Ends every waiting poll without a task (server shutdown, reset).
    func endAllActivityPolls() {
        for poll in activityDispatcher.removeAllPolls() {
            poll.deadline?.cancel()
            poll.continuation.resume(returning: nil)
        }
    }

    /// Forgets every activity, queued task and waiting poll (`/_stratus/reset`).
    func resetActivities() {
        endAllActivityPolls()
        activityDispatcher.removeAllTasks()
        activityDispatcher.known.removeAll()
    }

    // MARK: Recovery

    /// Loads the activities and the tokens handed out before a restart; until ``finishActivityRecovery()`` the
    /// re-invoked activity tasks are re-queued (or, if a worker holds one, given its old token back).
    func recoverActivities(from store: any StepFunctionsStore) async throws {
        activityDispatcher.known = Set(try await store.activityArns())
        for task in try await store.startedActivityTasks() {
            activityDispatcher.recoveredTokens[TaskKey(executionArn: task.executionArn, taskID: task.taskID)] = task
        }
        activityDispatcher.isRecovering = true
    }

    /// Ends recovery: tokens of tasks that had closed before the restart now answer `TaskTimedOut`.
    func finishActivityRecovery() {
        activityDispatcher.isRecovering = false
        let leftovers = activityDispatcher.recoveredTokens
        activityDispatcher.recoveredTokens.removeAll()
        for (key, task) in leftovers where !isActive(key) {
            open(key, token: task.token)
            close(key)
        }
    }
}

extension StepFunctionsRunner {
    /// How many `GetActivityTask` polls wait on an activity right now (observability and tests).
    package func waitingPolls(activityArn: String) -> Int { activityDispatcher.polls[activityArn]?.count ?? 0 }

    /// How many tasks are queued on an activity right now, not yet taken by a worker (observability and tests).
    package func queuedActivityTasks(activityArn: String) -> Int { activityDispatcher.queues[activityArn]?.count ?? 0 }
}
