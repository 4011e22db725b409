import Foundation
import HTTPTypes

/// One HTTP request to the console, as the server read it: the whole body is already collected.
package struct ConsoleRequest: Sendable {
    /// The HTTP method.
    package var method: HTTPRequest.Method
    /// The path without the query (`/_stratus/console/api/state-machines`).
    package var path: String
    /// The raw query string without `?`, if any.
    package var query: String?
    /// The host and port the client addressed (`Host`, or the HTTP/2 `:authority`), if any.
    package var authority: String?
    /// The request's header fields (the console reads `Content-Type`).
    package var headerFields: HTTPFields
    /// The request body (empty for GET).
    package var body: [UInt8]

    /// A request; `body` defaults to empty and `headerFields` to none.
    package init(method: HTTPRequest.Method, path: String, query: String? = nil, authority: String? = nil,
                 headerFields: HTTPFields = [:], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.authority = authority
        self.headerFields = headerFields
        self.body = body
    }

    /// The decoded query parameters; the first value wins when a name repeats.
    var parameters: [String: String] {
        var parameters: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
            if parameters[name] == nil { parameters[name] = value }
        }
        return parameters
    }

    /// `application/x-www-form-urlencoded` decoding: `+` is a space, then percent escapes.
    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
