/// One HTTP request to a function URL, as the server received it.
package struct LambdaURLRequest: Sendable {
    /// The HTTP method (`GET`, `POST`, …).
    package var method: String
    /// The path, still percent-encoded, without the query.
    package var rawPath: String
    /// The query string without `?` (empty when none).
    package var rawQuery: String
    /// The header fields in order (names as sent).
    package var headers: [(name: String, value: String)]
    /// The body bytes.
    package var body: [UInt8]
    /// The caller's address.
    package var sourceIP: String

    /// A request.
    package init(method: String, rawPath: String, rawQuery: String, headers: [(name: String, value: String)],
                 body: [UInt8], sourceIP: String = "127.0.0.1") {
        self.method = method
        self.rawPath = rawPath
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
        self.sourceIP = sourceIP
    }

    /// The first value of header `name` (case-insensitive).
    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
