import OrderedCollections
import StratusJSON

/// A compiled JSONPath payload template (`Parameters`, `ResultSelector`, `ItemSelector`, JSONPath `Assign`):
/// literals, plus `"key.$"` fields whose values are paths or intrinsic calls.
///
/// Guarantees: keys are stored without their `.$` suffix; ``DynamicValue``s are parsed once.
package indirect enum PayloadTemplate: Sendable {
    /// A value copied as is.
    case literal(JSONValue)
    /// An object; each member keeps its definition order.
    case object(OrderedDictionary<String, PayloadTemplate>)
    /// An array of templates.
    case array([PayloadTemplate])
    /// A `"key.$"` value: `field` is the key as written (with `.$`), for error messages.
    case dynamic(DynamicValue, field: String)
}
