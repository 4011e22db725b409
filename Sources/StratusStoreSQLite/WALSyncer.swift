// WALSyncer: makes committed WAL transactions durable with fdatasync, one sync at a time, shared by waiters.
#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// Flushes a database's write-ahead log to stable storage (`fdatasync`), one sync at a time: on the caller's thread
/// when no sync is under way (``syncNowIfIdle()``, what the group-commit writer does after each COMMIT), otherwise
/// on its own queue for everyone waiting (``afterSync(_:)``, ``sync()``).
///
/// Guarantees:
/// - ``afterSync(_:)`` calls its closure only after an `fdatasync` of the WAL file that *started after* the call:
///   everything the caller's transaction appended to the WAL before the call is on stable storage by then (or the
///   closure gets the error). Requests that arrive during a sync wait for the next one; all requests that arrived
///   before a sync share it.
/// - Closures run on the syncer's queue, in the order they were handed in.
/// - A WAL file that does not exist has nothing to make durable: the sync succeeds.
/// - ``syncSoon()`` (for writers that do not wait for syncs) runs one sync within `backgroundDelay`, shared by every
///   call until it starts: the WAL's unsynced tail stays that short without anyone waiting for it.
/// - The WAL is opened once, at the first sync that finds it, and kept open until ``close()``: SQLite keeps the
///   same WAL file (it rewinds and truncates it, never replaces it) for as long as the database has an open
///   connection, and the syncer is closed with the database's connections.
package final class WALSyncer: Sendable {
    private struct State: ~Copyable {
        var waiting: [@Sendable (Result<Void, WALSyncError>) -> Void] = []
        var syncing = false
        var syncs = 0
        /// The open WAL file, or -1 before it was found (or after ``close()``).
        var descriptor: Int32 = -1
        /// A ``syncSoon()`` sync is scheduled and has not started.
        var backgroundScheduled = false
        /// ``close()`` was called: background syncs no longer run (a waited-for sync still does).
        var closed = false
    }

    /// The WAL file (`<database>-wal`).
    package let walPath: String
    /// How long ``syncSoon()`` may leave the WAL unsynced.
    package let backgroundDelay: Duration
    private let queue: DispatchQueue
    private let state = Mutex(State())

    /// A syncer for the WAL of the database file at `databasePath`.
    package init(databasePath: String, label: String, backgroundDelay: Duration = .milliseconds(10)) {
        self.walPath = databasePath + "-wal"
        self.queue = DispatchQueue(label: label)
        self.backgroundDelay = backgroundDelay
    }

    /// How many `fdatasync` calls ran so far (for tests and metrics).
    package var syncCount: Int { state.withLock { $0.syncs } }

    /// Calls `then` once an `fdatasync` of the WAL that started after this call has returned.
    package func afterSync(_ then: @escaping @Sendable (Result<Void, WALSyncError>) -> Void) {
        let starts = state.withLock { state -> Bool in
            state.waiting.append(then)
            if state.syncing { return false }
            state.syncing = true
            return true
        }
        if starts { queue.async { self.drain() } }
    }

    /// Syncs right away on the calling thread when no sync is running or queued, and answers its result; answers
    /// `nil` (doing nothing) when one is, for the caller to use ``afterSync(_:)``. The sync starts after this call,
    /// so it covers everything the caller committed before. Callers that arrive meanwhile get a sync of their own
    /// on the syncer's queue.
    package func syncNowIfIdle() -> Result<Void, WALSyncError>? {
        let starts = state.withLock { state -> Bool in
            if state.syncing { return false }
            state.syncing = true
            return true
        }
        guard starts else { return nil }
        // A `sync` on the idle serial queue runs on this thread: no wake-up, and still ordered with `close()`.
        let result = queue.sync { syncOnce() }
        let othersWait = state.withLock { state -> Bool in
            state.syncs += 1
            if state.waiting.isEmpty {
                state.syncing = false
                return false
            }
            return true
        }
        if othersWait { queue.async { self.drain() } }
        return result
    }

    /// Closes the WAL file descriptor once the sync in flight (if any) is done and stops background syncs; a later
    /// ``sync()`` opens the file again.
    package func close() {
        queue.sync {
            let descriptor = state.withLock { state -> Int32 in
                state.closed = true
                defer { state.descriptor = -1 }
                return state.descriptor
            }
            #if canImport(Glibc)
            if descriptor >= 0 { _ = Glibc.close(descriptor) }
            #endif
        }
    }

    deinit {
        #if canImport(Glibc)
        let descriptor = state.withLock { $0.descriptor }
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        #endif
    }

    /// Makes sure a sync starts within ``backgroundDelay`` without waiting for it (errors are not reported: the
    /// writes it covers were already acknowledged, and the next sync tries again).
    package func syncSoon() {
        let schedules = state.withLock { state -> Bool in
            if state.backgroundScheduled { return false }
            state.backgroundScheduled = true
            return true
        }
        guard schedules else { return }
        let delay = backgroundDelay.components
        let nanoseconds = Int(delay.seconds) * 1_000_000_000 + Int(delay.attoseconds / 1_000_000_000)
        queue.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
            let closed = self.state.withLock { state -> Bool in
                state.backgroundScheduled = false
                return state.closed
            }
            guard !closed else { return }
            _ = self.syncOnce()
            self.state.withLock { $0.syncs += 1 }
        }
    }

    /// Waits for a sync that started after this call.
    package func sync() async throws {
        let result = await withCheckedContinuation { continuation in
            afterSync { result in continuation.resume(returning: result) }
        }
        try result.get()
    }

    /// Syncs for everyone waiting, then again for those who arrived meanwhile, until nobody waits.
    private func drain() {
        while true {
            let waiting = state.withLock { state -> [@Sendable (Result<Void, WALSyncError>) -> Void] in
                let taken = state.waiting
                state.waiting = []
                if taken.isEmpty { state.syncing = false }
                return taken
            }
            if waiting.isEmpty { return }
            let result = syncOnce()
            state.withLock { $0.syncs += 1 }
            for waiter in waiting { waiter(result) }
        }
    }

    /// Runs on the queue only (so the descriptor is not closed or replaced meanwhile).
    private func syncOnce() -> Result<Void, WALSyncError> {
        #if canImport(Glibc)
        var descriptor = state.withLock { $0.descriptor }
        if descriptor < 0 {
            descriptor = open(walPath, O_RDONLY | O_CLOEXEC)
            if descriptor < 0 {
                let code = errno
                return code == ENOENT ? .success(()) : .failure(WALSyncError(path: walPath, operation: "open", code: code))
            }
            state.withLock { [descriptor] in $0.descriptor = descriptor }
        }
        while fdatasync(descriptor) != 0 {
            let code = errno
            if code != EINTR { return .failure(WALSyncError(path: walPath, operation: "fdatasync", code: code)) }
        }
        #endif
        return .success(())
    }
}
