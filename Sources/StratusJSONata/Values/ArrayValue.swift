/// An array with jsonata-js's hidden flags. A reference type, like a JavaScript array: the transform operator
/// mutates matched objects in place inside a cloned document.
final class ArrayValue {
    /// The members.
    var items: [Value]
    /// Made by the engine (a result sequence), not by the document or an array constructor.
    var isSequence: Bool
    /// Built by an array constructor `[...]`: never flattened by path steps.
    var isCons = false
    /// `x[]`: a one-member result stays an array.
    var keepSingleton = false
    /// The top-level input array wrapped so that paths treat it as one item.
    var outerWrapper = false
    /// A stream of tuples (objects mapping binding names and `@` to values) for `@`/`#`/`%` paths.
    var isTupleStream = false

    init(_ items: [Value] = [], sequence: Bool = false) {
        self.items = items
        self.isSequence = sequence
    }

    /// A new engine sequence.
    static func sequence(_ items: [Value] = []) -> ArrayValue { ArrayValue(items, sequence: true) }

    var count: Int { items.count }
}
