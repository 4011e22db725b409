import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// The members of requests that set an ACL: a canned ACL, explicit grant headers, or (`Put…Acl`) a document.
protocol S3ACLFields {
    var grantFullControl: String? { get }
    var grantRead: String? { get }
    var grantReadACP: String? { get }
    var grantWrite: String? { get }
    var grantWriteACP: String? { get }
}

extension S3.PutBucketAclRequest: S3ACLFields {}
extension S3.PutObjectAclRequest: S3ACLFields {}
extension S3.PutObjectRequest: S3ACLFields {
    var grantWrite: String? { nil }
}
extension S3.CopyObjectRequest: S3ACLFields {
    var grantWrite: String? { nil }
}
extension S3.CreateMultipartUploadRequest: S3ACLFields {
    var grantWrite: String? { nil }
}
extension S3.CreateBucketRequest: S3ACLFields {}

extension S3Service {
    package func getBucketAcl(_ input: S3.GetBucketAclRequest, context: RequestContext) async throws -> S3.GetBucketAclOutput {
        let bucket = try await existingBucket(input.bucket)
        let owner = Self.canonicalUserID(accountID: bucket.accountID)
        return S3.GetBucketAclOutput(owner: S3.Owner(id: owner), grants: bucket.acl ?? [S3AccessControl.user(owner, "FULL_CONTROL")])
    }

    package func putBucketAcl(_ input: S3.PutBucketAclRequest, context: RequestContext) async throws {
        let bucket = try await existingBucket(input.bucket)
        let grants = try Self.replacementGrants(input, canned: input.acl?.rawValue, document: input.accessControlPolicy,
                                                on: bucket)
        try await updateExistingBucket(input.bucket) { $0.acl = grants }
    }

    package func getObjectAcl(_ input: S3.GetObjectAclRequest, context: RequestContext) async throws -> S3.GetObjectAclOutput {
        let bucket = try await existingBucket(input.bucket)
        let object = try await readableVersion(bucket: bucket, key: input.key, versionID: input.versionId, method: "GET")
        let owner = Self.canonicalUserID(accountID: bucket.accountID)
        return S3.GetObjectAclOutput(owner: S3.Owner(id: owner), grants: object.acl ?? [S3AccessControl.user(owner, "FULL_CONTROL")])
    }

    package func putObjectAcl(_ input: S3.PutObjectAclRequest, context: RequestContext) async throws -> S3.PutObjectAclOutput {
        let bucket = try await existingBucket(input.bucket)
        let grants = try Self.replacementGrants(input, canned: input.acl?.rawValue, document: input.accessControlPolicy,
                                                on: bucket)
        _ = try await readableVersion(bucket: bucket, key: input.key, versionID: input.versionId, method: "PUT")
        guard try await store.updateObject(bucket: input.bucket, key: input.key, versionID: input.versionId, events: [],
                                           { $0.acl = grants })
        else { throw input.versionId.map { S3Failure.noSuchVersion(key: input.key, versionID: $0) } ?? S3Failure.noSuchKey(input.key) }
        return S3.PutObjectAclOutput()
    }

    /// The grants of a `Put…Acl` request, checked against `bucket` (``checkACL(_:on:owner:)``); `MalformedXML`
    /// when it names none.
    static func replacementGrants(_ fields: some S3ACLFields, canned: String?, document: S3.AccessControlPolicy?,
                                  on bucket: S3BucketRecord) throws -> [S3.Grant] {
        let owner = canonicalUserID(accountID: bucket.accountID)
        guard let grants = try requestedGrants(fields, canned: canned, document: document, owner: owner) else {
            throw S3Failure.malformedXML()
        }
        try checkACL(grants, on: bucket, owner: owner)
        return grants
    }

    /// The grants a request asks for: those of its canned ACL, its `x-amz-grant-*` headers or its document (one
    /// of them; nil when it names none). `InvalidArgument` for an unknown canned ACL or a malformed grant header,
    /// `InvalidRequest` when it names both a canned ACL and grant headers.
    static func requestedGrants(_ fields: some S3ACLFields, canned: String?, document: S3.AccessControlPolicy?,
                                owner: String) throws -> [S3.Grant]? {
        let headers: [(permission: String, value: String?)] = [
            ("FULL_CONTROL", fields.grantFullControl), ("READ", fields.grantRead), ("READ_ACP", fields.grantReadACP),
            ("WRITE", fields.grantWrite), ("WRITE_ACP", fields.grantWriteACP),
        ]
        let hasHeaders = headers.contains { $0.value != nil }
        if let canned {
            guard !hasHeaders else {
                throw S3Failure.invalidRequest("Specifying both Canned ACLs and Header Grants is not allowed")
            }
            guard let grants = S3AccessControl.cannedGrants(canned, owner: owner) else {
                throw S3Failure.invalidArgument("", name: "x-amz-acl", value: canned)
            }
            return grants
        }
        if hasHeaders {
            guard let grants = S3AccessControl.headerGrants(headers) else {
                throw S3Failure.invalidArgument("Invalid id", name: "x-amz-grant", value: "")
            }
            return grants
        }
        return document?.grants
    }

    /// S3's rules for setting `grants` on `bucket` or its objects: only the owner's full control while object
    /// ownership is `BucketOwnerEnforced` (`AccessControlListNotSupported`), nothing public while Block Public
    /// Access blocks public ACLs (`AccessDenied`).
    static func checkACL(_ grants: [S3.Grant], on bucket: S3BucketRecord, owner: String) throws {
        if bucket.effectiveOwnership == S3AccessControl.defaultOwnership, !S3AccessControl.isOwnerOnly(grants, owner: owner) {
            throw S3Failure.aclNotSupported()
        }
        if bucket.effectivePublicAccessBlock?.blockPublicAcls == true, S3AccessControl.isPublic(grants) {
            throw S3Failure.accessDenied()
        }
    }

    /// The ACL a write (`PutObject`, `CopyObject`, `CreateMultipartUpload`) asks for, checked against the bucket;
    /// nil when it asks for none (the owner's full control).
    func objectGrants(_ fields: some S3ACLFields, canned: String?, bucket: S3BucketRecord) throws -> [S3.Grant]? {
        let owner = Self.canonicalUserID(accountID: bucket.accountID)
        guard let grants = try Self.requestedGrants(fields, canned: canned, document: nil, owner: owner) else { return nil }
        try Self.checkACL(grants, on: bucket, owner: owner)
        return S3AccessControl.isOwnerOnly(grants, owner: owner) && grants.count == 1 ? nil : grants
    }
}
