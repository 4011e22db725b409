import HTTPTypes
import Testing
@testable import StratusWire

/// ``WireRequest/header(_:)-(HTTPField.Name)`` answers what `HTTPFields`' subscript answers.
@Suite struct WireRequestHeaderTests {
    private func request(_ fields: [(String, String)]) -> WireRequest {
        var headerFields = HTTPFields()
        for (name, value) in fields { headerFields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        return WireRequest(head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/", headerFields: headerFields))
    }

    @Test func sameAsHTTPFields() {
        let cases: [[(String, String)]] = [
            [],
            [("Content-Type", "application/json")],
            [("content-type", "a"), ("X-Other", "b"), ("CONTENT-TYPE", "c")],
            [("Cookie", "a=1"), ("Cookie", "b=2")],
            [("X-Amz-Target", "AmazonSQS.SendMessage"), ("x-amz-target", "")],
        ]
        let names: [HTTPField.Name] = [.contentType, .cookie, .amzTarget, .authorization, HTTPField.Name("X-Other")!]
        for fields in cases {
            let wire = request(fields)
            for name in names {
                #expect(wire.header(name) == wire.head.headerFields[name])
                #expect(wire.header(name.rawName) == wire.head.headerFields[name])
            }
        }
    }
}
