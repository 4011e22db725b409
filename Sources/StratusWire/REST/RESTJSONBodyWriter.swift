import Foundation
import OrderedCollections
import StratusJSON
import StratusServiceKit

/// Writes model-shaped values as REST-JSON bodies: keys are member `locationName`s, timestamps epoch seconds
/// unless a `timestampFormat` says otherwise, blobs base64, floats numbers or `NaN`/`Infinity`/`-Infinity`.
/// Nested values go through ``AWSJSONShapeMapper`` (which also fills Smithy defaults of absent members);
/// top-level members are written here so that member-level timestamp formats apply.
package struct RESTJSONBodyWriter: Sendable {
    /// The model whose shapes are followed.
    package let service: ServiceSchema

    /// A writer over `service`'s shapes.
    package init(service: ServiceSchema) {
        self.service = service
    }

    /// Writes the given members of a structure value as a JSON object.
    /// - Throws: ``AWSServiceError`` `InternalFailure` when a value does not fit its shape.
    /// With `fillDefaults`, absent members that have a Smithy default are written with it.
    package func writeStructure(
        _ fields: OrderedDictionary<String, AWSValue>, members: [MemberSchema], fillDefaults: Bool = false
    ) throws(AWSServiceError) -> OrderedDictionary<String, JSONValue> {
        var object: OrderedDictionary<String, JSONValue> = [:]
        let reader = RESTJSONBodyReader(service: service)
        for member in members {
            var value = fields[member.name]
            if value == nil || value == .null, fillDefaults {
                value = try? reader.defaultValue(of: member, path: member.name)
            }
            guard let value, value != .null else { continue }
            object[member.wireName] = try write(value, shape: member.shape, member: member)
        }
        return object
    }

    /// Writes one value of shape `shapeID`.
    package func write(_ value: AWSValue, shape shapeID: ShapeID, member: MemberSchema?) throws(AWSServiceError) -> JSONValue {
        let shape = service[shape: shapeID]
        if shape.type == .timestamp, case .timestamp(let date) = value {
            let format = member?.timestampFormat ?? shape.timestampFormat ?? .unixTimestamp
            if format == .unixTimestamp {
                return JSONValue.number(JSONNumber(text: WireTimestampText.text(date, format: .unixTimestamp)) ?? JSONNumber(date.timeIntervalSince1970))
            }
            return .string(WireTimestampText.text(date, format: format))
        }
        do {
            return try AWSJSONShapeMapper(service: service).write(value, shape: shapeID, path: member?.name ?? "")
        } catch {
            throw AWSServiceError(.internalFailure, "Output does not fit its shape: \(error.message)")
        }
    }
}
