import Foundation
import OrderedCollections
import StratusJSON

extension AWSValue {
    /// The generic (schema-less) form of a JSON value, as document members hold it.
    ///
    /// `null` → ``null``, booleans → ``boolean(_:)``, numbers in integer form that fit `Int64` → ``integer(_:)``,
    /// other numbers (decimals, and integers beyond `Int64`) → ``double(_:)`` (nearest), strings → ``string(_:)``,
    /// arrays → ``list(_:)``, objects → ``object(_:)`` in the same member order. Never produces blobs or timestamps.
    package init(_ json: JSONValue) {
        switch json {
        case .null:
            self = .null
        case .bool(let flag):
            self = .boolean(flag)
        case .number(let number):
            if number.isInteger, let integer = number.int64Value {
                self = .integer(integer)
            } else {
                self = .double(number.doubleValue)
            }
        case .string(let text):
            self = .string(text)
        case .array(let elements):
            self = .list(elements.map(AWSValue.init))
        case .object(let members):
            var converted = OrderedDictionary<String, AWSValue>(minimumCapacity: members.count)
            for (key, member) in members { converted[key] = AWSValue(member) }
            self = .object(converted)
        }
    }

    /// The generic JSON form of this value.
    ///
    /// ``integer(_:)`` → an integer number; ``double(_:)`` → a decimal number, except that non-finite doubles become
    /// the strings `"NaN"`, `"Infinity"` and `"-Infinity"` (as AWS JSON protocols write them); ``blob(_:)`` → a
    /// base64 string; ``timestamp(_:)`` → epoch seconds, an integer number for whole seconds and otherwise a decimal
    /// rounded to milliseconds; lists and objects convert element by element, keeping member order.
    package var jsonValue: JSONValue {
        switch self {
        case .null:
            return .null
        case .boolean(let flag):
            return .bool(flag)
        case .integer(let number):
            return .number(JSONNumber(number))
        case .double(let number):
            if number.isNaN { return .string("NaN") }
            if number.isInfinite { return .string(number < 0 ? "-Infinity" : "Infinity") }
            return .number(JSONNumber(number))
        case .string(let text):
            return .string(text)
        case .blob(let data):
            return .string(data.base64EncodedString())
        case .timestamp(let date):
            return Self.epochSeconds(date)
        case .list(let elements):
            return .array(elements.map(\.jsonValue))
        case .object(let members):
            var converted = OrderedDictionary<String, JSONValue>(minimumCapacity: members.count)
            for (key, member) in members { converted[key] = member.jsonValue }
            return .object(converted)
        }
    }

    /// Epoch seconds: an integer when whole, otherwise a decimal with millisecond precision
    /// (a `Date` with a non-finite interval, which no clock produces, becomes a string like a non-finite double).
    static func epochSeconds(_ date: Date) -> JSONValue {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        guard milliseconds.isFinite else { return AWSValue.double(milliseconds).jsonValue }
        if milliseconds.truncatingRemainder(dividingBy: 1000) == 0, let seconds = Int64(exactly: milliseconds / 1000) {
            return .number(JSONNumber(seconds))
        }
        return .number(JSONNumber(milliseconds / 1000))
    }
}
