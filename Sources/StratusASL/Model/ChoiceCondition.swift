import OrderedCollections
import StratusJSON
import StratusJSONPath

/// A Choice Rule's test: boolean combinators over data-test expressions (JSONPath), or a JSONata `Condition`.
package indirect enum ChoiceCondition: Sendable {
    /// `And` (non-empty).
    case and([ChoiceCondition])
    /// `Or` (non-empty).
    case or([ChoiceCondition])
    /// `Not`.
    case not(ChoiceCondition)
    /// `Variable` + one comparison operator.
    case comparison(variable: JSONPath, ChoiceComparison, operand: ChoiceOperand)
    /// `Condition`: a JSONata expression string (`{% … %}`) or a literal boolean.
    case jsonata(JSONValue)
}

/// The right-hand side of a comparison: a literal, or a path (the `…Path` operators).
package enum ChoiceOperand: Sendable {
    /// The literal operand.
    case value(JSONValue)
    /// A path into the input (or `$$`, or a variable).
    case path(JSONPath)
}

/// A Choice comparison operator (without the `Path` suffix; ``ChoiceOperand`` says which form was used).
///
/// Guarantees: raw values are AWS's operator names.
package enum ChoiceComparison: String, Sendable, Hashable, CaseIterable {
    case stringEquals = "StringEquals"
    case stringLessThan = "StringLessThan"
    case stringGreaterThan = "StringGreaterThan"
    case stringLessThanEquals = "StringLessThanEquals"
    case stringGreaterThanEquals = "StringGreaterThanEquals"
    case stringMatches = "StringMatches"
    case numericEquals = "NumericEquals"
    case numericLessThan = "NumericLessThan"
    case numericGreaterThan = "NumericGreaterThan"
    case numericLessThanEquals = "NumericLessThanEquals"
    case numericGreaterThanEquals = "NumericGreaterThanEquals"
    case booleanEquals = "BooleanEquals"
    case timestampEquals = "TimestampEquals"
    case timestampLessThan = "TimestampLessThan"
    case timestampGreaterThan = "TimestampGreaterThan"
    case timestampLessThanEquals = "TimestampLessThanEquals"
    case timestampGreaterThanEquals = "TimestampGreaterThanEquals"
    case isNull = "IsNull"
    case isPresent = "IsPresent"
    case isNumeric = "IsNumeric"
    case isString = "IsString"
    case isBoolean = "IsBoolean"
    case isTimestamp = "IsTimestamp"

    /// Whether the operator has a `…Path` twin (all but `StringMatches` and the `Is…` tests).
    package var hasPathForm: Bool {
        switch self {
        case .stringMatches, .isNull, .isPresent, .isNumeric, .isString, .isBoolean, .isTimestamp: false
        default: true
        }
    }

    /// The JSON type the literal operand must have.
    package var operandKind: OperandKind {
        switch self {
        case .stringEquals, .stringLessThan, .stringGreaterThan, .stringLessThanEquals, .stringGreaterThanEquals,
             .stringMatches, .timestampEquals, .timestampLessThan, .timestampGreaterThan, .timestampLessThanEquals,
             .timestampGreaterThanEquals: .string
        case .numericEquals, .numericLessThan, .numericGreaterThan, .numericLessThanEquals, .numericGreaterThanEquals: .number
        case .booleanEquals, .isNull, .isPresent, .isNumeric, .isString, .isBoolean, .isTimestamp: .boolean
        }
    }

    /// JSON type of a comparison operand.
    package enum OperandKind: Sendable, Hashable {
        case string, number, boolean
    }
}
