import OrderedCollections
import StratusJSON
import StratusJSONPath

/// One `Catch` entry.
///
/// Guarantees: `resultPath` defaults to `$` (`nil` = `null`: the Error Output is discarded); in JSONata states
/// `output`/`assign` replace `resultPath`.
package struct Catcher: Sendable {
    /// `ErrorEquals`.
    package var errorEquals: [String]
    /// `Next`.
    package var next: String
    /// `ResultPath` (JSONPath).
    package var resultPath: JSONPath?
    /// `Output` (JSONata), a value that may contain `{% %}` strings.
    package var output: JSONValue?
    /// `Assign`.
    package var assign: AssignBlock?

    /// Creates a catcher.
    package init(errorEquals: [String], next: String, resultPath: JSONPath? = .dollar, output: JSONValue? = nil, assign: AssignBlock? = nil) {
        self.errorEquals = errorEquals
        self.next = next
        self.resultPath = resultPath
        self.output = output
        self.assign = assign
    }
}
