import OrderedCollections
import StratusJSON

/// An object (insertion-ordered members); a reference type, like a JavaScript object.
///
/// An object read from JSON input stays in its JSON form until a member is first read or changed; then its
/// members (one level) are converted. Untouched parts of large inputs therefore cost little, and an unchanged
/// object goes back to JSON without building intermediate values (numbers still pass through doubles).
final class ObjectValue {
    private var source: OrderedDictionary<String, JSONValue>?
    private var storage: OrderedDictionary<String, Value>
    /// Members read one at a time (``member(_:)``) while the object is still JSON-backed.
    private var converted: [String: Value] = [:]

    init(_ members: OrderedDictionary<String, Value> = [:]) {
        storage = members
    }

    /// An object backed by JSON members, converted lazily.
    init(json members: OrderedDictionary<String, JSONValue>) {
        source = members
        storage = [:]
    }

    /// The members (converting JSON-backed members on first use).
    var members: OrderedDictionary<String, Value> {
        get {
            materialize()
            return storage
        }
        _modify {
            materialize()
            yield &storage
        }
        set {
            source = nil
            storage = newValue
        }
    }

    /// One member, converting only that member of a JSON-backed object (a path step reads one field of a large
    /// input without converting its siblings); the converted value is kept, so later reads see the same value.
    func member(_ key: String) -> Value? {
        guard let json = source else { return storage[key] }
        if let hit = converted[key] { return hit }
        guard let raw = json[key] else { return nil }
        let value = Value(json: raw)
        converted[key] = value
        return value
    }

    /// The original JSON members when nothing has been read or changed yet.
    var untouchedJSON: OrderedDictionary<String, JSONValue>? { converted.isEmpty ? source : nil }

    private func materialize() {
        guard let json = source else { return }
        if converted.isEmpty {
            // mapValues keeps the key table: no rehashing.
            storage = json.mapValues(Value.init(json:))
        } else {
            var members = OrderedDictionary<String, Value>(minimumCapacity: json.count)
            for (key, raw) in json { members[key] = converted[key] ?? Value(json: raw) }
            storage = members
            converted = [:]
        }
        source = nil
    }
}
