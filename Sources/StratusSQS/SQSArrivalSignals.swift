import Synchronization

/// In-process wake-ups for long polling: a receive that found nothing waits here until a message is sent to
/// its queue, its timeout passes, or its task is cancelled.
///
/// Guarantees: no lost wake-up (a waiter names the generation it saw before looking at the store, and returns
/// at once if the queue was signalled since); no polling (waiters sleep on continuations); cancelling a waiting
/// task resumes it promptly. Signals are per process: another node's sends are not seen (a shared-database
/// deployment adds its own notification, e.g. `LISTEN/NOTIFY`).
package final class SQSArrivalSignals: Sendable {
    private struct State {
        var generations: [Int64: UInt64] = [:]
        var waiters: [Int64: [UInt64: CheckedContinuation<Void, Never>]] = [:]
        var cancelled: Set<UInt64> = []
        var nextWaiterID: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Signals with nobody waiting.
    package init() {}

    /// The current generation of `queueID` (read it before looking for messages).
    package func generation(of queueID: Int64) -> UInt64 {
        state.withLock { $0.generations[queueID, default: 0] }
    }

    /// Something changed in `queueID` (a message arrived or a FIFO group was unblocked): wakes every waiter.
    package func signal(_ queueID: Int64) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.generations[queueID, default: 0] &+= 1
            guard let waiting = state.waiters.removeValue(forKey: queueID) else { return [] }
            return Array(waiting.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Number of tasks currently waiting (tests and metrics).
    package var waiterCount: Int { state.withLock { $0.waiters.values.reduce(0) { $0 + $1.count } } }

    /// Waits until `queueID` is signalled after `generation`, `timeout` passes, or the task is cancelled.
    package func wait(queueID: Int64, after generation: UInt64, timeout: Duration) async {
        guard timeout > .zero else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForSignal(queueID: queueID, after: generation) }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForSignal(queueID: Int64, after generation: UInt64) async {
        let waiterID = state.withLock { state -> UInt64 in
            state.nextWaiterID &+= 1
            return state.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.cancelled.remove(waiterID) != nil { return true }
                    if state.generations[queueID, default: 0] != generation { return true }
                    state.waiters[queueID, default: [:]][waiterID] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                if let waiter = state.waiters[queueID]?.removeValue(forKey: waiterID) {
                    if state.waiters[queueID]?.isEmpty == true { state.waiters[queueID] = nil }
                    return waiter
                }
                state.cancelled.insert(waiterID)
                return nil
            }
            waiter?.resume()
        }
        // A cancellation that raced with a signal leaves its mark; clear it.
        _ = state.withLock { $0.cancelled.remove(waiterID) }
    }
}
