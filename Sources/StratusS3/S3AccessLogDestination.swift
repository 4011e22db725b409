// S3AccessLogDestination: where the access log records of one source bucket go.
import StratusAPIS3

/// A bucket with server access logging on, as it was when a request to it was recorded: its owner and region (for
/// partitioned log keys) and its logging target.
package struct S3AccessLogDestination: Sendable, Equatable {
    /// The source bucket.
    package var bucket: String
    /// The source bucket's owner account.
    package var accountID: String
    /// The source bucket's region.
    package var region: String
    /// The target bucket, prefix, grants and key format (`PutBucketLogging`'s `LoggingEnabled`).
    package var target: S3.LoggingEnabled

    package init(bucket: String, accountID: String, region: String, target: S3.LoggingEnabled) {
        self.bucket = bucket
        self.accountID = accountID
        self.region = region
        self.target = target
    }
}
