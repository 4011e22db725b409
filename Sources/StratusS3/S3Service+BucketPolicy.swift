import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

extension S3Service {
    package func putBucketPolicy(_ input: S3.PutBucketPolicyRequest, context: RequestContext) async throws {
        let bucket = try await existingBucket(input.bucket)
        try S3AccessControl.checkPolicy(input.policy)
        if bucket.effectivePublicAccessBlock?.blockPublicPolicy == true, S3AccessControl.isPublicPolicy(input.policy) {
            throw S3Failure.accessDenied()
        }
        let policy = input.policy
        try await updateExistingBucket(input.bucket) { $0.policy = policy }
    }

    package func getBucketPolicy(_ input: S3.GetBucketPolicyRequest, context: RequestContext) async throws
        -> S3.GetBucketPolicyOutput
    {
        let bucket = try await existingBucket(input.bucket)
        guard let policy = bucket.policy else { throw Self.noBucketPolicy(input.bucket) }
        return S3.GetBucketPolicyOutput(policy: policy)
    }

    package func getBucketPolicyStatus(_ input: S3.GetBucketPolicyStatusRequest, context: RequestContext) async throws
        -> S3.GetBucketPolicyStatusOutput
    {
        let bucket = try await existingBucket(input.bucket)
        guard let policy = bucket.policy else { throw Self.noBucketPolicy(input.bucket) }
        return S3.GetBucketPolicyStatusOutput(policyStatus: S3.PolicyStatus(isPublic: S3AccessControl.isPublicPolicy(policy)))
    }

    package func deleteBucketPolicy(_ input: S3.DeleteBucketPolicyRequest, context: RequestContext) async throws {
        try await updateExistingBucket(input.bucket) { $0.policy = nil }
    }

    package func putPublicAccessBlock(_ input: S3.PutPublicAccessBlockRequest, context: RequestContext) async throws {
        _ = try await existingBucket(input.bucket)
        let settings = input.publicAccessBlockConfiguration
        guard settings.blockPublicAcls != nil || settings.ignorePublicAcls != nil || settings.blockPublicPolicy != nil
            || settings.restrictPublicBuckets != nil
        else { throw S3Failure.invalidRequest("Must specify at least one configuration.") }
        let stored = S3.PublicAccessBlockConfiguration(
            blockPublicAcls: settings.blockPublicAcls ?? false, ignorePublicAcls: settings.ignorePublicAcls ?? false,
            blockPublicPolicy: settings.blockPublicPolicy ?? false, restrictPublicBuckets: settings.restrictPublicBuckets ?? false)
        try await updateExistingBucket(input.bucket) {
            $0.publicAccessBlock = stored
            $0.publicAccessBlockRemoved = nil
        }
    }

    package func getPublicAccessBlock(_ input: S3.GetPublicAccessBlockRequest, context: RequestContext) async throws
        -> S3.GetPublicAccessBlockOutput
    {
        let bucket = try await existingBucket(input.bucket)
        guard let settings = bucket.effectivePublicAccessBlock else {
            throw S3Failure.settingNotFound("NoSuchPublicAccessBlockConfiguration",
                                            "The public access block configuration was not found", bucket: input.bucket)
        }
        return S3.GetPublicAccessBlockOutput(publicAccessBlockConfiguration: settings)
    }

    package func deletePublicAccessBlock(_ input: S3.DeletePublicAccessBlockRequest, context: RequestContext) async throws {
        try await updateExistingBucket(input.bucket) {
            $0.publicAccessBlock = nil
            $0.publicAccessBlockRemoved = true
        }
    }

    /// `NoSuchBucketPolicy` (404).
    static func noBucketPolicy(_ bucket: String) -> AWSServiceError {
        S3Failure.settingNotFound("NoSuchBucketPolicy", "The bucket policy does not exist", bucket: bucket)
    }

    /// Changes the bucket record of `name` in one write (`NoSuchBucket` when it does not exist).
    func updateExistingBucket(_ name: String, _ change: @escaping @Sendable (inout S3BucketRecord) -> Void) async throws {
        guard try await store.updateBucket(named: name, change) != nil else { throw S3Failure.noSuchBucket(name) }
    }
}
