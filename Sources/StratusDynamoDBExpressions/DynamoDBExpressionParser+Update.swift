// The update grammar: sections SET, REMOVE, ADD and DELETE in any order, each at most once.

extension DynamoDBExpressionParser {
    static let updateKeywords: Set<String> = ["SET", "REMOVE", "ADD", "DELETE"]
    static let updateFunctionArity = ["if_not_exists": 2, "list_append": 2]
    static let longTypeNames = [
        "S": "STRING", "N": "NUMBER", "B": "BINARY", "NULL": "NULL", "BOOL": "BOOLEAN", "L": "LIST", "M": "MAP",
    ]

    /// Parses a whole update expression (through the end of the text).
    mutating func parseWholeUpdate() throws(DynamoDBSyntaxFailure) -> [DynamoDBUpdateAction] {
        var actions: [DynamoDBUpdateAction] = []
        var sections: Set<String> = []
        repeat {
            let keyword = current.text.uppercased()
            guard current.kind == .identifier, Self.updateKeywords.contains(keyword) else { throw fail() }
            position += 1
            if !sections.insert(keyword).inserted {
                note(.duplicateSection, "The \"\(keyword)\" section can only be used once in an update expression;")
            }
            actions.append(try parseUpdateAction(keyword))
            while current.isPunctuation(",") {
                position += 1
                actions.append(try parseUpdateAction(keyword))
            }
        } while current.kind != .end
        checkPathsDoNotOverlap(actions.map(\.path))
        return actions
    }

    mutating func parseUpdateAction(_ section: String) throws(DynamoDBSyntaxFailure) -> DynamoDBUpdateAction {
        let path = try parsePath(keywords: Self.updateKeywords)
        switch section {
        case "SET":
            try expectPunctuation("=")
            return .set(path, try parseSetValue())
        case "REMOVE":
            return .remove(path)
        default:
            guard current.kind == .valueReference else { throw fail() }
            let value = resolveValue(advance().text)
            if let value {
                let allowed = section == "ADD" && value.typeName == "N"
                if !allowed, let long = Self.longTypeNames[value.typeName] {
                    note(
                        .operandType,
                        "Incorrect operand type for operator or function; operator: \(section), operand type: \(long)")
                }
            }
            return section == "ADD" ? .add(path, value ?? .null) : .delete(path, value ?? .null)
        }
    }

    /// `operand (+|- operand)?`, optionally in one pair of parentheses. A group followed by `+` or `-` is the
    /// first operand; any other leading group wraps the whole value.
    mutating func parseSetValue() throws(DynamoDBSyntaxFailure) -> DynamoDBUpdateOperand {
        if current.isPunctuation("("), let close = matchingParenthesis[position],
            !tokens[close + 1].isPunctuation("+"), !tokens[close + 1].isPunctuation("-")
        {
            position += 1
            try enterNesting()
            defer { nesting -= 1 }
            let inner = try parseArithmetic()
            try expectPunctuation(")")
            return inner
        }
        return try parseArithmetic()
    }

    mutating func parseArithmetic() throws(DynamoDBSyntaxFailure) -> DynamoDBUpdateOperand {
        let left = try parseRawUpdateOperand()
        if current.isPunctuation("+") || current.isPunctuation("-") {
            let symbol = advance().text
            countOperator()
            let right = try parseRawUpdateOperand()
            checkArithmetic(symbol, [left, right])
            let (a, b) = (updateOperand(left), updateOperand(right))
            return symbol == "+" ? .plus(a, b) : .minus(a, b)
        }
        return updateOperand(left)
    }

    mutating func parseRawUpdateOperand() throws(DynamoDBSyntaxFailure) -> DynamoDBRawUpdateOperand {
        try enterNesting()
        defer { nesting -= 1 }
        let token = current
        if token.isPunctuation("(") {
            position += 1
            let inner = try parseRawUpdateOperand()
            try expectPunctuation(")")
            return inner
        }
        if token.kind == .valueReference {
            position += 1
            return .value(resolveValue(token.text))
        }
        if token.kind == .identifier, peek().isPunctuation("("), !Self.updateKeywords.contains(token.text.uppercased()) {
            position += 2
            var arguments = [try parseRawUpdateOperand()]
            while current.isPunctuation(",") {
                position += 1
                arguments.append(try parseRawUpdateOperand())
            }
            try expectPunctuation(")")
            countOperator()
            checkUpdateFunction(token.text, arguments)
            return .function(token.text, arguments)
        }
        if atPathStart(keywords: Self.updateKeywords) {
            return .path(try parsePath(keywords: Self.updateKeywords))
        }
        throw fail()
    }

    mutating func checkUpdateFunction(_ name: String, _ arguments: [DynamoDBRawUpdateOperand]) {
        guard let arity = Self.updateFunctionArity[name] else {
            if Self.conditionFunctionArity[name] != nil {
                note(.unknownFunction, "The function is not allowed in an update expression; function: \(name)")
            } else {
                note(.unknownFunction, "Invalid function name; function: \(name)")
            }
            return
        }
        guard arguments.count == arity else {
            note(
                .functionOperand,
                "Incorrect number of operands for operator or function; operator or function: \(name), "
                    + "number of operands: \(arguments.count)")
            return
        }
        if name == "if_not_exists" {
            guard case .path = arguments[0] else {
                note(.functionOperand, "Operator or function requires a document path; operator or function: \(name)")
                return
            }
        } else {
            for argument in arguments {
                if case .function("list_append", _) = argument {
                    note(
                        .misusedFunction,
                        "The function is not allowed to be used this way in an expression; function: list_append")
                }
                if case let .value(value?) = argument, value.typeName != "L" {
                    note(
                        .functionOperand,
                        "Incorrect operand type for operator or function; operator or function: \(name), "
                            + "operand type: \(value.typeName)")
                    return
                }
            }
        }
    }

    mutating func checkArithmetic(_ symbol: String, _ operands: [DynamoDBRawUpdateOperand]) {
        for operand in operands {
            if let type = operand.staticType, type != "N" {
                note(
                    .functionOperand,
                    "Incorrect operand type for operator or function; operator or function: \(symbol), "
                        + "operand type: \(type)")
                return
            }
        }
    }

    /// Converts a checked operand (placeholders for ones already reported as errors).
    func updateOperand(_ raw: DynamoDBRawUpdateOperand) -> DynamoDBUpdateOperand {
        switch raw {
        case let .path(path):
            return .path(path)
        case let .value(value):
            return .value(value ?? .null)
        case let .function(name, arguments):
            guard arguments.count == 2 else { return .value(.null) }
            if name == "if_not_exists", case let .path(path) = arguments[0] {
                return .ifNotExists(path, updateOperand(arguments[1]))
            }
            if name == "list_append" {
                return .listAppend(updateOperand(arguments[0]), updateOperand(arguments[1]))
            }
            return .value(.null)
        }
    }
}
