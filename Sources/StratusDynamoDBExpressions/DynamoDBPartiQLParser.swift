// The recursive-descent parser of DynamoDB's PartiQL statements.

/// The parser behind ``DynamoDBPartiQLStatement/parse(_:parameters:)``: statements here, conditions, operands,
/// paths and literals in `DynamoDBPartiQLParser+Expressions.swift`.
struct DynamoDBPartiQLParser {
    typealias Token = DynamoDBPartiQLToken

    /// Words that are never bare attribute or table names (DynamoDB wants them in double quotes).
    static let reservedWords: Set<String> = [
        "AND", "BETWEEN", "BY", "DELETE", "EXISTS", "FALSE", "FROM", "IN", "INSERT", "INTO", "IS", "MISSING", "NOT",
        "NULL", "OR", "ORDER", "REMOVE", "RETURNING", "SELECT", "SET", "TRUE", "UPDATE", "VALUE", "VALUES", "WHERE",
    ]

    let tokens: [Token]
    let parameters: [DynamoDBValue]
    var position = 0
    /// How many `?` were consumed.
    private(set) var usedParameters = 0
    /// How deep the recursive descent is (bounded so that no statement can exhaust the stack).
    private var depth = 0

    /// How many AND, OR, `+` and `-` operators were read (each deepens the tree the later stages walk).
    private var chainedOperators = 0

    /// The deepest the recursive descent may go: far beyond DynamoDB's 32 levels of nested values.
    static let maximumDepth = 200

    /// The most AND, OR, `+` and `-` operators one statement may hold (DynamoDB's expressions allow 300).
    static let maximumChainedOperators = 300

    init(tokens: [Token], parameters: [DynamoDBValue]) {
        self.tokens = tokens
        self.parameters = parameters
    }

    var current: Token { tokens[position] }

