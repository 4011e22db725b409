import Foundation
import StratusAWSCore
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting
import Synchronization

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
        service = StepFunctionsService(store: store, clock: clock, ids: CountingIDs(prefix: "rev-"))
    }

    func arn(_ name: String) -> String { "arn:aws:states:us-east-1:000000000000:stateMachine:\(name)" }
}
