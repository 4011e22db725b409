import Foundation
import OrderedCollections
import StratusJSON
import StratusServiceKit

/// Converts between JSON values and model-shaped ``AWSValue``s by following a ``ServiceSchema``, with the
/// AWS JSON rules: structure members by wire name (member name unless the model sets `locationName`),
/// blobs as base64, timestamps as epoch seconds unless a `timestampFormat` says otherwise, floats as numbers
/// or the strings `NaN`/`Infinity`/`-Infinity`, documents as plain JSON, `null` kept only in sparse lists and maps.
///
/// Reading ignores unknown members, treats a `null` structure member as unset and fills Smithy defaults
/// (``MemberSchema/defaultValue``) of absent members. Writing omits absent members, fills defaults the same
/// way, and fails on a value whose case does not fit its shape. Neither direction does I/O.
package struct AWSJSONShapeMapper: Sendable {
    /// The model whose shapes are followed.
    package let service: ServiceSchema
    /// Whether member `locationName`s name JSON keys (`true` for the AWS JSON protocols, as botocore does).
    package let usesLocationNames: Bool

    /// A mapper over `service`'s shapes.
    package init(service: ServiceSchema, usesLocationNames: Bool = true) {
        self.service = service
        self.usesLocationNames = usesLocationNames
    }

    /// A failure to read or write one value, with the member path where it happened.
    package struct MappingError: Error, Sendable, Equatable {
        /// Where in the value (`Foo.Bar[2]`).
        package var path: String
        /// What was wrong.
        package var reason: String
        /// The human-readable description used in `SerializationException` messages.
        package var message: String { path.isEmpty ? reason : "\(reason) at '\(path)'" }
    }

    // MARK: reading

    /// Reads the structure (or other shape) `shapeID` from `json`.
    /// - Throws: ``MappingError`` when a value has the wrong JSON type for its shape.
    package func read(_ json: JSONValue, shape shapeID: ShapeID, path: String = "") throws(MappingError) -> AWSValue {
        // The common case builds no member paths; a failure is read again with paths, which fails at the same
        // place (reading is deterministic) and so gives the same message.
        do {
            return try read(json, shape: shapeID, timestampFormat: nil, path: path, tracksPath: false)
        } catch {
            return try read(json, shape: shapeID, timestampFormat: nil, path: path, tracksPath: true)
        }
    }

    /// `path` extended by `step` when paths are tracked, else `path` unchanged (no string is built).
    @inline(__always)
    private static func extend(_ path: String, _ tracksPath: Bool, _ step: () -> String) -> String {
        tracksPath ? step() : path
    }

    private func read(
        _ json: JSONValue, shape shapeID: ShapeID, timestampFormat: TimestampFormat?, path: String, tracksPath: Bool
    ) throws(MappingError) -> AWSValue {
        let shape = service[shape: shapeID]
        if shape.isDocument { return Self.document(from: json) }
        switch shape.type {
        case .structure:
            guard case .object(let fields) = json else { throw mismatch(path, "a structure") }
            return .object(try readStructure(fields, shape: shape, path: path, tracksPath: tracksPath))
        case .list:
            guard case .array(let elements) = json, let member = shape.listMember else { throw mismatch(path, "a list") }
            var values: [AWSValue] = []
            values.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                if case .null = element {
                    if shape.isSparse { values.append(.null) }
                    continue
                }
                values.append(
                    try read(
                        element, shape: member.shape, timestampFormat: member.timestampFormat,
                        path: Self.extend(path, tracksPath) { "\(path)[\(index)]" }, tracksPath: tracksPath))
            }
            return .list(values)
        case .map:
            guard case .object(let fields) = json, let valueMember = shape.mapValue else { throw mismatch(path, "a map") }
            var values: OrderedDictionary<String, AWSValue> = [:]
            for (key, element) in fields {
                if case .null = element {
                    if shape.isSparse { values[key] = .null }
                    continue
                }
                values[key] = try read(
                    element, shape: valueMember.shape, timestampFormat: valueMember.timestampFormat,
                    path: Self.extend(path, tracksPath) { path.isEmpty ? key : "\(path).\(key)" }, tracksPath: tracksPath)
            }
            return .object(values)
        case .string:
            guard case .string(let text) = json else { throw mismatch(path, "a string") }
            return .string(text)
        case .boolean:
            guard case .bool(let flag) = json else { throw mismatch(path, "a boolean") }
            return .boolean(flag)
        case .integer, .long, .byte, .short, .bigInteger:
            guard case .number(let number) = json else { throw mismatch(path, "an integer") }
            if let integer = number.int64Value { return .integer(integer) }
            let double = number.doubleValue
            if double.isFinite, double.rounded() == double, abs(double) < 9.2e18 { return .integer(Int64(double)) }
            throw mismatch(path, "an integer")
        case .float, .double, .bigDecimal:
            guard let double = Self.double(fromJSON: json) else { throw mismatch(path, "a number") }
            return .double(double)
        case .blob:
            guard case .string(let text) = json, let data = Data(base64Encoded: text) else {
                throw mismatch(path, "a base64-encoded blob")
            }
            return .blob(data)
        case .timestamp:
            let format = timestampFormat ?? shape.timestampFormat ?? .unixTimestamp
            switch json {
            case .number(let number) where format == .unixTimestamp:
                let seconds = number.doubleValue
                guard seconds.isFinite else { throw mismatch(path, "a timestamp") }
                return .timestamp(Date(timeIntervalSince1970: seconds))
            case .string(let text):
                // AWS JSON services also accept text in the declared format (and epoch seconds as text).
                if let date = WireTimestampText.parse(text, format: format == .unixTimestamp ? .iso8601 : format)
                    ?? WireTimestampText.parse(text, format: .unixTimestamp)
                {
                    return .timestamp(date)
                }
                throw mismatch(path, "a timestamp")
            default:
                throw mismatch(path, "a timestamp")
            }
        }
    }

    private func readStructure(
        _ fields: OrderedDictionary<String, JSONValue>, shape: ShapeSchema, path: String, tracksPath: Bool
    ) throws(MappingError) -> OrderedDictionary<String, AWSValue> {
        var members: OrderedDictionary<String, AWSValue> = [:]
        for member in shape.members {
            let key = usesLocationNames ? member.wireName : member.name
            let memberPath = Self.extend(path, tracksPath) { path.isEmpty ? member.name : "\(path).\(member.name)" }
            if let json = fields[key], !Self.isNull(json) {
                members[member.name] = try read(
                    json, shape: member.shape, timestampFormat: member.timestampFormat, path: memberPath,
                    tracksPath: tracksPath)
            } else if let defaultValue = try defaultValue(of: member, path: memberPath) {
                members[member.name] = defaultValue
            }
        }
        return members
    }

    /// The Smithy default of `member` read through its shape, or `nil` when the model sets none.
    package func defaultValue(of member: MemberSchema, path: String = "") throws(MappingError) -> AWSValue? {
        guard let text = member.defaultValue else { return nil }
        guard let json = try? JSONValue.parse(Array(text.utf8)) else {
            throw MappingError(path: path, reason: "the model's default value is not JSON")
        }
        if case .null = json { return nil }
        return try read(json, shape: member.shape, timestampFormat: member.timestampFormat, path: path, tracksPath: true)
    }

    private static func isNull(_ json: JSONValue) -> Bool {
        if case .null = json { return true }
        return false
    }

    private func mismatch(_ path: String, _ expected: String) -> MappingError {
        MappingError(path: path, reason: "expected \(expected)")
    }

    /// A document value: JSON as generic ``AWSValue`` cases (integers stay integers).
    package static func document(from json: JSONValue) -> AWSValue {
        switch json {
        case .null: return .null
        case .bool(let flag): return .boolean(flag)
        case .number(let number):
            if number.isInteger, let integer = number.int64Value { return .integer(integer) }
            return .double(number.doubleValue)
        case .string(let text): return .string(text)
        case .array(let elements): return .list(elements.map(document(from:)))
        case .object(let fields): return .object(fields.mapValues(document(from:)))
        }
    }

    // MARK: writing

    /// Writes `value` as the shape `shapeID`.
    /// - Throws: ``MappingError`` when `value`'s case does not fit the shape (a handler bug).
    package func write(_ value: AWSValue, shape shapeID: ShapeID, path: String = "") throws(MappingError) -> JSONValue {
        // As in `read`: paths are built only when writing fails.
        do {
            return try write(value, shape: shapeID, timestampFormat: nil, path: path, tracksPath: false)
        } catch {
            return try write(value, shape: shapeID, timestampFormat: nil, path: path, tracksPath: true)
        }
    }

    private func write(
        _ value: AWSValue, shape shapeID: ShapeID, timestampFormat: TimestampFormat?, path: String, tracksPath: Bool
    ) throws(MappingError) -> JSONValue {
        let shape = service[shape: shapeID]
        if shape.isDocument { return Self.json(fromDocument: value) }
        if case .null = value { return .null }
        switch (shape.type, value) {
        case (.structure, .object(let members)):
            var fields: OrderedDictionary<String, JSONValue> = [:]
            for member in shape.members {
                let key = usesLocationNames ? member.wireName : member.name
                let memberPath = Self.extend(path, tracksPath) { path.isEmpty ? member.name : "\(path).\(member.name)" }
                let memberValue: AWSValue
                if let present = members[member.name] {
                    memberValue = present
                } else if let filled = try defaultValue(of: member, path: memberPath) {
                    memberValue = filled
                } else {
                    continue
                }
                if case .null = memberValue { continue }
                fields[key] = try write(
                    memberValue, shape: member.shape, timestampFormat: member.timestampFormat, path: memberPath,
                    tracksPath: tracksPath)
            }
            return .object(fields)
        case (.list, .list(let elements)):
            guard let member = shape.listMember else { throw writeMismatch(path, shape) }
            var array: [JSONValue] = []
            for (index, element) in elements.enumerated() {
                if case .null = element {
                    if shape.isSparse { array.append(.null) }
                    continue
                }
                array.append(
                    try write(
                        element, shape: member.shape, timestampFormat: member.timestampFormat,
                        path: Self.extend(path, tracksPath) { "\(path)[\(index)]" }, tracksPath: tracksPath))
            }
            return .array(array)
        case (.map, .object(let entries)):
            guard let valueMember = shape.mapValue else { throw writeMismatch(path, shape) }
            var fields: OrderedDictionary<String, JSONValue> = [:]
            for (key, element) in entries {
                if case .null = element {
                    if shape.isSparse { fields[key] = .null }
                    continue
                }
                fields[key] = try write(
                    element, shape: valueMember.shape, timestampFormat: valueMember.timestampFormat,
                    path: Self.extend(path, tracksPath) { "\(path).\(key)" }, tracksPath: tracksPath)
            }
            return .object(fields)
        case (.string, .string(let text)):
            return .string(text)
        case (.boolean, .boolean(let flag)):
            return .bool(flag)
        case (.integer, .integer(let integer)), (.long, .integer(let integer)), (.byte, .integer(let integer)),
            (.short, .integer(let integer)), (.bigInteger, .integer(let integer)):
            return .number(JSONNumber(integer))
        case (.float, _), (.double, _), (.bigDecimal, _):
            let number: Double
            switch value {
            case .double(let double): number = double
            case .integer(let integer): number = Double(integer)
            default: throw writeMismatch(path, shape)
            }
            return Self.json(fromDouble: number)
        case (.blob, .blob(let data)):
            return .string(data.base64EncodedString())
        case (.timestamp, .timestamp(let date)):
            let format = timestampFormat ?? shape.timestampFormat ?? .unixTimestamp
            if format == .unixTimestamp {
                return .number(JSONNumber(text: WireTimestampText.epochSecondsText(date)) ?? JSONNumber(date.timeIntervalSince1970))
            }
            return .string(WireTimestampText.text(date, format: format))
        default:
            throw writeMismatch(path, shape)
        }
    }

    private func writeMismatch(_ path: String, _ shape: ShapeSchema) -> MappingError {
        MappingError(path: path, reason: "value does not fit shape \(shape.name) (\(shape.type.rawValue))")
    }

    /// A double as JSON: a number, or the strings `NaN`, `Infinity`, `-Infinity`.
    package static func json(fromDouble number: Double) -> JSONValue {
        if number.isNaN { return .string("NaN") }
        if number.isInfinite { return .string(number < 0 ? "-Infinity" : "Infinity") }
        if number.rounded() == number, abs(number) < 1e15 { return .number(JSONNumber(Int64(number))) }
        return .number(JSONNumber(number))
    }

    /// Generic JSON for a value without a schema (documents, error fields of unknown shapes).
    package static func json(fromDocument value: AWSValue) -> JSONValue {
        switch value {
        case .null: return .null
        case .boolean(let flag): return .bool(flag)
        case .integer(let integer): return .number(JSONNumber(integer))
        case .double(let double): return json(fromDouble: double)
        case .string(let text): return .string(text)
        case .blob(let data): return .string(data.base64EncodedString())
        case .timestamp(let date):
            return .number(JSONNumber(text: WireTimestampText.epochSecondsText(date)) ?? JSONNumber(date.timeIntervalSince1970))
        case .list(let elements): return .array(elements.map(json(fromDocument:)))
        case .object(let members): return .object(members.mapValues(json(fromDocument:)))
        }
    }

    /// A JSON number, or one of the strings `NaN`, `Infinity`, `-Infinity` (how AWS JSON protocols write
    /// non-finite floats), as a `Double`; `nil` for anything else. Shared by the RPC and REST-JSON readers.
    package static func double(fromJSON json: JSONValue) -> Double? {
        switch json {
        case .number(let number): return number.doubleValue
        case .string("NaN"): return .nan
        case .string("Infinity"): return .infinity
        case .string("-Infinity"): return -.infinity
        default: return nil
        }
    }
}
