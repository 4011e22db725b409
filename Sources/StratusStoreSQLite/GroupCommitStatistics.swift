// GroupCommitStatistics: counters that show how well writes were batched.

/// Counts of what a ``GroupCommitWriter`` did since it was created.
///
/// Guarantees: `transactions` counts committed-or-attempted batch transactions, `writes` counts write closures
/// run; `writes / transactions` is the average batch size. Meant for tests and metrics, not for logic.
package struct GroupCommitStatistics: Sendable, Equatable {
    /// Batch transactions run.
    package var transactions: Int = 0
    /// Write closures run (successful or failed).
    package var writes: Int = 0
    /// The largest number of closures in one transaction.
    package var largestBatch: Int = 0

    /// Counters with the given values (zero by default).
    package init(transactions: Int = 0, writes: Int = 0, largestBatch: Int = 0) {
        self.transactions = transactions
        self.writes = writes
        self.largestBatch = largestBatch
    }
}
