/// The HTTP answer of a function URL.
package struct LambdaURLResponse: Sendable, Equatable {
    /// The status code.
    package var status: Int
    /// The header fields in order (`Set-Cookie` may repeat).
    package var headers: [(name: String, value: String)]
    /// The body bytes.
    package var body: [UInt8]

    /// An answer.
    package init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Lambda's own JSON error answer (`{"Message": …}`).
    package static func message(_ status: Int, _ message: String) -> LambdaURLResponse {
        LambdaURLResponse(status: status, headers: [("Content-Type", "application/json")],
                          body: Array(#"{"Message":"\#(message)"}"#.utf8))
    }

    package static func == (left: LambdaURLResponse, right: LambdaURLResponse) -> Bool {
        left.status == right.status && left.body == right.body
            && left.headers.map { "\($0.name): \($0.value)" } == right.headers.map { "\($0.name): \($0.value)" }
    }
}
