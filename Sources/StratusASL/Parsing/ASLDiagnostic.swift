import OrderedCollections
/// One finding of definition validation, in the shape `ValidateStateMachineDefinition` returns.
///
/// Guarantees: `code` is one of AWS's diagnostic codes (`SCHEMA_VALIDATION_FAILED`, `INVALID_JSON_DESCRIPTION`,
/// …); `location` is a JSON-pointer-like path (`/States/Name/Field`) or `nil`; `message` is AWS's wording where
/// known. ``invalidDefinitionMessage`` is the text of CreateStateMachine's `InvalidDefinition` error.
package struct ASLDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// `ERROR` or `WARNING`.
    package enum Severity: String, Sendable, Hashable {
        case error = "ERROR"
        case warning = "WARNING"
    }

    /// Severity; only errors make a definition invalid.
    package var severity: Severity
    /// AWS's diagnostic code.
    package var code: String
    /// What is wrong.
    package var message: String
    /// Where (e.g. `/States/Start/Type`), if known.
    package var location: String?

    /// Creates a diagnostic.
    package init(severity: Severity = .error, code: String = ASLDiagnostic.schemaValidationFailed, message: String, location: String?) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    /// `SCHEMA_VALIDATION_FAILED`.
    package static let schemaValidationFailed = "SCHEMA_VALIDATION_FAILED"
    /// `INVALID_JSON_DESCRIPTION`.
    package static let invalidJSONDescription = "INVALID_JSON_DESCRIPTION"
    /// `MISSING_TRANSITION_TARGET` (a `Next`/`Default`/`StartAt` naming no state of its block, or a state nothing
    /// reaches).
    package static let missingTransitionTarget = "MISSING_TRANSITION_TARGET"
    /// `MISSING_END_STATE` (a `States` block without a terminal state).
    package static let missingEndState = "MISSING_END_STATE"
    /// `DUPLICATE_STATE_NAME` (state names are unique across the whole machine, branches included).
    package static let duplicateStateName = "DUPLICATE_STATE_NAME"
    /// `INVALID_STATE_NAME`.
    package static let invalidStateName = "INVALID_STATE_NAME"
    /// `INVALID_RESOURCE`.
    package static let invalidResource = "INVALID_RESOURCE"
    /// `INVALID_LABEL_NAME` (a distributed Map `Label`).
    package static let invalidLabelName = "INVALID_LABEL_NAME"
    /// `DUPLICATE_LABEL_NAME` (two distributed Map states with the same `Label`).
    package static let duplicateLabelName = "DUPLICATE_LABEL_NAME"
    /// `INVALID_JSONATA_EXPRESSION` (a JSONata expression that does not parse; needs ``ASLParser/Options/jsonataCheck``).
    package static let invalidJSONataExpression = "INVALID_JSONATA_EXPRESSION"
    /// `UNSUPPORTED_JSONATA_EXPRESSION` (e.g. a top-level field reference; needs ``ASLParser/Options/jsonataCheck``).
    package static let unsupportedJSONataExpression = "UNSUPPORTED_JSONATA_EXPRESSION"
    /// `NO_DOLLAR` (warning): a payload-template field whose value looks like a path or an intrinsic call but whose
    /// name does not end with `.$`.
    package static let noDollar = "NO_DOLLAR"
    /// `NO_PATH` (warning): a field whose value looks like a path but whose name does not end with `Path`.
    package static let noPath = "NO_PATH"
    /// `PASS_RESULT_IS_STATIC` (warning): a Pass state's `Result` with `.$` fields, which are not evaluated.
    package static let passResultIsStatic = "PASS_RESULT_IS_STATIC"
    /// `TOO_DEEPLY_NESTED` (Parallel/Map `States` blocks nested beyond ``ASLParser/maximumNesting``).
    package static let tooDeeplyNested = "TOO_DEEPLY_NESTED"

    /// `CODE: message at location`, as AWS embeds it in `InvalidDefinition` messages.
    package var description: String {
        if let location { return "\(code): \(message) at \(location)" }
        return "\(code): \(message)"
    }

    /// The `InvalidDefinition` message for a list of errors: `Invalid State Machine Definition: '…'`, several
    /// diagnostics joined by `, ` as AWS does; a diagnostic without location ends in `at null`, as AWS prints it
    /// (`MISSING_END_STATE: Workflow has no terminal state at null`).
    package static func invalidDefinitionMessage(_ diagnostics: [ASLDiagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }
        let parts = errors.map { "\($0.code): \($0.message) at \($0.location ?? "null")" }
        return "Invalid State Machine Definition: '\(parts.joined(separator: ", "))'"
    }
}
