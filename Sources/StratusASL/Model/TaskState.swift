import OrderedCollections
import StratusJSON
import StratusJSONPath

/// The Task-specific part of a state.
///
/// Guarantees: at most one of each X / XPath pair is set; with neither, the timeout is AWS's default (none for
/// practical purposes: 99,999,999 s) and there is no heartbeat.
package struct TaskState: Sendable {
    /// `Resource` (an ARN: `arn:aws:states:::lambda:invoke`, an activity, a Lambda function, …).
    package var resource: String
    /// `TimeoutSeconds` as a literal, a reference path, or (JSONata) an expression value.
    package var timeout: NumberSetting?
    /// `HeartbeatSeconds` likewise.
    package var heartbeat: NumberSetting?
    /// `Credentials` (JSONPath: a template; JSONata: a value with expressions), kept for the integrations.
    package var credentials: JSONValue?

    /// Creates the Task part.
    package init(resource: String, timeout: NumberSetting? = nil, heartbeat: NumberSetting? = nil, credentials: JSONValue? = nil) {
        self.resource = resource
        self.timeout = timeout
        self.heartbeat = heartbeat
        self.credentials = credentials
    }
}

/// A numeric field that may be literal, read from a Reference Path (`…Path` twin) or computed by JSONata.
package enum NumberSetting: Sendable {
    /// The literal value.
    case literal(Double)
    /// A Reference Path into the state's effective input.
    case path(JSONPath)
    /// A JSONata expression string (`{% … %}`), evaluated at run time.
    case jsonata(String)
}
