import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// The reads of bucket settings Stratus cannot configure (their `Put…` operations answer `NotImplemented`), answered
/// as S3 answers for a bucket that has none — what infrastructure tools read back after creating a bucket.
extension S3Service {
    package func getBucketReplication(_ input: S3.GetBucketReplicationRequest, context: RequestContext) async throws
        -> S3.GetBucketReplicationOutput
    {
        _ = try await existingBucket(input.bucket)
        throw S3Failure.settingNotFound("ReplicationConfigurationNotFoundError", "The replication configuration was not found",
                                        bucket: input.bucket)
    }

    package func getBucketLogging(_ input: S3.GetBucketLoggingRequest, context: RequestContext) async throws
        -> S3.GetBucketLoggingOutput
    {
        _ = try await existingBucket(input.bucket)
        return S3.GetBucketLoggingOutput()
    }

    package func getBucketAccelerateConfiguration(_ input: S3.GetBucketAccelerateConfigurationRequest,
                                                  context: RequestContext) async throws
        -> S3.GetBucketAccelerateConfigurationOutput
    {
        _ = try await existingBucket(input.bucket)
        return S3.GetBucketAccelerateConfigurationOutput()
    }

    package func getBucketRequestPayment(_ input: S3.GetBucketRequestPaymentRequest, context: RequestContext) async throws
        -> S3.GetBucketRequestPaymentOutput
    {
        _ = try await existingBucket(input.bucket)
        var output = S3.GetBucketRequestPaymentOutput()
        output.payer = "BucketOwner"
        return output
    }
}
