import OrderedCollections
import Synchronization

/// SplitMix64 behind a lock: the execution's only source of randomness, seeded, so a run is repeatable.
///
/// Guarantees: the same seed yields the same sequence; safe to call from the `@Sendable` closures the intrinsic
/// environment needs.
final class DeterministicRandom: Sendable {
    private let state: Mutex<UInt64>

    init(seed: UInt64) { state = Mutex(seed) }

    func next() -> UInt64 {
        state.withLock { value in
            value &+= 0x9E37_79B9_7F4A_7C15
            var z = value
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Uniform in [0, 1).
    func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
