import Foundation
import OrderedCollections
import StratusJSON
import StratusServiceKit

/// The reader behind ``AWSJSONShapeMapper/read(jsonBytes:shape:)``: UTF-8 JSON text straight to ``AWSValue``
/// following a service's shapes, holding only the shape table (nothing per request is copied).
///
/// Guarantees: those of ``AWSJSONShapeMapper/read(jsonBytes:shape:)``.
struct AWSJSONDirectReader {
    /// The service's shape table (``ServiceSchema/shapes``).
    let shapes: [ShapeSchema]
    /// Whether member `locationName`s name JSON keys (see ``AWSJSONShapeMapper/usesLocationNames``).
    let usesLocationNames: Bool

    /// The value of `shapeID` in `bytes` (an object at the top level), or `nil` to leave `bytes` to the general path.
    func read(_ bytes: [UInt8], shape shapeID: ShapeID) -> AWSValue? {
        bytes.withUnsafeBufferPointer { buffer -> AWSValue? in
            var cursor = JSONByteCursor(bytes: buffer)
            cursor.skipWhitespace()
            guard cursor.peek == UInt8(ascii: "{"),
                let value = readValue(&cursor, shape: shapeID, timestampFormat: nil, depth: 0)
            else { return nil }
            cursor.skipWhitespace()
            return cursor.isAtEnd ? value : nil
        }
    }

    private static let maximumDepth = 64

    /// One non-null value of `shapeID` at the cursor (callers handle `null`).
    private func readValue(
        _ cursor: inout JSONByteCursor, shape shapeID: ShapeID, timestampFormat: TimestampFormat?, depth: Int
    ) -> AWSValue? {
        let shape = shapes[shapeID]
        guard !shape.isDocument, depth < Self.maximumDepth, let byte = cursor.peek else { return nil }
        switch shape.type {
        case .structure:
            guard byte == UInt8(ascii: "{") else { return nil }
            return readStructure(&cursor, shape: shape, depth: depth + 1)
        case .list:
            guard byte == UInt8(ascii: "["), let member = shape.listMember else { return nil }
            return readList(&cursor, shape: shape, member: member, depth: depth + 1)
        case .map:
            guard byte == UInt8(ascii: "{"), let valueMember = shape.mapValue else { return nil }
            return readMap(&cursor, shape: shape, valueMember: valueMember, depth: depth + 1)
        case .string:
            guard byte == UInt8(ascii: "\""), let text = cursor.readString() else { return nil }
            return .string(text)
        case .boolean:
            if cursor.readLiteral("true") { return .boolean(true) }
            if cursor.readLiteral("false") { return .boolean(false) }
            return nil
        case .integer, .long, .byte, .short, .bigInteger:
            return cursor.readInteger().map(AWSValue.integer)
        case .float, .double, .bigDecimal:
            if byte == UInt8(ascii: "\"") {
                switch cursor.readString() {
                case "NaN": return .double(.nan)
                case "Infinity": return .double(.infinity)
                case "-Infinity": return .double(-.infinity)
                default: return nil
                }
            }
            return cursor.readInteger().map { .double(Double($0)) }
        case .blob:
            guard byte == UInt8(ascii: "\""), let text = cursor.readString(), let data = Data(base64Encoded: text) else {
                return nil
            }
            return .blob(data)
        case .timestamp:
            let format = timestampFormat ?? shape.timestampFormat ?? .unixTimestamp
            if byte == UInt8(ascii: "\"") {
                guard let text = cursor.readString(),
                    let date = WireTimestampText.parse(text, format: format == .unixTimestamp ? .iso8601 : format)
                        ?? WireTimestampText.parse(text, format: .unixTimestamp)
                else { return nil }
                return .timestamp(date)
            }
            guard format == .unixTimestamp, let seconds = cursor.readInteger() else { return nil }
            return .timestamp(Date(timeIntervalSince1970: Double(seconds)))
        }
    }

