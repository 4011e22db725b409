import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

extension S3Service {
    package func createBucket(_ input: S3.CreateBucketRequest, context: RequestContext) async throws -> S3.CreateBucketOutput {
        let name = input.bucket
        guard S3BucketName.isValid(name) else { throw S3Failure.invalidBucketName(name) }
        let constraint = input.createBucketConfiguration?.locationConstraint?.rawValue
        let region: String
        if context.region == "us-east-1" {
            if constraint == "us-east-1" { throw S3Failure.invalidLocationConstraint("us-east-1") }
            region = constraint.flatMap { $0.isEmpty ? nil : $0 } ?? "us-east-1"
        } else {
            guard let constraint, !constraint.isEmpty else { throw S3Failure.illegalLocationConstraint(nil) }
            guard constraint == context.region else { throw S3Failure.illegalLocationConstraint(constraint) }
            region = constraint
        }
        var record = S3BucketRecord(name: name, accountID: context.accountID, region: region, createdAt: nowSeconds())
        if let ownership = input.objectOwnership?.rawValue {
            guard S3AccessControl.ownerships.contains(ownership) else {
                throw S3Failure.invalidArgument("Invalid x-amz-object-ownership header: \(ownership)",
                                                name: "x-amz-object-ownership", value: ownership)
            }
            record.ownership = ownership
        }
        let owner = Self.canonicalUserID(accountID: context.accountID)
        if let grants = try Self.requestedGrants(input, canned: input.acl?.rawValue, document: nil, owner: owner),
           !(S3AccessControl.isOwnerOnly(grants, owner: owner) && grants.count == 1) {
            guard record.effectiveOwnership != S3AccessControl.defaultOwnership else { throw Self.aclWithEnforcedOwnership() }
            record.acl = grants
        }
        if input.objectLockEnabledForBucket == true {
            // Object Lock needs versioning, which it turns on for good.
            record.objectLock = S3.ObjectLockConfiguration(objectLockEnabled: "Enabled")
            record.versioning = "Enabled"
        }
        if let existing = try await store.createBucket(record) {
            guard existing.accountID == context.accountID else { throw S3Failure.bucketAlreadyExists(name) }
            // us-east-1 answers a repeated create of one's own bucket with success (S3's legacy behaviour).
            guard context.region == "us-east-1", existing.region == "us-east-1" else {
                throw S3Failure.bucketAlreadyOwnedByYou(name)
            }
        }
        var output = S3.CreateBucketOutput()
        output.location = region == "us-east-1" ? "/\(name)" : "\(context.endpointURL)/\(name)/"
        output.bucketArn = "arn:aws:s3:::\(name)"
        return output
    }

    package func headBucket(_ input: S3.HeadBucketRequest, context: RequestContext) async throws -> S3.HeadBucketOutput {
        let bucket = try await existingBucket(input.bucket)
        var output = S3.HeadBucketOutput()
        output.bucketRegion = bucket.region
        output.accessPointAlias = false
        return output
    }

    package func deleteBucket(_ input: S3.DeleteBucketRequest, context: RequestContext) async throws {
        switch try await store.deleteBucket(named: input.bucket) {
        case .deleted: return
        case .notEmpty: throw S3Failure.bucketNotEmpty(input.bucket)
        case .missing: throw S3Failure.noSuchBucket(input.bucket)
        }
    }

    package func getBucketLocation(_ input: S3.GetBucketLocationRequest, context: RequestContext) async throws
        -> S3.GetBucketLocationOutput
    {
        let bucket = try await existingBucket(input.bucket)
        var output = S3.GetBucketLocationOutput()
        // us-east-1 is the empty location constraint.
        if bucket.region != "us-east-1" { output.locationConstraint = S3.BucketLocationConstraint(rawValue: bucket.region) }
        return output
    }

    package func listBuckets(_ input: S3.ListBucketsRequest, context: RequestContext) async throws -> S3.ListBucketsOutput {
        if let maximum = input.maxBuckets, !(1...10_000).contains(maximum) {
            throw S3Failure.invalidArgument("Argument max-buckets must be an integer between 1 and 10000",
                                            name: "max-buckets", value: String(maximum))
        }
        var after: String?
        if let token = input.continuationToken {
            guard let decoded = Data(base64Encoded: token).map({ String(decoding: $0, as: UTF8.self) }), !decoded.isEmpty
            else {
                throw S3Failure.invalidArgument("The continuation token provided is incorrect",
                                                name: "continuation-token", value: token)
            }
            after = decoded
        }
        let matching = try await store.buckets(accountID: context.accountID).filter { bucket in
            (input.prefix.map { bucket.name.hasPrefix($0) } ?? true)
                && (input.bucketRegion.map { bucket.region == $0 } ?? true)
                && (after.map { bucket.name.utf8.lexicographicallyPrecedes($0.utf8) == false && bucket.name != $0 } ?? true)
        }
        let limit = input.maxBuckets ?? 10_000
        let page = Array(matching.prefix(limit))
        var output = S3.ListBucketsOutput()
        output.buckets = page.map { bucket in
            var entry = S3.Bucket()
            entry.name = bucket.name
            entry.creationDate = Self.date(bucket.createdAt)
            entry.bucketRegion = bucket.region
            entry.bucketArn = "arn:aws:s3:::\(bucket.name)"
            return entry
        }
        output.owner = Self.owner(accountID: context.accountID)
        output.prefix = input.prefix
        if matching.count > limit, let last = page.last {
            output.continuationToken = Data(last.name.utf8).base64EncodedString()
        }
        return output
    }
}
