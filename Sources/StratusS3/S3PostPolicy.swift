// S3PostPolicy: the policy document of an S3 browser-based upload, and S3's checks of a form against it.
import Foundation
import OrderedCollections
import StratusJSON
import StratusServiceKit

/// A `POST` upload's policy (the base64 JSON of the form's `policy` field): when it expires and the conditions the
/// form must meet.
///
/// Guarantees: pure (time is passed in). ``check(_:bucket:fileSize:now:)`` applies S3's rules: the policy must not
/// have expired; every condition must hold — `{"field": "value"}` and `["eq", "$field", "value"]` exact matches,
/// `["starts-with", "$field", "prefix"]` (for `Content-Type`, every comma-separated value), `["content-length-range",
/// min, max]` on the file's size; and every form field must be named by a condition, except `policy`, `file`, the
/// signature fields and `x-ignore-*` ones. Refusals are S3's errors and wording.
package struct S3PostPolicy: Sendable {
    /// One condition.
    enum Condition: Sendable {
        case equals(field: String, value: String, text: String)
        case startsWith(field: String, prefix: String, text: String)
        case contentLength(minimum: Int, maximum: Int)

        var field: String? {
            switch self {
            case .equals(let field, _, _), .startsWith(let field, _, _): field
            case .contentLength: nil
            }
        }
    }

    /// When the policy expires.
    let expiration: Date
    let conditions: [Condition]

    /// Fields the policy does not have to name.
    static let exemptFields: Set<String> = ["policy", "file", "x-amz-signature", "signature", "awsaccesskeyid"]

    /// The policy of a `policy` field's value.
    /// - Throws: S3's `InvalidPolicyDocument` (400) when it is not a policy document.
    package init(base64 text: String) throws {
        guard let data = Data(base64Encoded: text), case .object(let document)? = try? JSONValue.parse(String(decoding: data, as: UTF8.self))
        else { throw Self.invalid("Invalid Policy: Invalid JSON.") }
        guard case .string(let expirationText)? = document["expiration"], let expiration = Self.date(expirationText) else {
            throw Self.invalid("Invalid Policy: Policy missing expiration.")
        }
        guard case .array(let items)? = document["conditions"] else {
            throw Self.invalid("Invalid Policy: Policy missing conditions.")
        }
        self.expiration = expiration
        conditions = try items.map(Self.condition)
    }

    /// Checks `form` (uploading `fileSize` bytes to `bucket`) as of `now`.
    package func check(_ form: S3PostForm, bucket: String, fileSize: Int, now: Date) throws {
        guard now < expiration else { throw Self.refused("Invalid according to Policy: Policy expired.") }
        func value(_ field: String) -> String? { field == "bucket" ? bucket : form.field(field) }
        for condition in conditions {
            switch condition {
            case .equals(let field, let expected, let text):
                guard value(field) == expected else { throw Self.refused("Invalid according to Policy: Policy Condition failed: \(text)") }
            case .startsWith(let field, let prefix, let text):
                let actual = value(field) ?? ""
                let values = field == "content-type" ? actual.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : [actual]
                guard values.allSatisfy({ $0.hasPrefix(prefix) }) else {
                    throw Self.refused("Invalid according to Policy: Policy Condition failed: \(text)")
                }
            case .contentLength(let minimum, let maximum):
                if fileSize > maximum {
                    throw AWSServiceError(AWSErrorCode("EntityTooLarge", httpStatus: 400),
                                          "Your proposed upload exceeds the maximum allowed size",
                                          fields: ["ProposedSize": .string(String(fileSize)), "MaxSizeAllowed": .string(String(maximum))])
                }
                if fileSize < minimum {
                    throw AWSServiceError(AWSErrorCode("EntityTooSmall", httpStatus: 400),
                                          "Your proposed upload is smaller than the minimum allowed size",
                                          fields: ["ProposedSize": .string(String(fileSize)), "MinSizeAllowed": .string(String(minimum))])
                }
            }
        }
        let named = Set(conditions.compactMap(\.field))
        for (name, _) in form.fields {
            let field = name.lowercased()
            guard !Self.exemptFields.contains(field), !field.hasPrefix("x-ignore-"), !named.contains(field) else { continue }
            // The SigV4 fields are named by the conditions SDKs add; a form without them is checked like any field.
            throw Self.refused("Invalid according to Policy: Extra input fields: \(name)")
        }
    }

    private static func condition(_ item: JSONValue) throws -> Condition {
        switch item {
        case .object(let members) where members.count == 1:
            guard let (name, value) = members.elements.first, case .string(let expected) = value else {
                throw invalid("Invalid Policy: Invalid Simple-Condition: value must be a string.")
            }
            return .equals(field: name.lowercased(), value: expected, text: Self.text("eq", name, expected))
        case .array(let parts) where parts.count == 3:
            guard case .string(let operation) = parts[0] else { throw invalid("Invalid Policy: Invalid Condition.") }
            switch operation.lowercased() {
            case "eq", "starts-with":
                guard case .string(let reference) = parts[1], reference.hasPrefix("$"), case .string(let operand) = parts[2] else {
                    throw invalid("Invalid Policy: Invalid Condition.")
                }
                let field = String(reference.dropFirst()).lowercased()
                let text = Self.text(operation.lowercased(), String(reference.dropFirst()), operand)
                return operation.lowercased() == "eq"
                    ? .equals(field: field, value: operand, text: text) : .startsWith(field: field, prefix: operand, text: text)
            case "content-length-range":
                guard let minimum = integer(parts[1]), let maximum = integer(parts[2]) else {
                    throw invalid("Invalid Policy: Invalid content-length-range condition.")
                }
                return .contentLength(minimum: minimum, maximum: maximum)
            default:
                throw invalid("Invalid Policy: Invalid Condition: unknown operation \(operation).")
            }
        default:
            throw invalid("Invalid Policy: Invalid Condition.")
        }
    }

    /// A condition as S3's refusals quote it: `["eq", "$Content-Type", "text/plain"]`.
    private static func text(_ operation: String, _ field: String, _ operand: String) -> String {
        "[" + [operation, "$" + field, operand].map { JSONValue.string($0).serializedString() }.joined(separator: ", ") + "]"
    }

    private static func integer(_ value: JSONValue) -> Int? {
        switch value {
        case .number(let number): return number.int64Value.map(Int.init)
        case .string(let text): return Int(text)
        default: return nil
        }
    }

    private static func date(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return withFraction.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }

    static func refused(_ message: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("AccessDenied", httpStatus: 403), message)
    }

    private static func invalid(_ message: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("InvalidPolicyDocument", httpStatus: 400), message)
    }
}
