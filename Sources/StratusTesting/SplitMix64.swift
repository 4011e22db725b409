// SplitMix64: a seeded pseudo-random generator for property and fuzz tests.

/// SplitMix64 (Steele, Lea and Flood): a tiny deterministic generator, so a property or fuzz test that fails
/// reproduces from its seed.
///
/// Guarantees: the same seed gives the same sequence on every platform and run. Not for anything that needs
/// unpredictability.
package struct SplitMix64: RandomNumberGenerator {
    /// The generator's whole state; the seed at the start.
    package var state: UInt64

    /// A generator starting from `state`.
    package init(state: UInt64) {
        self.state = state
    }

    /// The next 64 random bits.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// One of `items` (which must not be empty).
    package mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}
