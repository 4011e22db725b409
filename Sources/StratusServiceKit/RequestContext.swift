import Foundation

/// What a handler knows about the request besides its input: who sent it, where, and when.
///
/// The wire layer fills it from SigV4 and the HTTP request; in-process calls (Step Functions tasks, event
/// deliveries) build it themselves. It is a value: handlers may copy it into work they schedule.
package struct RequestContext: Sendable {
    /// The 12-digit account the request acts in.
    package var accountID: String
    /// The region (`us-east-1` unless the signature says otherwise).
    package var region: String
    /// The request id returned to the client (`x-amzn-RequestId`, `<RequestId>`).
    package var requestID: String
    /// The `Host` header as the client sent it (`localhost:4566`), used to build URLs such as queue URLs.
    package var host: String
    /// The URL scheme the client used (`http`).
    package var scheme: String
    /// The access key id the request was signed with, if any.
    package var accessKeyID: String?
    /// The time the request arrived, from the server's injected clock.
    package var receivedAt: Date

    package init(
        accountID: String,
        region: String,
        requestID: String,
        host: String,
        scheme: String = "http",
        accessKeyID: String? = nil,
        receivedAt: Date
    ) {
        self.accountID = accountID
        self.region = region
        self.requestID = requestID
        self.host = host
        self.scheme = scheme
        self.accessKeyID = accessKeyID
        self.receivedAt = receivedAt
    }

    /// The endpoint URL the client talks to (`http://localhost:4566`).
    package var endpointURL: String { "\(scheme)://\(host)" }
}
