/// An error raised while compiling or evaluating a JSONata expression, with the reference implementation's code.
///
/// Guarantees: `code` is jsonata-js's error code (`S0xxx` static/parse, `T0xxx`–`T2xxx` type, `D1xxx`–`D3xxx`
/// dynamic, `U1001` guard); `position` is the character offset in the expression where known; `token` and `value`
/// carry what jsonata-js puts in the same fields; `message` is readable English.
public struct JSONataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reference implementation's error code, e.g. `T2001`.
    public var code: String
    /// Readable description of what is wrong.
    public var message: String
    /// Character offset in the expression text, when known.
    public var position: Int?
    /// The token the error refers to, when there is one.
    public var token: String?
    /// The offending value, printed as jsonata-js would, when there is one.
    public var value: String?

    /// Creates an error.
    public init(code: String, message: String, position: Int? = nil, token: String? = nil, value: String? = nil) {
        self.code = code
        self.message = message
        self.position = position
        self.token = token
        self.value = value
    }

    /// `"<code>: <message>"`.
    public var description: String { "\(code): \(message)" }
}
