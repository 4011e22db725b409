/// The kind of an AST node (jsonata-js `type`).
enum NodeType: Sendable {
    case name, variable, string, number, value, regex, `operator`, end
    case binary, unary, function, partial, lambda, block, condition, transform, elvis, coalesce
    case wildcard, descendant, parent, path, bind, apply, sort, filter, index
}

/// A literal carried by a token or node.
enum LiteralValue: Sendable {
    case none
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
}

/// An ancestor slot for the parent operator `%` (jsonata-js `slot`): a label bound in tuple streams.
final class AncestorSlot: @unchecked Sendable {
    var label: String
    var level: Int
    let index: Int
    init(label: String, level: Int, index: Int) {
        self.label = label
        self.level = level
        self.index = index
    }
}

/// A binary operator, resolved once at compile time.
enum BinaryOperator: Sendable {
    case add, subtract, multiply, divide, modulo, equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    case concatenate, and, or, range, membership

    init?(_ symbol: String) {
        switch symbol {
        case "+": self = .add
        case "-": self = .subtract
        case "*": self = .multiply
        case "/": self = .divide
        case "%": self = .modulo
        case "=": self = .equal
        case "!=": self = .notEqual
        case "<": self = .less
        case "<=": self = .lessOrEqual
        case ">": self = .greater
        case ">=": self = .greaterOrEqual
        case "&": self = .concatenate
        case "and": self = .and
        case "or": self = .or
        case "..": self = .range
        case "in": self = .membership
        default: return nil
        }
    }
}

/// A compiled regex literal and where it appears (boxed so that values stay small).
final class RegexLiteral: Sendable {
    let regex: JSONataRegex
    let position: Int
    init(regex: JSONataRegex, position: Int) {
        self.regex = regex
        self.position = position
    }
}

/// A predicate (`filter`) or index-binding (`index`) stage applied to a step.
struct Stage: @unchecked Sendable {
    enum Kind { case filter, index }
    var kind: Kind
    var expression: Node?
    var variable: String = ""
    var position: Int
}

/// One `^( … )` sort term.
struct SortTerm: @unchecked Sendable {
    var descending: Bool
    var expression: Node
}

/// A group-by / object-constructor clause: name/value expression pairs.
final class GroupClause: @unchecked Sendable {
    var pairs: [(Node, Node)]
    var position: Int
    init(pairs: [(Node, Node)], position: Int) {
        self.pairs = pairs
        self.position = position
    }
}

/// An AST node (parser output after the jsonata-js post-pass).
///
/// Guarantees: nodes are mutated only while ``JSONataExpression`` compiles them; a compiled tree is never
/// changed again, so it is shared freely between threads and evaluations (hence `@unchecked Sendable`).
final class Node: @unchecked Sendable {
    var type: NodeType
    /// Operator / symbol id (`+`, `[`, `(end)`, …) for operator tokens and operator nodes.
    var id: String = ""
    var value: LiteralValue = .none
    var position: Int

    var lhs: Node?
    var rhs: Node?
    var expression: Node?
    var expressions: [Node] = []
    var steps: [Node] = []
    var arguments: [Node] = []
    var procedure: Node?
    var body: Node?
    var condition: Node?
    var then: Node?
    var otherwise: Node?
    var pattern: Node?
    var update: Node?
    var delete: Node?
    /// Object constructor pairs (unary `{`) or the group-by pairs in the parse tree (binary `{`).
    var pairs: [(Node, Node)] = []
    var sortTerms: [SortTerm] = []
    var predicate: [Stage]?
    var stages: [Stage]?
    var group: GroupClause?
    var signature: Signature?
    var binaryOperator: BinaryOperator?
    var regex: RegexLiteral?

    var keepArray = false
    var consArray = false
    var keepSingletonArray = false
    var tuple = false
    var thunk = false
    var focus: String?
    var indexVariable: String?
    var ancestor: AncestorSlot?
    var slot: AncestorSlot?
    var seekingParent: [AncestorSlot]?

    init(type: NodeType, value: LiteralValue = .none, position: Int) {
        self.type = type
        self.value = value
        self.position = position
    }

    /// The node's text value (names, variables, operators).
    var text: String {
        switch value {
        case .string(let s): return s
        case .number(let n): return JSNumber.string(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .none: return id
        }
    }
}
