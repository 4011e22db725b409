import StratusJSON
import StratusJSONPath

/// One argument of an intrinsic call.
public indirect enum IntrinsicArgument: Sendable, Hashable {
    /// A string literal: its value with escapes resolved, and its text between the quotes as written (which
    /// `States.Format` needs to tell `\{` from `{`).
    case string(value: String, raw: String)
    /// A number literal.
    case number(JSONNumber)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// A path into the input (`$.a`), the Context object (`$$.a`) or a variable (`$name`).
    case path(JSONPath)
    /// A nested call.
    case call(IntrinsicCall)
}
