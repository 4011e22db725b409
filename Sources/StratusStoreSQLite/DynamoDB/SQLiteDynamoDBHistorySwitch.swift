// SQLiteDynamoDBHistorySwitch: whether any DynamoDB table may keep a change history (point-in-time recovery, streams).
import Synchronization

/// One flag per store and kind of history: off while no table has point-in-time recovery on (or, for the stream
/// switch, no table has had a stream), so item writes skip the lookup.
///
/// Guarantees: turned on (inside the enabling transaction, before it commits) before any write that must be
/// recorded can begin, and never turned off while the process runs; it starts from the database's state.
final class SQLiteDynamoDBHistorySwitch: Sendable {
    private let state: Mutex<Bool>

    init(isOn: Bool = false) {
        state = Mutex(isOn)
    }

    /// Whether a table may keep this history.
    var isOn: Bool { state.withLock { $0 } }

    /// Records that a table keeps this history.
    func turnOn() { state.withLock { $0 = true } }
}
