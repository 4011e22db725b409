import HTTPTypes
@testable import StratusWire

/// Builds ``WireRequest``s for REST codec tests.
struct HTTPFieldsBuilder {
    var fields = HTTPFields()

    mutating func add(_ name: String, _ value: String) {
        if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
    }

    func request(method: HTTPRequest.Method, path: String, body: [UInt8] = [], host: String = "localhost:4566") -> WireRequest {
        WireRequest(
            head: HTTPRequest(method: method, scheme: "http", authority: host, path: path, headerFields: fields), body: body)
    }
}
