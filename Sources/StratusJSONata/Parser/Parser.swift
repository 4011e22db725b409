/// The jsonata-js Pratt parser (top-down operator precedence) followed by its AST post-pass (`processAST`).
struct Parser {
    /// Left binding powers (jsonata-js `operators`, as the symbol table ends up after `symbol`/`infix`/`prefix`).
    static let bindingPowers: [String: Int] = [
        ".": 75, "[": 80, "]": 0, "{": 70, "}": 0, "(": 80, ")": 0, ",": 0, "@": 80, "#": 80, ";": 0, ":": 0,
        "?": 20, "+": 50, "-": 50, "*": 60, "/": 60, "%": 60, "|": 0, "=": 40, "<": 40, ">": 40, "^": 40,
        "**": 0, "..": 0, ":=": 10, "!=": 40, "<=": 40, ">=": 40, "~>": 40, "and": 30, "or": 25, "in": 40,
        "&": 50, "?:": 40, "??": 40,
    ]

    var tokenizer: Tokenizer
    let sourceLength: Int
    var node: Node
    // Post-pass state (ancestor labels for `%`).
    var ancestorLabel = 0
    var ancestorIndex = 0
    var ancestry: [Node] = []

    /// Parses `text` into a post-processed AST.
    static func parse(_ text: String, newOperators: Bool) throws(JSONataError) -> Node {
        var parser = Parser(text, newOperators: newOperators)
        try parser.advance()
        let expression = try parser.expression(0)
        if parser.node.id != "(end)" {
            throw JSONataError(code: "S0201", message: "Syntax error: \(parser.node.text)",
                               position: parser.node.position, token: parser.node.text)
        }
        let result = try parser.processAST(expression)
        if result.type == .parent || result.seekingParent != nil {
            throw JSONataError(code: "S0217", message: "The object representing the 'parent' cannot be derived from this expression",
                               position: result.position, token: "\(result.type)")
        }
        markSimplePaths(result)
        return result
    }

    private init(_ text: String, newOperators: Bool) {
        tokenizer = Tokenizer(text, newOperators: newOperators)
        sourceLength = tokenizer.source.count
        node = Node(type: .end, position: 0)
        node.id = "(end)"
    }

    private func lbp(_ node: Node) -> Int {
        node.type == .operator ? (Parser.bindingPowers[node.id] ?? 0) : 0
    }

    /// Moves to the next token, first checking that the current one is `id` (S0202/S0203 otherwise).
    @discardableResult
    mutating func advance(_ id: String? = nil, infix: Bool = false) throws(JSONataError) -> Node {
        if let id, node.id != id {
            let code = node.id == "(end)" ? "S0203" : "S0202"
            throw JSONataError(code: code, message: "Expected \"\(id)\", got \"\(node.text)\"", position: node.position,
                               token: node.text, value: id)
        }
        guard let token = try tokenizer.next(infix: infix) else {
            let end = Node(type: .end, position: sourceLength)
            end.id = "(end)"
            node = end
            return end
        }
        let next: Node
        switch token.kind {
        case .name:
            next = Node(type: .name, value: .string(token.text), position: token.position)
            next.id = "(name)"
        case .variable:
            next = Node(type: .variable, value: .string(token.text), position: token.position)
            next.id = "(name)"
        case .operator:
            guard Parser.bindingPowers[token.text] != nil else {
                throw JSONataError(code: "S0204", message: "Unknown operator: \"\(token.text)\"", position: token.position,
                                   token: token.text)
            }
            next = Node(type: .operator, value: .string(token.text), position: token.position)
            next.id = token.text
        case .string:
            next = Node(type: .string, value: token.literal, position: token.position)
            next.id = "(literal)"
        case .number:
            next = Node(type: .number, value: token.literal, position: token.position)
            next.id = "(literal)"
        case .value:
            next = Node(type: .value, value: token.literal, position: token.position)
            next.id = "(literal)"
        case .regex:
            next = Node(type: .regex, value: .string(token.regexPattern), position: token.position)
            next.id = "(regex)"
            next.regex = RegexLiteral(regex: try JSONataRegex(pattern: token.regexPattern, flags: token.regexFlags),
                                      position: token.position)
        }
        node = next
        return next
    }

    /// Pratt's loop.
    mutating func expression(_ rbp: Int) throws(JSONataError) -> Node {
        var t = node
        try advance(infix: true)
        var left = try nud(t)
        while rbp < lbp(node) {
            t = node
            try advance()
            left = try led(t, left)
        }
        return left
    }

