import OrderedCollections
import StratusJSON

/// The data a path can address besides its input: the Context object (`$$…`) and the variables (`$name…`).
///
/// Guarantees: pure values; a path rooted at `$$` reads ``context`` and a path rooted at `$name` reads
/// ``variables``[`name`]. An absent context behaves as an empty object; an unassigned variable is an error
/// (``JSONPathError/Code/undefinedVariable``), never `null`.
public struct JSONPathScope: Sendable {
    /// The Context object (`$$`).
    public var context: JSONValue
    /// The variables in scope, by name (`$name`).
    public var variables: [String: JSONValue]

    /// A scope with the given context object and variables.
    public init(context: JSONValue = .object([:]), variables: [String: JSONValue] = [:]) {
        self.context = context
        self.variables = variables
    }

    /// A scope with an empty context and no variables.
    public static let empty = JSONPathScope()
}
