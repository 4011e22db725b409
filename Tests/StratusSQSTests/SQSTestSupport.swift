import Foundation
import StratusAWSCore
import StratusServiceKit
import StratusSQS
import StratusStoreSQLite
import StratusTesting
import Synchronization

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
