import OrderedCollections
import StratusJSON

/// Reads the members of one definition object, remembering which were read, so the members nobody asked for can
/// be reported as unsupported fields.
struct ObjectFields {
    let members: OrderedDictionary<String, JSONValue>
    let location: String
    private(set) var read: Set<String> = []

    init(_ members: OrderedDictionary<String, JSONValue>, location: String) {
        self.members = members
        self.location = location
    }

    /// The member's value (JSON `null` included), marking it read; `nil` when absent.
    mutating func take(_ key: String) -> JSONValue? {
        read.insert(key)
        return members[key]
    }

    /// Whether the member is present (does not mark it read).
    func has(_ key: String) -> Bool { members[key] != nil }

    /// The location of a member, for diagnostics.
    func at(_ key: String) -> String { location == "/" ? "/\(key)" : "\(location)/\(key)" }

    /// Members present but never read, in definition order.
    var unread: [String] { members.keys.filter { !read.contains($0) } }
}
