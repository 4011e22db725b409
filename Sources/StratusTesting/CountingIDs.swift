// CountingIDs: predictable ids for tests.
import StratusAWSCore
import Synchronization

/// Ids `<prefix>1`, `<prefix>2`, … in the order they are asked for.
///
/// Guarantees: every id is new for this generator; safe from any thread.
package final class CountingIDs: RequestIDGenerator {
    private let prefix: String
    private let counter = Mutex(0)

    /// A generator of `<prefix>1`, `<prefix>2`, … (`id-1`, … by default).
    package init(prefix: String = "id-") {
        self.prefix = prefix
    }

    /// The next id.
    package func next() -> String { prefix + String(counter.withLock { $0 += 1; return $0 }) }
}
