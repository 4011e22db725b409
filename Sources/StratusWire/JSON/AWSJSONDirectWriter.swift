import Foundation
import OrderedCollections
import StratusJSON
import StratusServiceKit

/// Writes an ``AWSValue`` as compact JSON text following a service's shapes, straight into bytes (no
/// ``JSONValue`` tree in between).
///
/// Guarantees: when ``write(_:shape:)`` answers bytes, they are exactly
/// `AWSJSONShapeMapper(service:usesLocationNames:).write(value, shape:).serialized()`; it answers `nil` for what
/// it leaves to that general path: documents, absent members with Smithy defaults, a top level that is not a
/// structure value, and every value that does not fit its shape (which the general path reports).
struct AWSJSONDirectWriter {
    /// The service's shape table (``ServiceSchema/shapes``).
    let shapes: [ShapeSchema]
    /// Whether member `locationName`s name JSON keys (see ``AWSJSONShapeMapper/usesLocationNames``).
    let usesLocationNames: Bool

    /// The JSON text of `value` as shape `shapeID`, or `nil` to leave it to the general path.
    func write(_ value: AWSValue, shape shapeID: ShapeID) -> [UInt8]? {
        guard case .object = value else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(256)
        return write(value, shape: shapeID, timestampFormat: nil, into: &output) ? output : nil
    }

    /// Appends one non-null value; `false` when it is left to the general path.
    private func write(
        _ value: AWSValue, shape shapeID: ShapeID, timestampFormat: TimestampFormat?, into output: inout [UInt8]
    ) -> Bool {
        let shape = shapes[shapeID]
        if shape.isDocument { return false }
        switch (shape.type, value) {
        case (.structure, .object(let members)):
            output.append(UInt8(ascii: "{"))
            var first = true
            for member in shape.members {
                guard let memberValue = members[member.name] else {
                    if member.defaultValue != nil { return false }
                    continue
                }
                if case .null = memberValue { continue }
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                JSONValue.appendSerializedString(usesLocationNames ? member.wireName : member.name, to: &output)
                output.append(UInt8(ascii: ":"))
                guard write(memberValue, shape: member.shape, timestampFormat: member.timestampFormat, into: &output)
                else { return false }
            }
            output.append(UInt8(ascii: "}"))
            return true
        case (.list, .list(let elements)):
            guard let member = shape.listMember else { return false }
            output.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if case .null = element, !shape.isSparse { continue }
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                if case .null = element {
                    Self.appendASCII("null", to: &output)
                } else if !write(element, shape: member.shape, timestampFormat: member.timestampFormat, into: &output) {
                    return false
                }
            }
            output.append(UInt8(ascii: "]"))
            return true
        case (.map, .object(let entries)):
            guard let valueMember = shape.mapValue else { return false }
            output.append(UInt8(ascii: "{"))
            var first = true
            for (key, element) in entries {
                if case .null = element, !shape.isSparse { continue }
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                JSONValue.appendSerializedString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                if case .null = element {
                    Self.appendASCII("null", to: &output)
                } else if !write(
                    element, shape: valueMember.shape, timestampFormat: valueMember.timestampFormat, into: &output)
                {
                    return false
                }
            }
            output.append(UInt8(ascii: "}"))
            return true
        case (.string, .string(let text)):
            JSONValue.appendSerializedString(text, to: &output)
            return true
        case (.boolean, .boolean(let flag)):
            Self.appendASCII(flag ? "true" : "false", to: &output)
            return true
        case (.integer, .integer(let integer)), (.long, .integer(let integer)), (.byte, .integer(let integer)),
            (.short, .integer(let integer)), (.bigInteger, .integer(let integer)):
            Self.appendInteger(integer, to: &output)
            return true
        case (.float, .double(let double)), (.double, .double(let double)), (.bigDecimal, .double(let double)):
            Self.append(AWSJSONShapeMapper.json(fromDouble: double), to: &output)
            return true
        case (.float, .integer(let integer)), (.double, .integer(let integer)), (.bigDecimal, .integer(let integer)):
            Self.append(AWSJSONShapeMapper.json(fromDouble: Double(integer)), to: &output)
            return true
        case (.blob, .blob(let data)):
            JSONValue.appendSerializedString(data.base64EncodedString(), to: &output)
            return true
        case (.timestamp, .timestamp(let date)):
            let format = timestampFormat ?? shape.timestampFormat ?? .unixTimestamp
            if format == .unixTimestamp {
                let number =
                    JSONNumber(text: WireTimestampText.epochSecondsText(date)) ?? JSONNumber(date.timeIntervalSince1970)
                output.append(contentsOf: number.text.utf8)
            } else {
                JSONValue.appendSerializedString(WireTimestampText.text(date, format: format), to: &output)
            }
            return true
        default:
            return false
        }
    }

    /// A number or string as ``JSONValue/serialized(pretty:sortKeys:)`` writes it (numbers as ``JSONNumber/text``).
    private static func append(_ json: JSONValue, to output: inout [UInt8]) {
        switch json {
        case .number(let number): output.append(contentsOf: number.text.utf8)
        case .string(let text): JSONValue.appendSerializedString(text, to: &output)
        default: output.append(contentsOf: json.serialized())
        }
    }

    private static func appendInteger(_ value: Int64, to output: inout [UInt8]) {
        if value >= 0 && value < 10 {
            output.append(UInt8(ascii: "0") + UInt8(value))
        } else {
            output.append(contentsOf: String(value).utf8)
        }
    }

    private static func appendASCII(_ text: StaticString, to output: inout [UInt8]) {
        text.withUTF8Buffer { output.append(contentsOf: $0) }
    }
}
