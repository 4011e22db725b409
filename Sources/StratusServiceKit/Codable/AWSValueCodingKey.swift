/// A coding key for any member name or list index, used by the ``AWSValue`` coding bridge.
///
/// Guarantees `stringValue` is the member name (or the decimal index for list positions) exactly.
package struct AWSValueCodingKey: CodingKey, Sendable, Hashable {
    /// The member name, or the index in decimal.
    package var stringValue: String
    /// The list index, for list positions.
    package var intValue: Int?

    /// A key for a member name.
    package init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    /// A key for a list position.
    package init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }

    /// A key for a list position (the form `Index 3` the standard library uses in coding paths).
    static func index(_ index: Int) -> AWSValueCodingKey {
        AWSValueCodingKey(intValue: index)
    }
}
