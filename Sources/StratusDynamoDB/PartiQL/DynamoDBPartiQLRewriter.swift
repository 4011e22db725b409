import Foundation
import StratusAPIDynamoDB
import StratusServiceKit

/// The recursive-descent parser behind ``DynamoDBPartiQLRewrite/parse(_:parameters:)``.
struct DynamoDBPartiQLRewriter {
    typealias Token = DynamoDBPartiQLRewriteLexer.Token

    let tokens: [Token]
    let parameters: [DynamoDB.AttributeValue]
    var position = 0
    private(set) var usedParameters = 0
    private var names: [String: String] = [:]
    private var values: [String: DynamoDB.AttributeValue] = [:]

    /// Functions of the expression language a WHERE or SET may call.
    static let functions: Set<String> = [
        "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size",
        "if_not_exists", "list_append",
    ]
    /// Words that end a condition or an update clause.
    static let clauseEnds: Set<String> = ["RETURNING", "SET", "REMOVE", "WHERE"]

    init(tokens: [Token], parameters: [DynamoDB.AttributeValue]) {
        self.tokens = tokens
        self.parameters = parameters
    }

    var current: Token? { position < tokens.count ? tokens[position] : nil }

    mutating func advance() -> Token? {
        defer { position += 1 }
        return current
    }

    func malformed(_ detail: String) -> AWSServiceError { DynamoDBPartiQLRewriteLexer.malformed(detail) }

    mutating func expectKeyword(_ keyword: String) throws(AWSServiceError) {
        guard current?.keyword == keyword else { throw malformed("expected \(keyword)") }
        position += 1
    }

    mutating func expectSymbol(_ symbol: String) throws(AWSServiceError) {
        guard current == .symbol(symbol) else { throw malformed("expected '\(symbol)'") }
        position += 1
    }

    mutating func identifier() throws(AWSServiceError) -> String {
        switch advance() {
        case let .quoted(name), let .word(name): return name
        default: throw malformed("expected an identifier")
        }
    }

    mutating func name(_ attribute: String) -> String {
        if let existing = names.first(where: { $0.value == attribute }) { return existing.key }
        let placeholder = "#q\(names.count)"
        names[placeholder] = attribute
        return placeholder
    }

    mutating func value(_ value: DynamoDB.AttributeValue) -> String {
        let placeholder = ":q\(values.count)"
        values[placeholder] = value
        return placeholder
    }

    // MARK: Statements

    mutating func statement() throws(AWSServiceError) -> DynamoDBPartiQLRewrite {
        guard let keyword = current?.keyword else { throw malformed("expected SELECT, INSERT, UPDATE or DELETE") }
        var statement: DynamoDBPartiQLRewrite
        switch keyword {
        case "SELECT":
            position += 1
            var projection: String?
            if current == .symbol("*") {
                position += 1
            } else {
                var paths: [String] = []
                repeat {
                    if !paths.isEmpty { try expectSymbol(",") }
                    paths.append(try path())
                } while current == .symbol(",")
                projection = paths.joined(separator: ", ")
            }
            try expectKeyword("FROM")
            let table = try identifier()
            var index: String?
            if current == .symbol(".") {
                position += 1
                index = try identifier()
            }
            statement = DynamoDBPartiQLRewrite(kind: .select, table: table, index: index, projection: projection)
            if current?.keyword == "WHERE" {
                position += 1
                statement.condition = try condition()
            }
        case "INSERT":
            position += 1
            try expectKeyword("INTO")
            let table = try identifier()
            try expectKeyword("VALUE")
            guard let item = try literal().m else { throw malformed("INSERT needs a map VALUE") }
            statement = DynamoDBPartiQLRewrite(kind: .insert, table: table, item: item)
        case "UPDATE":
            position += 1
            let table = try identifier()
            var sets: [String] = []
            var removes: [String] = []
            while let clause = current?.keyword, clause == "SET" || clause == "REMOVE" {
                position += 1
                repeat {
                    if current == .symbol(",") { position += 1 }
                    if clause == "SET" {
                        let target = try path()
                        try expectSymbol("=")
                        sets.append("\(target) = \(try operand(until: [",", "SET", "REMOVE", "WHERE"]))")
                    } else {
                        removes.append(try path())
                    }
                } while current == .symbol(",")
            }
            guard !sets.isEmpty || !removes.isEmpty else { throw malformed("UPDATE needs SET or REMOVE") }
            var update: [String] = []
            if !sets.isEmpty { update.append("SET " + sets.joined(separator: ", ")) }
            if !removes.isEmpty { update.append("REMOVE " + removes.joined(separator: ", ")) }
            try expectKeyword("WHERE")
            statement = DynamoDBPartiQLRewrite(kind: .update, table: table, update: update.joined(separator: " "))
            statement.condition = try condition()
            statement.returning = try returning(allowed: ["ALL OLD", "ALL NEW", "MODIFIED OLD", "MODIFIED NEW"])
        case "DELETE":
            position += 1
            try expectKeyword("FROM")
            let table = try identifier()
            try expectKeyword("WHERE")
            statement = DynamoDBPartiQLRewrite(kind: .delete, table: table)
            statement.condition = try condition()
            statement.returning = try returning(allowed: ["ALL OLD"])
        default:
            throw malformed("unsupported statement \(keyword)")
        }
        guard current == nil else { throw malformed("unexpected text after the statement") }
        statement.names = names
        statement.values = values
        return statement
    }

