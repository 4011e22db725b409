/// S3 routing quirks.
package enum S3Routing {
    /// Query keys S3 operation templates carry that clients may leave out.
    ///
    /// What AWS does: botocore's S3 model writes `?x-id=GetObject` (and `PutObject`, `DeleteObject`, …) into
    /// request URIs so that SDKs add a hint, but S3 itself routes by method, path and the other query keys;
    /// older clients and plain HTTP tools never send `x-id`. So `x-id` ranks a match but is not required.
    package static let optionalQueryKeys: Set<String> = ["x-id"]
}
