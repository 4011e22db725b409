import Foundation
import StratusServiceKit

/// Reads and writes scalar values as text in URI labels, query strings and headers, with the REST rules:
/// booleans are exactly `true`/`false`; integers are plain decimal within their type's range; floats are decimal
/// (or `NaN`, `Infinity`, `-Infinity`); timestamps default to ISO 8601 in labels and queries and to IMF-fixdate in
/// headers (a member or shape `timestampFormat` overrides); blobs are base64; a `jsonvalue` string in a header is
/// base64. Anything else is rejected with a reason rather than coerced.
package enum RESTScalarText {
    /// Where a value travels; decides the default timestamp format and header-only rules.
    package enum Place: Sendable {
        case label, query, header
    }

    /// Why a text could not be read as its shape.
    package struct ReadError: Error, Sendable {
        /// The reason, for the `SerializationException` message.
        package var reason: String
    }

    /// The timestamp format of `member` (or its shape) at `place`.
    package static func timestampFormat(member: MemberSchema?, shape: ShapeSchema, place: Place) -> TimestampFormat {
        if let format = member?.timestampFormat ?? shape.timestampFormat { return format }
        return place == .header ? .rfc822 : .iso8601
    }

    /// Reads `text` as a value of `shape`.
    package static func read(
        _ text: String, shape: ShapeSchema, member: MemberSchema?, place: Place
    ) throws(ReadError) -> AWSValue {
        switch shape.type {
        case .string:
            if place == .header, member?.jsonValue == true {
                guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8) else {
                    throw ReadError(reason: "expected base64-encoded JSON text")
                }
                return .string(decoded)
            }
            return .string(text)
        case .boolean:
            switch text {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: throw ReadError(reason: "expected 'true' or 'false'")
            }
        case .byte: return .integer(try integer(text, in: Int64(Int8.min)...Int64(Int8.max)))
        case .short: return .integer(try integer(text, in: Int64(Int16.min)...Int64(Int16.max)))
        case .integer: return .integer(try integer(text, in: Int64(Int32.min)...Int64(Int32.max)))
        case .long, .bigInteger: return .integer(try integer(text, in: Int64.min...Int64.max))
        case .float, .double, .bigDecimal:
            return .double(try double(text))
        case .timestamp:
            let format = timestampFormat(member: member, shape: shape, place: place)
            guard let date = WireTimestampText.parseStrict(text, format: format) else {
                throw ReadError(reason: "expected a timestamp in \(format.rawValue) format")
            }
            return .timestamp(date)
        case .blob:
            guard let data = Data(base64Encoded: text) else { throw ReadError(reason: "expected base64 data") }
            return .blob(data)
        case .structure, .list, .map:
            throw ReadError(reason: "a \(shape.type.rawValue) cannot be bound to a \(place)")
        }
    }

    /// Reads a decimal integer within `range`.
    package static func integer(_ text: String, in range: ClosedRange<Int64>) throws(ReadError) -> Int64 {
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw ReadError(reason: "expected an integer")
        }
        guard let value = Int64(text), range.contains(value) else {
            throw ReadError(reason: "integer out of range \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// Reads a decimal floating-point number or `NaN`, `Infinity`, `-Infinity`.
    package static func double(_ text: String) throws(ReadError) -> Double {
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: break
        }
        guard isDecimal(text), let value = Double(text) else { throw ReadError(reason: "expected a number") }
        return value
    }

    /// Whether `text` is `-?digits(.digits)?([eE][+-]?digits)?`.
    static func isDecimal(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Bool {
            let start = bytes.startIndex
            while let byte = bytes.first, byte >= 48, byte <= 57 { bytes = bytes.dropFirst() }
            return bytes.startIndex > start
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard digits() else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() else { return false }
        }
        return bytes.isEmpty
    }

    /// Writes a scalar `value` of `shape` as text.
    /// - Throws: ``ReadError`` when the value's case does not fit a scalar shape (a handler bug).
    package static func write(
        _ value: AWSValue, shape: ShapeSchema, member: MemberSchema?, place: Place
    ) throws(ReadError) -> String {
        switch value {
        case .string(let text):
            if place == .header, member?.jsonValue == true { return Data(text.utf8).base64EncodedString() }
            return text
        case .boolean(let flag): return flag ? "true" : "false"
        case .integer(let number):
            if shape.type == .timestamp {
                return WireTimestampText.text(
                    Date(timeIntervalSince1970: Double(number)), format: timestampFormat(member: member, shape: shape, place: place))
            }
            if shape.type == .float || shape.type == .double { return doubleText(Double(number)) }
            return String(number)
        case .double(let number): return doubleText(number)
        case .timestamp(let date):
            return WireTimestampText.text(date, format: timestampFormat(member: member, shape: shape, place: place))
        case .blob(let data): return data.base64EncodedString()
        case .null, .list, .object:
            throw ReadError(reason: "a \(shape.type.rawValue) value cannot be written as \(place) text")
        }
    }

    /// A double as text: `NaN`, `Infinity`, `-Infinity`, integral values without a fraction, else shortest form.
    package static func doubleText(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}
