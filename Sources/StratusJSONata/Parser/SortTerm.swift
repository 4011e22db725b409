/// One `^( … )` sort term.
struct SortTerm: @unchecked Sendable {
    var descending: Bool
    var expression: Node
}
