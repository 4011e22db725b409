import OrderedCollections
/// One `Retry` entry.
///
/// Guarantees: defaults filled as AWS documents (IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0, no
/// MaxDelaySeconds, JitterStrategy NONE).
package struct Retrier: Sendable, Hashable {
    /// `ErrorEquals`.
    package var errorEquals: [String]
    /// `IntervalSeconds`.
    package var intervalSeconds: Int
    /// `MaxAttempts` (0 = never retry).
    package var maxAttempts: Int
    /// `BackoffRate` (≥ 1).
    package var backoffRate: Double
    /// `MaxDelaySeconds`, if set.
    package var maxDelaySeconds: Int?
    /// `JitterStrategy` is `FULL`.
    package var fullJitter: Bool

    /// Creates a retrier with AWS's defaults for omitted fields.
    package init(errorEquals: [String], intervalSeconds: Int = 1, maxAttempts: Int = 3, backoffRate: Double = 2.0,
                 maxDelaySeconds: Int? = nil, fullJitter: Bool = false) {
        self.errorEquals = errorEquals
        self.intervalSeconds = intervalSeconds
        self.maxAttempts = maxAttempts
        self.backoffRate = backoffRate
        self.maxDelaySeconds = maxDelaySeconds
        self.fullJitter = fullJitter
    }
}
