// The condition grammar: OR over AND over NOT over comparisons, BETWEEN, IN and functions, with parentheses.

extension DynamoDBExpressionParser {
    static let conditionKeywords: Set<String> = ["AND", "OR", "NOT", "BETWEEN", "IN"]
    static let conditionFunctionArity = [
        "attribute_exists": 1, "attribute_not_exists": 1, "attribute_type": 2, "begins_with": 2, "contains": 2,
        "size": 1,
    ]
    static let orderableTypes: Set<String> = ["S", "N", "B"]

    /// Parses a whole condition (through the end of the text).
    mutating func parseWholeCondition() throws(DynamoDBSyntaxFailure) -> DynamoDBCondition {
        let condition = try parseOr()
        try expectEnd()
        return condition
    }

    mutating func parseOr() throws(DynamoDBSyntaxFailure) -> DynamoDBCondition {
        var left = try parseAnd()
        while current.isKeyword("OR") {
            position += 1
            countOperator()
            left = .or(left, try parseAnd())
        }
        return left
    }

    mutating func parseAnd() throws(DynamoDBSyntaxFailure) -> DynamoDBCondition {
        var left = try parseNot()
        while current.isKeyword("AND") {
            position += 1
            countOperator()
            left = .and(left, try parseNot())
        }
        return left
    }

    mutating func parseNot() throws(DynamoDBSyntaxFailure) -> DynamoDBCondition {
        if current.isKeyword("NOT") {
            position += 1
            countOperator()
            try enterNesting()
            defer { nesting -= 1 }
            return .not(try parseNot())
        }
        return try parsePrimaryCondition()
    }

    mutating func parsePrimaryCondition() throws(DynamoDBSyntaxFailure) -> DynamoDBCondition {
        guard current.isPunctuation("(") else { return try parseSimpleCondition() }
        // A group followed by a comparator, BETWEEN or IN is a parenthesized operand; any other group is a
        // parenthesized condition. Deciding by the matching parenthesis avoids backtracking.
        if let close = matchingParenthesis[position], Self.startsComparison(tokens[close + 1]) {
            return try parseSimpleCondition()
        }
        let open = position
        position += 1
        try enterNesting()
        defer { nesting -= 1 }
        let inner = try parseOr()
        try expectPunctuation(")")
        noteRedundantParentheses(open: open)
        return inner
    }

    /// Whether a token continues an operand into a comparison.
    static func startsComparison(_ token: DynamoDBExpressionToken) -> Bool {
        (token.kind == .punctuation && DynamoDBComparator(rawValue: token.text) != nil)
            || token.isKeyword("BETWEEN") || token.isKeyword("IN")
    }

    /// Records "redundant parentheses" when the group opened at `open` only wraps another group.
    mutating func noteRedundantParentheses(open: Int) {
        guard open + 1 < tokens.count, tokens[open + 1].isPunctuation("("),
            let outerClose = matchingParenthesis[open], let innerClose = matchingParenthesis[open + 1],
            innerClose == outerClose - 1
        else { return }
        note(.redundantParentheses, "The expression has redundant parentheses;")
    }

    mutating func parseSimpleCondition() throws(DynamoDBSyntaxFailure) -> DynamoDBCondition {
        let left = try parseRawOperand()
        if current.kind == .punctuation, let comparator = DynamoDBComparator(rawValue: current.text) {
            position += 1
            countOperator()
            let right = try parseRawOperand()
            return comparison(left, comparator, right)
        }
        if current.isKeyword("BETWEEN") {
            position += 1
            countOperator()
            let lower = try parseRawOperand()
            guard current.isKeyword("AND") else { throw fail() }
            position += 1
            let upper = try parseRawOperand()
            return between(left, lower, upper)
        }
        if current.isKeyword("IN") {
            position += 1
            countOperator()
            try expectPunctuation("(")
            var list = [try parseRawOperand()]
            while current.isPunctuation(",") {
                position += 1
                list.append(try parseRawOperand())
            }
            try expectPunctuation(")")
            return membership(left, list)
        }
        guard case let .function(name, arguments) = left else { throw fail() }
        return functionCondition(name, arguments)
    }

    mutating func parseRawOperand() throws(DynamoDBSyntaxFailure) -> DynamoDBRawOperand {
        try enterNesting()
        defer { nesting -= 1 }
        let token = current
        if token.isPunctuation("(") {
            let open = position
            position += 1
            let inner = try parseRawOperand()
            try expectPunctuation(")")
            noteRedundantParentheses(open: open)
            return inner
        }
        if token.kind == .valueReference {
            position += 1
            return .value(resolveValue(token.text))
        }
        if token.kind == .identifier, peek().isPunctuation("("),
            !Self.conditionKeywords.contains(token.text.uppercased())
        {
            position += 2
            var arguments = [try parseRawOperand()]
            while current.isPunctuation(",") {
                position += 1
                arguments.append(try parseRawOperand())
            }
            try expectPunctuation(")")
            countOperator()
            checkFunction(token.text, arguments)
            return .function(token.text, arguments)
        }
        if atPathStart(keywords: Self.conditionKeywords) {
            return .path(try parsePath(keywords: Self.conditionKeywords))
        }
        throw fail()
    }

