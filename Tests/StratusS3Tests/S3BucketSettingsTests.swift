import Foundation
import StratusAPIS3
@testable import StratusS3
import StratusServiceKit
import StratusTesting
import Testing

/// Bucket settings: ACL documents (canned, grant headers), policy checks and the public judgement, and S3's rules
/// for setting them (object ownership, Block Public Access).
@Suite struct S3BucketSettingsTests {
    private let context = S3Fixture.context
    private let owner = S3Service.canonicalUserID(accountID: S3Fixture.context.accountID)

    @Test func cannedACLsGrantWhatS3Grants() {
        #expect(S3AccessControl.cannedGrants("private", owner: "o") == [S3AccessControl.user("o", "FULL_CONTROL")])
        #expect(S3AccessControl.cannedGrants("public-read", owner: "o")?.map { $0.permission?.rawValue } == ["FULL_CONTROL", "READ"])
        #expect(S3AccessControl.isPublic(S3AccessControl.cannedGrants("authenticated-read", owner: "o") ?? []))
        #expect(!S3AccessControl.isPublic(S3AccessControl.cannedGrants("log-delivery-write", owner: "o") ?? []))
        #expect(S3AccessControl.cannedGrants("aws-exec-write", owner: "o") == nil)
    }

    @Test func grantHeadersNameUsersGroupsAndAddresses() {
        let grants = S3AccessControl.headerGrants([
            ("READ", #"id="abc", uri="http://acs.amazonaws.com/groups/global/AllUsers""#),
            ("WRITE_ACP", #"emailAddress="a@example.com""#), ("WRITE", nil),
        ])
        #expect(grants?.count == 3)
        #expect(grants?[0].grantee?.id == "abc" && grants?[1].grantee?.type.rawValue == "Group")
        #expect(grants?[2].grantee?.emailAddress == "a@example.com" && grants?[2].permission?.rawValue == "WRITE_ACP")
        #expect(S3AccessControl.headerGrants([("READ", "abc")]) == nil)
    }

    @Test func policiesAreCheckedAndJudged() throws {
        let open = #"{"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "s3:GetObject", "Resource": "*"}]}"#
        let conditioned = #"{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}}"#
        #expect(S3AccessControl.isPublicPolicy(open))
        #expect(!S3AccessControl.isPublicPolicy(conditioned))
        for (text, message) in [("[]", "This policy contains invalid Json"), ("{}", "Missing required field Statement"),
                                (#"{"Statement": [{"Principal": "*", "Action": "s3:*"}]}"#, "Missing required field Effect"),
                                (#"{"Statement": [{"Effect": "Allow", "Action": "s3:*"}]}"#, "Missing required field Principal")] {
            do {
                try S3AccessControl.checkPolicy(text)
                Issue.record("accepted \(text)")
            } catch let error as AWSServiceError {
                #expect(error.code.code == "MalformedPolicy" && error.message == message)
            }
        }
    }

    @Test func aclsFollowOwnershipAndBlockPublicAccess() async throws {
        let fixture = try S3Fixture()
        let s3 = fixture.service
        _ = try await s3.createBucket(S3.CreateBucketRequest(bucket: "enforced"), context: context)
        var publicRead = S3.PutBucketAclRequest(bucket: "enforced")
        publicRead.acl = "public-read"
        #expect(await fixture.error { try await s3.putBucketAcl(publicRead, context: context) }?.code.code
            == "AccessControlListNotSupported")
        var writer = S3.CreateBucketRequest(bucket: "writer")
        writer.objectOwnership = "ObjectWriter"
        _ = try await s3.createBucket(writer, context: context)
        publicRead.bucket = "writer"
        #expect(await fixture.error { try await s3.putBucketAcl(publicRead, context: context) }?.code.code == "AccessDenied")
        try await s3.putPublicAccessBlock(S3.PutPublicAccessBlockRequest(
            bucket: "writer", publicAccessBlockConfiguration: S3.PublicAccessBlockConfiguration(blockPublicAcls: false)),
            context: context)
        try await s3.putBucketAcl(publicRead, context: context)
        let grants = try await s3.getBucketAcl(S3.GetBucketAclRequest(bucket: "writer"), context: context).grants ?? []
        #expect(grants.count == 2 && S3AccessControl.isPublic(grants) && grants[0].grantee?.id == owner)
        let enforcing = S3.PutBucketOwnershipControlsRequest(
            bucket: "writer", ownershipControls: S3.OwnershipControls(rules: [S3.OwnershipControlsRule(objectOwnership: "BucketOwnerEnforced")]))
        #expect(await fixture.error { try await s3.putBucketOwnershipControls(enforcing, context: context) }?.code.code
            == "InvalidBucketAclWithObjectOwnership")
    }

    @Test func publicPoliciesAreBlockedUntilAllowed() async throws {
        let fixture = try S3Fixture()
        let s3 = fixture.service
        _ = try await s3.createBucket(S3.CreateBucketRequest(bucket: "site"), context: context)
        let policy = #"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}]}"#
        #expect(await fixture.error {
            try await s3.putBucketPolicy(S3.PutBucketPolicyRequest(bucket: "site", policy: policy), context: context)
        }?.code.code == "AccessDenied")
        try await s3.deletePublicAccessBlock(S3.DeletePublicAccessBlockRequest(bucket: "site"), context: context)
        try await s3.putBucketPolicy(S3.PutBucketPolicyRequest(bucket: "site", policy: policy), context: context)
        let status = try await s3.getBucketPolicyStatus(S3.GetBucketPolicyStatusRequest(bucket: "site"), context: context)
        #expect(status.policyStatus?.isPublic == true)
    }
}
