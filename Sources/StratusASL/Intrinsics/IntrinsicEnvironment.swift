import StratusJSONPath

/// What an intrinsic call may read besides its input, and the injected sources of randomness and ids.
///
/// Guarantees: evaluation is pure given an environment; `States.MathRandom` without a seed draws from
/// ``randomSource`` and `States.UUID` from ``makeUUID``, nothing else. Seeded `States.MathRandom` does not use
/// ``randomSource`` (it is repeatable, see ``JavaRandom``).
public struct IntrinsicEnvironment: Sendable {
    /// The Context object (`$$`) and variables (`$name`) path arguments can read.
    public var scope: JSONPathScope
    /// Uniform random 64-bit values, for unseeded `States.MathRandom`.
    public var randomSource: @Sendable () -> UInt64
    /// A new version-4 UUID in lower-case 8-4-4-4-12 form, for `States.UUID`.
    public var makeUUID: @Sendable () -> String

    /// An environment with the given scope and sources.
    public init(
        scope: JSONPathScope = .empty,
        randomSource: @escaping @Sendable () -> UInt64,
        makeUUID: @escaping @Sendable () -> String
    ) {
        self.scope = scope
        self.randomSource = randomSource
        self.makeUUID = makeUUID
    }

    /// A version-4 UUID text made from two random 64-bit values (version and variant bits set).
    public static func uuidText(high: UInt64, low: UInt64) -> String {
        let high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        func hex(_ value: UInt64, _ digits: Int) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: max(0, digits - text.count)) + text
        }
        return "\(hex(high >> 32, 8))-\(hex((high >> 16) & 0xFFFF, 4))-\(hex(high & 0xFFFF, 4))-"
            + "\(hex(low >> 48, 4))-\(hex(low & 0xFFFF_FFFF_FFFF, 12))"
    }
}
