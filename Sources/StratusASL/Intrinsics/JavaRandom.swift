/// The linear congruential generator of `java.util.Random`, used for seeded `States.MathRandom` so that one seed
/// always gives the same number.
///
/// Guarantees: for a seed `s`, `JavaRandom(seed: s).nextInt(bound: n)` equals Java's `new Random(s).nextInt(n)`.
/// Whether AWS uses exactly this generator is not verified (its recordings redact the value); repeatability is.
public struct JavaRandom: Sendable {
    private static let multiplier: Int64 = 0x5_DEEC_E66D
    private static let mask: Int64 = (1 << 48) - 1
    private var seed: Int64

    /// A generator with Java's seed scrambling applied to `seed`.
    public init(seed: Int64) {
        self.seed = (seed ^ JavaRandom.multiplier) & JavaRandom.mask
    }

    private mutating func next(bits: Int) -> Int32 {
        seed = (seed &* JavaRandom.multiplier &+ 0xB) & JavaRandom.mask
        return Int32(truncatingIfNeeded: seed >> (48 - bits))
    }

    /// A value in `0..<bound`, as Java's `nextInt(int bound)`.
    /// - Precondition: `bound > 0`.
    public mutating func nextInt(bound: Int32) -> Int32 {
        precondition(bound > 0, "bound must be positive")
        if bound & -bound == bound {
            return Int32(truncatingIfNeeded: (Int64(bound) &* Int64(next(bits: 31))) >> 31)
        }
        var bits: Int32
        var value: Int32
        repeat {
            bits = next(bits: 31)
            value = bits % bound
        } while bits &- value &+ (bound &- 1) < 0
        return value
    }
}
