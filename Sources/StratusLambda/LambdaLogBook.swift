// LambdaLogBook: the logs of recent invocations, per function, in memory.
import Synchronization

/// The logs of every function's recent invocations, kept in memory per function (unqualified ARN), oldest first.
///
/// Guarantees: bounded per function by ``Limits`` (the oldest records are dropped first; the newest record is
/// always kept, its text shortened when it alone exceeds the byte limit); `recordedAt` is strictly increasing
/// across the book, so `since: last.recordedAt + 1` never repeats or skips a record; a wait returns as soon as
/// a matching record is appended, the function's logs are dropped, the timeout passes or its task is
/// cancelled, and never polls. It does no I/O and reads no clock: times are given by the caller. Nothing
/// survives the process.
package final class LambdaLogBook: Sendable {
    /// How much the book keeps per function.
    package struct Limits: Sendable, Equatable {
        /// The most invocations kept per function.
        package var maxRecordsPerFunction: Int
        /// The most bytes of log text (UTF-8) kept per function.
        package var maxBytesPerFunction: Int

        /// The newest 1,000 invocations and 5 MB of text per function by default.
        package init(maxRecordsPerFunction: Int = 1_000, maxBytesPerFunction: Int = 5 * 1_024 * 1_024) {
            self.maxRecordsPerFunction = max(1, maxRecordsPerFunction)
            self.maxBytesPerFunction = max(256, maxBytesPerFunction)
        }
    }

    private struct Journal {
        var records: [LambdaLogRecord] = []
        var bytes = 0
    }

    private struct Waiter {
        var functionArn: String
        var since: Int64
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var journals: [String: Journal] = [:]
        var lastRecordedAt = Int64.min
        var waiters: [UInt64: Waiter] = [:]
        var nextWaiterID: UInt64 = 0
    }

    /// The bounds of this book.
    package let limits: Limits
    private let state = Mutex(State())

    /// An empty book.
    package init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Keeps one invocation's log and wakes the waits on its function. `recordedAt` is raised to one past the
    /// previous record's when the clock has not moved on (so it stays unique). Returns the record as kept.
    @discardableResult
    package func append(functionArn: String, requestID: String, version: String, timestamp: Int64, recordedAt: Int64,
                        message: String) -> LambdaLogRecord {
        let text = shortened(message)
        let (record, woken) = state.withLock { state -> (LambdaLogRecord, [CheckedContinuation<Void, Never>]) in
            let stamp = state.lastRecordedAt == .min ? recordedAt : max(recordedAt, state.lastRecordedAt + 1)
            state.lastRecordedAt = stamp
            let record = LambdaLogRecord(functionArn: functionArn, requestID: requestID, version: version,
                                         timestamp: timestamp, recordedAt: stamp, message: text)
            var journal = state.journals[functionArn] ?? Journal()
            journal.records.append(record)
            journal.bytes += text.utf8.count
            var dropCount = 0
            var bytes = journal.bytes
            while journal.records.count - dropCount > 1,
                  journal.records.count - dropCount > limits.maxRecordsPerFunction || bytes > limits.maxBytesPerFunction {
                bytes -= journal.records[dropCount].message.utf8.count
                dropCount += 1
            }
            journal.records.removeFirst(dropCount)
            journal.bytes = bytes
            state.journals[functionArn] = journal
            return (record, Self.takeWaiters(&state) { $0.functionArn == functionArn && $0.since <= stamp })
        }
        for continuation in woken { continuation.resume() }
        return record
    }

    /// The kept records of a function recorded at or after `since` (all when nil), oldest first, at most
    /// `limit` of them (all when nil): the oldest ones, or the newest ones when `newest` is true.
    package func records(
        functionArn: String, since: Int64? = nil, limit: Int? = nil, newest: Bool = false
    ) -> [LambdaLogRecord] {
        state.withLock { state in
            let records = state.journals[functionArn]?.records ?? []
            let start = since.map { since in records.firstIndex { $0.recordedAt >= since } ?? records.count } ?? 0
            guard let limit else { return Array(records[start...]) }
            let count = min(records.count - start, max(0, limit))
            return Array(newest ? records[(records.count - count)...] : records[start..<(start + count)])
        }
    }

    /// Forgets a function's logs (the function was deleted) and wakes the waits on it.
    package func drop(functionArn: String) {
        let woken = state.withLock { state in
            state.journals[functionArn] = nil
            return Self.takeWaiters(&state) { $0.functionArn == functionArn }
        }
        for continuation in woken { continuation.resume() }
    }

    /// Forgets every function's logs (`/_stratus/reset`) and wakes every wait.
    package func removeAll() {
        let woken = state.withLock { state in
            state.journals = [:]
            return Self.takeWaiters(&state) { _ in true }
        }
        for continuation in woken { continuation.resume() }
    }

    /// Waits until the function has a record recorded at or after `since`, at most `timeout`.
    /// Returns `true` when such a record exists on return.
    package func waitForRecords(functionArn: String, since: Int64, timeout: Duration) async -> Bool {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForAppend(functionArn: functionArn, since: since) }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
        return !records(functionArn: functionArn, since: since, limit: 1).isEmpty
    }

    private func waitForAppend(functionArn: String, since: Int64) async {
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if Task.isCancelled { return true }
                    if let last = state.journals[functionArn]?.records.last, last.recordedAt >= since { return true }
                    state.waiters[id] = Waiter(functionArn: functionArn, since: since, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.continuation.resume()
        }
    }

    private static func takeWaiters(_ state: inout State, where matches: (Waiter) -> Bool)
        -> [CheckedContinuation<Void, Never>]
    {
        let ids = state.waiters.filter { matches($0.value) }.map(\.key)
        return ids.compactMap { state.waiters.removeValue(forKey: $0)?.continuation }
    }

    /// The text as kept: at most the per-function byte limit, cut on a character boundary with a note saying so.
    private func shortened(_ message: String) -> String {
        let bytes = message.utf8.count
        guard bytes > limits.maxBytesPerFunction else { return message }
        let note = "\n[Stratus kept the first part of this log only: it was \(bytes) bytes, over the \(limits.maxBytesPerFunction)-byte limit per function]\n"
        var kept = ""
        var used = 0
        let budget = limits.maxBytesPerFunction - note.utf8.count
        for character in message {
            let size = character.utf8.count
            if used + size > budget { break }
            kept.append(character)
            used += size
        }
        return kept + note
    }
}
