// Conditions, operands, paths and literals of PartiQL statements.

extension DynamoDBPartiQLParser {
    /// Functions a WHERE may call as a predicate, by upper-cased name.
    static let predicateFunctions: Set<String> = ["BEGINS_WITH", "CONTAINS", "ATTRIBUTE_TYPE"]

    // MARK: Conditions

    /// `a OR b`, `a AND b`, `NOT a`, parentheses and predicates; AND binds tighter than OR.
    mutating func condition() throws(DynamoDBValidationError) -> DynamoDBCondition {
        try enter()
        defer { leave() }
        var result = try conjunction()
        while acceptKeyword("OR") {
            try countOperator()
            result = .or(result, try conjunction())
        }
        return result
    }

    mutating func conjunction() throws(DynamoDBValidationError) -> DynamoDBCondition {
        var result = try negation()
        while acceptKeyword("AND") {
            try countOperator()
            result = .and(result, try negation())
        }
        return result
    }

    mutating func negation() throws(DynamoDBValidationError) -> DynamoDBCondition {
        try enter()
        defer { leave() }
        if acceptKeyword("NOT") { return .not(try negation()) }
        return try predicate()
    }

    mutating func predicate() throws(DynamoDBValidationError) -> DynamoDBCondition {
        if acceptSymbol("(") {
            let inner = try condition()
            try expectSymbol(")")
            return inner
        }
        if let name = current.keyword, Self.predicateFunctions.contains(name), next.isSymbol("(") {
            position += 2
            let first = try operand()
            try expectSymbol(",")
            let second = try operand()
            try expectSymbol(")")
            switch name {
            case "BEGINS_WITH": return .beginsWith(first, second)
            case "CONTAINS": return .contains(first, second)
            default: return .attributeType(first, second)
            }
        }
        if current.keyword == "EXISTS" {
            throw DynamoDBPartiQLSyntax.unsupported("EXISTS is a statement of its own in ExecuteTransaction")
        }
        let start = current
        let left = try operand()
        if acceptKeyword("IS") {
            let negated = acceptKeyword("NOT")
            guard case let .path(path) = left else {
                throw DynamoDBPartiQLSyntax.unsupported("IS at position \(start.offset) needs an attribute path before it")
            }
            if acceptKeyword("MISSING") { return negated ? .attributeExists(path) : .attributeNotExists(path) }
            if acceptKeyword("NULL") {
                // PartiQL: a missing attribute IS NULL too.
                let isNullValue = DynamoDBCondition.attributeType(.path(path), .value(.string("NULL")))
                return negated
                    ? .and(.attributeExists(path), .not(isNullValue))
                    : .or(.attributeNotExists(path), isNullValue)
            }
            throw unexpected(expecting: "MISSING or NULL")
        }
        let negated = acceptKeyword("NOT")
        if acceptKeyword("BETWEEN") {
            let lower = try operand()
            try expectKeyword("AND")
            let upper = try operand()
            let between = DynamoDBCondition.between(left, lower: lower, upper: upper)
            return negated ? .not(between) : between
        }
        if acceptKeyword("IN") {
            let members = try inList()
            let membership = DynamoDBCondition.isIn(left, members)
            return negated ? .not(membership) : membership
        }
        if negated { throw unexpected(expecting: "BETWEEN or IN") }
        let comparator: DynamoDBComparator
        switch current.kind {
        case .symbol("="): comparator = .equal
        case .symbol("<>"), .symbol("!="): comparator = .notEqual
        case .symbol("<"): comparator = .less
        case .symbol("<="): comparator = .lessOrEqual
        case .symbol(">"): comparator = .greater
        case .symbol(">="): comparator = .greaterOrEqual
        default: throw unexpected(expecting: "a comparison")
        }
        position += 1
        return .compare(left, comparator, try operand())
    }

    /// The members after IN: `[a, b]`, `(a, b)` or a `?` whose parameter is a list.
    mutating func inList() throws(DynamoDBValidationError) -> [DynamoDBConditionOperand] {
        if current.kind == .parameter {
            position += 1
            guard case let .list(values) = try parameter(), !values.isEmpty else {
                throw DynamoDBPartiQLSyntax.error("the parameter after IN must be a non-empty list")
            }
            return values.map { .value($0) }
        }
        let close: String
        if acceptSymbol("[") {
            close = "]"
        } else if acceptSymbol("(") {
            close = ")"
        } else {
            throw unexpected(expecting: "a list after IN")
        }
        var members: [DynamoDBConditionOperand] = []
        repeat {
            members.append(try operand())
        } while acceptSymbol(",")
        try expectSymbol(close)
        return members
    }

