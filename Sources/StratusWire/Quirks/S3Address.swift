/// Where an S3 request names its bucket: in the host (virtual-host style) or in the path (path style).
package struct S3Address: Sendable, Equatable {
    /// The bucket, when the request names one.
    package var bucket: String?
    /// The object key (percent-decoded), when the request names one.
    package var key: String?
    /// The request path in path style (`/bucket/key…`, still percent-encoded), what the REST matcher expects.
    package var pathStylePath: String
    /// Whether the bucket came from the host.
    package var isVirtualHost: Bool
}
