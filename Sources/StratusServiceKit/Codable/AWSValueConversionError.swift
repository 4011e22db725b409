/// Why an ``AWSValue`` could not be converted to an ``AWSValueConvertible`` type, and where.
///
/// Validated input never produces one; for input of a service the gateway does not validate (its own checks come
/// first), the gateway answers it as a 400 validation error naming the member.
package struct AWSValueConversionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    package enum Code: Sendable, Equatable {
        /// The value has another case than the type needs (including `.null` for a non-optional value).
        case typeMismatch
        /// A required structure member is absent.
        case missingMember
        /// The case is right but the content is not (a non-integral number for `Int`, bad base64 for `Data`).
        case invalidValue
    }

    /// The kind of failure.
    package var code: Code
    /// What was expected and what was found.
    package var message: String
    /// Member names, map keys and `[index]` list positions from the converted root to the offending value.
    package var path: [String]

    /// An error at the converted value itself (an empty path).
    package init(code: Code, message: String, path: [String] = []) {
        self.code = code
        self.message = message
        self.path = path
    }

    /// `message` at `path` (`Item.Details.M.Tags.L[1].S: …`).
    package var description: String {
        var location = ""
        for component in path {
            if component.hasPrefix("[") || location.isEmpty {
                location += component
            } else {
                location += "." + component
            }
        }
        return location.isEmpty ? message : "\(location): \(message)"
    }

    /// The same error, seen from the structure or collection holding the offending value under `component`.
    @usableFromInline
    func within(_ component: String) -> AWSValueConversionError {
        var copy = self
        copy.path.insert(component, at: 0)
        return copy
    }

    /// The same error, seen from the list holding the offending value at `index`.
    @usableFromInline
    func within(index: Int) -> AWSValueConversionError { within("[\(index)]") }

    /// `value` is not the case `expected` names (`.null` included).
    @usableFromInline
    static func typeMismatch(expected: String, found value: AWSValue) -> AWSValueConversionError {
        AWSValueConversionError(code: .typeMismatch, message: "expected \(expected), found \(value.kindDescription)")
    }

    /// A number that is not an integer `Int` can hold.
    @usableFromInline
    static func notAnInteger(_ message: String) -> AWSValueConversionError {
        AWSValueConversionError(code: .invalidValue, message: message)
    }

    /// The required member `name` is absent.
    @usableFromInline
    static func missingMember(_ name: String) -> AWSValueConversionError {
        AWSValueConversionError(code: .missingMember, message: "missing member \"\(name)\"", path: [name])
    }
}
