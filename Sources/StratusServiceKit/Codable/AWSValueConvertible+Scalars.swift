import Foundation

// The scalar types of generated shapes, with the rules of `AWSValueDecoding.unbox` and `AWSValueEncoding.box`.

extension String: AWSValueConvertible {
    /// From `.string` only.
    package init(awsValue: AWSValue) throws(AWSValueConversionError) {
        guard case .string(let text) = awsValue else { throw .typeMismatch(expected: "a string", found: awsValue) }
        self = text
    }

    /// `.string`.
    package var awsValue: AWSValue { .string(self) }
}

extension Bool: AWSValueConvertible {
    /// From `.boolean` only.
    package init(awsValue: AWSValue) throws(AWSValueConversionError) {
        guard case .boolean(let flag) = awsValue else { throw .typeMismatch(expected: "a boolean", found: awsValue) }
        self = flag
    }

    /// `.boolean`.
    package var awsValue: AWSValue { .boolean(self) }
}

extension Int: AWSValueConvertible {
    /// From `.integer`, or from a `.double` holding an integer that fits.
    package init(awsValue: AWSValue) throws(AWSValueConversionError) {
        switch awsValue {
        case .integer(let number):
            guard let result = Int(exactly: number) else { throw .notAnInteger("\(number) does not fit Int") }
            self = result
        case .double(let number):
            guard let result = Int(exactly: number) else {
                throw .notAnInteger("\(number) is not an integer that fits Int")
            }
            self = result
        default:
            throw .typeMismatch(expected: "an integer", found: awsValue)
        }
    }

    /// `.integer`.
    package var awsValue: AWSValue { .integer(Int64(self)) }
}

extension Double: AWSValueConvertible {
    /// From `.double` or `.integer`.
    package init(awsValue: AWSValue) throws(AWSValueConversionError) {
        switch awsValue {
        case .double(let number): self = number
        case .integer(let number): self = Double(number)
        default: throw .typeMismatch(expected: "a number", found: awsValue)
        }
    }

    /// `.double`.
    package var awsValue: AWSValue { .double(self) }
}

extension Date: AWSValueConvertible {
    /// From `.timestamp`, or from epoch seconds (`.integer`, or a finite `.double`).
    package init(awsValue: AWSValue) throws(AWSValueConversionError) {
        switch awsValue {
        case .timestamp(let date): self = date
        case .integer(let seconds): self = Date(timeIntervalSince1970: Double(seconds))
        case .double(let seconds) where seconds.isFinite: self = Date(timeIntervalSince1970: seconds)
        default: throw .typeMismatch(expected: "a timestamp", found: awsValue)
        }
    }

    /// `.timestamp`.
    package var awsValue: AWSValue { .timestamp(self) }
}

extension Data: AWSValueConvertible {
    /// From `.blob`, or from a base64 `.string`.
    package init(awsValue: AWSValue) throws(AWSValueConversionError) {
        switch awsValue {
        case .blob(let data):
            self = data
        case .string(let text):
            guard let data = Data(base64Encoded: text) else {
                throw AWSValueConversionError(code: .invalidValue, message: "string is not valid base64 for a blob")
            }
            self = data
        default:
            throw .typeMismatch(expected: "a blob", found: awsValue)
        }
    }

    /// `.blob`.
    package var awsValue: AWSValue { .blob(self) }
}

extension AWSValue: AWSValueConvertible {
    /// The node unchanged (document members).
    package init(awsValue: AWSValue) { self = awsValue }

    /// The node unchanged.
    package var awsValue: AWSValue { self }
}
