import OrderedCollections
/// The outcome of parsing a definition: the typed model when there are no errors, and every diagnostic found.
package struct ASLParseResult: Sendable {
    /// The definition; `nil` when any diagnostic is an error.
    package var definition: StateMachineDefinition?
    /// All diagnostics, in the order found (definition order).
    package var diagnostics: [ASLDiagnostic]

    /// Whether the definition is valid (no error diagnostics).
    package var isValid: Bool { definition != nil }
}
