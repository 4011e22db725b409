/// A literal carried by a token or node.
enum LiteralValue: Sendable {
    case none
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
}
