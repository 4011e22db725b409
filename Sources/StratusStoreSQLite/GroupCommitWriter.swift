// GroupCommitWriter: batches concurrent write closures into one durable transaction.
import GRDB
import Synchronization

/// Runs write closures in shared transactions: closures that arrive while a transaction is in flight are
/// collected and run together in the next one. The batches run one after another on the database's writer
/// queue, each started by the end of the one before (no leader task to wake in between, no background task).
///
/// Guarantees:
/// - Each closure runs exactly once, under its own SAVEPOINT: if it throws, only its own changes are rolled back
///   and only its caller gets the error; the other closures of the batch still commit.
/// - A caller returns only after the COMMIT of the transaction containing its closure has returned and, with a
///   ``WALSyncer`` and `answersAfterSync` (the default), after an `fdatasync` of the WAL that started after that
///   COMMIT: the transaction is on stable storage. With `answersAfterSync` false, callers are answered after the
///   COMMIT and the syncer is only asked to sync soon (``WALSyncer/syncSoon()``). The writer syncs on its own
///   thread after the COMMIT (``WALSyncer/syncNowIfIdle()``) while the closures that arrive meanwhile queue up for
///   the next batch; only when a sync is already under way (another caller's ``WALSyncer/sync()``) does it hand
///   its callers to the syncer's queue and go on with the next batch. Without a syncer the caller returns after the
///   COMMIT (as durable as the connection's `synchronous` setting makes it). If the COMMIT itself fails, every
///   caller of that batch gets the error at once and nothing of the batch is kept; if the sync fails, every caller
///   waiting for it gets the sync's error (their changes are committed but may not survive an OS crash).
/// - Closures of one batch run in arrival order; a batch holds at most `maximumBatchSize` closures. Other work
///   on the same GRDB writer (migrations, `reset`) interleaves between batches.
/// - Cancelling a caller's task changes nothing: its closure still runs and commits with its batch.
/// - Where batches run: when callers do not wait for a sync (no syncer, or `answersAfterSync` false), a caller whose
///   task names a ``GroupCommitHost`` (``host``) and finds the writer idle has the batch run on the host's thread,
///   after the jobs queued there (which may add to the batch), through a synchronous write on the writer queue (it
///   waits there if other work holds the queue). The batch that follows runs on the host of its first write (each
///   event loop runs its own requests' writes), or on the writer queue's thread when that write has no host.
///   Otherwise batches run on the writer queue's own thread: a batch whose callers wait for a sync must not hold an
///   event loop through the `fdatasync`.
/// Not guaranteed: isolation between closures of one batch beyond ordering (a closure sees the uncommitted
/// changes of earlier closures of its batch, as if they had committed just before it).
package final class GroupCommitWriter: Sendable {
    private typealias Outcome = Result<any Sendable, any Error>

    private struct Entry: Sendable {
        var body: @Sendable (Database) throws -> any Sendable
        var continuation: CheckedContinuation<Outcome, Never>
        var host: (any GroupCommitHost)?
    }

    private struct State: ~Copyable {
        var queue: [Entry] = []
        /// A batch is running or scheduled on the writer queue; it schedules the next one when it ends.
        var draining = false
        var statistics = GroupCommitStatistics()
    }

    private let writer: any DatabaseWriter
    private let syncer: WALSyncer?
    private let answersAfterSync: Bool
    /// Batches may run on the caller's ``GroupCommitHost``: nobody waits for a sync after the COMMIT.
    private let hostsBatches: Bool
    private let state = Mutex(State())
    /// The largest number of closures put in one transaction.
    package let maximumBatchSize: Int

    /// Creates a group-commit writer over a GRDB writer (pool or queue); with `syncer`, callers are answered only
    /// once their transaction was synced to stable storage by it.
    package init(
        writer: any DatabaseWriter, syncer: WALSyncer? = nil, answersAfterSync: Bool = true, maximumBatchSize: Int = 512
    ) {
        precondition(maximumBatchSize > 0, "maximumBatchSize must be positive")
        self.writer = writer
        self.syncer = syncer
        self.answersAfterSync = answersAfterSync
        self.hostsBatches = syncer == nil || !answersAfterSync
        self.maximumBatchSize = maximumBatchSize
    }

    /// What this writer has done so far.
    package var statistics: GroupCommitStatistics { state.withLock { $0.statistics } }

    /// Write closures waiting for the transaction in flight to finish (they will share the next one).
    package var queuedWrites: Int { state.withLock { $0.queue.count } }

    /// The thread the current task's batches may run on (an event loop answering a request); `nil` runs them on the
    /// writer queue's thread.
    @TaskLocal package static var host: (any GroupCommitHost)?

    /// Runs `body` in a transaction shared with concurrent writes and returns its result once committed.
    /// Rethrows the closure's own error (its changes rolled back) or the transaction's error.
    package func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let erased: @Sendable (Database) throws -> any Sendable = { database in try body(database) }
        let host = hostsBatches ? Self.host : nil
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            let startsDrain = state.withLock { state -> Bool in
                state.queue.append(Entry(body: erased, continuation: continuation, host: host))
                if state.draining { return false }
                state.draining = true
                return true
            }
            if startsDrain { scheduleBatch(on: host) }
        }
        // The erased closure returned exactly `body`'s T.
        return try outcome.get() as! T
    }

    /// Queues one batch: on `host` after its queued jobs (a synchronous write there), or on the writer queue through
    /// GRDB's callback form. No task (and no task's cancellation) is involved either way.
    private func scheduleBatch(on host: (any GroupCommitHost)?) {
        guard let host else {
            writer.asyncWriteWithoutTransaction { database in self.runBatch(database, host: nil) }
            return
        }
        host.runAfterQueuedWork {
            self.writer.writeWithoutTransaction { database in self.runBatch(database, host: host) }
        }
    }

    /// Takes the queued closures (up to `maximumBatchSize`), runs them in one transaction, answers their callers
    /// once it committed (or failed), and schedules the next batch if more closures arrived meanwhile.
    private func runBatch(_ database: Database, host: (any GroupCommitHost)?) {
        let batch = state.withLock { state -> [Entry] in
            let count = min(state.queue.count, maximumBatchSize)
            let taken = Array(state.queue.prefix(count))
            state.queue.removeFirst(count)
            return taken
        }
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(batch.count)
        var committed = true
        do {
            try Self.inTransaction(database) {
                for entry in batch { outcomes.append(Self.runInSavepoint(entry.body, database)) }
            }
        } catch {
            committed = false
            outcomes = Array(repeating: .failure(error), count: batch.count)
        }
        let more = state.withLock { state -> (any GroupCommitHost)?? in
            state.statistics.transactions += 1
            state.statistics.writes += batch.count
            state.statistics.largestBatch = max(state.statistics.largestBatch, batch.count)
            if state.queue.isEmpty {
                state.draining = false
                return .none
            }
            return .some(state.queue[0].host)
        }
        // The next batch goes behind whatever else waits for the writer queue.
        if case .some(let next) = more { scheduleBatch(on: next) }
        let answers = outcomes
        guard committed, let syncer else {
            Self.answer(batch, with: answers)
            return
        }
        guard answersAfterSync else {
            Self.answer(batch, with: answers)
            syncer.syncSoon()
            return
        }
        // The writer syncs itself (no hand-off, no wake-up); writes arriving meanwhile form the next batch.
        if let result = syncer.syncNowIfIdle() {
            Self.answer(batch, with: answers, synced: result)
            return
        }
        syncer.afterSync { result in Self.answer(batch, with: answers, synced: result) }
    }

    /// Answers a committed batch once its sync ended: the closures' own outcomes, or the sync's error for all.
    private static func answer(_ batch: [Entry], with outcomes: [Outcome], synced: Result<Void, WALSyncError>) {
        switch synced {
        case .success: answer(batch, with: outcomes)
        case .failure(let error): answer(batch, with: Array(repeating: .failure(error), count: batch.count))
        }
    }

    private static func answer(_ batch: [Entry], with outcomes: [Outcome]) {
        for (entry, outcome) in zip(batch, outcomes) {
            entry.continuation.resume(returning: outcome)
        }
    }

    /// Runs `body` in a transaction and commits it; rolls back and rethrows if `body` or the COMMIT throws. The
    /// BEGIN/COMMIT/ROLLBACK statements are prepared once per connection (GRDB's `inTransaction` builds and prepares
    /// them per call); GRDB still sees them execute and tracks the transaction state.
    private static func inTransaction(_ database: Database, _ body: () throws -> Void) throws {
        try database.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
        do {
            try body()
            try database.cachedStatement(sql: "COMMIT TRANSACTION").execute()
        } catch {
            if database.isInsideTransaction {
                _ = try? database.cachedStatement(sql: "ROLLBACK TRANSACTION").execute()
            }
            throw error
        }
    }

    /// Runs `body` under its own savepoint inside the batch transaction. The savepoint statements are prepared
    /// once per connection (GRDB's statement cache) instead of parsed per closure as `Database.inSavepoint` does;
    /// GRDB still sees them execute (savepoint tracking, aborted-transaction checks: a statement after an aborted
    /// transaction throws, and so does the batch's COMMIT).
    private static func runInSavepoint(_ body: (Database) throws -> any Sendable, _ database: Database) -> Outcome {
        do {
            try database.cachedStatement(sql: "SAVEPOINT stratus_write").execute()
        } catch {
            return .failure(error)
        }
        let outcome: Outcome
        do {
            outcome = .success(try body(database))
        } catch {
            outcome = .failure(error)
        }
        if case .success = outcome {
            do {
                try database.cachedStatement(sql: "RELEASE SAVEPOINT stratus_write").execute()
                return outcome
            } catch {
                // Not released (for instance, the transaction was aborted): undo the closure's changes as a failed
                // closure's, and report why.
                rollBack(database)
                return .failure(error)
            }
        }
        rollBack(database)
        return outcome
    }

    /// Rolls back to and releases the closure's savepoint; errors are ignored (an aborted transaction has no
    /// savepoint left, and then the batch's COMMIT fails for every caller).
    private static func rollBack(_ database: Database) {
        _ = try? database.cachedStatement(sql: "ROLLBACK TRANSACTION TO SAVEPOINT stratus_write").execute()
        _ = try? database.cachedStatement(sql: "RELEASE SAVEPOINT stratus_write").execute()
    }
}
