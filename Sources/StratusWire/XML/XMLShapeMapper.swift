import Foundation
import OrderedCollections
import StratusServiceKit

/// Converts between XML element trees and model-shaped ``AWSValue``s with the REST-XML / AWS Query rules.
///
/// - Structure members are child elements named by `locationName` (else the member name), or attributes when
///   `xmlAttribute`; element names match with or without a namespace prefix; unknown children are ignored.
/// - Lists are wrapped (`<Name><member>…</member></Name>`, item name from the list member's `locationName`)
///   unless the member or list is flattened (each item is a `<Name>` element of the structure).
/// - Maps are wrapped in `<entry><key/><value/></entry>` (names from the key/value `locationName`s) unless
///   flattened (each entry is a `<Name>` element holding key and value).
/// - Scalars are text: `true`/`false`, decimal numbers (`NaN`, `Infinity`, `-Infinity`), base64 blobs,
///   ISO 8601 timestamps unless a `timestampFormat` says otherwise. Namespaces (`xmlNamespace`) are written
///   as `xmlns`/`xmlns:prefix` attributes and ignored when reading.
/// Reading fails with ``MappingError`` on text that does not parse as its shape; writing fails only on values
/// whose case does not fit their shape (a handler bug). No I/O.
package struct XMLShapeMapper: Sendable {
    /// The model whose shapes are followed.
    package let service: ServiceSchema

    /// A mapper over `service`'s shapes.
    package init(service: ServiceSchema) {
        self.service = service
    }

    /// A failure with the member path where it happened.
    package struct MappingError: Error, Sendable {
        /// Where (`Nested.list[2]`).
        package var path: String
        /// What was wrong.
        package var reason: String
        /// The message for the client.
        package var message: String { path.isEmpty ? reason : "\(reason) at '\(path)'" }
    }

    // MARK: reading

    /// Reads `members` of the structure `shape` from the children and attributes of `element`.
    package func readStructure(
        _ element: XMLElement, shape: ShapeSchema, members: [MemberSchema], path: String = ""
    ) throws(MappingError) -> OrderedDictionary<String, AWSValue> {
        var result: OrderedDictionary<String, AWSValue> = [:]
        for member in members {
            let memberPath = path.isEmpty ? member.name : "\(path).\(member.name)"
            let target = service[shape: member.shape]
            if member.xmlAttribute {
                if let text = element.attributes.first(where: { Self.nameMatches($0.name, member.wireName) })?.value {
                    result[member.name] = try scalar(text, shape: target, member: member, path: memberPath)
                }
                continue
            }
            let matching = element.elements.filter { Self.nameMatches($0.name, member.wireName) }
            guard !matching.isEmpty else { continue }
            if member.flattened || target.flattened, target.type == .list || target.type == .map {
                result[member.name] = try readFlattened(matching, shape: target, path: memberPath)
            } else {
                result[member.name] = try read(matching[0], shape: member.shape, member: member, path: memberPath)
            }
        }
        return result
    }

    /// Reads `element` as a value of shape `shapeID` (`member` gives reference-level traits).
    package func read(_ element: XMLElement, shape shapeID: ShapeID, member: MemberSchema?, path: String) throws(MappingError) -> AWSValue {
        let shape = service[shape: shapeID]
        switch shape.type {
        case .structure:
            return .object(try readStructure(element, shape: shape, members: shape.members, path: path))
        case .list:
            guard let item = shape.listMember else { return .list([]) }
            let itemName = item.locationName ?? "member"
            var values: [AWSValue] = []
            for (index, child) in element.elements.enumerated() where Self.nameMatches(child.name, itemName) {
                values.append(try read(child, shape: item.shape, member: item, path: "\(path)[\(index)]"))
            }
            return .list(values)
        case .map:
            var values: OrderedDictionary<String, AWSValue> = [:]
            for entry in element.elements where Self.nameMatches(entry.name, "entry") {
                try readEntry(entry, shape: shape, into: &values, path: path)
            }
            return .object(values)
        default:
            return try scalar(element.text, shape: shape, member: member, path: path)
        }
    }

    private func readFlattened(_ elements: [XMLElement], shape: ShapeSchema, path: String) throws(MappingError) -> AWSValue {
        if shape.type == .list, let item = shape.listMember {
            var values: [AWSValue] = []
            for (index, element) in elements.enumerated() {
                values.append(try read(element, shape: item.shape, member: item, path: "\(path)[\(index)]"))
            }
            return .list(values)
        }
        var values: OrderedDictionary<String, AWSValue> = [:]
        for entry in elements { try readEntry(entry, shape: shape, into: &values, path: path) }
        return .object(values)
    }

    private func readEntry(
        _ entry: XMLElement, shape: ShapeSchema, into values: inout OrderedDictionary<String, AWSValue>, path: String
    ) throws(MappingError) {
        guard let keyMember = shape.mapKey, let valueMember = shape.mapValue else { return }
        guard let keyElement = entry.elements.first(where: { Self.nameMatches($0.name, keyMember.locationName ?? "key") })
        else { throw MappingError(path: path, reason: "map entry without a key") }
        let key = keyElement.text
        let entryPath = path.isEmpty ? key : "\(path).\(key)"
        if let valueElement = entry.elements.first(where: { Self.nameMatches($0.name, valueMember.locationName ?? "value") }) {
            values[key] = try read(valueElement, shape: valueMember.shape, member: valueMember, path: entryPath)
        } else if shape.isSparse {
            values[key] = .null
        }
    }

    /// Reads scalar text.
    package func scalar(_ text: String, shape: ShapeSchema, member: MemberSchema?, path: String) throws(MappingError) -> AWSValue {
        switch shape.type {
        case .string: return .string(text)
        case .structure, .list, .map: throw MappingError(path: path, reason: "expected an element")
        default:
            // XML scalars read like query/label text, except that timestamps default to ISO 8601 everywhere.
            let trimmed = shape.type == .blob ? text.filter { !$0.isWhitespace } : Self.trim(text)
            do {
                return try RESTScalarText.read(trimmed, shape: shape, member: member, place: .query)
            } catch {
                throw MappingError(path: path, reason: "value '\(text)' is not valid: \(error.reason)")
            }
        }
    }

    static func nameMatches(_ elementName: String, _ wireName: String) -> Bool {
        if elementName == wireName { return true }
        guard !wireName.contains(":"), let colon = elementName.firstIndex(of: ":") else { return false }
        return elementName[elementName.index(after: colon)...] == wireName
    }

    private static func trim(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }

    // MARK: writing

    /// Writes `value` (of shape `shapeID`) as an element called `name`, with `namespace` declared on it.
    package func element(
        named name: String, value: AWSValue, shape shapeID: ShapeID, member: MemberSchema?,
        namespace: XMLNamespace? = nil, members: [MemberSchema]? = nil
    ) throws(MappingError) -> XMLElement {
        let shape = service[shape: shapeID]
        var element = XMLElement(name: name)
        // A shape's own default namespace only applies to a document root (callers pass it); members declare theirs.
        // A shape's prefixed namespace is declared wherever it is written (S3's `Grantee` carries
        // `xmlns:xsi` for its `xsi:type` attribute), as it does not change the element's own namespace.
        if let namespace = namespace ?? member?.xmlNamespace {
            element.attributes.append((namespace.prefix.map { "xmlns:\($0)" } ?? "xmlns", namespace.uri))
        } else if let namespace = shape.xmlNamespace, let prefix = namespace.prefix {
            element.attributes.append(("xmlns:\(prefix)", namespace.uri))
        }
        switch (shape.type, value) {
        case (.structure, .object(let fields)):
            try writeStructure(fields, shape: shape, members: members ?? shape.members, into: &element)
        case (.list, .list(let items)):
            guard let item = shape.listMember else { break }
            for entry in items {
                element.append(try self.element(named: item.locationName ?? "member", value: entry, shape: item.shape, member: item))
            }
        case (.map, .object(let fields)):
            for (key, entryValue) in fields {
                element.append(try entryElement(named: "entry", key: key, value: entryValue, shape: shape))
            }
        default:
            element.children = try scalarText(value, shape: shape, member: member, name: name).map { [.text($0)] } ?? []
        }
        return element
    }

    /// Appends the members of a structure to `element`: attributes, then child elements in model order.
    package func writeStructure(
        _ fields: OrderedDictionary<String, AWSValue>, shape: ShapeSchema, members: [MemberSchema], into element: inout XMLElement
    ) throws(MappingError) {
        var ordered = members
        if let order = shape.xmlOrder {
            ordered.sort { (order.firstIndex(of: $0.name) ?? Int.max) < (order.firstIndex(of: $1.name) ?? Int.max) }
        }
        for member in ordered {
            guard let fieldValue = fields[member.name], fieldValue != .null else { continue }
            let target = service[shape: member.shape]
            if member.xmlAttribute {
                if let text = try scalarText(fieldValue, shape: target, member: member, name: member.name) {
                    element.attributes.append((member.wireName, text))
                }
                continue
            }
            if member.flattened || target.flattened, target.type == .list || target.type == .map {
                switch (target.type, fieldValue) {
                case (.list, .list(let items)):
                    guard let item = target.listMember else { continue }
                    for entry in items {
                        var child = try self.element(named: member.wireName, value: entry, shape: item.shape, member: item)
                        if child.attributes.isEmpty, let namespace = member.xmlNamespace {
                            child.attributes.append((namespace.prefix.map { "xmlns:\($0)" } ?? "xmlns", namespace.uri))
                        }
                        element.append(child)
                    }
                case (.map, .object(let entries)):
                    for (key, entryValue) in entries {
                        var entry = try entryElement(named: member.wireName, key: key, value: entryValue, shape: target)
                        if let namespace = member.xmlNamespace {
                            entry.attributes.append((namespace.prefix.map { "xmlns:\($0)" } ?? "xmlns", namespace.uri))
                        }
                        element.append(entry)
                    }
                default:
                    throw MappingError(path: member.name, reason: "value does not fit a \(target.type.rawValue)")
                }
                continue
            }
            element.append(try self.element(named: member.wireName, value: fieldValue, shape: member.shape, member: member))
        }
    }

    private func entryElement(named name: String, key: String, value: AWSValue, shape: ShapeSchema) throws(MappingError) -> XMLElement {
        guard let keyMember = shape.mapKey, let valueMember = shape.mapValue else {
            throw MappingError(path: key, reason: "map without key or value")
        }
        var entry = XMLElement(name: name)
        entry.append(try element(named: keyMember.locationName ?? "key", value: .string(key), shape: keyMember.shape, member: keyMember))
        if value != .null {
            entry.append(try element(named: valueMember.locationName ?? "value", value: value, shape: valueMember.shape, member: valueMember))
        }
        return entry
    }

    private func scalarText(_ value: AWSValue, shape: ShapeSchema, member: MemberSchema?, name: String) throws(MappingError) -> String? {
        switch value {
        case .string(let text): return text
        case .timestamp(let date):
            let format = member?.timestampFormat ?? shape.timestampFormat ?? .iso8601
            return WireTimestampText.text(date, format: format)
        default:
            do {
                return try RESTScalarText.write(value, shape: shape, member: member, place: .query)
            } catch {
                throw MappingError(path: name, reason: error.reason)
            }
        }
    }
}
