import StratusJSON
import StratusJSONPath

/// The value of a `"key.$"` field in a JSONPath payload template (`Parameters`, `ResultSelector`, `ItemSelector`,
/// `Assign`) or of `ErrorPath`/`CausePath`: either a path (`$…`, `$$…`, `$name…`) or an intrinsic function call.
///
/// Guarantees: parsed once (``init(parsing:field:)``) with AWS's validation wording on failure; evaluation
/// raises `States.Runtime` for a definite path that selects nothing (with AWS's "could not be found" cause) and
/// `States.IntrinsicFailure` for a failed call.
public enum DynamicValue: Sendable, Hashable {
    /// A path; indefinite paths evaluate to an array of their matches.
    case path(JSONPath)
    /// An intrinsic function call.
    case intrinsic(IntrinsicCall)

    /// Parses the text of a `.$` field.
    /// - Parameter field: the field's name as written (e.g. `parsed.$`), for the error message.
    /// - Throws: ``DynamicValueSyntaxError`` whose ``DynamicValueSyntaxError/message`` is AWS's
    ///   `The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call` and whose
    ///   ``DynamicValueSyntaxError/detail`` says what exactly is wrong.
    public init(parsing text: String, field: String) throws(DynamicValueSyntaxError) {
        let message = "The value for the field '\(field)' must be a valid JSONPath or a valid intrinsic function call"
        let trimmed = text.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        if trimmed.hasPrefix("$") {
            do {
                self = .path(try JSONPath(text))
            } catch {
                throw DynamicValueSyntaxError(message: message, detail: error.message)
            }
        } else {
            do {
                self = .intrinsic(try IntrinsicCall(parsing: text))
            } catch {
                throw DynamicValueSyntaxError(message: message, detail: error.message)
            }
        }
    }

    /// Evaluates against `input` (what `$` means for the field).
    /// - Throws: ``StatesError``: `States.Runtime` with
    ///   `The JSONPath '$.x' specified for the field 'key.$' could not be found in the input '…'` for a definite
    ///   path that selects nothing (the input printed is the data the path searched), `States.Runtime` for an
    ///   unassigned variable, `States.IntrinsicFailure` for a failed call.
    public func evaluate(input: JSONValue, environment: IntrinsicEnvironment, field: String) throws(StatesError) -> JSONValue {
        switch self {
        case .intrinsic(let call):
            return try call.evaluate(input: input, environment: environment, field: field)
        case .path(let path):
            do {
                return try path.evaluate(input, scope: environment.scope)
            } catch {
                if error.code == .notFound {
                    let searched = (try? path.rootValue(input, scope: environment.scope)) ?? input
                    throw StatesError(
                        name: StatesError.runtime,
                        cause: JSONPathError.fieldNotFoundCause(path: path.text, field: field, input: searched)
                    )
                }
                throw StatesError(name: StatesError.runtime, cause: error.message)
            }
        }
    }
}
