import StratusJSON

/// The outcome of ``JSONataExpression/evaluateResult(input:bindings:options:)``.
public enum JSONataResult: Sendable, Equatable {
    /// The expression produced this value (sequences as arrays, as ``JSONataExpression/evaluate(input:bindings:options:)``).
    case value(JSONValue)
    /// The expression produced nothing (jsonata-js's *undefined*).
    case undefined
    /// The expression produced a function (a lambda or a built-in), which has no JSON form.
    case function
}
