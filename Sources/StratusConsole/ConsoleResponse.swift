import HTTPTypes
import StratusJSON

/// The console's answer to one request: a status, header fields and a body.
package struct ConsoleResponse: Sendable {
    /// The HTTP status.
    package var status: HTTPResponse.Status
    /// Header fields, with `Content-Type` set.
    package var headerFields: HTTPFields
    /// The body bytes (empty for HEAD).
    package var body: [UInt8]

    /// A response with `contentType`; every console answer tells browsers not to sniff types.
    init(status: HTTPResponse.Status, contentType: String, body: [UInt8], cacheControl: String = "no-cache") {
        self.status = status
        var fields = HTTPFields()
        fields[.contentType] = contentType
        fields[.cacheControl] = cacheControl
        fields[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        self.headerFields = fields
        self.body = body
    }

    /// A JSON answer of the console API (never cached: it is live service state).
    static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> ConsoleResponse {
        ConsoleResponse(status: status, contentType: "application/json", body: value.serialized(), cacheControl: "no-store")
    }

    /// A JSON error: `{"error": code, "message": message}`.
    static func error(_ status: HTTPResponse.Status, code: String, message: String) -> ConsoleResponse {
        json(status, ["error": .string(code), "message": .string(message)])
    }

    /// 405 with the allowed method in `Allow`.
    static func methodNotAllowed(allowed: HTTPRequest.Method) -> ConsoleResponse {
        var response = error(.methodNotAllowed, code: "MethodNotAllowed", message: "Use \(allowed.rawValue).")
        response.headerFields[.allow] = allowed.rawValue
        return response
    }

    /// The same response without its body, as HEAD answers.
    var withoutBody: ConsoleResponse {
        var response = self
        response.body = []
        return response
    }
}
