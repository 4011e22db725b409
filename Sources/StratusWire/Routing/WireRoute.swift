import StratusServiceKit

/// Where the router sent a request: the service, the protocol to speak, and (when known) the operation.
///
/// Guarantees: `operation` belongs to `service`; `wireProtocol` is one of `service.protocols`. For REST
/// services `labels` holds the URI labels (percent-encoded as sent) and `path` the path the operation was
/// matched against (for S3 virtual-host requests, `/<bucket>` followed by the request path).
package struct WireRoute: Sendable {
    /// The chosen service.
    package var service: ServiceSchema
    /// The protocol of the request (and of the answer).
    package var wireProtocol: WireProtocol
    /// The chosen operation.
    package var operation: OperationSchema
    /// URI labels of REST operations (label name → raw value).
    package var labels: [String: String]
    /// The path the operation was matched against (raw, without the query).
    package var path: String
    /// The bucket named by a virtual-host style S3 request, if any.
    package var virtualHostBucket: String?
    /// The parsed form parameters of an AWS Query request.
    package var form: AWSQueryForm?

    /// A route from its parts (the router guarantees they belong together).
    package init(
        service: ServiceSchema, wireProtocol: WireProtocol, operation: OperationSchema, labels: [String: String] = [:],
        path: String = "/", virtualHostBucket: String? = nil, form: AWSQueryForm? = nil
    ) {
        self.service = service
        self.wireProtocol = wireProtocol
        self.operation = operation
        self.labels = labels
        self.path = path
        self.virtualHostBucket = virtualHostBucket
        self.form = form
    }
}

/// Why a request could not be routed, with what is needed to answer it in the client's protocol.
///
/// Guarantees: `error` is safe to show the client; `wireProtocol` is the protocol the client most likely speaks.
package struct WireRoutingFailure: Error, Sendable {
    /// The error to answer with.
    package var error: AWSServiceError
    /// The protocol to answer in.
    package var wireProtocol: WireProtocol
    /// The service, when it was identified.
    package var service: ServiceSchema?

    /// A failure answering `error` in `wireProtocol`.
    package init(_ error: AWSServiceError, wireProtocol: WireProtocol, service: ServiceSchema? = nil) {
        self.error = error
        self.wireProtocol = wireProtocol
        self.service = service
    }
}
