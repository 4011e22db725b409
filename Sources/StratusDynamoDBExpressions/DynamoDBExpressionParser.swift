// The parser machinery every expression kind shares: tokens, placeholders, paths and error bookkeeping.

/// A recursive-descent parser over DynamoDB's tokens, with placeholder resolution and error bookkeeping.
struct DynamoDBExpressionParser {
    let kind: DynamoDBExpressionKind
    let source: [UInt8]
    let tokens: [DynamoDBExpressionToken]
    var position = 0
    let names: [String: String]
    let values: [String: DynamoDBValue]
    var usedNames: Set<String> = []
    var usedValues: Set<String> = []
    var diagnostics: [DynamoDBDiagnostic: String] = [:]
    /// Operators and functions seen, for DynamoDB's limit of 300 per expression.
    var operatorCount = 0
    /// Current nesting of groups, NOTs and function calls being parsed (bounded, so deep input cannot exhaust
    /// the stack).
    var nesting = 0
    /// Set when the input nests deeper than ``maximumNesting``.
    var nestingExceeded = false

    /// DynamoDB's limits on one expression.
    static let maximumOperators = 300
    static let maximumPathDepth = 32
    static let maximumListIndex = 2_147_483_647
    /// Deeper nesting than this always breaks another rule (more than 300 operators, or redundant parentheses).
    static let maximumNesting = 320
    /// The limit errors every expression kind reports first (after syntax errors).
    static let limitDiagnostics: [DynamoDBDiagnostic] = [.listIndexRange, .nestingDepth, .operatorCount]

    /// For each `(` token, the index of its matching `)` (nil when unbalanced); other tokens nil.
    let matchingParenthesis: [Int?]

    init(kind: DynamoDBExpressionKind, text: String, names: [String: String]?, values: [String: DynamoDBValue]?) {
        self.kind = kind
        self.source = Array(text.utf8)
        self.tokens = DynamoDBExpressionLexer.tokens(of: source)
        self.names = names ?? [:]
        self.values = values ?? [:]
        var matching = [Int?](repeating: nil, count: tokens.count)
        var open: [Int] = []
        for (index, token) in tokens.enumerated() {
            if token.isPunctuation("(") {
                open.append(index)
            } else if token.isPunctuation(")"), let start = open.popLast() {
                matching[start] = index
            }
        }
        self.matchingParenthesis = matching
    }

    /// DynamoDB's largest expression, in UTF-8 bytes.
    static let maximumExpressionSize = 4096

