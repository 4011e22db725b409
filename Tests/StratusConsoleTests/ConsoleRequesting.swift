import Foundation
import HTTPTypes
import StratusConsole
import StratusJSON

/// A test fixture holding a console: requests to it as the server would pass them, and reading its answers.
protocol ConsoleRequesting {
    /// The console under test.
    var console: ConsoleEndpoints { get }
}

extension ConsoleRequesting {
    /// The `Host` every request is addressed to (what the server builds absolute URLs from).
    static var host: String { "localhost:4566" }

    /// Sends one request to the console: `target` is the path with an optional query; a `body` goes as `contentType`.
    func request(_ method: HTTPRequest.Method = .get, _ target: String, json body: String? = nil,
                 contentType: String = "application/json") async -> ConsoleResponse {
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        var fields = HTTPFields()
        if body != nil { fields[.contentType] = contentType }
        return await console.respond(to: ConsoleRequest(
            method: method, path: parts[0], query: parts.count > 1 ? parts[1] : nil, authority: Self.host,
            headerFields: fields, body: Array((body ?? "").utf8)))
    }

    /// The JSON body of a response.
    static func json(_ response: ConsoleResponse) throws -> JSONValue {
        try JSONValue.parse(response.body)
    }

    /// `value` percent-encoded for a query string.
    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
    }
}
