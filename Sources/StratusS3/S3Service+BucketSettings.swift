import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

extension S3Service {
    /// S3's default encryption of every bucket: SSE-S3 (`AES256`), no bucket key.
    static let defaultEncryption = S3.ServerSideEncryptionConfiguration(rules: [S3.ServerSideEncryptionRule(
        applyServerSideEncryptionByDefault: S3.ServerSideEncryptionByDefault(sseAlgorithm: "AES256"),
        bucketKeyEnabled: false)])

    package func putBucketEncryption(_ input: S3.PutBucketEncryptionRequest, context: RequestContext) async throws {
        _ = try await existingBucket(input.bucket)
        let configuration = input.serverSideEncryptionConfiguration
        guard !configuration.rules.isEmpty else { throw S3Failure.malformedXML() }
        for rule in configuration.rules {
            guard let algorithm = rule.applyServerSideEncryptionByDefault?.sseAlgorithm.rawValue else { continue }
            switch algorithm {
            case "AES256": break
            case "aws:kms", "aws:kms:dsse":
                throw AWSServiceError(AWSErrorCode("NotImplemented", httpStatus: 501),
                                      "Stratus has no KMS: only SSE-S3 (AES256) default encryption is supported.")
            default: throw S3Failure.malformedXML()
            }
        }
        try await updateExistingBucket(input.bucket) { $0.encryption = configuration }
    }

    package func getBucketEncryption(_ input: S3.GetBucketEncryptionRequest, context: RequestContext) async throws
        -> S3.GetBucketEncryptionOutput
    {
        let bucket = try await existingBucket(input.bucket)
        return S3.GetBucketEncryptionOutput(serverSideEncryptionConfiguration: bucket.encryption ?? Self.defaultEncryption)
    }

    package func deleteBucketEncryption(_ input: S3.DeleteBucketEncryptionRequest, context: RequestContext) async throws {
        try await updateExistingBucket(input.bucket) { $0.encryption = nil }
    }

    package func putBucketOwnershipControls(_ input: S3.PutBucketOwnershipControlsRequest, context: RequestContext)
        async throws
    {
        let bucket = try await existingBucket(input.bucket)
        guard input.ownershipControls.rules.count == 1, let ownership = input.ownershipControls.rules.first?.objectOwnership.rawValue,
              S3AccessControl.ownerships.contains(ownership)
        else { throw S3Failure.malformedXML() }
        let owner = Self.canonicalUserID(accountID: bucket.accountID)
        if ownership == S3AccessControl.defaultOwnership, !S3AccessControl.isOwnerOnly(bucket.acl ?? [], owner: owner) {
            throw Self.aclWithEnforcedOwnership()
        }
        try await updateExistingBucket(input.bucket) {
            $0.ownership = ownership
            $0.ownershipControlsRemoved = nil
        }
    }

    package func getBucketOwnershipControls(_ input: S3.GetBucketOwnershipControlsRequest, context: RequestContext)
        async throws -> S3.GetBucketOwnershipControlsOutput
    {
        let bucket = try await existingBucket(input.bucket)
        guard bucket.ownershipControlsRemoved != true else {
            throw S3Failure.settingNotFound("OwnershipControlsNotFoundError", "The bucket ownership controls were not found",
                                            bucket: input.bucket)
        }
        return S3.GetBucketOwnershipControlsOutput(ownershipControls: S3.OwnershipControls(rules: [
            S3.OwnershipControlsRule(objectOwnership: S3.ObjectOwnership(rawValue: bucket.effectiveOwnership))]))
    }

    package func deleteBucketOwnershipControls(_ input: S3.DeleteBucketOwnershipControlsRequest, context: RequestContext)
        async throws
    {
        try await updateExistingBucket(input.bucket) {
            $0.ownership = nil
            $0.ownershipControlsRemoved = true
        }
    }

    /// `InvalidBucketAclWithObjectOwnership` (400): ACL grants beyond the owner's on a bucket whose ownership is
    /// `BucketOwnerEnforced`.
    static func aclWithEnforcedOwnership() -> AWSServiceError {
        AWSServiceError(AWSErrorCode("InvalidBucketAclWithObjectOwnership", httpStatus: 400),
                        "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting")
    }
}
