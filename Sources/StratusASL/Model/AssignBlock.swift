import OrderedCollections
import StratusJSON

/// A state's, a Choice rule's or a Catcher's `Assign` field.
package enum AssignBlock: Sendable {
    /// JSONPath: a payload template evaluated against the state's `$` (see asl-semantics §3).
    case jsonPath(PayloadTemplate)
    /// JSONata: an object whose values may be `{% %}` expressions at any depth.
    case jsonata(JSONValue)
}
