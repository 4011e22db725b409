// SQSStoreTypes: the small values the SQS storage port exchanges.

/// A message to enqueue and, for FIFO queues, how to deduplicate and order it.
package struct SQSNewMessage: Sendable, Equatable {
    /// The message (its delivery state is "never received").
    package var record: SQSMessageRecord
    /// The deduplication key (FIFO): a send whose key was seen within the window is not enqueued again.
    package var deduplicationKey: String?

    /// Creates a new-message value.
    package init(record: SQSMessageRecord, deduplicationKey: String? = nil) {
        self.record = record
        self.deduplicationKey = deduplicationKey
    }
}

/// What the store did with one sent message.
package struct SQSSendReceipt: Sendable, Equatable {
    /// The message id (the original one when the send was a duplicate).
    package var messageID: String
    /// The FIFO sequence number, if the queue assigns them.
    package var sequenceNumber: Int64?
    /// `true` when the message was a duplicate within the deduplication window and was not enqueued.
    package var duplicate: Bool

    /// Creates a receipt.
    package init(messageID: String, sequenceNumber: Int64?, duplicate: Bool) {
        self.messageID = messageID
        self.sequenceNumber = sequenceNumber
        self.duplicate = duplicate
    }
}

/// Where a receive moves messages that were received too often.
package struct SQSRedriveTarget: Sendable, Equatable {
    /// The dead-letter queue's store id.
    package var deadLetterQueueID: Int64
    /// `true` when the dead-letter queue is FIFO (moved messages get sequence numbers).
    package var deadLetterQueueIsFIFO: Bool
    /// A message already received this often is moved instead of being received again.
    package var maxReceiveCount: Int
    /// The ARN of the source queue, recorded on moved messages.
    package var sourceArn: String

    /// Creates a target.
    package init(deadLetterQueueID: Int64, deadLetterQueueIsFIFO: Bool, maxReceiveCount: Int, sourceArn: String) {
        self.deadLetterQueueID = deadLetterQueueID
        self.deadLetterQueueIsFIFO = deadLetterQueueIsFIFO
        self.maxReceiveCount = maxReceiveCount
        self.sourceArn = sourceArn
    }
}

/// One atomic claim of due messages (what `ReceiveMessage` asks the store for).
///
/// The store must, in one transaction: pick up to `maxMessages` visible, unexpired messages (arrival order;
/// for FIFO queues skipping every group that has a message in flight, and keeping group order), move those
/// already received `redrive.maxReceiveCount` times to the dead-letter queue instead, and mark the picked ones
/// received (count + 1, first-receive time, a fresh receipt token from `receiptTokens`, `visibleAt =
/// visibleUntil`). An adapter may add its own locator to a token (the SQLite adapter prefixes the row id, so that
/// deletes need no index on message ids); the claimed record carries the token as stored, and that exact token
/// is what later deletes, visibility changes and attempt replays are given.
package struct SQSClaimRequest: Sendable, Equatable {
    /// The queue.
    package var queueID: Int64
    /// Now (ms).
    package var now: Int64
    /// Messages sent at or before this time (ms) are expired and never returned.
    package var retentionCutoff: Int64
    /// The new visibility deadline of claimed messages (ms).
    package var visibleUntil: Int64
    /// At most this many messages (1…10).
    package var maxMessages: Int
    /// FIFO ordering and group blocking apply.
    package var fifo: Bool
    /// Receipt tokens to hand out, at least `maxMessages` of them.
    package var receiptTokens: [String]
    /// The dead-letter policy, if the queue has one whose target exists.
    package var redrive: SQSRedriveTarget?

    /// Creates a claim.
    package init(
        queueID: Int64, now: Int64, retentionCutoff: Int64, visibleUntil: Int64, maxMessages: Int, fifo: Bool,
        receiptTokens: [String], redrive: SQSRedriveTarget?
    ) {
        self.queueID = queueID
        self.now = now
        self.retentionCutoff = retentionCutoff
        self.visibleUntil = visibleUntil
        self.maxMessages = maxMessages
        self.fifo = fifo
        self.receiptTokens = receiptTokens
        self.redrive = redrive
    }
}

/// The outcome of a claim.
package struct SQSClaimResult: Sendable, Equatable {
    /// The claimed messages, in delivery order, with their new delivery state.
    package var messages: [SQSMessageRecord]
    /// How many messages were moved to the dead-letter queue instead.
    package var movedToDeadLetterQueue: Int

    /// Creates a result.
    package init(messages: [SQSMessageRecord], movedToDeadLetterQueue: Int) {
        self.messages = messages
        self.movedToDeadLetterQueue = movedToDeadLetterQueue
    }
}

/// One visibility change: the message named by a receipt handle, and its new deadline.
package struct SQSVisibilityChange: Sendable, Equatable {
    /// The message id from the receipt handle.
    package var messageID: String
    /// The receipt token from the receipt handle.
    package var receiptToken: String
    /// The new visibility deadline (ms).
    package var visibleAt: Int64

    /// Creates a change.
    package init(messageID: String, receiptToken: String, visibleAt: Int64) {
        self.messageID = messageID
        self.receiptToken = receiptToken
        self.visibleAt = visibleAt
    }
}

/// What happened to one visibility change.
package enum SQSVisibilityOutcome: Sendable, Equatable {
    /// The deadline was changed.
    case changed
    /// The receipt handle is the latest, but the message is not in flight (never received, or visible again).
    case notInFlight
    /// No message has this id and receipt token (deleted, expired, or received again since).
    case notFound
}

/// The approximate message counts of a queue.
package struct SQSMessageCounts: Sendable, Equatable {
    /// Visible messages.
    package var visible: Int
    /// Received messages whose visibility deadline has not passed.
    package var inFlight: Int
    /// Never-received messages whose delay has not passed.
    package var delayed: Int

    /// Creates counts.
    package init(visible: Int, inFlight: Int, delayed: Int) {
        self.visible = visible
        self.inFlight = inFlight
        self.delayed = delayed
    }
}

/// A message-move task (`StartMessageMoveTask`) as stored.
package struct SQSMoveTaskRecord: Sendable, Equatable {
    /// The task's id (inside the task handle).
    package var taskID: String
    /// The dead-letter queue messages are moved from.
    package var sourceArn: String
    /// The queue they are moved to, or nil for "back to each message's source queue".
    package var destinationArn: String?
    /// The rate limit, if the caller set one.
    package var maxNumberOfMessagesPerSecond: Int?
    /// `RUNNING`, `COMPLETED`, `CANCELLING`, `CANCELLED` or `FAILED`.
    package var status: String
    /// Messages moved so far.
    package var movedCount: Int
    /// Messages to move (visible in the source when the task started).
    package var toMoveCount: Int
    /// Why the task failed.
    package var failureReason: String?
    /// When the task started (ms).
    package var startedAt: Int64

    /// Creates a task record.
    package init(
        taskID: String, sourceArn: String, destinationArn: String?, maxNumberOfMessagesPerSecond: Int?,
        status: String, movedCount: Int, toMoveCount: Int, failureReason: String? = nil, startedAt: Int64
    ) {
        self.taskID = taskID
        self.sourceArn = sourceArn
        self.destinationArn = destinationArn
        self.maxNumberOfMessagesPerSecond = maxNumberOfMessagesPerSecond
        self.status = status
        self.movedCount = movedCount
        self.toMoveCount = toMoveCount
        self.failureReason = failureReason
        self.startedAt = startedAt
    }
}
