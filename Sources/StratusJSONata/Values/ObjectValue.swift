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

    /// The original JSON members when nothing has been read or changed yet.
    var untouchedJSON: OrderedDictionary<String, JSONValue>? { source }

    private func materialize() {
        guard let json = source else { return }
        // mapValues keeps the key table: no rehashing.
        storage = json.mapValues(Value.init(json:))
        source = nil
    }
}
