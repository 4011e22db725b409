import OrderedCollections
/// The Fail-specific part of a state.
package struct FailState: Sendable {
    /// `Error` (literal; in JSONata states possibly a `{% %}` expression).
    package var error: String?
    /// `ErrorPath` (a path or an intrinsic call).
    package var errorPath: DynamicValue?
    /// `Cause` (literal; in JSONata states possibly a `{% %}` expression).
    package var cause: String?
    /// `CausePath` (a path or an intrinsic call).
    package var causePath: DynamicValue?

    /// Creates the Fail part.
    package init(error: String? = nil, errorPath: DynamicValue? = nil, cause: String? = nil, causePath: DynamicValue? = nil) {
        self.error = error
        self.errorPath = errorPath
        self.cause = cause
        self.causePath = causePath
    }
}
