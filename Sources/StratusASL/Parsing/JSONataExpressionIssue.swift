/// What a JSONata check found wrong with one expression (see ``ASLParser/Options/jsonataCheck``).
///
/// Guarantees: `code` is the diagnostic code to report (AWS uses `INVALID_JSONATA_EXPRESSION` for text that does
/// not parse, with the JSONata parser's message without its `S0xxx` code, and `UNSUPPORTED_JSONATA_EXPRESSION`
/// for `Reference to 'x' at the top level is not supported.`); `message` is reported as is.
package struct JSONataExpressionIssue: Sendable, Hashable {
    /// The diagnostic code.
    package var code: String
    /// The diagnostic message.
    package var message: String

    /// Creates an issue.
    package init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
