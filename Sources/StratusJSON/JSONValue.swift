import OrderedCollections

/// A JSON value with insertion-ordered objects and numbers that keep their written form.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(OrderedDictionary<String, JSONValue>)
}
