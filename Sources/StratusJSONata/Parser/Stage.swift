/// A predicate (`filter`) or index-binding (`index`) stage applied to a step.
struct Stage: @unchecked Sendable {
    enum Kind { case filter, index }
    var kind: Kind
    var expression: Node?
    var variable: String = ""
    var position: Int
}
