/// S3's size limits.
package enum S3Limits {
    /// The smallest part of a multipart upload other than the last (5 MiB).
    package static let minimumPartSize = 5 * 1024 * 1024
    /// The longest key, in UTF-8 bytes.
    package static let maximumKeyBytes = 1024
    /// The most keys of one `DeleteObjects` request.
    package static let maximumDeleteKeys = 1000
    /// The most entries of one listing page.
    package static let maximumPage = 1000
}
