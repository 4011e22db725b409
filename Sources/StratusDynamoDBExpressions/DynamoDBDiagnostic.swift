// Parse failures and the kinds of semantic error DynamoDB reports.

/// A syntax error at one token; the parser that got furthest reports its error.
struct DynamoDBSyntaxFailure: Error {
    /// Index of the offending token.
    var tokenIndex: Int
}

/// The kinds of semantic error DynamoDB distinguishes; each expression kind reports the first found of the
/// highest-priority kind (its own order), after syntax errors.
enum DynamoDBDiagnostic: Hashable {
    case listIndexRange
    case nestingDepth
    case operatorCount
    case redundantParentheses
    case unknownFunction
    case misusedFunction
    case reservedWord
    case duplicateSection
    case undefinedName
    case undefinedValue
    case undefinedReference
    case pathOverlap
    case pathConflict
    case operandCount
    case distinctOperands
    case operandType
    case functionOperand
}
