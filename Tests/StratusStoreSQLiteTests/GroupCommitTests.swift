import Foundation
import GRDB
import StratusStoreSQLite
import Synchronization
import Testing

final class StartFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

struct ExpectedFailure: Error, Equatable {
    var index: Int
}

@Suite("Group commit")
struct GroupCommitTests {
    static let schema = [SchemaMigration(name: "001-items", sql: "CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE)")]

    func concurrentWrites(on database: SQLiteDatabase, count: Int) async throws -> [Int] {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await database.write { db in
                        try db.execute(sql: "INSERT INTO items (id, value) VALUES (?, ?)", arguments: [index, "v\(index)"])
                        return index
                    }
                }
            }
            var results: [Int] = []
            for try await result in group { results.append(result) }
            return results
        }
    }

    @Test func twoHundredConcurrentWritesAllCommitInFewerTransactions() async throws {
        try await TemporaryDirectory.with { directory in
            let database = try SQLiteDatabase.open(name: "dynamodb", at: directory.appendingPathComponent("dynamodb.sqlite"))
            try await database.migrate(Self.schema)
            let results = try await concurrentWrites(on: database, count: 200)
            #expect(results.sorted() == Array(0..<200))
            #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items") } == 200)
            let statistics = database.writeStatistics
            #expect(statistics.writes == 200)
            #expect(statistics.transactions < 200)
            #expect(statistics.largestBatch > 1)
            // Every batch was synced before its writers were answered; batches may share a sync.
            let syncs = try #require(database.walSyncCount)
            #expect(syncs >= 1 && syncs <= statistics.transactions + 1)
            try database.close()
        }
    }

    @Test func writesArrivingDuringATransactionShareTheNextOne() async throws {
        // Deterministic: the first write holds its transaction open until the other 199 are queued behind it.
        let database = try SQLiteDatabase.inMemory(name: "sqs")
        try await database.migrate(Self.schema)
        let started = StartFlag()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await database.write { db in
                    started.set()
                    var polls = 0
                    while database.queuedWrites < 199 && polls < 60_000 {
                        usleep(500)
                        polls += 1
                    }
                    try db.execute(sql: "INSERT INTO items (id, value) VALUES (-1, 'first')")
                }
            }
            while !started.isSet { try await Task.sleep(for: .milliseconds(1)) }
            for index in 0..<199 {
                group.addTask {
                    try await database.write { db in
                        try db.execute(sql: "INSERT INTO items (id, value) VALUES (?, ?)", arguments: [index, "v\(index)"])
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(database.writeStatistics == GroupCommitStatistics(transactions: 2, writes: 200, largestBatch: 199))
        #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items") } == 200)
    }

    @Test func cancellingTheLeaderDoesNotFailTheBatch() async throws {
        let database = try SQLiteDatabase.inMemory(name: "sqs")
        try await database.migrate(Self.schema)
        let started = StartFlag(), release = StartFlag()
        let leader = Task {
            try await database.write { db in
                started.set()
                var polls = 0
                while !release.isSet && polls < 60_000 { usleep(500); polls += 1 }
                try db.execute(sql: "INSERT INTO items (id, value) VALUES (-1, 'leader')")
            }
        }
        while !started.isSet { try await Task.sleep(for: .milliseconds(1)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<5 {
                group.addTask {
                    try await database.write { db in
                        try db.execute(sql: "INSERT INTO items (id, value) VALUES (?, ?)", arguments: [index, "v\(index)"])
                    }
                }
            }
            while database.queuedWrites < 5 { try await Task.sleep(for: .milliseconds(1)) }
            leader.cancel()
            release.set()
            try await group.waitForAll()
        }
        try await leader.value
        #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items") } == 6)
    }

    @Test func inMemoryDatabasesGroupCommitToo() async throws {
        let database = try SQLiteDatabase.inMemory(name: "sqs")
        try await database.migrate(Self.schema)
        _ = try await concurrentWrites(on: database, count: 200)
        #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items") } == 200)
        #expect(database.writeStatistics.transactions < 200)
    }

    @Test func aFailingClosureRollsBackOnlyItself() async throws {
        let database = try SQLiteDatabase.inMemory(name: "sqs")
        try await database.migrate(Self.schema)
        // Every 7th closure inserts a row and then throws; every 11th violates the UNIQUE constraint.
        try await database.write { db in try db.execute(sql: "INSERT INTO items (id, value) VALUES (-1, 'taken')") }
        let outcomes = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
            for index in 0..<100 {
                group.addTask {
                    do {
                        let value = try await database.write { db -> Int in
                            if index % 11 == 0 {
                                try db.execute(sql: "INSERT INTO items (id, value) VALUES (?, 'taken')", arguments: [index])
                            } else {
                                try db.execute(sql: "INSERT INTO items (id, value) VALUES (?, ?)", arguments: [index, "v\(index)"])
                                if index % 7 == 0 { throw ExpectedFailure(index: index) }
                            }
                            return index
                        }
                        return (index, .success(value))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var all: [(Int, Result<Int, any Error>)] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        for (index, outcome) in outcomes {
            switch outcome {
            case .success(let value):
                #expect(index % 11 != 0 && index % 7 != 0)
                #expect(value == index)
            case .failure(let error):
                if index % 11 == 0 {
                    #expect((error as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT, "index \(index): \(error)")
                } else {
                    #expect(index % 7 == 0)
                    #expect(error as? ExpectedFailure == ExpectedFailure(index: index))
                }
            }
        }
        let stored = try await database.read { db in try Int.fetchAll(db, sql: "SELECT id FROM items WHERE id >= 0 ORDER BY id") }
        #expect(stored == (0..<100).filter { $0 % 11 != 0 && $0 % 7 != 0 })
    }

    @Test func readsSeeOnlyCommittedState() async throws {
        try await TemporaryDirectory.with { directory in
            let database = try SQLiteDatabase.open(name: "s3", at: directory.appendingPathComponent("s3.sqlite"))
            try await database.migrate(Self.schema)
            try await database.write { db in try db.execute(sql: "INSERT INTO items (id, value) VALUES (1, 'a')") }
            let count = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items") }
            #expect(count == 1)
            // A write that fails leaves nothing behind for readers.
            await #expect(throws: ExpectedFailure.self) {
                try await database.write { db in
                    try db.execute(sql: "INSERT INTO items (id, value) VALUES (2, 'b')")
                    throw ExpectedFailure(index: 2)
                }
            }
            #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items") } == 1)
            try database.close()
        }
    }

    @Test func standaloneWriterCountsBatches() async throws {
        let queue = try DatabaseQueue()
        try await queue.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
        let writer = GroupCommitWriter(writer: queue, maximumBatchSize: 4)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                group.addTask { try await writer.write { db in try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [index]) } }
            }
            try await group.waitForAll()
        }
        let statistics = writer.statistics
        #expect(statistics.writes == 50)
        #expect(statistics.largestBatch <= 4)
        #expect(try await queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") } == 50)
    }

    @Test func aSyncFailureReachesEveryWriterOfTheBatchAndCommittedRowsStay() async throws {
        try await TemporaryDirectory.with { directory in
            let path = directory.appendingPathComponent("t.sqlite").path
            let pool = try DatabasePool(path: path)
            try await pool.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
            // A WAL path below a regular file cannot be opened (ENOTDIR): every sync fails.
            let plainFile = directory.appendingPathComponent("plain-file")
            try Data("x".utf8).write(to: plainFile)
            let syncer = WALSyncer(databasePath: plainFile.appendingPathComponent("db.sqlite").path, label: "test")
            let writer = GroupCommitWriter(writer: pool, syncer: syncer)
            let failures = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<5 {
                    group.addTask {
                        do {
                            try await writer.write { db in try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [index]) }
                            return false
                        } catch {
                            return error is WALSyncError
                        }
                    }
                }
                var failures = 0
                for await failed in group where failed { failures += 1 }
                return failures
            }
            #expect(failures == 5)
            // The transactions committed; only their durability is unknown.
            #expect(try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") } == 5)
        }
    }

    @Test func aSyncerSyncsOnlyAfterTheRequestAndSharesSyncsAmongWaiters() async throws {
        try await TemporaryDirectory.with { directory in
            let path = directory.appendingPathComponent("s.sqlite").path
            try Data("wal".utf8).write(to: URL(fileURLWithPath: path + "-wal"))
            let syncer = WALSyncer(databasePath: path, label: "test")
            try await syncer.sync()
            #expect(syncer.syncCount == 1)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<50 { group.addTask { try await syncer.sync() } }
                try await group.waitForAll()
            }
            // Each of the 50 waited for a sync of its own or a shared later one: at least one more, at most 50.
            #expect(syncer.syncCount >= 2 && syncer.syncCount <= 51)
            // No WAL file: nothing to make durable, the sync succeeds.
            try await WALSyncer(databasePath: directory.appendingPathComponent("none.sqlite").path, label: "test").sync()
        }
    }
    @Test func aSyncerSyncsOnTheCallerOnlyWhenNoSyncIsUnderWay() async throws {
        try await TemporaryDirectory.with { directory in
            let path = directory.appendingPathComponent("i.sqlite").path
            try Data("wal".utf8).write(to: URL(fileURLWithPath: path + "-wal"))
            let syncer = WALSyncer(databasePath: path, label: "test")
            // Idle: the caller syncs itself.
            let first = try #require(syncer.syncNowIfIdle())
            try first.get()
            #expect(syncer.syncCount == 1)
            // A sync under way (its waiter still running on the syncer's queue): the caller is told to wait for one.
            let waiterRuns = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let finished = DispatchSemaphore(value: 0)
            syncer.afterSync { _ in
                waiterRuns.signal()
                release.wait()
                finished.signal()
            }
            waiterRuns.wait()
            #expect(syncer.syncNowIfIdle() == nil)
            release.signal()
            finished.wait()
            #expect(syncer.syncCount == 2)
            // Idle again once that sync's waiters are answered.
            var idleAgain = syncer.syncNowIfIdle()
            for _ in 0..<100 where idleAgain == nil {
                try await Task.sleep(for: .milliseconds(1))
                idleAgain = syncer.syncNowIfIdle()
            }
            try #require(idleAgain).get()
            #expect(syncer.syncCount == 3)
            syncer.close()
        }
    }

    @Test func aSyncerOpensTheWALOnceItExistsAndKeepsItOpenUntilClosed() async throws {
        try await TemporaryDirectory.with { directory in
            let path = directory.appendingPathComponent("k.sqlite").path
            let syncer = WALSyncer(databasePath: path, label: "test")
            try await syncer.sync()
            #expect(Self.openDescriptors(of: path + "-wal") == 0)
            try Data("wal".utf8).write(to: URL(fileURLWithPath: path + "-wal"))
            try await syncer.sync()
            try await syncer.sync()
            #expect(Self.openDescriptors(of: path + "-wal") == 1)
            syncer.close()
            #expect(Self.openDescriptors(of: path + "-wal") == 0)
            // A sync after close opens the WAL again.
            try await syncer.sync()
            #expect(Self.openDescriptors(of: path + "-wal") == 1)
            syncer.close()
        }
    }

    /// How many of this process's file descriptors refer to `path` (Linux: /proc/self/fd).
    private static func openDescriptors(of path: String) -> Int {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return fds.filter { fd in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) == target
        }.count
    }
}
