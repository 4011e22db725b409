import OrderedCollections
import StratusJSON

extension JSONValue {
    /// Whether the compact serialization is longer than `limit` bytes, computed without serializing
    /// small values (only values whose cheap lower bound is near the limit are serialized).
    func exceedsSerializedSize(_ limit: Int) -> Bool {
        var budget = limit
        return !fits(&budget)
    }

    /// The size of the compact serialization in bytes.
    var serializedByteCount: Int {
        var budget = Int.max / 2
        _ = fits(&budget)
        return Int.max / 2 - budget
    }

    private func fits(_ budget: inout Int) -> Bool {
        switch self {
        case .null: budget -= 4
        case .bool(let flag): budget -= flag ? 4 : 5
        case .number(let number): budget -= number.text.utf8.count
        case .string(let text):
            var length = 2
            for byte in text.utf8 {
                switch byte {
                case 0x22, 0x5C, 0x08, 0x09, 0x0A, 0x0C, 0x0D: length += 2
                case 0..<0x20: length += 6
                default: length += 1
                }
            }
            budget -= length
        case .array(let elements):
            budget -= 1 + max(elements.count, 1)
            for element in elements where budget >= 0 { _ = element.fits(&budget) }
        case .object(let members):
            budget -= 1 + max(members.count, 1)
            for (key, value) in members where budget >= 0 {
                budget -= key.utf8.count + 3
                _ = value.fits(&budget)
            }
        }
        return budget >= 0
    }
}
