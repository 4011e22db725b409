/// An HTTP call EventBridge makes: to an API destination, or to a connection's OAuth authorization endpoint.
package struct EventBridgeHTTPRequest: Sendable, Equatable {
    /// The method (`POST`, `GET`, …).
    package var method: String
    /// The whole URL, query string included.
    package var url: String
    /// Header fields, in order.
    package var headers: [(name: String, value: String)]
    /// The body (none when nil).
    package var body: String?

    /// A request.
    package init(method: String, url: String, headers: [(name: String, value: String)], body: String?) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}

/// What an HTTP call answered.
package struct EventBridgeHTTPResponse: Sendable, Equatable {
    /// The status code.
    package var status: Int
    /// The body, as text.
    package var body: String

    /// A response.
    package init(status: Int, body: String) {
        self.status = status
        self.body = body
    }
}
