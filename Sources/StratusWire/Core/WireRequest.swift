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

    /// The value of the header fields called `name` (case-insensitive), or `nil`: as `HTTPFields`' subscript
    /// reads it (several fields joined with `, `, `Cookie` fields with `; `).
    package func header(_ name: String) -> String? {
        guard let field = HTTPField.Name(name) else { return nil }
        return header(field)
    }

    /// ``header(_:)-(String)`` for a name built once (the `HTTPField.Name` constants below); the same answer,
    /// without re-validating the name or building an array for the common single field.
    package func header(_ name: HTTPField.Name) -> String? {
        var found: String?
        var more: [String] = []
        for field in head.headerFields where field.name == name {
            if found == nil { found = field.value } else { more.append(field.value) }
        }
        guard let first = found else { return nil }
        if more.isEmpty { return first }
        return ([first] + more).joined(separator: name == .cookie ? "; " : ", ")
    }
}

extension HTTPField.Name {
    /// `X-Amz-Target` (AWS JSON operation).
    package static let amzTarget = HTTPField.Name("X-Amz-Target")!
    /// `x-amz-content-sha256` (SigV4 payload hash, `STREAMING-…` for aws-chunked).
    package static let amzContentSHA256 = HTTPField.Name("x-amz-content-sha256")!
}