    /// A condition operand: a path, a literal, `?`, or `size(operand)`.
    mutating func operand() throws(DynamoDBValidationError) -> DynamoDBConditionOperand {
        try enter()
        defer { leave() }
        if current.keyword == "SIZE", next.isSymbol("(") {
            position += 2
            let inner = try operand()
            try expectSymbol(")")
            return .size(inner)
        }
        switch current.kind {
        case .word, .quotedIdentifier:
            if let keyword = current.keyword, Self.reservedWords.contains(keyword) {
                if keyword == "MISSING" {
                    throw DynamoDBPartiQLSyntax.unsupported(
                        "MISSING at position \(current.offset) can only be tested with IS [NOT] MISSING")
                }
                guard ["TRUE", "FALSE", "NULL"].contains(keyword) else { throw unexpected(expecting: "an operand") }
                guard let value = try literal() else { throw unexpected() }
                return .value(value)
            }
            if next.isSymbol("("), case let .word(name) = current.kind {
                throw DynamoDBPartiQLSyntax.unsupported("function \(name) at position \(current.offset)")
            }
            return .path(try path())
        default:
            let start = current.offset
            guard let value = try literal() else {
                throw DynamoDBPartiQLSyntax.unsupported(
                    "MISSING at position \(start) can only be tested with IS [NOT] MISSING")
            }
            return .value(value)
        }
    }

    // MARK: Update values

    /// `term (+|- term)*`, left to right.
    mutating func updateSum() throws(DynamoDBValidationError) -> DynamoDBUpdateOperand {
        try enter()
        defer { leave() }
        var result = try updateTerm()
        while true {
            if acceptSymbol("+") {
                try countOperator()
                result = .plus(result, try updateTerm())
            } else if acceptSymbol("-") {
                try countOperator()
                result = .minus(result, try updateTerm())
            } else {
                return result
            }
        }
    }

    /// A path, a literal, `?`, `(sum)`, `list_append(a, b)` or `if_not_exists(path, value)`.
    mutating func updateTerm() throws(DynamoDBValidationError) -> DynamoDBUpdateOperand {
        if let name = current.keyword, next.isSymbol("(") {
            let start = current.offset
            switch name {
            case "LIST_APPEND":
                position += 2
                let first = try updateSum()
                try expectSymbol(",")
                let second = try updateSum()
                try expectSymbol(")")
                return .listAppend(first, second)
            case "IF_NOT_EXISTS":
                position += 2
                let checked = try path()
                try expectSymbol(",")
                let fallback = try updateSum()
                try expectSymbol(")")
                return .ifNotExists(checked, fallback)
            case "SET_ADD", "SET_DELETE":
                throw DynamoDBPartiQLSyntax.unsupported(
                    "\(name.lowercased()) at position \(start) must be the whole value of its SET")
            default:
                throw DynamoDBPartiQLSyntax.unsupported("function \(name.lowercased()) at position \(start)")
            }
        }
        if acceptSymbol("(") {
            let inner = try updateSum()
            try expectSymbol(")")
            return inner
        }
        switch current.kind {
        case .word, .quotedIdentifier:
            if let keyword = current.keyword, Self.reservedWords.contains(keyword) {
                guard ["TRUE", "FALSE", "NULL"].contains(keyword) else { throw unexpected(expecting: "a value") }
                guard let value = try literal() else { throw unexpected() }
                return .value(value)
            }
            return .path(try path())
        default:
            let start = current.offset
            guard let value = try literal() else {
                throw DynamoDBPartiQLSyntax.unsupported("MISSING at position \(start) as a SET value (use REMOVE)")
            }
            return .value(value)
        }
    }

    // MARK: Paths

    /// `name`, then `.name`, `[index]` and `['key']` steps.
    mutating func path() throws(DynamoDBValidationError) -> DynamoDBDocumentPath {
        var elements: [DynamoDBDocumentPath.Element] = [.attribute(try identifier())]
        while true {
            if current.isSymbol("."), next.kind != .end {
                position += 1
                elements.append(.attribute(try identifier()))
            } else if acceptSymbol("[") {
                switch current.kind {
                case let .number(text):
                    guard let index = Int(text) else {
                        throw DynamoDBPartiQLSyntax.error("invalid list index \(text) at position \(current.offset)")
                    }
                    position += 1
                    elements.append(.index(index))
                case let .string(key):
                    position += 1
                    elements.append(.attribute(key))
                default:
                    throw unexpected(expecting: "a list index or a 'key'")
                }
                try expectSymbol("]")
            } else {
                return DynamoDBDocumentPath(elements)
            }
        }
    }

