/// One operation of a service: its HTTP binding, input, output and errors. Immutable and shared by reference.
package final class OperationSchema: Sendable {
    /// The operation name (`SendMessage`).
    package let name: String
    /// The HTTP method (`POST` for the RPC protocols).
    package let httpMethod: String
    /// The request URI template, possibly with a literal query part (`/{Bucket}?acl`, `/2015-03-31/functions/{FunctionName}`).
    package let requestURI: String
    /// The HTTP status of a successful response, when the model fixes one (else 200).
    package let responseCode: Int?
    /// The input reference (its `locationName`/`xmlNamespace` name the rest-xml root element), or `nil` for no input.
    package let input: MemberSchema?
    /// The output reference (`resultWrapper` for AWS Query), or `nil` for no output.
    package let output: MemberSchema?
    /// The exception shapes the operation may return.
    package let errors: [ShapeID]
    /// The `endpoint.hostPrefix` template, if any.
    package let hostPrefix: String?
    /// The model marks the operation deprecated.
    package let isDeprecated: Bool
    /// The client must send a checksum of the body.
    package let httpChecksumRequired: Bool
    /// The authentication type the model declares (`none`, `v4`, `v4-unsigned-body`), if any.
    package let authType: String?

    package init(
        name: String,
        httpMethod: String = "POST",
        requestURI: String = "/",
        responseCode: Int? = nil,
        input: MemberSchema? = nil,
        output: MemberSchema? = nil,
        errors: [ShapeID] = [],
        hostPrefix: String? = nil,
        isDeprecated: Bool = false,
        httpChecksumRequired: Bool = false,
        authType: String? = nil
    ) {
        self.name = name
        self.httpMethod = httpMethod
        self.requestURI = requestURI
        self.responseCode = responseCode
        self.input = input
        self.output = output
        self.errors = errors
        self.hostPrefix = hostPrefix
        self.isDeprecated = isDeprecated
        self.httpChecksumRequired = httpChecksumRequired
        self.authType = authType
    }
}