    private mutating func nud(_ t: Node) throws(JSONataError) -> Node {
        switch t.id {
        case "(name)", "(literal)", "(regex)", "(end)", "and", "or", "in":
            return t
        case "-":
            t.expression = try expression(70)
            t.type = .unary
            return t
        case "*":
            t.type = .wildcard
            return t
        case "**":
            t.type = .descendant
            return t
        case "%":
            t.type = .parent
            return t
        case "(":
            var expressions: [Node] = []
            while node.id != ")" {
                expressions.append(try expression(0))
                if node.id != ";" { break }
                try advance(";")
            }
            try advance(")", infix: true)
            t.type = .block
            t.expressions = expressions
            return t
        case "[":
            var items: [Node] = []
            if node.id != "]" {
                while true {
                    var item = try expression(0)
                    if node.id == ".." {
                        let range = Node(type: .binary, value: .string(".."), position: node.position)
                        range.id = ".."
                        range.lhs = item
                        try advance("..")
                        range.rhs = try expression(0)
                        item = range
                    }
                    items.append(item)
                    if node.id != "," { break }
                    try advance(",")
                }
            }
            try advance("]", infix: true)
            t.expressions = items
            t.type = .unary
            return t
        case "{":
            t.pairs = try objectPairs()
            t.type = .unary
            return t
        case "|":
            t.type = .transform
            t.pattern = try expression(0)
            try advance("|")
            t.update = try expression(0)
            if node.id == "," {
                try advance(",")
                t.delete = try expression(0)
            }
            try advance("|")
            return t
        default:
            throw JSONataError(code: "S0211", message: "The symbol \(t.text) cannot be used as a unary operator",
                               position: t.position, token: t.text)
        }
    }

    private mutating func objectPairs() throws(JSONataError) -> [(Node, Node)] {
        var pairs: [(Node, Node)] = []
        if node.id != "}" {
            while true {
                let name = try expression(0)
                try advance(":")
                let value = try expression(0)
                pairs.append((name, value))
                if node.id != "," { break }
                try advance(",")
            }
        }
        try advance("}", infix: true)
        return pairs
    }

    private mutating func led(_ t: Node, _ left: Node) throws(JSONataError) -> Node {
        switch t.id {
        case "(":
            return try functionCall(t, left)
        case "[":
            if node.id == "]" {
                var step: Node? = left
                while let current = step, current.type == .binary, current.id == "[" { step = current.lhs }
                step?.keepArray = true
                try advance("]")
                return left
            }
            t.lhs = left
            t.rhs = try expression(0)
            t.type = .binary
            try advance("]", infix: true)
            return t
        case "^":
            try advance("(")
            var terms: [SortTerm] = []
            while true {
                var descending = false
                if node.id == "<" {
                    try advance("<")
                } else if node.id == ">" {
                    descending = true
                    try advance(">")
                }
                terms.append(SortTerm(descending: descending, expression: try expression(0)))
                if node.id != "," { break }
                try advance(",")
            }
            try advance(")")
            t.lhs = left
            t.sortTerms = terms
            t.type = .binary
            return t
        case "{":
            t.lhs = left
            t.pairs = try objectPairs()
            t.type = .binary
            return t
        case ":=":
            if left.type != .variable {
                throw JSONataError(code: "S0212", message: "The left side of := must be a variable name (start with $)",
                                   position: left.position, token: left.text)
            }
            t.lhs = left
            t.rhs = try expression(Parser.bindingPowers[":="]! - 1)
            t.type = .binary
            return t
        case "@", "#":
            t.lhs = left
            let rhs = try expression(Parser.bindingPowers[t.id]!)
            t.rhs = rhs
            if rhs.type != .variable {
                throw JSONataError(code: "S0214", message: "The right side of \(t.id) must be a variable name (start with $)",
                                   position: rhs.position, token: t.id)
            }
            t.type = .binary
            return t
        case "?":
            t.type = .condition
            t.condition = left
            t.then = try expression(0)
            if node.id == ":" {
                try advance(":")
                t.otherwise = try expression(0)
            }
            return t
        case "?:", "??":
            t.type = t.id == "?:" ? .elvis : .coalesce
            t.condition = left
            t.otherwise = try expression(0)
            return t
        default:
            t.lhs = left
            t.rhs = try expression(Parser.bindingPowers[t.id] ?? 0)
            t.type = .binary
            return t
        }
    }

    private mutating func functionCall(_ t: Node, _ left: Node) throws(JSONataError) -> Node {
        t.procedure = left
        t.type = .function
        var arguments: [Node] = []
        if node.id != ")" {
            while true {
                if node.type == .operator && node.id == "?" {
                    t.type = .partial
                    arguments.append(node)
                    try advance("?")
                } else {
                    arguments.append(try expression(0))
                }
                if node.id != "," { break }
                try advance(",")
            }
        }
        try advance(")", infix: true)
        t.arguments = arguments
        if left.type == .name, left.text == "function" || left.text == "\u{03BB}" {
            for (index, argument) in arguments.enumerated() where argument.type != .variable {
                throw JSONataError(code: "S0208", message: "Parameter \(index + 1) of function definition must be a variable name (start with $)",
                                   position: argument.position, token: argument.text, value: String(index + 1))
            }
            t.type = .lambda
            if node.id == "<" {
                let signaturePosition = node.position
                var depth = 1
                var text = "<"
                while depth > 0 && node.id != "{" && node.id != "(end)" {
                    let token = try advance()
                    if token.id == ">" {
                        depth -= 1
                    } else if token.id == "<" {
                        depth += 1
                    }
                    text += token.text
                }
                try advance(">")
                do {
                    t.signature = try Signature(text)
                } catch {
                    var located = error
                    located.position = signaturePosition + (error.position ?? 0)
                    throw located
                }
            }
            try advance("{")
            t.body = try expression(0)
            try advance("}")
        }
        return t
    }
}
