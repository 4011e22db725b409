// EventBridgeRateLimiter: holds API destination calls to their InvocationRateLimitPerSecond.
import Synchronization

/// Lets at most a destination's `InvocationRateLimitPerSecond` calls start per second: a token bucket per key
/// (an API destination ARN) that holds one second's worth of calls and refills continuously.
///
/// Guarantees: ``reserve(_:perSecond:at:)`` answers 0 only when a token is left, and then takes it; otherwise it
/// answers how many milliseconds until the next token, taking nothing. A changed limit applies from the next call.
/// In memory: a restart starts every bucket full.
package final class EventBridgeRateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updatedAt: Int64
    }

    private let buckets = Mutex<[String: Bucket]>([:])

    /// A limiter with every bucket full.
    package init() {}

    /// Takes a token of `key`'s bucket (`perSecond` calls a second, at least 1) as of `now` (milliseconds): 0 when
    /// taken, else the milliseconds until one is left.
    package func reserve(_ key: String, perSecond: Int, at now: Int64) -> Int64 {
        let rate = Double(max(1, perSecond))
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: rate, updatedAt: now)
            bucket.tokens = min(rate, bucket.tokens + Double(max(0, now - bucket.updatedAt)) * rate / 1000)
            bucket.updatedAt = max(bucket.updatedAt, now)
            let wait: Int64
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                wait = 0
            } else {
                wait = max(1, Int64(((1 - bucket.tokens) * 1000 / rate).rounded(.up)))
            }
            buckets[key] = bucket
            return wait
        }
    }
}

/// An API destination call held back by the destination's `InvocationRateLimitPerSecond`.
struct EventBridgeThrottledCall: Error, CustomStringConvertible {
    /// The limit.
    let limit: Int
    /// Milliseconds until a call may start.
    let delay: Int64

    var description: String { "Throttled by the API destination's InvocationRateLimitPerSecond of \(limit)" }
}