    // MARK: Literals

    /// A literal or `?`: `'string'`, a number (optionally negative), TRUE, FALSE, NULL, `{'k': v, …}`,
    /// `[v, …]`, `<<v, …>>`; nil for MISSING.
    mutating func literal() throws(DynamoDBValidationError) -> DynamoDBValue? {
        try enter()
        defer { leave() }
        let token = current
        switch token.kind {
        case .parameter:
            position += 1
            return try parameter()
        case let .string(text):
            position += 1
            return .string(text)
        case let .number(text):
            position += 1
            return .number(try DynamoDBNumber(text))
        case .symbol("-"):
            position += 1
            guard case let .number(text) = current.kind else { throw unexpected(expecting: "a number") }
            position += 1
            return .number(try DynamoDBNumber("-" + text))
        case .symbol("{"):
            position += 1
            var entries: [String: DynamoDBValue] = [:]
            if acceptSymbol("}") { return .map(entries) }
            repeat {
                let keyToken = current
                let key: String
                switch keyToken.kind {
                case let .string(text):
                    position += 1
                    key = text
                case .parameter:
                    position += 1
                    guard case let .string(text) = try parameter() else {
                        throw DynamoDBPartiQLSyntax.error("a tuple key at position \(keyToken.offset) must be a string")
                    }
                    key = text
                default: throw unexpected(expecting: "a 'key' string")
                }
                try expectSymbol(":")
                guard let value = try literal() else { continue }
                guard entries.updateValue(value, forKey: key) == nil else {
                    throw DynamoDBPartiQLSyntax.error("duplicate tuple key '\(key)' at position \(keyToken.offset)")
                }
            } while acceptSymbol(",")
            try expectSymbol("}")
            return .map(entries)
        case .symbol("["):
            position += 1
            var values: [DynamoDBValue] = []
            if acceptSymbol("]") { return .list(values) }
            repeat {
                guard let value = try literal() else {
                    throw DynamoDBPartiQLSyntax.unsupported("MISSING inside a list at position \(token.offset)")
                }
                values.append(value)
            } while acceptSymbol(",")
            try expectSymbol("]")
            return .list(values)
        case .symbol("<<"):
            position += 1
            var members: [DynamoDBValue] = []
            if !current.isSymbol(">>") {
                repeat {
                    guard let value = try literal() else {
                        throw DynamoDBPartiQLSyntax.unsupported("MISSING inside a set at position \(token.offset)")
                    }
                    members.append(value)
                } while acceptSymbol(",")
            }
            try expectSymbol(">>")
            return try Self.set(of: members, at: token.offset)
        case .word:
            switch token.keyword {
            case "TRUE":
                position += 1
                return .bool(true)
            case "FALSE":
                position += 1
                return .bool(false)
            case "NULL":
                position += 1
                return .null
            case "MISSING":
                position += 1
                return nil
            default:
                throw unexpected(expecting: "a value")
            }
        default:
            throw unexpected(expecting: "a value")
        }
    }

    /// A `<<…>>` literal: all strings (SS), all numbers (NS) or all binary (BS), not empty, no duplicates.
    static func set(of members: [DynamoDBValue], at offset: Int) throws(DynamoDBValidationError) -> DynamoDBValue {
        var strings: [String] = []
        var numbers: [DynamoDBNumber] = []
        var binaries: [[UInt8]] = []
        for member in members {
            switch member {
            case let .string(value): strings.append(value)
            case let .number(value): numbers.append(value)
            case let .binary(value): binaries.append(value)
            default:
                throw DynamoDBPartiQLSyntax.error(
                    "set members at position \(offset) must be strings, numbers or binary, not \(member.typeName)")
            }
        }
        let value: DynamoDBValue
        if !strings.isEmpty, numbers.isEmpty, binaries.isEmpty {
            value = .stringSet(strings)
        } else if strings.isEmpty, !numbers.isEmpty, binaries.isEmpty {
            value = .numberSet(numbers)
        } else if strings.isEmpty, numbers.isEmpty, !binaries.isEmpty {
            value = .binarySet(binaries)
        } else if members.isEmpty {
            throw DynamoDBPartiQLSyntax.error("the empty set at position \(offset) has no type (sets may not be empty)")
        } else {
            throw DynamoDBPartiQLSyntax.error("set members at position \(offset) must all have one type")
        }
        try value.validate()
        return value
    }
}
