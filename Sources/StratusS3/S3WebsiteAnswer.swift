import Foundation

/// What a bucket's website endpoint answers to one request: a status, header fields and a body.
package struct S3WebsiteAnswer: Sendable, Equatable {
    /// The HTTP status.
    package var status: Int
    /// Header fields, in order.
    package var headers: [S3WebsiteHeader]
    /// The body (empty for `HEAD`).
    package var body: Data

    /// An answer.
    package init(status: Int, headers: [S3WebsiteHeader], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// One header field of a website answer.
package struct S3WebsiteHeader: Sendable, Equatable {
    /// The field name.
    package var name: String
    /// The field value.
    package var value: String

    /// A header field.
    package init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
