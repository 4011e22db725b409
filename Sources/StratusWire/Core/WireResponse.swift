import HTTPTypes

/// An HTTP response produced by the wire layer: status, headers and the whole body.
package struct WireResponse: Sendable {
    /// Status and header fields.
    package var head: HTTPResponse
    /// The body bytes.
    package var body: [UInt8]

    package init(head: HTTPResponse, body: [UInt8] = []) {
        self.head = head
        self.body = body
    }

    package init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        self.head = HTTPResponse(status: .init(code: status), headerFields: fields)
        self.body = body
    }

    /// The value of the first header field called `name` (case-insensitive), or `nil`.
    package func header(_ name: String) -> String? {
        guard let field = HTTPField.Name(name) else { return nil }
        return head.headerFields[field]
    }
}
