// ManualClock: a WallClock that tests move by hand.
import Foundation
import StratusAWSCore
import Synchronization

/// A clock that stands still until a test moves it.
///
/// Guarantees: `now()` answers the same instant until ``advance(seconds:)`` moves it (by exactly that much); safe
/// from any thread. Starts at 2023-11-14T22:13:20Z (1,700,000,000 s after the epoch) unless told otherwise.
package final class ManualClock: WallClock {
    private let instant: Mutex<Date>

    /// A clock standing at `start`.
    package init(start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        instant = Mutex(start)
    }

    /// The instant the clock stands at.
    package func now() -> Date { instant.withLock { $0 } }

    /// Moves the clock forward (or back, for a negative value).
    package func advance(seconds: Double) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
