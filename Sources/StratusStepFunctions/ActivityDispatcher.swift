// ActivityDispatcher: the runner's bookkeeping of activities, their queued tasks and the workers polling them.
import StratusJSON

/// What ``StepFunctionsRunner`` knows about activities: which exist, the tasks queued on each (FIFO), the
/// `GetActivityTask` polls waiting on each (FIFO), and the tokens of tasks remembered from before a restart.
///
/// Guarantees: a plain value owned by the runner actor (so every change is serialized by it); a task is queued
/// at most once; ``dequeue(activityArn:)`` answers the oldest task; ``takePoll(activityArn:)`` the oldest poll;
/// ``forget(_:)`` removes a task wherever it is queued. It performs no I/O and never resumes a continuation itself.
struct ActivityDispatcher {
    /// A task waiting for a worker.
    struct Queued {
        /// The execution and engine task it answers.
        var key: StepFunctionsRunner.TaskKey
        /// The activity it waits on.
        var activityArn: String
        /// The task's effective input, as JSON text.
        var input: String
    }

    /// A `GetActivityTask` call waiting for a task.
    struct Poll {
        /// Tells this poll apart from the others.
        var id: Int
        /// The activity it polls.
        var activityArn: String
        /// The worker's name (recorded in `ActivityStarted`).
        var workerName: String
        /// Resumed with the task handed out, or `nil` when the poll ends without one.
        var continuation: CheckedContinuation<ActivityTaskHandout?, Never>
        /// The task that ends the poll at its deadline.
        var deadline: Task<Void, Never>?
    }

    /// Activity ARNs that exist (loaded from the store on recovery; kept by create and delete).
    var known: Set<String> = []
    /// Queued tasks by activity, oldest first.
    private(set) var queues: [String: [Queued]] = [:]
    /// Waiting polls by activity, oldest first.
    private(set) var polls: [String: [Poll]] = [:]
    /// The next poll id.
    var nextPollID = 0
    /// While stored executions are replayed: tasks are re-queued without checking that their activity exists.
    var isRecovering = false
    /// Tokens handed out before a restart, by task (consumed as recovery re-invokes the tasks).
    var recoveredTokens: [StepFunctionsRunner.TaskKey: StartedActivityTask] = [:]

    /// Queues a task at the end of its activity's queue.
    mutating func enqueue(_ task: Queued) {
        queues[task.activityArn, default: []].append(task)
    }

    /// The oldest task queued on an activity, removed from the queue.
    mutating func dequeue(activityArn: String) -> Queued? {
        guard var queue = queues[activityArn], !queue.isEmpty else { return nil }
        let first = queue.removeFirst()
        queues[activityArn] = queue.isEmpty ? nil : queue
        return first
    }

    /// Removes a task from whichever queue holds it (stopped, timed out, or answered).
    mutating func forget(_ key: StepFunctionsRunner.TaskKey) {
        for (arn, queue) in queues where queue.contains(where: { $0.key == key }) {
            let remaining = queue.filter { $0.key != key }
            queues[arn] = remaining.isEmpty ? nil : remaining
        }
    }

    /// Adds a waiting poll at the end of its activity's line.
    mutating func addPoll(_ poll: Poll) {
        polls[poll.activityArn, default: []].append(poll)
    }

    /// The oldest poll waiting on an activity, removed from the line.
    mutating func takePoll(activityArn: String) -> Poll? {
        guard var line = polls[activityArn], !line.isEmpty else { return nil }
        let first = line.removeFirst()
        polls[activityArn] = line.isEmpty ? nil : line
        return first
    }

    /// The poll with this id, removed from its line (`nil` if it ended already).
    mutating func removePoll(id: Int) -> Poll? {
        for (arn, line) in polls {
            guard let index = line.firstIndex(where: { $0.id == id }) else { continue }
            var remaining = line
            let poll = remaining.remove(at: index)
            polls[arn] = remaining.isEmpty ? nil : remaining
            return poll
        }
        return nil
    }

    /// Every waiting poll, removed (shutdown, reset).
    mutating func removeAllPolls() -> [Poll] {
        let all = polls.values.flatMap { $0 }
        polls.removeAll()
        return all
    }

    /// Forgets every queued task and recovered token (reset); polls are ended separately.
    mutating func removeAllTasks() {
        queues.removeAll()
        recoveredTokens.removeAll()
        isRecovering = false
    }
}
