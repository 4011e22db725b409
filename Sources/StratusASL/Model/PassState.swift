import OrderedCollections
import StratusJSON

/// The Pass-specific part of a state.
package struct PassState: Sendable {
    /// `Result` (JSONPath), if set.
    package var result: JSONValue?

    /// Creates the Pass part.
    package init(result: JSONValue?) { self.result = result }
}
