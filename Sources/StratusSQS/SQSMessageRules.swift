import Crypto
import Foundation
import StratusAPISQS
import StratusServiceKit

/// The rules a message must pass before it is enqueued: characters, size, attributes, FIFO parameters.
///
/// Guarantees: every check throws AWS's error code and wording; a message that passes is turned into exactly
/// the record the store keeps, with AWS's digests.
package enum SQSMessageRules {
    /// The most user attributes a message may carry.
    package static let maximumAttributes = 10

    /// `true` when every scalar is one SQS accepts (#x9 #xA #xD #x20–#xD7FF #xE000–#xFFFD #x10000–#x10FFFF).
    package static func hasValidCharacters(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value >= 0x20 {
                if value <= 0xD7FF || (value >= 0xE000 && value <= 0xFFFD) || value >= 0x10000 { continue }
                return false
            }
            if value != 0x9 && value != 0xA && value != 0xD { return false }
        }
        return true
    }

    /// Checks user attributes; returns their size in bytes (names, types and values, as AWS counts them).
    package static func validate(attributes: [String: SQS.MessageAttributeValue]) throws -> Int {
        guard attributes.count <= maximumAttributes else {
            throw SQSFailure.invalidParameterValue(
                "Number of message attributes [\(attributes.count)] exceeds the allowed maximum [\(maximumAttributes)].")
        }
        var size = 0
        for (name, value) in attributes {
            try validate(attributeName: name)
            size += name.utf8.count + value.dataType.utf8.count
            size += try validate(value: value, name: name, kind: "user")
        }
        return size
    }

    /// Checks system attributes (only `AWSTraceHeader`, a string); returns their size.
    package static func validate(systemAttributes: [String: SQS.MessageSystemAttributeValue]) throws -> Int {
        var size = 0
        for (name, value) in systemAttributes {
            guard name == "AWSTraceHeader" else {
                throw SQSFailure.invalidParameterValue("Message system attribute name '\(name)' is invalid.")
            }
            guard value.dataType == "String" else {
                throw SQSFailure.invalidParameterValue(
                    "Message system attribute '\(name)' must contain a non-empty value of type 'String'.")
            }
            size += name.utf8.count + value.dataType.utf8.count
            size += try validate(
                value: SQS.MessageAttributeValue(
                    stringValue: value.stringValue, binaryValue: value.binaryValue,
                    stringListValues: value.stringListValues, binaryListValues: value.binaryListValues,
                    dataType: value.dataType),
                name: name, kind: "system")
        }
        return size
    }

    private static func validate(attributeName name: String) throws {
        let lower = name.lowercased()
        let bytes = Array(name.utf8)
        let charactersValid = bytes.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45
                || byte == 95 || byte == 46
        }
        guard !name.isEmpty, bytes.count <= 256, charactersValid, !lower.hasPrefix("aws."), !lower.hasPrefix("amazon."),
            bytes.first != 46, bytes.last != 46, !name.contains("..")
        else {
            throw SQSFailure.invalidParameterValue(
                "Message (user) attribute name '\(name)' is invalid. The attribute name can contain A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.) characters.")
        }
    }

    private static func validate(value: SQS.MessageAttributeValue, name: String, kind: String) throws -> Int {
        let type = value.dataType
        let base = type.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
        guard !type.isEmpty else {
            throw SQSFailure.invalidParameterValue("The message (\(kind)) attribute '\(name)' must contain a non-empty attribute type.")
        }
        guard ["String", "Number", "Binary"].contains(base), type.utf8.count <= 256 else {
            throw SQSFailure.invalidParameterValue(
                "The type of message (\(kind)) attribute '\(name)' is invalid. You must use only the following supported type prefixes: Binary, Number, String.")
        }
        if value.stringListValues?.isEmpty == false || value.binaryListValues?.isEmpty == false {
            throw SQSFailure.invalidParameterValue(
                "Message (\(kind)) attribute '\(name)': list values are not supported; use StringValue or BinaryValue.")
        }
        if base == "Binary" {
            guard let binary = value.binaryValue, !binary.isEmpty, value.stringValue == nil else {
                throw SQSFailure.invalidParameterValue(
                    "Message (\(kind)) attribute '\(name)' must contain a non-empty value of type 'Binary'.")
            }
            return binary.count
        }
        guard let text = value.stringValue, !text.isEmpty, value.binaryValue == nil else {
            throw SQSFailure.invalidParameterValue(
                "Message (\(kind)) attribute '\(name)' must contain a non-empty value of type '\(base)'.")
        }
        guard hasValidCharacters(text) else { throw SQSFailure.invalidMessageContents() }
        if base == "Number" {
            guard Double(text) != nil, text.utf8.count <= 40 else {
                throw SQSFailure.invalidParameterValue(
                    "Can't convert '\(text)' to a number for message (\(kind)) attribute '\(name)'.")
            }
        }
        return text.utf8.count
    }

    /// Checks a FIFO `MessageGroupId` or `MessageDeduplicationId` (1–128 printable ASCII characters).
    package static func validate(fifoToken value: String, parameter: String) throws {
        guard (1...128).contains(value.utf8.count), value.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            throw SQSFailure.invalidParameter(
                parameter, value: value,
                reason: "\(parameter) can only include alphanumeric and punctuation characters. 1 to 128 in length.")
        }
    }

    /// The content-based deduplication id: SHA-256 of the body, hex.
    package static func contentDeduplicationID(_ body: String) -> String {
        SHA256.hash(data: Data(body.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
