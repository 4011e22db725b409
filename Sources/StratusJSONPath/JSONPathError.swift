import StratusJSON

/// A failure to parse, evaluate or assign through a JSONPath.
///
/// Guarantees: ``message`` is the detail text in the wording AWS Step Functions (which uses Jayway JsonPath) shows
/// where it is known (`No results for path: $['x']`, `Missing property in path $['a']`); ``code`` says which
/// Step Functions error the caller should raise (see ``Code``). The helpers ``invalidPathCause(path:)`` and
/// ``fieldNotFoundCause(path:field:input:)`` build AWS's two cause sentences.
public struct JSONPathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable {
        /// The text is not a valid path (a definition error; `States.Runtime` if it only shows at run time).
        case syntax
        /// The text is a valid path but not a Reference Path (it may select several nodes), or refers to data a
        /// reference path may not use (`$$`, variables) where the caller required that.
        case notReferencePath
        /// A definite path selected nothing in the data (AWS raises `States.Runtime`).
        case notFound
        /// A variable the path refers to is not assigned (AWS raises `States.Runtime`).
        case undefinedVariable
        /// `ResultPath` could not be applied to the input (AWS raises `States.ResultPathMatchFailure`).
        case resultPathMatchFailure
    }

    /// What went wrong.
    public var code: Code
    /// The detail text (see the type's guarantees).
    public var message: String

    /// An error with the given code and detail text.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The detail text.
    public var description: String { message }

    /// AWS's cause for a path used by `InputPath`, `OutputPath` or a `*Path` field that selected nothing:
    /// `Invalid path '$.x' : No results for path: $['x']`.
    public func invalidPathCause(path: String) -> String {
        "Invalid path '\(path)' : \(message)"
    }

    /// AWS's cause for a path in a payload template (`"key.$"`), `ErrorPath` or `CausePath` that selected nothing:
    /// `The JSONPath '$.x' specified for the field 'key.$' could not be found in the input '{"a":1}'`.
    public static func fieldNotFoundCause(path: String, field: String, input: JSONValue) -> String {
        "The JSONPath '\(path)' specified for the field '\(field)' could not be found in the input '\(input.serializedString())'"
    }
}
