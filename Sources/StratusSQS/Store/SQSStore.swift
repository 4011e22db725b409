/// The storage port of the SQS service: queues, messages, deduplication records and move tasks.
///
/// Guarantees every adapter must give:
/// - each method is one atomic transaction; a method that returns has committed durably (an acknowledged
///   send survives a crash);
/// - a claim (``claimMessages(_:)``) is atomic: two concurrent claims never return the same message, which an
///   adapter for a shared database does with `UPDATE … RETURNING` over rows locked `FOR UPDATE SKIP LOCKED`;
/// - times are milliseconds since the Unix epoch, given by the caller: adapters never read a clock;
/// - deleting a queue deletes its messages, deduplication and receive-attempt records and nothing else.
/// Adapters know nothing of AWS rules beyond what the request types spell out.
package protocol SQSStore: Sendable {
    /// Inserts `queue` unless a queue with its account, region and name exists.
    /// - Returns: the stored queue (the existing one when not created) and whether it was created.
    func createQueue(_ queue: SQSQueueRecord) async throws -> (queue: SQSQueueRecord, created: Bool)

    /// The queue `name` of `accountID` in `region`, or nil.
    func queue(accountID: String, region: String, name: String) async throws -> SQSQueueRecord?

    /// Queues of `accountID` in `region` whose names start with `namePrefix`, sorted by name, strictly after
    /// `afterName`, at most `limit`.
    func queues(accountID: String, region: String, namePrefix: String, afterName: String?, limit: Int) async throws
        -> [SQSQueueRecord]

    /// Every queue of every account and region (maintenance, dead-letter lookups).
    func allQueues() async throws -> [SQSQueueRecord]

    /// Reads queue `id`, lets `change` edit it, and writes it back, atomically.
    /// - Returns: the queue after the change, or nil when it does not exist (nothing is written then).
    /// - Throws: what `change` throws (nothing is written then).
    func updateQueue(id: Int64, _ change: @escaping @Sendable (inout SQSQueueRecord) throws -> Void) async throws
        -> SQSQueueRecord?

    /// Deletes queue `id` with its messages, and remembers its name as deleted at `deletedAt`.
    func deleteQueue(id: Int64, deletedAt: Int64) async throws

    /// When a queue with this name was last deleted (ms), if one was.
    func lastDeletion(accountID: String, region: String, name: String) async throws -> Int64?

    /// Enqueues `messages` in order. FIFO queues (`assignSequenceNumbers`) give each enqueued message the next
    /// sequence number of the queue. A message whose `deduplicationKey` was recorded after `deduplicationSince`
    /// is not enqueued and returns the original's id and sequence number; new keys are recorded at `now`.
    /// - Throws: when queue `queueID` no longer exists (nothing is enqueued).
    func sendMessages(
        queueID: Int64, _ messages: [SQSNewMessage], assignSequenceNumbers: Bool, now: Int64, deduplicationSince: Int64
    ) async throws -> [SQSSendReceipt]

    /// Claims due messages (see ``SQSClaimRequest``).
    func claimMessages(_ request: SQSClaimRequest) async throws -> SQSClaimResult

    /// Claims due messages under a receive request attempt id, or replays the attempt's earlier claim (see
    /// ``SQSAttemptClaimRequest``). The attempt record is written in the same transaction as the claim.
    func claimMessages(attempt request: SQSAttemptClaimRequest) async throws -> SQSAttemptClaimOutcome

    /// Deletes each message whose id and latest receipt token match.
    /// - Returns: per entry, whether a message was deleted.
    func deleteMessages(queueID: Int64, _ receipts: [(messageID: String, receiptToken: String)]) async throws -> [Bool]

    /// Changes the visibility deadline of each message whose id and latest receipt token match and which is in
    /// flight at `now` (received, deadline not passed). A receive attempt that returned a changed message can no
    /// longer be replayed (see ``SQSAttemptClaimRequest``).
    func changeVisibility(queueID: Int64, _ changes: [SQSVisibilityChange], now: Int64) async throws
        -> [SQSVisibilityOutcome]

    /// Deletes every message of the queue unless it was purged after `notPurgedSince`; records `now` as its
    /// purge time.
    /// - Returns: `false` (and changes nothing) when a purge after `notPurgedSince` exists.
    func purgeQueue(id: Int64, now: Int64, notPurgedSince: Int64) async throws -> Bool

    /// The queue's approximate counts at `now`, ignoring messages sent at or before `retentionCutoff`.
    func messageCounts(queueID: Int64, now: Int64, retentionCutoff: Int64) async throws -> SQSMessageCounts

    /// The earliest visibility deadline after `now` of an unexpired message, if any (when to look again).
    func nextVisibleAt(queueID: Int64, now: Int64, retentionCutoff: Int64) async throws -> Int64?

    /// Deletes messages sent at or before `retentionCutoff` and deduplication records older than
    /// `deduplicationCutoff`. Returns how many messages were deleted.
    func deleteExpired(queueID: Int64, retentionCutoff: Int64, deduplicationCutoff: Int64) async throws -> Int

    /// Moves up to `limit` visible, unexpired messages (arrival order) out of `sourceQueueID`: to
    /// `destinationQueueID` when given, else to `destinations[message.deadLetterSourceArn]`. A message
    /// without a known destination stops the move. Moved messages keep id, body, attributes and send time,
    /// lose their receive history and dead-letter source, and are visible at `now`.
    /// - Returns: how many moved, and whether a message without destination stopped the move.
    func moveMessages(
        sourceQueueID: Int64, destinationQueueID: Int64?, destinations: [String: Int64], limit: Int, now: Int64,
        retentionCutoff: Int64
    ) async throws -> (moved: Int, blocked: Bool)

    /// Inserts `task` unless the source has a `RUNNING` task. Returns whether it was inserted.
    func createMoveTask(_ task: SQSMoveTaskRecord) async throws -> Bool

    /// The tasks of `sourceArn`, newest first, at most `limit`.
    func moveTasks(sourceArn: String, limit: Int) async throws -> [SQSMoveTaskRecord]

    /// Every task in status `RUNNING`.
    func runningMoveTasks() async throws -> [SQSMoveTaskRecord]

    /// Reads task `taskID`, lets `change` edit it and writes it back, atomically; nil when it does not exist.
    func updateMoveTask(taskID: String, _ change: @escaping @Sendable (inout SQSMoveTaskRecord) throws -> Void)
        async throws -> SQSMoveTaskRecord?
}
