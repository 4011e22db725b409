import Foundation
import OrderedCollections
import StratusJSON
import StratusServiceKit

/// Reads REST-JSON bodies into model-shaped values, strictly: nothing is coerced.
///
/// Keys are member `locationName`s (else member names); unknown structure members are ignored; a `null`
/// member is unset. Integers must be integral and within their type's range; floats may also be the strings
/// `NaN`, `Infinity`, `-Infinity`; blobs are strict base64; timestamps are epoch-second numbers unless the
/// member or shape fixes another format (then strict text, see ``RESTTimestampText``); `null` in a list or map
/// that is not sparse is rejected; a union needs exactly one known member. Absent members with a Smithy
/// default get it. Every failure is a `SerializationException` naming the member path.
package struct RESTJSONBodyReader: Sendable {
    /// The model whose shapes are followed.
    package let service: ServiceSchema

    /// A reader over `service`'s shapes.
    package init(service: ServiceSchema) {
        self.service = service
    }

    /// A failure with the member path where it happened.
    package struct ReadError: Error, Sendable {
        /// Where (`Nested.list[2]`).
        package var path: String
        /// What was wrong.
        package var reason: String
        /// The message for the client.
        package var message: String { path.isEmpty ? reason : "\(reason) at '\(path)'" }
    }

    /// Reads the members of `shape` (a structure) from a JSON object.
    package func readStructure(
        _ json: JSONValue, shape: ShapeSchema, members: [MemberSchema], path: String = ""
    ) throws(ReadError) -> OrderedDictionary<String, AWSValue> {
        guard case .object(let fields) = json else { throw ReadError(path: path, reason: "expected a JSON object") }
        var result: OrderedDictionary<String, AWSValue> = [:]
        if shape.isUnion {
            let known = Set(members.map(\.wireName))
            if let unknown = fields.keys.first(where: { !known.contains($0) && $0 != "__type" }) {
                throw ReadError(path: path, reason: "unknown union member '\(unknown)'")
            }
            let set = members.filter { member in fields[member.wireName].map { $0 != .null } ?? false }
            guard set.count == 1 else {
                throw ReadError(path: path, reason: "a union needs exactly one member set, found \(set.count)")
            }
        }
        for member in members {
            let memberPath = path.isEmpty ? member.name : "\(path).\(member.name)"
            if let value = fields[member.wireName], value != .null {
                result[member.name] = try read(value, shape: member.shape, member: member, path: memberPath)
            } else if !shape.isUnion, let defaultValue = try defaultValue(of: member, path: memberPath) {
                result[member.name] = defaultValue
            }
        }
        return result
    }

    /// The Smithy default of `member`, read through its shape, or `nil`.
    package func defaultValue(of member: MemberSchema, path: String) throws(ReadError) -> AWSValue? {
        guard let text = member.defaultValue else { return nil }
        guard let json = try? JSONValue.parse(text) else {
            throw ReadError(path: path, reason: "the model's default is not JSON")
        }
        if case .null = json { return nil }
        let shape = service[shape: member.shape]
        switch (shape.type, json) {
        case (.blob, .string(let base64)):
            guard let data = Data(base64Encoded: base64) else { throw ReadError(path: path, reason: "bad blob default") }
            return .blob(data)
        case (.timestamp, .number(let seconds)):
            return .timestamp(Date(timeIntervalSince1970: seconds.doubleValue))
        default:
            return try read(json, shape: member.shape, member: member, path: path)
        }
    }

    /// Reads any value of shape `shapeID`.
    package func read(_ json: JSONValue, shape shapeID: ShapeID, member: MemberSchema?, path: String) throws(ReadError) -> AWSValue {
        let shape = service[shape: shapeID]
        if shape.isDocument { return AWSJSONShapeMapper.document(from: json) }
        func mismatch(_ expected: String) -> ReadError {
            ReadError(path: path, reason: "expected \(expected), found \(json.typeName)")
        }
        switch shape.type {
        case .structure:
            return .object(try readStructure(json, shape: shape, members: shape.members, path: path))
        case .list:
            guard case .array(let elements) = json, let element = shape.listMember else { throw mismatch("a list") }
            var values: [AWSValue] = []
            values.reserveCapacity(elements.count)
            for (index, item) in elements.enumerated() {
                let itemPath = "\(path)[\(index)]"
                if case .null = item {
                    guard shape.isSparse else { throw ReadError(path: itemPath, reason: "null in a list that is not sparse") }
                    values.append(.null)
                    continue
                }
                values.append(try read(item, shape: element.shape, member: element, path: itemPath))
            }
            return .list(values)
        case .map:
            guard case .object(let fields) = json, let valueMember = shape.mapValue else { throw mismatch("a map") }
            var values: OrderedDictionary<String, AWSValue> = [:]
            for (key, item) in fields {
                let itemPath = path.isEmpty ? key : "\(path).\(key)"
                if case .null = item {
                    guard shape.isSparse else { throw ReadError(path: itemPath, reason: "null in a map that is not sparse") }
                    values[key] = .null
                    continue
                }
                values[key] = try read(item, shape: valueMember.shape, member: valueMember, path: itemPath)
            }
            return .object(values)
        case .string:
            guard case .string(let text) = json else { throw mismatch("a string") }
            return .string(text)
        case .boolean:
            guard case .bool(let flag) = json else { throw mismatch("a boolean") }
            return .boolean(flag)
        case .byte: return .integer(try integer(json, Int64(Int8.min)...Int64(Int8.max), path))
        case .short: return .integer(try integer(json, Int64(Int16.min)...Int64(Int16.max), path))
        case .integer: return .integer(try integer(json, Int64(Int32.min)...Int64(Int32.max), path))
        case .long, .bigInteger: return .integer(try integer(json, Int64.min...Int64.max, path))
        case .float, .double, .bigDecimal:
            guard let double = AWSJSONShapeMapper.double(fromJSON: json) else { throw mismatch("a number") }
            return .double(double)
        case .blob:
            guard case .string(let text) = json, let data = Data(base64Encoded: text) else {
                throw mismatch("base64 text")
            }
            return .blob(data)
        case .timestamp:
            let format = member?.timestampFormat ?? shape.timestampFormat ?? .unixTimestamp
            switch (format, json) {
            case (.unixTimestamp, .number(let number)):
                let seconds = number.doubleValue
                guard seconds.isFinite else { throw mismatch("epoch seconds") }
                return .timestamp(Date(timeIntervalSince1970: seconds))
            case (.iso8601, .string(let text)), (.rfc822, .string(let text)):
                guard let date = WireTimestampText.parseStrict(text, format: format) else {
                    throw ReadError(path: path, reason: "expected a timestamp in \(format.rawValue) format")
                }
                return .timestamp(date)
            default:
                throw mismatch(format == .unixTimestamp ? "epoch seconds" : "\(format.rawValue) text")
            }
        }
    }

    private func integer(_ json: JSONValue, _ range: ClosedRange<Int64>, _ path: String) throws(ReadError) -> Int64 {
        guard case .number(let number) = json else {
            throw ReadError(path: path, reason: "expected an integer, found \(json.typeName)")
        }
        guard let value = number.int64Value, range.contains(value) else {
            throw ReadError(path: path, reason: "integer \(number.text) out of range or not integral")
        }
        return value
    }
}
