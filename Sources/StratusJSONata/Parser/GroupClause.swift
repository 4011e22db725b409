/// A group-by / object-constructor clause: name/value expression pairs.
final class GroupClause: @unchecked Sendable {
    var pairs: [(Node, Node)]
    var position: Int
    init(pairs: [(Node, Node)], position: Int) {
        self.pairs = pairs
        self.position = position
    }
}
