import Foundation
import StratusAPISQS
import StratusAWSCore
import StratusServiceKit

extension SQSService {
    /// Starts moving the messages of a dead-letter queue back to their sources (or to `DestinationArn`).
    package func startMessageMoveTask(_ input: SQS.StartMessageMoveTaskRequest, context: RequestContext) async throws
        -> SQS.StartMessageMoveTaskResult
    {
        guard let source = try await queue(arn: input.sourceArn) else {
            throw Self.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.")
        }
        guard try await !deadLetterSources(of: source).isEmpty else {
            throw SQSFailure.invalidParameterValue("Source queue must be configured as a Dead Letter Queue.")
        }
        if let destination = input.destinationArn {
            guard let target = try await queue(arn: destination) else {
                throw Self.resourceNotFound("The resource that you specified for the DestinationArn parameter doesn't exist.")
            }
            guard target.id != source.id else {
                throw SQSFailure.invalidParameterValue("Source and destination queues must be different.")
            }
        }
        if let rate = input.maxNumberOfMessagesPerSecond, !(1...500).contains(rate) {
            throw SQSFailure.invalidParameter(
                "MaxNumberOfMessagesPerSecond", value: String(rate), reason: "Must be between 1 and 500, if provided.")
        }
        let now = nowMilliseconds()
        let counts = try await store.messageCounts(
            queueID: source.id, now: now, retentionCutoff: retentionCutoff(of: source, now: now))
        let task = SQSMoveTaskRecord(
            taskID: ids.next(), sourceArn: source.arn, destinationArn: input.destinationArn,
            maxNumberOfMessagesPerSecond: input.maxNumberOfMessagesPerSecond, status: "RUNNING", movedCount: 0,
            toMoveCount: counts.visible, startedAt: now)
        guard try await store.createMoveTask(task) else {
            throw AWSServiceError(
                SQSErrors.unsupportedOperation,
                "There is already a task running. Only one active task is allowed for a source queue arn at a given time.")
        }
        return SQS.StartMessageMoveTaskResult(taskHandle: Self.taskHandle(task))
    }

    /// The most recent move tasks of a dead-letter queue.
    package func listMessageMoveTasks(_ input: SQS.ListMessageMoveTasksRequest, context: RequestContext) async throws
        -> SQS.ListMessageMoveTasksResult
    {
        guard try await queue(arn: input.sourceArn) != nil else {
            throw Self.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.")
        }
        let limit = input.maxResults ?? 1
        guard (1...10).contains(limit) else {
            throw SQSFailure.invalidParameter("MaxResults", value: String(limit), reason: "Must be between 1 and 10, if provided.")
        }
        let tasks = try await store.moveTasks(sourceArn: input.sourceArn, limit: limit)
        return SQS.ListMessageMoveTasksResult(results: tasks.map { task in
            SQS.ListMessageMoveTasksResultEntry(
                taskHandle: task.status == "RUNNING" ? Self.taskHandle(task) : nil, status: task.status,
                sourceArn: task.sourceArn, destinationArn: task.destinationArn,
                maxNumberOfMessagesPerSecond: task.maxNumberOfMessagesPerSecond,
                approximateNumberOfMessagesMoved: task.movedCount,
                approximateNumberOfMessagesToMove: task.toMoveCount, failureReason: task.failureReason,
                startedTimestamp: Int(task.startedAt))
        })
    }

    /// Cancels a running move task; messages already moved stay moved.
    package func cancelMessageMoveTask(_ input: SQS.CancelMessageMoveTaskRequest, context: RequestContext) async throws
        -> SQS.CancelMessageMoveTaskResult
    {
        guard let taskID = Self.taskID(fromHandle: input.taskHandle) else {
            throw Self.resourceNotFound("Task does not exist.")
        }
        let updated = try await store.updateMoveTask(taskID: taskID) { task in
            guard task.status == "RUNNING" else { throw Self.resourceNotFound("Task does not exist.") }
            task.status = "CANCELLED"
        }
        guard let updated else { throw Self.resourceNotFound("Task does not exist.") }
        return SQS.CancelMessageMoveTaskResult(approximateNumberOfMessagesMoved: updated.movedCount)
    }

    /// Advances every running move task by one step of `seconds` worth of messages (the maintenance service
    /// calls this once a second). Returns how many messages moved.
    @discardableResult
    package func advanceMoveTasks(seconds: Int = 1) async throws -> Int {
        var total = 0
        for task in try await store.runningMoveTasks() {
            total += try await advance(task, seconds: seconds)
        }
        return total
    }

    private func advance(_ task: SQSMoveTaskRecord, seconds: Int) async throws -> Int {
        guard let source = try await queue(arn: task.sourceArn) else {
            _ = try await store.updateMoveTask(taskID: task.taskID) { record in
                record.status = "FAILED"
                record.failureReason = "AWS.SimpleQueueService.NonExistentQueue"
            }
            return 0
        }
        var destinationID: Int64?
        var destinations: [String: Int64] = [:]
        if let arn = task.destinationArn {
            guard let destination = try await queue(arn: arn) else {
                _ = try await store.updateMoveTask(taskID: task.taskID) { record in
                    record.status = "FAILED"
                    record.failureReason = "AWS.SimpleQueueService.NonExistentQueue"
                }
                return 0
            }
            destinationID = destination.id
        } else {
            for queue in try await store.allQueues() { destinations[queue.arn] = queue.id }
        }
        let remaining = max(0, task.toMoveCount - task.movedCount)
        let limit = min(remaining, (task.maxNumberOfMessagesPerSecond ?? 500) * max(1, seconds))
        let now = nowMilliseconds()
        var moved = 0
        var blocked = false
        if limit > 0 {
            (moved, blocked) = try await store.moveMessages(
                sourceQueueID: source.id, destinationQueueID: destinationID, destinations: destinations, limit: limit,
                now: now, retentionCutoff: retentionCutoff(of: source, now: now))
        }
        let finished = moved < limit || task.movedCount + moved >= task.toMoveCount
        let (movedNow, wasBlocked) = (moved, blocked)
        _ = try await store.updateMoveTask(taskID: task.taskID) { record in
            guard record.status == "RUNNING" else { return }
            record.movedCount += movedNow
            if wasBlocked {
                record.status = "FAILED"
                record.failureReason = "CouldNotDetermineMessageSource"
            } else if finished {
                record.status = "COMPLETED"
            }
        }
        if moved > 0 {
            if let destinationID { signals.signal(destinationID) } else { for id in destinations.values { signals.signal(id) } }
        }
        return moved
    }

    /// Queues whose redrive policy targets `queue`.
    func deadLetterSources(of queue: SQSQueueRecord) async throws -> [SQSQueueRecord] {
        try await store.allQueues().filter { candidate in
            candidate.attributes["RedrivePolicy"].flatMap { try? SQSRedrivePolicy(json: $0) }?.deadLetterTargetArn
                == queue.arn
        }
    }

    static func resourceNotFound(_ message: String) -> AWSServiceError {
        AWSServiceError(SQSErrors.resourceNotFoundException, message)
    }

    static func taskHandle(_ task: SQSMoveTaskRecord) -> String {
        let json = "{\"taskId\":\"\(task.taskID)\",\"sourceArn\":\"\(task.sourceArn)\"}"
        return Data(json.utf8).base64EncodedString()
    }

    static func taskID(fromHandle handle: String) -> String? {
        guard let data = Data(base64Encoded: handle),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return nil }
        return object["taskId"] as? String
    }
}