    /// A structure: members in model order (as ``read(_:shape:path:)`` builds them), Smithy defaults filled.
    private func readStructure(_ cursor: inout JSONByteCursor, shape: ShapeSchema, depth: Int) -> AWSValue? {
        var members: OrderedDictionary<String, AWSValue> = [:]
        var seenLow: UInt64 = 0
        var seenHigh: [Int] = []
        var previous = -1
        var inModelOrder = true
        let accepted = cursor.readObject { cursor, key -> Bool in
            // The general path compares keys as strings (Unicode equivalence): non-ASCII keys are left to it.
            guard key.allSatisfy({ $0 < 0x80 }) else { return false }
            let position: Int
            switch memberPosition(of: key, in: shape) {
            case .member(let found): position = found
            case .unknown: return cursor.skipValue(depth: depth, limit: Self.maximumDepth)  // ignored, but must be JSON
            case .undecided: return false
            }
            if position < 64 {
                let bit: UInt64 = 1 << UInt64(position)
                guard seenLow & bit == 0 else { return false }
                seenLow |= bit
            } else {
                guard !seenHigh.contains(position) else { return false }
                seenHigh.append(position)
            }
            if cursor.readLiteral("null") { return true }
            let member = shape.members[position]
            guard let value = readValue(&cursor, shape: member.shape, timestampFormat: member.timestampFormat, depth: depth)
            else { return false }
            members[member.name] = value
            if position < previous { inModelOrder = false }
            previous = position
            return true
        }
        guard accepted else { return nil }
        // Smithy defaults (no AWS model this server speaks has any) are left to the general path.
        if shape.members.contains(where: { $0.defaultValue != nil && members[$0.name] == nil }) { return nil }
        if inModelOrder { return .object(members) }
        var ordered: OrderedDictionary<String, AWSValue> = [:]
        ordered.reserveCapacity(members.count)
        for member in shape.members {
            if let value = members[member.name] { ordered[member.name] = value }
        }
        return .object(ordered)
    }

    /// Which member the ASCII `key` names.
    private enum MemberMatch {
        case member(Int)
        case unknown
        /// A non-ASCII wire name could equal the key as a string without equal bytes: left to the general path.
        case undecided
    }

    private func memberPosition(of key: UnsafeBufferPointer<UInt8>, in shape: ShapeSchema) -> MemberMatch {
        var undecided = false
        for (position, member) in shape.members.enumerated() {
            var name = usesLocationNames ? member.wireName : member.name
            let equal = name.withUTF8 { nameBytes -> Bool in
                if nameBytes.count == key.count, nameBytes.elementsEqual(key) { return true }
                if nameBytes.contains(where: { $0 >= 0x80 }) { undecided = true }
                return false
            }
            if equal { return .member(position) }
        }
        return undecided ? .undecided : .unknown
    }

    private func readList(
        _ cursor: inout JSONByteCursor, shape: ShapeSchema, member: MemberSchema, depth: Int
    ) -> AWSValue? {
        var values: [AWSValue] = []
        let accepted = cursor.readArray { cursor -> Bool in
            if cursor.readLiteral("null") {
                if shape.isSparse { values.append(.null) }
                return true
            }
            guard let value = readValue(&cursor, shape: member.shape, timestampFormat: member.timestampFormat, depth: depth)
            else { return false }
            values.append(value)
            return true
        }
        return accepted ? .list(values) : nil
    }

    private func readMap(
        _ cursor: inout JSONByteCursor, shape: ShapeSchema, valueMember: MemberSchema, depth: Int
    ) -> AWSValue? {
        var values: OrderedDictionary<String, AWSValue> = [:]
        let accepted = cursor.readObject { cursor, keyBytes -> Bool in
            guard let key = JSONByteCursor.text(of: keyBytes) else { return false }
            let value: AWSValue
            if cursor.readLiteral("null") {
                // A skipped `null` could hide a repeated key from the check below.
                guard shape.isSparse else { return false }
                value = .null
            } else {
                guard
                    let read = readValue(
                        &cursor, shape: valueMember.shape, timestampFormat: valueMember.timestampFormat, depth: depth)
                else { return false }
                value = read
            }
            // Keys equal as strings (Unicode equivalence) are one key to the general path: leave those to it.
            return values.updateValue(value, forKey: key) == nil
        }
        return accepted ? .object(values) : nil
    }
}
