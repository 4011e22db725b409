import Foundation
import StratusAWSCore
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import Synchronization

/// A clock tests move by hand.
final class ManualClock: WallClock {
    private let instant = Mutex(Date(timeIntervalSince1970: 1_700_000_000))
    func now() -> Date { instant.withLock { $0 } }
    func advance(seconds: Double) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Ids `rev-1`, `rev-2`, …
final class CountingIDs: RequestIDGenerator {
    private let counter = Mutex(0)
    func next() -> String { "rev-\(counter.withLock { $0 += 1; return $0 })" }
}

/// A service over a fresh in-memory SQLite store, with its clock.
struct StepFunctionsFixture {
    let service: StepFunctionsService
    let clock: ManualClock
    let context = StepFunctionsFixture.context

    /// The caller of every test request.
    static let context = RequestContext(
        accountID: "000000000000", region: "us-east-1", requestID: "request", host: "localhost:4566",
        receivedAt: Date(timeIntervalSince1970: 0))

    static let role = "arn:aws:iam::000000000000:role/sfn"
    static let passDefinition = #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#

    init() throws {
        clock = ManualClock()
        let store = SQLiteStepFunctionsStore(database: try SQLiteDatabase.inMemory(name: "stepfunctions"))
        service = StepFunctionsService(store: store, clock: clock, ids: CountingIDs())
    }

    func arn(_ name: String) -> String { "arn:aws:states:us-east-1:000000000000:stateMachine:\(name)" }
}
