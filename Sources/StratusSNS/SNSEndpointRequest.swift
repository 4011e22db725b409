import Foundation

/// One POST of SNS to a subscriber's HTTP or HTTPS endpoint: a subscription or unsubscribe confirmation, or a
/// notification, with the headers SNS sends and how often to try.
package struct SNSEndpointRequest: Sendable, Equatable, Codable {
    /// One header line.
    package struct Header: Sendable, Equatable, Codable {
        /// The header's name.
        package var name: String
        /// Its value.
        package var value: String

        /// A header.
        package init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The subscriber's URL.
    package var url: String
    /// `x-amz-sns-*`, `Content-Type` and `User-Agent`, in order.
    package var headers: [Header]
    /// The JSON document (or, with raw delivery, the message itself).
    package var body: String
    /// The delays before each retry, in seconds (the delivery policy's schedule).
    package var retries: [Double]

    /// A request.
    package init(url: String, headers: [Header], body: String, retries: [Double]) {
        self.url = url
        self.headers = headers
        self.body = body
        self.retries = retries
    }

    /// The value of header `name` (case-insensitive), if present.
    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
