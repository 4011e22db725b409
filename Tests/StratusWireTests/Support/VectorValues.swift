import Foundation
import OrderedCollections
import StratusJSON
import StratusServiceKit

/// Reads vector `params` (Smithy member names; blobs as UTF-8 text, timestamps as epoch seconds, floats as
/// numbers or `NaN`/`Infinity` strings) as model values, and compares decoded values with them.
enum VectorValues {
    /// `params` as an ``AWSValue`` of shape `shapeID`.
    static func value(_ json: JSONValue, shape shapeID: ShapeID, service: ServiceSchema) -> AWSValue {
        let shape = service[shape: shapeID]
        if shape.isDocument { return document(json) }
        if json == .null { return .null }
        switch shape.type {
        case .structure:
            guard case .object(let fields) = json else { return .null }
            var members: OrderedDictionary<String, AWSValue> = [:]
            for (name, field) in fields where field != .null {
                guard let member = shape.member(named: name) else { continue }
                members[name] = value(field, shape: member.shape, service: service)
            }
            return .object(members)
        case .list:
            guard case .array(let items) = json, let member = shape.listMember else { return .null }
            return .list(items.map { value($0, shape: member.shape, service: service) })
        case .map:
            guard case .object(let fields) = json, let member = shape.mapValue else { return .null }
            return .object(fields.mapValues { value($0, shape: member.shape, service: service) })
        case .string: return .string(json.stringValue ?? "")
        case .boolean: return .boolean(json.boolValue ?? false)
        case .integer, .long, .short, .byte, .bigInteger: return .integer(json.int64Value ?? 0)
        case .float, .double, .bigDecimal: return .double(double(json) ?? .nan)
        case .blob: return .blob(Data((json.stringValue ?? "").utf8))
        case .timestamp: return .timestamp(Date(timeIntervalSince1970: json.doubleValue ?? 0))
        }
    }

    static func document(_ json: JSONValue) -> AWSValue {
        switch json {
        case .null: return .null
        case .bool(let flag): return .boolean(flag)
        case .number(let number): return number.isInteger ? .integer(number.int64Value ?? 0) : .double(number.doubleValue)
        case .string(let text): return .string(text)
        case .array(let items): return .list(items.map(document))
        case .object(let fields): return .object(fields.mapValues(document))
        }
    }

    private static func double(_ json: JSONValue) -> Double? {
        switch json {
        case .string("NaN"): return .nan
        case .string("Infinity"): return .infinity
        case .string("-Infinity"): return -.infinity
        default: return json.doubleValue
        }
    }

    /// `nil` when `actual` equals `expected` (read as shape `shapeID`), else the first difference.
    static func difference(
        _ actual: AWSValue, _ expected: JSONValue, shape shapeID: ShapeID, service: ServiceSchema, path: String = "$"
    ) -> String? {
        let shape = service[shape: shapeID]
        if shape.isDocument {
            return actual == document(expected) ? nil : "\(path): document \(actual) ≠ \(expected)"
        }
        if expected == .null { return actual == .null ? nil : "\(path): expected null, got \(actual)" }
        switch (shape.type, actual) {
        case (.structure, .object(let members)):
            guard case .object(let fields) = expected else { return "\(path): expected \(expected)" }
            let expectedNames = Set(fields.filter { $0.value != .null }.keys)
            let actualNames = Set(members.keys)
            if expectedNames != actualNames {
                return "\(path): members \(actualNames.sorted()) ≠ expected \(expectedNames.sorted())"
            }
            for name in expectedNames.sorted() {
                guard let member = shape.member(named: name), let value = members[name], let field = fields[name] else {
                    return "\(path).\(name): not in the model"
                }
                if let difference = difference(value, field, shape: member.shape, service: service, path: "\(path).\(name)") {
                    return difference
                }
            }
            return nil
        case (.list, .list(let items)):
            guard case .array(let expectedItems) = expected, let member = shape.listMember else {
                return "\(path): expected \(expected)"
            }
            guard items.count == expectedItems.count else { return "\(path): \(items.count) items ≠ \(expectedItems.count)" }
            for (index, (item, expectedItem)) in zip(items, expectedItems).enumerated() {
                if let difference = difference(item, expectedItem, shape: member.shape, service: service, path: "\(path)[\(index)]") {
                    return difference
                }
            }
            return nil
        case (.map, .object(let entries)):
            guard case .object(let fields) = expected, let member = shape.mapValue else { return "\(path): expected \(expected)" }
            guard Set(entries.keys) == Set(fields.keys) else { return "\(path): keys \(entries.keys.sorted()) ≠ \(fields.keys.sorted())" }
            for (key, field) in fields {
                if let difference = difference(entries[key] ?? .null, field, shape: member.shape, service: service, path: "\(path).\(key)") {
                    return difference
                }
            }
            return nil
        case (.float, .double(let number)), (.double, .double(let number)), (.bigDecimal, .double(let number)):
            guard let wanted = double(expected) else { return "\(path): expected \(expected)" }
            if wanted.isNaN && number.isNaN || wanted == number || abs(wanted - number) < 1e-6 * max(1, abs(wanted)) { return nil }
            return "\(path): \(number) ≠ \(wanted)"
        case (.timestamp, .timestamp(let date)):
            guard let wanted = expected.doubleValue else { return "\(path): expected \(expected)" }
            return abs(date.timeIntervalSince1970 - wanted) < 0.0005 ? nil : "\(path): \(date.timeIntervalSince1970) ≠ \(wanted)"
        default:
            let wanted = value(expected, shape: shapeID, service: service)
            return actual == wanted ? nil : "\(path): \(actual) ≠ \(wanted)"
        }
    }
}
