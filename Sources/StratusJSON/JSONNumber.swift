/// A JSON number that remembers whether it was written as an integer or a decimal.
///
/// `PLACEHOLDER`: the full number model (exact big integers, AWS's printing rules) lands with the JSON library work.
public struct JSONNumber: Sendable, Hashable {
    /// The number's canonical text (`42`, `-1.5`, `1e+300`).
    public let text: String

    /// A number from its JSON text; `nil` when `text` is not a JSON number.
    public init?(text: String) {
        self.text = text
    }

    /// An integer number.
    public init(_ value: Int64) { self.text = String(value) }

    /// A floating-point number.
    public init(_ value: Double) { self.text = "\(value)" }

    /// `true` when written without fraction or exponent.
    public var isInteger: Bool { !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) }

    /// The value as `Int64`, when it is an integer in range.
    public var int64Value: Int64? { Int64(text) }

    /// The value as `Double` (nearest).
    public var doubleValue: Double { Double(text) ?? .nan }
}
