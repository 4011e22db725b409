import Foundation

/// One POST of SNS to a subscriber's HTTP or HTTPS endpoint: a subscription or unsubscribe confirmation, or a
/// notification, with the headers SNS sends and how often to try.
package struct SNSEndpointRequest: Sendable, Equatable {
    /// The subscriber's URL.
    package var url: String
    /// `x-amz-sns-*`, `Content-Type` and `User-Agent`, in order.
    package var headers: [(name: String, value: String)]
    /// The JSON document (or, with raw delivery, the message itself).
    package var body: String
    /// The delays before each retry, in seconds; a delivery answered with 2xx–4xx (but 429) is done, otherwise it
    /// is tried again after the next delay until none is left.
    package var retries: [Double]

    /// A request.
    package init(url: String, headers: [(name: String, value: String)], body: String, retries: [Double]) {
        self.url = url
        self.headers = headers
        self.body = body
        self.retries = retries
    }

    package static func == (lhs: SNSEndpointRequest, rhs: SNSEndpointRequest) -> Bool {
        lhs.url == rhs.url && lhs.body == rhs.body && lhs.retries == rhs.retries
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    /// The value of header `name` (case-insensitive), if present.
    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
