// GroupCommitWriter: batches concurrent write closures into one durable transaction.
import GRDB
import Synchronization

/// Runs write closures in shared transactions: closures that arrive while a transaction is in flight are
/// collected and run together in the next one (leader-based group commit, no background task).
///
/// Guarantees:
/// - Each closure runs exactly once, under its own SAVEPOINT: if it throws, only its own changes are rolled back
///   and only its caller gets the error; the other closures of the batch still commit.
/// - A caller returns only after the COMMIT of the transaction containing its closure has returned, i.e. is
///   as durable as the connection's `synchronous` setting makes it (FULL in ``SQLiteDatabase``). If the COMMIT
///   itself fails, every caller of that batch gets the error and nothing of the batch is kept.
/// - Closures of one batch run in arrival order; a batch holds at most `maximumBatchSize` closures.
/// Not guaranteed: isolation between closures of one batch beyond ordering (a closure sees the uncommitted
/// changes of earlier closures of its batch, as if they had committed just before it).
package final class GroupCommitWriter: Sendable {
    private typealias Outcome = Result<any Sendable, any Error>

    private enum Wakeup: Sendable {
        case finished(Outcome)
        case lead
    }

    private struct Entry: Sendable {
        var body: @Sendable (Database) throws -> any Sendable
        var continuation: CheckedContinuation<Wakeup, Never>
    }

    private struct State: ~Copyable {
        var queue: [Entry] = []
        var leaderActive = false
        var statistics = GroupCommitStatistics()
    }

    private let writer: any DatabaseWriter
    private let state = Mutex(State())
    /// The largest number of closures put in one transaction.
    package let maximumBatchSize: Int

    /// Creates a group-commit writer over a GRDB writer (pool or queue).
    package init(writer: any DatabaseWriter, maximumBatchSize: Int = 512) {
        precondition(maximumBatchSize > 0, "maximumBatchSize must be positive")
        self.writer = writer
        self.maximumBatchSize = maximumBatchSize
    }

    /// What this writer has done so far.
    package var statistics: GroupCommitStatistics { state.withLock { $0.statistics } }

    /// Write closures waiting for the transaction in flight to finish (they will share the next one).
    package var queuedWrites: Int { state.withLock { $0.queue.count } }

    /// Runs `body` in a transaction shared with concurrent writes and returns its result once committed.
    /// Rethrows the closure's own error (its changes rolled back) or the transaction's error.
    package func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let erased: @Sendable (Database) throws -> any Sendable = { database in try body(database) }
        let leadsNow = state.withLock { state -> Bool in
            if state.leaderActive { return false }
            state.leaderActive = true
            return true
        }
        let outcome: Outcome
        if leadsNow {
            outcome = await lead(own: erased)
        } else {
            let wakeup = await withCheckedContinuation { (continuation: CheckedContinuation<Wakeup, Never>) in
                let leadsAfterAll = state.withLock { state -> Bool in
                    if state.leaderActive {
                        state.queue.append(Entry(body: erased, continuation: continuation))
                        return false
                    }
                    state.leaderActive = true
                    return true
                }
                if leadsAfterAll { continuation.resume(returning: .lead) }
            }
            switch wakeup {
            case .finished(let result): outcome = result
            case .lead: outcome = await lead(own: erased)
            }
        }
        // The erased closure returned exactly `body`'s T.
        return try outcome.get() as! T
    }

    /// Runs one batch (the leader's own closure first, then what was queued), hands leadership on, and returns
    /// the leader's own outcome.
    private func lead(own body: @escaping @Sendable (Database) throws -> any Sendable) async -> Outcome {
        let queued = state.withLock { state -> [Entry] in
            let count = min(state.queue.count, maximumBatchSize - 1)
            let taken = Array(state.queue.prefix(count))
            state.queue.removeFirst(count)
            return taken
        }
        let bodies = [body] + queued.map(\.body)
        // The callback form, not `async write`: cancelling the leader's task must not fail the other callers'
        // writes with CancellationError.
        let transaction: Result<[Outcome], any Error> = await withCheckedContinuation { continuation in
            writer.asyncWrite({ database -> [Outcome] in
                bodies.map { body in Self.runInSavepoint(body, database) }
            }, completion: { _, result in
                continuation.resume(returning: result)
            })
        }
        let outcomes: [Outcome]
        switch transaction {
        case .success(let results): outcomes = results
        case .failure(let error): outcomes = Array(repeating: .failure(error), count: bodies.count)
        }
        let next = state.withLock { state -> Entry? in
            state.statistics.transactions += 1
            state.statistics.writes += bodies.count
            state.statistics.largestBatch = max(state.statistics.largestBatch, bodies.count)
            if state.queue.isEmpty {
                state.leaderActive = false
                return nil
            }
            return state.queue.removeFirst()
        }
        for (entry, outcome) in zip(queued, outcomes.dropFirst()) {
            entry.continuation.resume(returning: .finished(outcome))
        }
        next?.continuation.resume(returning: .lead)
        return outcomes[0]
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
