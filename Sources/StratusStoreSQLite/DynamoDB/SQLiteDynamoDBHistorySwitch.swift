// SQLiteDynamoDBHistorySwitch: whether any DynamoDB table may keep a point-in-time recovery history.
import Synchronization

/// One flag per store: off while no table has point-in-time recovery on, so item writes skip the history lookup.
///
/// Guarantees: turned on (inside the enabling transaction, before it commits) before any write that must be
/// recorded can begin, and never turned off while the process runs; it starts from the database's state.
final class SQLiteDynamoDBHistorySwitch: Sendable {
    private let state: Mutex<Bool>

    init(isOn: Bool = false) {
        state = Mutex(isOn)
    }

    /// Whether a table may have point-in-time recovery on.
    var isOn: Bool { state.withLock { $0 } }

    /// Records that a table has point-in-time recovery on.
    func turnOn() { state.withLock { $0 = true } }
}
