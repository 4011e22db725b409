import HTTPTypes

/// An HTTP request as the wire layer sees it: the head (swift-http-types) and the whole body.
///
/// The body has already been de-chunked by the HTTP server and, for `aws-chunked` uploads, decoded by
/// ``AWSChunkedBody`` handling in the gateway; codecs see payload bytes only.
package struct WireRequest: Sendable {
    /// Method, path (with query), authority and header fields.
    package var head: HTTPRequest
    /// The payload bytes.
    package var body: [UInt8]

    package init(head: HTTPRequest, body: [UInt8] = []) {
        self.head = head
        self.body = body
    }

    /// The path without the query string, still percent-encoded.
    package var rawPath: String {
        let full = head.path ?? "/"
        guard let mark = full.firstIndex(of: "?") else { return full }
        return String(full[..<mark])
    }

    /// The raw query string (after `?`, still percent-encoded), or `""`.
    package var rawQuery: String {
        let full = head.path ?? "/"
        guard let mark = full.firstIndex(of: "?") else { return "" }
        return String(full[full.index(after: mark)...])
    }

    /// The value of the first header field called `name` (case-insensitive), or `nil`.
    package func header(_ name: String) -> String? {
        guard let field = HTTPField.Name(name) else { return nil }
        return head.headerFields[field]
    }
}
