import OrderedCollections
import StratusJSONPath

extension JSONPath {
    /// The path `$`: the whole input (the default of `InputPath`, `OutputPath` and `ResultPath`).
    package static let dollar: JSONPath = {
        do { return try JSONPath("$") } catch { preconditionFailure("'$' is a valid path: \(error)") }
    }()

    /// `true` for the path `$` (no segments, input root).
    package var isWholeInput: Bool { segments.isEmpty && root == JSONPath.Root.input }
}
