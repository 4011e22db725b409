import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// The Transfer Acceleration and Requester Pays settings, kept and answered (a local server has no accelerated
/// endpoint, and Stratus does not bill or check who pays).
extension S3Service {
    package func putBucketAccelerateConfiguration(_ input: S3.PutBucketAccelerateConfigurationRequest,
                                                  context: RequestContext) async throws {
        _ = try await existingBucket(input.bucket)
        guard let status = input.accelerateConfiguration.status?.rawValue, status == "Enabled" || status == "Suspended"
        else { throw S3Failure.malformedXML() }
        guard !input.bucket.contains(".") else {
            throw S3Failure.invalidRequest("S3 Transfer Acceleration is not supported for buckets with periods (.) in their names")
        }
        guard try await store.updateBucket(named: input.bucket, { $0.accelerate = status }) != nil else {
            throw S3Failure.noSuchBucket(input.bucket)
        }
    }

    package func getBucketAccelerateConfiguration(_ input: S3.GetBucketAccelerateConfigurationRequest,
                                                  context: RequestContext) async throws
        -> S3.GetBucketAccelerateConfigurationOutput
    {
        let bucket = try await existingBucket(input.bucket)
        var output = S3.GetBucketAccelerateConfigurationOutput()
        output.status = bucket.accelerate.map { S3.BucketAccelerateStatus(rawValue: $0) }
        return output
    }

    package func putBucketRequestPayment(_ input: S3.PutBucketRequestPaymentRequest, context: RequestContext) async throws {
        _ = try await existingBucket(input.bucket)
        let payer = input.requestPaymentConfiguration.payer.rawValue
        guard payer == "Requester" || payer == "BucketOwner" else { throw S3Failure.malformedXML() }
        guard try await store.updateBucket(named: input.bucket, { $0.requestPayer = payer == "Requester" ? payer : nil }) != nil
        else { throw S3Failure.noSuchBucket(input.bucket) }
    }

    package func getBucketRequestPayment(_ input: S3.GetBucketRequestPaymentRequest, context: RequestContext) async throws
        -> S3.GetBucketRequestPaymentOutput
    {
        let bucket = try await existingBucket(input.bucket)
        var output = S3.GetBucketRequestPaymentOutput()
        output.payer = S3.Payer(rawValue: bucket.requestPayer ?? "BucketOwner")
        return output
    }
}
