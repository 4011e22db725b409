import OrderedCollections

/// An object (insertion-ordered members); a reference type, like a JavaScript object.
final class ObjectValue {
    var members: OrderedDictionary<String, Value>
    init(_ members: OrderedDictionary<String, Value> = [:]) { self.members = members }
}
