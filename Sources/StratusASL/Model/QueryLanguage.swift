import OrderedCollections
/// The query language of a state machine or a state (`QueryLanguage`).
///
/// Guarantees: raw values are exactly AWS's spellings; the default of a definition is ``jsonPath``.
package enum QueryLanguage: String, Sendable, Hashable {
    /// `JSONPath`: InputPath, Parameters, ResultSelector, ResultPath, OutputPath and intrinsic functions.
    case jsonPath = "JSONPath"
    /// `JSONata`: Arguments, Output, Assign and `{% … %}` expressions.
    case jsonata = "JSONata"
}