    /// Enters one level of recursion; pair with ``leave()``.
    mutating func enter() throws(DynamoDBValidationError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw DynamoDBPartiQLSyntax.error("the statement nests too deeply at position \(current.offset)")
        }
    }

    /// Counts one AND, OR, `+` or `-` against ``maximumChainedOperators``.
    mutating func countOperator() throws(DynamoDBValidationError) {
        chainedOperators += 1
        if chainedOperators > Self.maximumChainedOperators {
            throw DynamoDBPartiQLSyntax.error(
                "the statement has more than \(Self.maximumChainedOperators) AND, OR, + and - operators")
        }
    }

    /// Leaves one level of recursion.
    mutating func leave() {
        depth -= 1
    }

    var next: Token { tokens[min(position + 1, tokens.count - 1)] }

    mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    /// The error for the current token, which the grammar does not allow here.
    func unexpected(expecting: String? = nil) -> DynamoDBValidationError {
        let wanted = expecting.map { ", expected \($0)" } ?? ""
        if current.kind == .end { return DynamoDBPartiQLSyntax.error("unexpected end of statement\(wanted)") }
        return DynamoDBPartiQLSyntax.error(
            "unexpected token '\(current.display)' at position \(current.offset)\(wanted)")
    }

    mutating func acceptKeyword(_ keyword: String) -> Bool {
        guard current.keyword == keyword else { return false }
        position += 1
        return true
    }

    mutating func expectKeyword(_ keyword: String) throws(DynamoDBValidationError) {
        guard acceptKeyword(keyword) else { throw unexpected(expecting: keyword) }
    }

    mutating func acceptSymbol(_ symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        position += 1
        return true
    }

    mutating func expectSymbol(_ symbol: String) throws(DynamoDBValidationError) {
        guard acceptSymbol(symbol) else { throw unexpected(expecting: "'\(symbol)'") }
    }

    /// The next positional parameter.
    mutating func parameter() throws(DynamoDBValidationError) -> DynamoDBValue {
        guard usedParameters < parameters.count else { throw DynamoDBPartiQLSyntax.parameterCountMismatch }
        defer { usedParameters += 1 }
        return parameters[usedParameters]
    }

    /// A table, index or attribute name: a `"quoted"` identifier or a bare word that is not reserved.
    mutating func identifier() throws(DynamoDBValidationError) -> String {
        switch current.kind {
        case let .quotedIdentifier(name):
            guard !name.isEmpty else { throw DynamoDBPartiQLSyntax.error("empty identifier at position \(current.offset)") }
            position += 1
            return name
        case let .word(name) where !Self.reservedWords.contains(name.uppercased()):
            position += 1
            return name
        default:
            throw unexpected(expecting: "an identifier")
        }
    }

    // MARK: Statements

    /// One whole statement, up to the end of the text.
    mutating func parseStatement() throws(DynamoDBValidationError) -> DynamoDBPartiQLStatement {
        let statement: DynamoDBPartiQLStatement
        switch current.keyword {
        case "SELECT": statement = .select(try parseSelect())
        case "INSERT": statement = .insert(try parseInsert())
        case "UPDATE": statement = .update(try parseUpdate())
        case "DELETE": statement = .delete(try parseDelete())
        case "EXISTS":
            position += 1
            try expectSymbol("(")
            guard current.keyword == "SELECT" else { throw unexpected(expecting: "SELECT") }
            let select = try parseSelect()
            try expectSymbol(")")
            statement = .exists(select)
        default:
            throw unexpected(expecting: "SELECT, INSERT, UPDATE, DELETE or EXISTS")
        }
        guard current.kind == .end else { throw unexpected() }
        return statement
    }

    mutating func parseSelect() throws(DynamoDBValidationError) -> DynamoDBPartiQLStatement.Select {
        try expectKeyword("SELECT")
        var projection: [DynamoDBDocumentPath]?
        if !acceptSymbol("*") {
            var paths: [DynamoDBDocumentPath] = []
            repeat {
                paths.append(try path())
            } while acceptSymbol(",")
            projection = paths
        }
        try expectKeyword("FROM")
        var select = DynamoDBPartiQLStatement.Select(table: try identifier(), projection: projection)
        if acceptSymbol(".") { select.index = try identifier() }
        if acceptKeyword("WHERE") { select.condition = try condition() }
        if acceptKeyword("ORDER") {
            try expectKeyword("BY")
            repeat {
                let key = try identifier()
                var ascending = true
                if acceptKeyword("DESC") {
                    ascending = false
                } else {
                    _ = acceptKeyword("ASC")
                }
                select.orderBy.append(DynamoDBPartiQLStatement.OrderKey(attribute: key, ascending: ascending))
            } while acceptSymbol(",")
        }
        return select
    }

    mutating func parseInsert() throws(DynamoDBValidationError) -> DynamoDBPartiQLStatement.Insert {
        try expectKeyword("INSERT")
        try expectKeyword("INTO")
        let table = try identifier()
        if current.keyword == "VALUES" || current.isSymbol("(") {
            throw DynamoDBPartiQLSyntax.unsupported("INSERT takes one item as VALUE {…}")
        }
        try expectKeyword("VALUE")
        let start = current
        guard case let .map(item)? = try literal() else {
            throw DynamoDBPartiQLSyntax.error("the VALUE of INSERT at position \(start.offset) must be a tuple {…}")
        }
        return DynamoDBPartiQLStatement.Insert(table: table, item: item)
    }

    mutating func parseUpdate() throws(DynamoDBValidationError) -> DynamoDBPartiQLStatement.Update {
        try expectKeyword("UPDATE")
        let table = try identifier()
        var actions: [DynamoDBUpdateAction] = []
        while true {
            if acceptKeyword("SET") {
                repeat {
                    actions.append(try assignment())
                } while acceptSymbol(",")
            } else if acceptKeyword("REMOVE") {
                repeat {
                    actions.append(.remove(try path()))
                } while acceptSymbol(",")
            } else {
                break
            }
        }
        guard !actions.isEmpty else { throw unexpected(expecting: "SET or REMOVE") }
        try expectKeyword("WHERE")
        let condition = try condition()
        let returning = try returning(allowed: [.allOld, .modifiedOld, .allNew, .modifiedNew])
        return DynamoDBPartiQLStatement.Update(table: table, actions: actions, condition: condition, returning: returning)
    }

    mutating func parseDelete() throws(DynamoDBValidationError) -> DynamoDBPartiQLStatement.Delete {
        try expectKeyword("DELETE")
        try expectKeyword("FROM")
        let table = try identifier()
        try expectKeyword("WHERE")
        let condition = try condition()
        let returning = try returning(allowed: [.allOld])
        return DynamoDBPartiQLStatement.Delete(table: table, condition: condition, returning: returning)
    }

    /// `RETURNING (ALL|MODIFIED) (OLD|NEW) *`, if present.
    mutating func returning(
        allowed: Set<DynamoDBPartiQLStatement.Returning>
    ) throws(DynamoDBValidationError) -> DynamoDBPartiQLStatement.Returning? {
        guard acceptKeyword("RETURNING") else { return nil }
        let start = current.offset
        let which: String
        if acceptKeyword("ALL") {
            which = "ALL"
        } else if acceptKeyword("MODIFIED") {
            which = "MODIFIED"
        } else {
            throw unexpected(expecting: "ALL or MODIFIED")
        }
        let age: String
        if acceptKeyword("OLD") {
            age = "OLD"
        } else if acceptKeyword("NEW") {
            age = "NEW"
        } else {
            throw unexpected(expecting: "OLD or NEW")
        }
        try expectSymbol("*")
        let returning: DynamoDBPartiQLStatement.Returning =
            switch (which, age) {
            case ("ALL", "OLD"): .allOld
            case ("ALL", _): .allNew
            case (_, "OLD"): .modifiedOld
            default: .modifiedNew
            }
        guard allowed.contains(returning) else {
            throw DynamoDBPartiQLSyntax.error("RETURNING \(which) \(age) * at position \(start) is not allowed here")
        }
        return returning
    }

    /// `path = value` of a SET: arithmetic, `list_append`, `if_not_exists`, or `set_add`/`set_delete` on the
    /// same path (DynamoDB's ADD and DELETE on sets).
    mutating func assignment() throws(DynamoDBValidationError) -> DynamoDBUpdateAction {
        let target = try path()
        try expectSymbol("=")
        if let name = current.keyword, name == "SET_ADD" || name == "SET_DELETE", next.isSymbol("(") {
            let start = current.offset
            position += 2
            let first = try path()
            try expectSymbol(",")
            guard let value = try literal() else { throw DynamoDBPartiQLSyntax.error("MISSING is not a set") }
            try expectSymbol(")")
            guard first == target else {
                throw DynamoDBPartiQLSyntax.unsupported(
                    "\(name.lowercased()) at position \(start) must take the path it assigns as its first argument")
            }
            return name == "SET_ADD" ? .add(target, value) : .delete(target, value)
        }
        return .set(target, try updateSum())
    }
}