    /// DynamoDB's checks on a function call: known name, operand count, distinct operands, operand types.
    mutating func checkFunction(_ name: String, _ arguments: [DynamoDBRawOperand]) {
        guard let arity = Self.conditionFunctionArity[name] else {
            if Self.updateFunctionArity[name] != nil {
                note(.unknownFunction, "The function is not allowed in a condition expression; function: \(name)")
            } else {
                note(.unknownFunction, "Invalid function name; function: \(name)")
            }
            return
        }
        guard arguments.count == arity else {
            note(
                .operandCount,
                "Incorrect number of operands for operator or function; operator or function: \(name), "
                    + "number of operands: \(arguments.count)")
            return
        }
        checkDistinct(name, arguments)
        switch name {
        case "attribute_exists", "attribute_not_exists":
            if arguments[0].pathValue == nil {
                note(.operandType, "Operator or function requires a document path; operator or function: \(name)")
            }
        case "begins_with":
            for argument in arguments {
                if let type = argument.staticType, type != "S", type != "B" {
                    noteOperandType(name, type)
                    break
                }
            }
        case "attribute_type":
            guard case let .value(value) = arguments[1], let value else {
                if arguments[1].staticType != nil || arguments[1].pathValue != nil {
                    noteOperandType(name, arguments[1].staticType ?? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}")
                }
                break
            }
            guard case let .string(typeName) = value else {
                noteOperandType(name, value.typeName)
                break
            }
            if !DynamoDBValue.typeNames.contains(typeName) {
                note(
                    .operandType,
                    "Invalid attribute type name found; type: \(typeName), valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}")
            }
        case "size":
            if let type = arguments[0].staticType, ["N", "BOOL", "NULL"].contains(type) {
                noteOperandType(name, type)
            }
        default:
            break
        }
    }

    mutating func noteOperandType(_ name: String, _ type: String) {
        note(
            .operandType,
            "Incorrect operand type for operator or function; operator or function: \(name), operand type: \(type)")
    }

    mutating func checkDistinct(_ name: String, _ operands: [DynamoDBRawOperand]) {
        guard operands.count >= 2, let first = operands[0].pathValue else { return }
        if operands.dropFirst().contains(where: { $0.pathValue == first }) {
            note(
                .distinctOperands,
                "The first operand must be distinct from the remaining operands for this operator or function; "
                    + "operator: \(name), first operand: \(first)")
        }
    }

    /// Converts an operand used as a value: only `size` may be a function here.
    mutating func conditionOperand(_ raw: DynamoDBRawOperand) -> DynamoDBConditionOperand {
        switch raw {
        case let .path(path):
            return .path(path)
        case let .value(value):
            return .value(value ?? .null)
        case let .function(name, arguments):
            if name == "size" {
                // A wrong operand count is already recorded by `checkFunction`.
                return arguments.count == 1 ? .size(conditionOperand(arguments[0])) : .value(.null)
            }
            if Self.conditionFunctionArity[name] != nil {
                note(.misusedFunction, "The function is not allowed to be used this way in an expression; function: \(name)")
            }
            return .value(.null)
        }
    }

    mutating func comparison(
        _ left: DynamoDBRawOperand, _ comparator: DynamoDBComparator, _ right: DynamoDBRawOperand
    ) -> DynamoDBCondition {
        checkDistinct(comparator.rawValue, [left, right])
        if comparator != .equal, comparator != .notEqual {
            for operand in [left, right] {
                if case let .value(value?) = operand, !Self.orderableTypes.contains(value.typeName) {
                    noteOperandType(comparator.rawValue, value.typeName)
                }
            }
        }
        return .compare(conditionOperand(left), comparator, conditionOperand(right))
    }

    mutating func between(
        _ operand: DynamoDBRawOperand, _ lower: DynamoDBRawOperand, _ upper: DynamoDBRawOperand
    ) -> DynamoDBCondition {
        checkDistinct("BETWEEN", [operand, lower, upper])
        if case let .value(low?) = lower, case let .value(high?) = upper {
            let bounds = "lower bound operand: AttributeValue: \(low), upper bound operand: AttributeValue: \(high)"
            if low.typeName != high.typeName {
                note(
                    .operandType,
                    "The BETWEEN operator requires same data type for lower and upper bounds; \(bounds)")
            } else if let order = DynamoDBValueOrdering.compare(low, high), order > 0 {
                note(
                    .operandType,
                    "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; \(bounds)")
            }
        }
        for bound in [lower, upper] {
            if case let .value(value?) = bound, !Self.orderableTypes.contains(value.typeName) {
                noteOperandType("BETWEEN", value.typeName)
            }
        }
        return .between(conditionOperand(operand), lower: conditionOperand(lower), upper: conditionOperand(upper))
    }

    mutating func membership(_ operand: DynamoDBRawOperand, _ list: [DynamoDBRawOperand]) -> DynamoDBCondition {
        if list.count > 100 {
            note(
                .operandCount,
                "The IN operator is provided with too many operands; number of operands: \(list.count)")
        }
        checkDistinct("IN", [operand] + list)
        return .isIn(conditionOperand(operand), list.map { conditionOperand($0) })
    }

    /// A function call standing as a condition of its own.
    mutating func functionCondition(_ name: String, _ arguments: [DynamoDBRawOperand]) -> DynamoDBCondition {
        let placeholder = DynamoDBCondition.attributeExists(DynamoDBDocumentPath(attribute: name))
        guard let arity = Self.conditionFunctionArity[name], arguments.count == arity else { return placeholder }
        switch name {
        case "attribute_exists":
            guard let path = arguments[0].pathValue else { return placeholder }
            return .attributeExists(path)
        case "attribute_not_exists":
            guard let path = arguments[0].pathValue else { return placeholder }
            return .attributeNotExists(path)
        case "attribute_type":
            return .attributeType(conditionOperand(arguments[0]), conditionOperand(arguments[1]))
        case "begins_with":
            return .beginsWith(conditionOperand(arguments[0]), conditionOperand(arguments[1]))
        case "contains":
            return .contains(conditionOperand(arguments[0]), conditionOperand(arguments[1]))
        default:
            note(.misusedFunction, "The function is not allowed to be used this way in an expression; function: \(name)")
            return placeholder
        }
    }
}
