// GroupCommitHost: a thread (an event loop) that runs group-commit batches itself, after the work it has queued.

/// A thread that can run a group-commit batch in its own turn: after the jobs already queued on it. A request task
/// running on an event loop names the loop as its host (``GroupCommitWriter/host``), and a batch it starts runs on
/// that loop once the loop has run the jobs queued before it — the other requests the loop read in the same pass —
/// so those requests share the batch, and the writes and their answers stay on the loop's thread: no hop to the
/// writer queue's thread and back.
///
/// Guarantees an implementation gives: `job` runs exactly once, on the host's thread, after the jobs queued on the
/// host before the call.
package protocol GroupCommitHost: AnyObject, Sendable {
    /// Runs `job` on the host's thread once the jobs queued there before it have run.
    func runAfterQueuedWork(_ job: @escaping @Sendable () -> Void)
}
