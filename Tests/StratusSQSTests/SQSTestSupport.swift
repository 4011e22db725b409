import Foundation
import StratusAWSCore
import StratusSQS
import StratusServiceKit
import StratusStoreSQLite
import Synchronization

/// A clock tests move by hand.
final class ManualClock: WallClock {
    private let instant = Mutex(Date(timeIntervalSince1970: 1_700_000_000))
    func now() -> Date { instant.withLock { $0 } }
    func advance(seconds: Double) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Ids `id-1`, `id-2`, …
final class CountingIDs: RequestIDGenerator {
    private let counter = Mutex(0)
    func next() -> String { "id-\(counter.withLock { $0 += 1; return $0 })" }
}

/// A service over a fresh in-memory SQLite store, with its clock.
struct SQSFixture {
    let service: SQSService
    let clock: ManualClock
    let context = SQSFixture.context

    /// The caller of every test request.
    static let context = RequestContext(
        accountID: "000000000000", region: "us-east-1", requestID: "request", host: "localhost:4566",
        receivedAt: Date(timeIntervalSince1970: 0))

    init() throws {
        clock = ManualClock()
        let store = SQLiteSQSStore(database: try SQLiteDatabase.inMemory(name: "sqs"))
        service = SQSService(store: store, clock: clock, ids: CountingIDs())
    }

    func url(_ name: String) -> String { "http://localhost:4566/000000000000/\(name)" }
}
