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
    /// A path of plain field names (optionally after one variable) with no predicates, bindings, grouping or
    /// array flags: evaluated by direct lookups while it only meets objects (set by ``Parser/markSimplePaths(_:)``).
    var isSimplePath = false
    /// A lambda's parameter names (without `$`), computed once.
    var parameterNames: [String] = []
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
