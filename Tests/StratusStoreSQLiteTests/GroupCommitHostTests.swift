import Foundation
import GRDB
import StratusStoreSQLite
import Synchronization
import Testing

/// A host that keeps the jobs it is given until the test releases them, then runs them on its own thread.
final class ManualGroupCommitHost: GroupCommitHost {
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let thread = DispatchQueue(label: "manual-group-commit-host")
    /// The thread the released jobs run on, while they run.
    private let runningThread = Mutex<pthread_t?>(nil)

    func runAfterQueuedWork(_ job: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.append(job) }
    }

    var queuedJobs: Int { jobs.withLock { $0.count } }

    /// Whether the caller runs on the host's thread.
    var isCurrent: Bool { runningThread.withLock { $0 } == pthread_self() }

    /// Runs the jobs queued so far on the host's thread, in order.
    func release() {
        let taken = jobs.withLock { jobs in
            defer { jobs = [] }
            return jobs
        }
        thread.async {
            self.runningThread.withLock { $0 = pthread_self() }
            for job in taken { job() }
            self.runningThread.withLock { $0 = nil }
        }
    }
}

/// Whether each write closure ran on the host's thread, in the order they ran.
final class ThreadRecord: Sendable {
    private let values = Mutex<[Bool]>([])
    func append(_ value: Bool) { values.withLock { $0.append(value) } }
    var all: [Bool] { values.withLock { $0 } }
}

@Suite("Group commit on a host")
struct GroupCommitHostTests {
    func writer(syncedTo syncer: WALSyncer? = nil, on writer: any DatabaseWriter) -> GroupCommitWriter {
        GroupCommitWriter(writer: writer, syncer: syncer, answersAfterSync: true)
    }

    func table() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
        return queue
    }

    func waitUntil(_ condition: () -> Bool) async throws {
        var polls = 0
        while !condition() {
            polls += 1
            try #require(polls < 10_000, "condition not met within 10 s")
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    @Test func writesQueuedBeforeTheHostRunsShareOneBatchOnTheHostsThread() async throws {
        let queue = try table()
        let writer = writer(on: queue)
        let host = ManualGroupCommitHost()
        let onHost = ThreadRecord()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<5 {
                group.addTask {
                    try await GroupCommitWriter.$host.withValue(host) {
                        try await writer.write { db in
                            onHost.append(host.isCurrent)
                            try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [index])
                            return index
                        }
                    }
                }
            }
            // Nothing runs before the host does: the first caller handed the batch to it, the others queued.
            try await waitUntil { writer.queuedWrites == 5 }
            #expect(host.queuedJobs == 1)
            #expect(writer.statistics.transactions == 0)
            host.release()
            var results: [Int] = []
            for try await result in group { results.append(result) }
            #expect(results.sorted() == Array(0..<5))
        }
        #expect(writer.statistics == GroupCommitStatistics(transactions: 1, writes: 5, largestBatch: 5))
        #expect(onHost.all == Array(repeating: true, count: 5))
        #expect(try await queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") } == 5)
    }

    @Test func theNextBatchRunsOnTheHostOfItsFirstWrite() async throws {
        let queue = try table()
        let writer = writer(on: queue)
        let first = ManualGroupCommitHost(), second = ManualGroupCommitHost()
        let firstRunning = StartFlag(), othersQueued = StartFlag()
        let onSecond = ThreadRecord()
        let leader = Task {
            try await GroupCommitWriter.$host.withValue(first) {
                try await writer.write { db in
                    firstRunning.set()
                    var polls = 0
                    while !othersQueued.isSet && polls < 20_000 { usleep(500); polls += 1 }
                    try db.execute(sql: "INSERT INTO t VALUES (1)")
                }
            }
        }
        try await waitUntil { first.queuedJobs == 1 }
        first.release()
        try await waitUntil { firstRunning.isSet }
        // Queued while the first host's batch runs: the next batch goes to the host of its first write.
        let follower = Task {
            try await GroupCommitWriter.$host.withValue(second) {
                try await writer.write { db in
                    onSecond.append(second.isCurrent)
                    try db.execute(sql: "INSERT INTO t VALUES (2)")
                }
            }
        }
        try await waitUntil { writer.queuedWrites == 1 }
        othersQueued.set()
        try await leader.value
        try await waitUntil { second.queuedJobs == 1 }
        #expect(first.queuedJobs == 0)
        second.release()
        try await follower.value
        #expect(onSecond.all == [true])

        // A write without a host that follows a hosted batch runs on the writer queue.
        let third = ManualGroupCommitHost()
        let thirdRunning = StartFlag(), plainQueued = StartFlag()
        let hosted = Task {
            try await GroupCommitWriter.$host.withValue(third) {
                try await writer.write { db in
                    thirdRunning.set()
                    var polls = 0
                    while !plainQueued.isSet && polls < 20_000 { usleep(500); polls += 1 }
                    try db.execute(sql: "INSERT INTO t VALUES (3)")
                }
            }
        }
        try await waitUntil { third.queuedJobs == 1 }
        third.release()
        try await waitUntil { thirdRunning.isSet }
        let plain = Task { try await writer.write { db in try db.execute(sql: "INSERT INTO t VALUES (4)") } }
        try await waitUntil { writer.queuedWrites == 1 }
        plainQueued.set()
        try await hosted.value
        try await plain.value
        #expect(third.queuedJobs == 0)
        #expect(writer.statistics == GroupCommitStatistics(transactions: 4, writes: 4, largestBatch: 1))
    }

    @Test func writersThatWaitForASyncNeverRunOnTheHost() async throws {
        try await TemporaryDirectory.with { directory in
            let path = directory.appendingPathComponent("items.sqlite").path
            let pool = try DatabasePool(path: path)
            try await pool.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
            let syncer = WALSyncer(databasePath: path, label: "test-syncer")
            let writer = writer(syncedTo: syncer, on: pool)
            let host = ManualGroupCommitHost()
            try await GroupCommitWriter.$host.withValue(host) {
                try await writer.write { db in try db.execute(sql: "INSERT INTO t VALUES (1)") }
            }
            #expect(host.queuedJobs == 0)
            #expect(writer.statistics.transactions == 1)
            #expect(syncer.syncCount >= 1)
            syncer.close()
            try pool.close()
        }
    }

    @Test func writersAnsweredBeforeTheSyncRunOnTheHost() async throws {
        try await TemporaryDirectory.with { directory in
            let path = directory.appendingPathComponent("items.sqlite").path
            let pool = try DatabasePool(path: path)
            try await pool.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
            let syncer = WALSyncer(databasePath: path, label: "test-syncer")
            let writer = GroupCommitWriter(writer: pool, syncer: syncer, answersAfterSync: false)
            let host = ManualGroupCommitHost()
            let write = Task {
                try await GroupCommitWriter.$host.withValue(host) {
                    try await writer.write { db in try db.execute(sql: "INSERT INTO t VALUES (1)") }
                }
            }
            try await waitUntil { host.queuedJobs == 1 }
            host.release()
            try await write.value
            #expect(writer.statistics.transactions == 1)
            #expect(try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") } == 1)
            syncer.close()
            try pool.close()
        }
    }
}