    mutating func returning(allowed: [String]) throws(AWSServiceError) -> String? {
        guard current?.keyword == "RETURNING" else { return nil }
        position += 1
        guard let which = advance()?.keyword, let age = advance()?.keyword else { throw malformed("bad RETURNING") }
        try expectSymbol("*")
        guard allowed.contains("\(which) \(age)") else { throw malformed("unsupported RETURNING \(which) \(age)") }
        return "\(which == "ALL" ? "ALL" : "UPDATED")_\(age)"
    }

    // MARK: Expressions

    /// A document path: identifier, then `.name` and `[n]` steps.
    mutating func path() throws(AWSServiceError) -> String {
        var text = name(try identifier())
        while true {
            if current == .symbol("."), position + 1 < tokens.count {
                position += 1
                text += "." + name(try identifier())
            } else if current == .symbol("[") {
                position += 1
                guard case let .number(index)? = advance() else { throw malformed("expected a list index") }
                try expectSymbol("]")
                text += "[\(index)]"
            } else {
                return text
            }
        }
    }

    /// A WHERE condition, rewritten token by token until the statement or clause ends.
    mutating func condition() throws(AWSServiceError) -> String {
        var parts: [String] = []
        var depth = 0
        while let token = current {
            if let keyword = token.keyword, Self.clauseEnds.contains(keyword) { break }
            switch token {
            case .symbol("("):
                depth += 1
                parts.append("(")
                position += 1
            case .symbol(")"):
                depth -= 1
                parts.append(")")
                position += 1
            case .symbol("!="):
                parts.append("<>")
                position += 1
            case .symbol("=") , .symbol("<>"), .symbol("<"), .symbol("<="), .symbol(">"), .symbol(">="), .symbol(","),
                .symbol("+"):
                if case let .symbol(text) = token { parts.append(text) }
                position += 1
            case let .word(word) where ["AND", "OR", "NOT", "BETWEEN"].contains(word.uppercased()):
                parts.append(word.uppercased())
                position += 1
            case let .word(word) where word.uppercased() == "IN":
                position += 1
                let close: String
                if current == .symbol("[") { close = "]" } else if current == .symbol("(") { close = ")" } else {
                    throw malformed("expected a list after IN")
                }
                position += 1
                var members: [String] = []
                while current != .symbol(close) {
                    if !members.isEmpty { try expectSymbol(",") }
                    members.append(value(try literal()))
                }
                position += 1
                parts.append("IN (" + members.joined(separator: ", ") + ")")
            case let .word(word) where Self.functions.contains(word.lowercased()):
                parts.append(word.lowercased())
                position += 1
            case .word, .quoted:
                let target = try path()
                if current?.keyword == "IS" {
                    position += 1
                    let negated = current?.keyword == "NOT"
                    if negated { position += 1 }
                    switch advance()?.keyword {
                    case "MISSING":
                        parts.append("\(negated ? "attribute_exists" : "attribute_not_exists")(\(target))")
                    case "NULL":
                        let null = value(DynamoDB.AttributeValue(s: "NULL"))
                        parts.append("\(negated ? "NOT " : "")attribute_type(\(target), \(null))")
                    default:
                        throw malformed("expected MISSING or NULL after IS")
                    }
                } else {
                    parts.append(target)
                }
            default:
                parts.append(value(try literal()))
            }
        }
        guard depth == 0, !parts.isEmpty else { throw malformed("unbalanced or empty condition") }
        return parts.joined(separator: " ")
    }

