// RuntimeAPIResponse: one answer of the Lambda Runtime API.

import Foundation

/// One answer of the Runtime API: status, headers and body.
package struct RuntimeAPIResponse: Sendable {
    /// The HTTP status code.
    package var status: Int
    /// Response headers (besides `Content-Length`).
    package var headers: [(String, String)]
    /// The body.
    package var body: [UInt8]

    package init(status: Int, headers: [(String, String)] = [], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// `202 {"status":"OK"}`, the answer to an accepted response or error post.
    static let accepted = RuntimeAPIResponse(
        status: 202, headers: [("Content-Type", "application/json")], body: Array(#"{"status":"OK"}"#.utf8))

    /// The Runtime API's JSON error document with this status.
    static func error(status: Int, type: String, message: String) -> RuntimeAPIResponse {
        RuntimeAPIResponse(
            status: status, headers: [("Content-Type", "application/json")],
            body: Array("{\"errorMessage\":\(jsonString(message)),\"errorType\":\(jsonString(type))}".utf8))
    }
}

/// A JSON string literal for `text`.
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
