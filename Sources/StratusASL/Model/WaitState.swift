import OrderedCollections
import StratusJSONPath

/// The Wait-specific part of a state: exactly one of the four forms.
package enum WaitState: Sendable {
    /// `Seconds` (literal or JSONata expression).
    case seconds(NumberSetting)
    /// `SecondsPath`.
    case secondsPath(JSONPath)
    /// `Timestamp` as a literal RFC 3339 text, or a JSONata expression (`{% … %}`) text.
    case timestamp(String)
    /// `TimestampPath`.
    case timestampPath(JSONPath)
}
