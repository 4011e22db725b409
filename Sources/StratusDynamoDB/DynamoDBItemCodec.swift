import Foundation
import StratusDynamoDBExpressions

/// The compact binary encoding items are stored in: a tag byte per value, LEB128 lengths, numbers as their
/// ordered key bytes, map entries sorted by name.
///
/// Guarantees: `decode(encode(item)) == item` for every valid item (set member order is kept); `encode` is
/// deterministic. `decode` throws ``DynamoDBItemCodec/CorruptItem`` on bytes `encode` never produces.
package enum DynamoDBItemCodec {
    /// Stored bytes that do not decode.
    package struct CorruptItem: Error, Sendable, CustomStringConvertible {
        /// Where decoding stopped.
        package var offset: Int
        /// Describes the problem.
        package var description: String { "Corrupt stored DynamoDB item at byte \(offset)" }
    }

    private enum Tag: UInt8 {
        case string = 1, number, binary, stringSet, numberSet, binarySet, map, list, null, bool
    }

    /// Encodes an item.
    package static func encode(_ item: DynamoDBItem) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        writeMap(item, into: &bytes)
        return Data(bytes)
    }

    /// Decodes an item encoded by ``encode(_:)``.
    package static func decode(_ data: Data) throws(CorruptItem) -> DynamoDBItem {
        var reader = Reader(bytes: [UInt8](data))
        let item = try reader.readMap()
        guard reader.offset == reader.bytes.count else { throw CorruptItem(offset: reader.offset) }
        return item
    }

    private static func writeLength(_ value: Int, into bytes: inout [UInt8]) {
        var value = UInt64(value)
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func writeBytes<C: Collection<UInt8>>(_ value: C, into bytes: inout [UInt8]) {
        writeLength(value.count, into: &bytes)
        bytes.append(contentsOf: value)
    }

    private static func writeMap(_ map: [String: DynamoDBValue], into bytes: inout [UInt8]) {
        writeLength(map.count, into: &bytes)
        for name in map.keys.sorted() {
            writeBytes(name.utf8, into: &bytes)
            write(map[name]!, into: &bytes)
        }
    }

    private static func write(_ value: DynamoDBValue, into bytes: inout [UInt8]) {
        switch value {
        case let .string(text):
            bytes.append(Tag.string.rawValue)
            writeBytes(text.utf8, into: &bytes)
        case let .number(number):
            bytes.append(Tag.number.rawValue)
            writeBytes(number.orderedKeyBytes, into: &bytes)
        case let .binary(data):
            bytes.append(Tag.binary.rawValue)
            writeBytes(data, into: &bytes)
        case let .stringSet(members):
            bytes.append(Tag.stringSet.rawValue)
            writeLength(members.count, into: &bytes)
            for member in members { writeBytes(member.utf8, into: &bytes) }
        case let .numberSet(members):
            bytes.append(Tag.numberSet.rawValue)
            writeLength(members.count, into: &bytes)
            for member in members { writeBytes(member.orderedKeyBytes, into: &bytes) }
        case let .binarySet(members):
            bytes.append(Tag.binarySet.rawValue)
            writeLength(members.count, into: &bytes)
            for member in members { writeBytes(member, into: &bytes) }
        case let .map(entries):
            bytes.append(Tag.map.rawValue)
            writeMap(entries, into: &bytes)
        case let .list(values):
            bytes.append(Tag.list.rawValue)
            writeLength(values.count, into: &bytes)
            for element in values { write(element, into: &bytes) }
        case .null:
            bytes.append(Tag.null.rawValue)
        case let .bool(flag):
            bytes.append(Tag.bool.rawValue)
            bytes.append(flag ? 1 : 0)
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func byte() throws(CorruptItem) -> UInt8 {
            guard offset < bytes.count else { throw CorruptItem(offset: offset) }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func length() throws(CorruptItem) -> Int {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let next = try byte()
                value |= UInt64(next & 0x7F) << shift
                if next < 0x80 { break }
                shift += 7
                if shift > 56 { throw CorruptItem(offset: offset) }
            }
            guard value <= UInt64(bytes.count) else { throw CorruptItem(offset: offset) }
            return Int(value)
        }

        mutating func chunk() throws(CorruptItem) -> ArraySlice<UInt8> {
            let count = try length()
            guard offset + count <= bytes.count else { throw CorruptItem(offset: offset) }
            defer { offset += count }
            return bytes[offset..<(offset + count)]
        }

        mutating func string() throws(CorruptItem) -> String {
            String(decoding: try chunk(), as: UTF8.self)
        }

        mutating func number() throws(CorruptItem) -> DynamoDBNumber {
            let start = offset
            guard let number = DynamoDBNumber(orderedKeyBytes: Array(try chunk())) else { throw CorruptItem(offset: start) }
            return number
        }

        mutating func readMap() throws(CorruptItem) -> [String: DynamoDBValue] {
            let count = try length()
            var map: [String: DynamoDBValue] = [:]
            map.reserveCapacity(count)
            for _ in 0..<count {
                let name = try string()
                map[name] = try value()
            }
            return map
        }

        mutating func value() throws(CorruptItem) -> DynamoDBValue {
            let start = offset
            guard let tag = Tag(rawValue: try byte()) else { throw CorruptItem(offset: start) }
            switch tag {
            case .string: return .string(try string())
            case .number: return .number(try number())
            case .binary: return .binary(Array(try chunk()))
            case .stringSet:
                let count = try length()
                var members: [String] = []
                for _ in 0..<count { members.append(try string()) }
                return .stringSet(members)
            case .numberSet:
                let count = try length()
                var members: [DynamoDBNumber] = []
                for _ in 0..<count { members.append(try number()) }
                return .numberSet(members)
            case .binarySet:
                let count = try length()
                var members: [[UInt8]] = []
                for _ in 0..<count { members.append(Array(try chunk())) }
                return .binarySet(members)
            case .map: return .map(try readMap())
            case .list:
                let count = try length()
                var values: [DynamoDBValue] = []
                for _ in 0..<count { values.append(try value()) }
                return .list(values)
            case .null: return .null
            case .bool: return .bool(try byte() != 0)
            }
        }
    }
}