    /// The right-hand side of a SET: paths, literals, `+`/`-` and function calls, up to a `,` at depth 0 or the
    /// next clause.
    mutating func operand(until ends: Set<String>) throws(AWSServiceError) -> String {
        var parts: [String] = []
        var depth = 0
        while let token = current {
            if depth == 0, case let .symbol(symbol) = token, ends.contains(symbol) { break }
            if let keyword = token.keyword, ends.contains(keyword) || Self.clauseEnds.contains(keyword) { break }
            switch token {
            case .symbol("("):
                depth += 1
                parts.append("(")
                position += 1
            case .symbol(")"):
                depth -= 1
                parts.append(")")
                position += 1
            case .symbol(","), .symbol("+"):
                if case let .symbol(text) = token { parts.append(text) }
                position += 1
            case .symbol("-") where !(parts.isEmpty || parts.last == "(" || parts.last == ","):
                parts.append("-")
                position += 1
            case let .word(word) where Self.functions.contains(word.lowercased()):
                parts.append(word.lowercased())
                position += 1
            case .word, .quoted:
                if token.keyword == "TRUE" || token.keyword == "FALSE" || token.keyword == "NULL" {
                    parts.append(value(try literal()))
                } else {
                    parts.append(try path())
                }
            default:
                parts.append(value(try literal()))
            }
        }
        guard depth == 0, !parts.isEmpty else { throw malformed("bad SET value") }
        return parts.joined(separator: " ")
    }

    /// A literal value: `'string'`, number, TRUE/FALSE, NULL, `{map}`, `[list]`, `<<set>>` or `?`.
    mutating func literal() throws(AWSServiceError) -> DynamoDB.AttributeValue {
        guard let token = advance() else { throw malformed("expected a value") }
        switch token {
        case .parameter:
            guard usedParameters < parameters.count else {
                throw .validation("Number of parameters in request and statement don't match.")
            }
            defer { usedParameters += 1 }
            return parameters[usedParameters]
        case let .string(text): return DynamoDB.AttributeValue(s: text)
        case let .number(text): return DynamoDB.AttributeValue(n: text)
        case .symbol("-"):
            guard case let .number(text)? = advance() else { throw malformed("expected a number after '-'") }
            return DynamoDB.AttributeValue(n: "-" + text)
        case .symbol("{"):
            var map: [String: DynamoDB.AttributeValue] = [:]
            while current != .symbol("}") {
                if !map.isEmpty { try expectSymbol(",") }
                guard case let .string(key)? = advance() else { throw malformed("map keys are 'strings'") }
                try expectSymbol(":")
                map[key] = try literal()
            }
            position += 1
            return DynamoDB.AttributeValue(m: map)
        case .symbol("["):
            var list: [DynamoDB.AttributeValue] = []
            while current != .symbol("]") {
                if !list.isEmpty { try expectSymbol(",") }
                list.append(try literal())
            }
            position += 1
            return DynamoDB.AttributeValue(l: list)
        case .symbol("<<"):
            var members: [DynamoDB.AttributeValue] = []
            while current != .symbol(">>") {
                if !members.isEmpty { try expectSymbol(",") }
                members.append(try literal())
            }
            position += 1
            if members.allSatisfy({ $0.s != nil }) { return DynamoDB.AttributeValue(ss: members.compactMap(\.s)) }
            if members.allSatisfy({ $0.n != nil }) { return DynamoDB.AttributeValue(ns: members.compactMap(\.n)) }
            if members.allSatisfy({ $0.b != nil }) { return DynamoDB.AttributeValue(bs: members.compactMap(\.b)) }
            throw malformed("set members must all be strings, numbers or binary")
        case let .word(word):
            switch word.uppercased() {
            case "TRUE": return DynamoDB.AttributeValue(bool: true)
            case "FALSE": return DynamoDB.AttributeValue(bool: false)
            case "NULL": return DynamoDB.AttributeValue(null: true)
            default: throw malformed("unexpected \(word)")
            }
        default:
            throw malformed("expected a value")
        }
    }
}
