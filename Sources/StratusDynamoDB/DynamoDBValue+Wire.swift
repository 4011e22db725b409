import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit

extension DynamoDBValue {
    /// The value of a wire `AttributeValue`, checked by DynamoDB's rules (exactly one type set, valid numbers,
    /// non-empty sets without duplicates).
    ///
    /// Throws `ValidationException` with DynamoDB's messages ("Supplied AttributeValue is empty, must contain
    /// exactly one of the supported datatypes", "… has more than one datatypes set …", number and set errors).
    package init(wire: DynamoDB.AttributeValue) throws(AWSServiceError) {
        var count = 0
        if wire.s != nil { count += 1 }
        if wire.n != nil { count += 1 }
        if wire.b != nil { count += 1 }
        if wire.ss != nil { count += 1 }
        if wire.ns != nil { count += 1 }
        if wire.bs != nil { count += 1 }
        if wire.m != nil { count += 1 }
        if wire.l != nil { count += 1 }
        if wire.null != nil { count += 1 }
        if wire.bool != nil { count += 1 }
        if count == 0 {
            throw .validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
        }
        if count > 1 {
            throw .validation(
                "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
        }
        do {
            if let s = wire.s {
                self = .string(s)
            } else if let n = wire.n {
                self = .number(try DynamoDBNumber(n))
            } else if let b = wire.b {
                self = .binary([UInt8](b))
            } else if let ss = wire.ss {
                self = .stringSet(ss)
                try validate()
            } else if let ns = wire.ns {
                self = try DynamoDBValue.numberSet(parsing: ns)
            } else if let bs = wire.bs {
                self = .binarySet(bs.map { [UInt8]($0) })
                try validate()
            } else if let m = wire.m {
                var entries: [String: DynamoDBValue] = [:]
                entries.reserveCapacity(m.count)
                for (name, value) in m { entries[name] = try DynamoDBValue(wire: value) }
                self = .map(entries)
            } else if let l = wire.l {
                var values: [DynamoDBValue] = []
                values.reserveCapacity(l.count)
                for value in l { values.append(try DynamoDBValue(wire: value)) }
                self = .list(values)
            } else if let null = wire.null {
                guard null else { throw AWSServiceError.validation("One or more parameter values were invalid: Null attribute value types must have the value of true") }
                self = .null
            } else {
                self = .bool(wire.bool ?? false)
            }
        } catch let error as DynamoDBValidationError {
            throw .validation(error.message)
        } catch let error as AWSServiceError {
            throw error
        } catch {
            throw .validation("\(error)")
        }
    }

    /// The wire `AttributeValue` of this value.
    package var wire: DynamoDB.AttributeValue {
        switch self {
        case let .string(value): DynamoDB.AttributeValue(s: value)
        case let .number(value): DynamoDB.AttributeValue(n: value.description)
        case let .binary(value): DynamoDB.AttributeValue(b: Data(value))
        case let .stringSet(value): DynamoDB.AttributeValue(ss: value)
        case let .numberSet(value): DynamoDB.AttributeValue(ns: value.map(\.description))
        case let .binarySet(value): DynamoDB.AttributeValue(bs: value.map { Data($0) })
        case let .map(value): DynamoDB.AttributeValue(m: value.mapValues(\.wire))
        case let .list(value): DynamoDB.AttributeValue(l: value.map(\.wire))
        case .null: DynamoDB.AttributeValue(null: true)
        case let .bool(value): DynamoDB.AttributeValue(bool: value)
        }
    }

    /// An item from its wire form (see ``init(wire:)``).
    package static func item(wire: [String: DynamoDB.AttributeValue]) throws(AWSServiceError) -> DynamoDBItem {
        var item: DynamoDBItem = [:]
        item.reserveCapacity(wire.count)
        for (name, value) in wire { item[name] = try DynamoDBValue(wire: value) }
        return item
    }

    /// The wire form of an item.
    package static func wire(item: DynamoDBItem) -> [String: DynamoDB.AttributeValue] {
        item.mapValues(\.wire)
    }

    /// The ``AWSValue`` of this value's wire `AttributeValue`: equal to `wire.awsValue`, built without the typed
    /// structure in between (the GetItem fast path answers with it).
    package var awsValue: AWSValue {
        switch self {
        case let .string(value): Self.typed("S", .string(value))
        case let .number(value): Self.typed("N", .string(value.description))
        case let .binary(value): Self.typed("B", .blob(Data(value)))
        case let .stringSet(value): Self.typed("SS", .list(value.map { .string($0) }))
        case let .numberSet(value): Self.typed("NS", .list(value.map { .string($0.description) }))
        case let .binarySet(value): Self.typed("BS", .list(value.map { .blob(Data($0)) }))
        case let .map(value): Self.typed("M", Self.awsValue(item: value))
        case let .list(value): Self.typed("L", .list(value.map { $0.awsValue }))
        case .null: Self.typed("NULL", .boolean(true))
        case let .bool(value): Self.typed("BOOL", .boolean(value))
        }
    }

    /// The ``AWSValue`` of an item's wire form: equal to `wire(item:).awsValue` (names in ascending order).
    package static func awsValue(item: DynamoDBItem) -> AWSValue {
        let names = item.keys.sorted()
        var values: [AWSValue] = []
        values.reserveCapacity(names.count)
        for name in names { values.append(item[name]!.awsValue) }
        return .object(OrderedDictionary(uncheckedUniqueKeys: names, values: values))
    }

    /// An `AttributeValue` object with its one type member.
    private static func typed(_ type: String, _ value: AWSValue) -> AWSValue {
        .object(OrderedDictionary(uncheckedUniqueKeys: [type], values: [value]))
    }
}
