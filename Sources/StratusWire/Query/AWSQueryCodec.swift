import Foundation
import OrderedCollections
import StratusServiceKit

/// The AWS Query protocol: form-encoded requests (`Action`, `Version`, dotted member keys) and XML responses.
///
/// Guarantees for requests (POST form bodies and GET query strings, merged, body last):
/// - structure members by wire name (`locationName`, else member name; overridden by ``nameOverrides``),
///   nested structures as `A.B.C`;
/// - lists as `Name.member.N` (the list member's `locationName` replaces `member`) or, flattened, `Name.N`;
///   `Name=` alone is the empty list;
/// - maps as `Name.entry.N.key` / `.value` (or the key/value `locationName`s), flattened as `Name.N.key`;
/// - booleans `true`/`false`, integers, floats (also `NaN`, `Infinity`, `-Infinity`), base64 blobs,
///   timestamps ISO 8601 unless the model says otherwise; a value that does not parse fails with
///   `InvalidParameterValue` (400); unknown keys are ignored.
///
/// Responses are `<OpResponse xmlns="…"><OpResult>…</OpResult><ResponseMetadata><RequestId>…</RequestId>
/// </ResponseMetadata></OpResponse>` (`text/xml`); errors are `<ErrorResponse><Error><Type>Sender|Receiver</Type>
/// <Code>…</Code><Message>…</Message>…</Error><RequestId>…</RequestId></ErrorResponse>` with the error's status,
/// and the legacy query code (``AWSErrorCode/queryCode``) when the code has one.
package struct AWSQueryCodec: ProtocolCodec {
    /// Wire names the model does not carry (SQS over query), or ``AWSQueryNameOverrides/none``.
    package let nameOverrides: AWSQueryNameOverrides

    /// A codec using the model's names, adjusted by `nameOverrides`.
    package init(nameOverrides: AWSQueryNameOverrides = .none) {
        self.nameOverrides = nameOverrides
    }

    /// The parameters of `request`: its query string, then its form body when it has one.
    package static func form(of request: WireRequest) -> AWSQueryForm {
        var pairs = AWSQueryForm(Substring(request.rawQuery)).pairs
        let contentType = request.header("Content-Type")?.lowercased() ?? ""
        if !request.body.isEmpty, contentType.isEmpty || contentType.hasPrefix("application/x-www-form-urlencoded") {
            pairs += AWSQueryForm(Substring(String(decoding: request.body, as: UTF8.self))).pairs
        }
        return AWSQueryForm(pairs: pairs)
    }

    package func decodeRequest(_ request: WireRequest, operation: OperationSchema, service: ServiceSchema) throws -> AWSValue {
        try decodeInput(Self.form(of: request), operation: operation, service: service)
    }

    /// Decodes the input of `operation` from already parsed parameters.
    package func decodeInput(_ form: AWSQueryForm, operation: OperationSchema, service: ServiceSchema) throws -> AWSValue {
        guard let input = operation.input else { return .emptyObject }
        let shape = service[shape: input.shape]
        return .object(try readStructure(form, prefix: "", shape: shape, service: service))
    }

    // MARK: names

    func wireName(of member: MemberSchema, in structure: ShapeSchema) -> String {
        nameOverrides.memberName(structure: structure.name, member: member.name) ?? member.locationName ?? member.name
    }

    func entryNames(of map: ShapeSchema) -> (key: String, value: String) {
        nameOverrides.mapEntryNames[map.name]
            ?? (map.mapKey?.locationName ?? "key", map.mapValue?.locationName ?? "value")
    }

    // MARK: reading

    private func readStructure(
        _ form: AWSQueryForm, prefix: String, shape: ShapeSchema, service: ServiceSchema
    ) throws -> OrderedDictionary<String, AWSValue> {
        var members: OrderedDictionary<String, AWSValue> = [:]
        for member in shape.members {
            let key = prefix + wireName(of: member, in: shape)
            if let value = try readValue(form, key: key, member: member, service: service) {
                members[member.name] = value
            } else if let defaultValue = member.defaultValue {
                members[member.name] = try queryDefault(defaultValue, member: member, service: service)
            }
        }
        return members
    }

    private func queryDefault(_ text: String, member: MemberSchema, service: ServiceSchema) throws -> AWSValue? {
        do {
            return try AWSJSONShapeMapper(service: service).defaultValue(of: member)
        } catch {
            throw AWSServiceError(.internalFailure, "The model default of \(member.name) cannot be read.")
        }
    }

    private func readValue(
        _ form: AWSQueryForm, key: String, member: MemberSchema, service: ServiceSchema
    ) throws -> AWSValue? {
        guard form.has(key) else { return nil }
        let shape = service[shape: member.shape]
        if shape.type == .structure || shape.type == .list || shape.type == .map,
            key.utf8.count > Self.maximumKeyLength
        {
            // Recursive shapes could otherwise be nested as deep as a hostile key is long.
            throw AWSServiceError(.invalidParameterValue, "The parameter name \(key.prefix(64))… is too deeply nested.")
        }
        switch shape.type {
        case .structure:
            return .object(try readStructure(form, prefix: key + ".", shape: shape, service: service))
        case .list:
            guard let itemMember = shape.listMember else { return nil }
            let base = member.flattened || shape.flattened ? key : key + "." + (itemMember.locationName ?? "member")
            var items: [AWSValue] = []
            var index = 1
            while form.has("\(base).\(index)") {
                if let item = try readValue(form, key: "\(base).\(index)", member: itemMember, service: service) {
                    items.append(item)
                }
                index += 1
            }
            return .list(items)
        case .map:
            guard let valueMember = shape.mapValue else { return nil }
            let names = entryNames(of: shape)
            let base = member.flattened || shape.flattened ? key : key + ".entry"
            var entries: OrderedDictionary<String, AWSValue> = [:]
            var index = 1
            while form.has("\(base).\(index)") {
                let entry = "\(base).\(index)"
                if let mapKey = form.value("\(entry).\(names.key)"),
                    let value = try readValue(form, key: "\(entry).\(names.value)", member: valueMember, service: service)
                {
                    entries[mapKey] = value
                }
                index += 1
            }
            return .object(entries)
        default:
            guard let text = form.value(key) else { return nil }
            return try Self.scalar(text, shape: shape, timestampFormat: member.timestampFormat, key: key)
        }
    }

    /// The longest parameter name whose value is read as a structure, list or map (bounds recursion).
    static let maximumKeyLength = 1024

    /// Reads one scalar of `shape` from its form text.
    static func scalar(_ text: String, shape: ShapeSchema, timestampFormat: TimestampFormat?, key: String) throws -> AWSValue {
        func invalid() -> AWSServiceError {
            AWSServiceError(.invalidParameterValue, "Value (\(text)) for parameter \(key) is invalid.")
        }
        switch shape.type {
        case .string:
            return .string(text)
        case .boolean:
            switch text.lowercased() {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: throw invalid()
            }
        case .integer, .long, .short, .byte, .bigInteger:
            guard let integer = Int64(text.trimmingCharacters(in: .whitespaces)) else { throw invalid() }
            return .integer(integer)
        case .float, .double, .bigDecimal:
            switch text {
            case "NaN": return .double(.nan)
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            default:
                guard let double = Double(text.trimmingCharacters(in: .whitespaces)), double.isFinite else { throw invalid() }
                return .double(double)
            }
        case .blob:
            guard let data = Data(base64Encoded: text) else { throw invalid() }
            return .blob(data)
        case .timestamp:
            let format = timestampFormat ?? shape.timestampFormat ?? .iso8601
            guard let date = WireTimestampText.parse(text, format: format) else { throw invalid() }
            return .timestamp(date)
        case .structure, .list, .map:
            throw invalid()
        }
    }
}