    /// DynamoDB's errors for an empty (or all-whitespace) expression and for one longer than 4 KB.
    static func checkNotEmpty(_ text: String, kind: DynamoDBExpressionKind) throws(DynamoDBValidationError) {
        if text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            throw kind.error("The expression can not be empty;")
        }
        let size = text.utf8.count
        if size > maximumExpressionSize {
            throw kind.error("Expression size has exceeded the maximum allowed size; expression size: \(size)")
        }
    }

    var current: DynamoDBExpressionToken { tokens[position] }

    func peek(_ offset: Int = 1) -> DynamoDBExpressionToken {
        tokens[min(position + offset, tokens.count - 1)]
    }

    mutating func advance() -> DynamoDBExpressionToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    func fail() -> DynamoDBSyntaxFailure {
        DynamoDBSyntaxFailure(tokenIndex: position)
    }

    mutating func expectPunctuation(_ symbol: String) throws(DynamoDBSyntaxFailure) {
        guard current.isPunctuation(symbol) else { throw fail() }
        position += 1
    }

    mutating func expectEnd() throws(DynamoDBSyntaxFailure) {
        guard current.kind == .end else { throw fail() }
    }

    /// Records a semantic error unless one of the same kind was recorded earlier.
    mutating func note(_ diagnostic: DynamoDBDiagnostic, _ message: String) {
        if diagnostics[diagnostic] == nil { diagnostics[diagnostic] = message }
    }

    /// Enters one level of nesting; fails (marking ``nestingExceeded``) past ``maximumNesting``.
    mutating func enterNesting() throws(DynamoDBSyntaxFailure) {
        nesting += 1
        if nesting > Self.maximumNesting {
            nestingExceeded = true
            throw fail()
        }
    }

    /// DynamoDB's error for input nested past ``maximumNesting``, found without recursion: too many operators
    /// when there are more than 300 (comparisons, AND, OR, NOT, BETWEEN, IN, +, -, function calls), else
    /// redundant parentheses (condition kinds) or a syntax error at the innermost group (updates).
    func nestingError(failure: DynamoDBSyntaxFailure) -> DynamoDBValidationError {
        // Unbalanced parentheses are syntax errors, which DynamoDB reports first.
        var depth = 0
        for (index, token) in tokens.enumerated() {
            if token.isPunctuation("(") { depth += 1 }
            if token.isPunctuation(")") {
                depth -= 1
                if depth < 0 { return syntaxError(DynamoDBSyntaxFailure(tokenIndex: index)) }
            }
        }
        if depth > 0 { return syntaxError(DynamoDBSyntaxFailure(tokenIndex: tokens.count - 1)) }
        var operators = 0
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .punctuation where ["=", "<>", "<", "<=", ">", ">=", "+", "-"].contains(token.text):
                operators += 1
            case .identifier:
                if ["AND", "OR", "NOT", "BETWEEN", "IN"].contains(token.text.uppercased())
                    || (index + 1 < tokens.count && tokens[index + 1].isPunctuation("("))
                {
                    operators += 1
                }
            default:
                break
            }
        }
        if operators > Self.maximumOperators {
            return kind.error("The expression contains too many operators; operator count: \(operators)")
        }
        if kind == .update { return syntaxError(failure) }
        return kind.error("The expression has redundant parentheses;")
    }

    /// The error for a failure: the nesting error when nesting was exceeded, else the syntax error.
    func failureError(_ failure: DynamoDBSyntaxFailure) -> DynamoDBValidationError {
        nestingExceeded ? nestingError(failure: failure) : syntaxError(failure)
    }

    /// Counts one operator or function against DynamoDB's limit.
    mutating func countOperator() {
        operatorCount += 1
        if operatorCount > Self.maximumOperators {
            diagnostics[.operatorCount] = "The expression contains too many operators; operator count: \(operatorCount)"
        }
    }

    /// Throws the first recorded error: the limit errors, then the given priority order.
    func throwDiagnostics(in order: [DynamoDBDiagnostic]) throws(DynamoDBValidationError) {
        for diagnostic in Self.limitDiagnostics + order {
            if let message = diagnostics[diagnostic] { throw kind.error(message) }
        }
    }

    /// DynamoDB's syntax error text for a failure at a token: the token and the text from the token before it
    /// to the token after it.
    func syntaxError(_ failure: DynamoDBSyntaxFailure) -> DynamoDBValidationError {
        let index = min(failure.tokenIndex, tokens.count - 1)
        let token = tokens[index]
        let start = index > 0 ? tokens[index - 1].start : token.start
        var end = token.kind == .end && index > 0 ? tokens[index - 1].end : token.end
        if index + 1 < tokens.count, tokens[index + 1].kind != .end { end = tokens[index + 1].end }
        let near = String(decoding: source[start..<max(start, end)], as: UTF8.self)
        return kind.error("Syntax error; token: \"\(token.text)\", near: \"\(near)\"")
    }

    /// Resolves a `#name` placeholder, recording its use or DynamoDB's error when it is not defined.
    mutating func resolveName(_ placeholder: String) -> String {
        if let name = names[placeholder] {
            usedNames.insert(placeholder)
            return name
        }
        let message =
            "An expression attribute name used in the document path is not defined; attribute name: \(placeholder)"
        note(.undefinedName, message)
        note(.undefinedReference, message)
        return placeholder
    }

    /// Resolves a `:value` placeholder, recording its use or DynamoDB's error when it is not defined.
    mutating func resolveValue(_ placeholder: String) -> DynamoDBValue? {
        if let value = values[placeholder] {
            usedValues.insert(placeholder)
            return value
        }
        let message = "An expression attribute value used in expression is not defined; attribute value: \(placeholder)"
        note(.undefinedValue, message)
        note(.undefinedReference, message)
        return nil
    }

    /// Whether the current token starts a document path (a name or `#placeholder` that is not a keyword).
    func atPathStart(keywords: Set<String>) -> Bool {
        switch current.kind {
        case .nameReference: true
        case .identifier: !keywords.contains(current.text.uppercased())
        default: false
        }
    }

    /// Parses `name ( . name | [ index ] )*`; bare names are checked against the reserved words.
    mutating func parsePath(keywords: Set<String>) throws(DynamoDBSyntaxFailure) -> DynamoDBDocumentPath {
        var elements: [DynamoDBDocumentPath.Element] = [.attribute(try parsePathName(keywords: keywords))]
        while true {
            if current.isPunctuation(".") {
                position += 1
                elements.append(.attribute(try parsePathName(keywords: keywords)))
            } else if current.isPunctuation("[") {
                position += 1
                guard current.kind == .integer else { throw fail() }
                let text = current.text
                position += 1
                try expectPunctuation("]")
                guard text.count <= 10, let index = Int(text), index <= Self.maximumListIndex else {
                    note(.listIndexRange, "List index is not within the allowable range; index: [\(text)]")
                    elements.append(.index(0))
                    continue
                }
                elements.append(.index(index))
            } else {
                break
            }
        }
        if elements.count > Self.maximumPathDepth {
            note(.nestingDepth, "The document path has too many nesting levels; nesting levels: \(elements.count)")
        }
        return DynamoDBDocumentPath(elements)
    }

    private mutating func parsePathName(keywords: Set<String>) throws(DynamoDBSyntaxFailure) -> String {
        let token = current
        switch token.kind {
        case .nameReference:
            position += 1
            return resolveName(token.text)
        case .identifier where !keywords.contains(token.text.uppercased()):
            position += 1
            if DynamoDBReservedWords.contains(token.text) {
                note(.reservedWord, "Attribute name is a reserved keyword; reserved keyword: \(token.text)")
            }
            return token.text
        default:
            throw fail()
        }
    }

    /// Records overlap and conflict errors among paths, in the order they were written.
    mutating func checkPathsDoNotOverlap(_ paths: [DynamoDBDocumentPath]) {
        for (index, path) in paths.enumerated() {
            for earlier in paths[..<index] {
                switch earlier.relation(to: path) {
                case .independent:
                    continue
                case .overlap:
                    note(
                        .pathOverlap,
                        "Two document paths overlap with each other; must remove or rewrite one of these paths; "
                            + "path one: \(earlier), path two: \(path)")
                case .conflict:
                    note(
                        .pathConflict,
                        "Two document paths conflict with each other; must remove or rewrite one of these paths; "
                            + "path one: \(earlier), path two: \(path)")
                }
            }
        }
    }
}
