import Foundation
import OrderedCollections
import StratusAPIS3
@testable import StratusS3
import StratusServiceKit
import StratusTesting
import Testing

/// CORS: the configuration's checks, rule matching with wildcards, the preflight answers and errors, and the
/// headers of admitted requests.
@Suite struct S3CORSTests {
    private let context = S3Fixture.context
    private let rule = S3.CORSRule(
        allowedHeaders: ["Content-Type", "x-amz-*"], allowedMethods: ["GET", "PUT"],
        allowedOrigins: ["http://localhost:*"], exposeHeaders: ["ETag"], maxAgeSeconds: 600)

    @Test func wildcardsStandForAnyText() {
        #expect(S3CORSRules.matches(pattern: "http://localhost:*", value: "http://localhost:3000"))
        #expect(S3CORSRules.matches(pattern: "*", value: "https://example.com"))
        #expect(S3CORSRules.matches(pattern: "https://*.example.com", value: "https://app.example.com"))
        #expect(!S3CORSRules.matches(pattern: "https://*.example.com", value: "https://example.com"))
        #expect(!S3CORSRules.matches(pattern: "http://localhost:3000", value: "http://localhost:3001"))
    }

    @Test func theFirstRuleAdmittingOriginMethodAndHeadersWins() {
        let any = S3.CORSRule(allowedMethods: ["GET"], allowedOrigins: ["*"])
        #expect(S3CORSRules.rule(in: [rule, any], origin: "http://localhost:8080", method: "PUT",
                                 requestHeaders: ["content-type", "x-amz-date"]) == rule)
        #expect(S3CORSRules.rule(in: [rule, any], origin: "https://other.example", method: "GET", requestHeaders: []) == any)
        #expect(S3CORSRules.rule(in: [rule, any], origin: "http://localhost:8080", method: "PUT",
                                 requestHeaders: ["authorization"]) == nil)
        #expect(S3CORSRules.rule(in: [rule], origin: "http://localhost:8080", method: "DELETE", requestHeaders: []) == nil)
    }

    @Test func answersNameTheOriginOrTheWildcard() {
        let named = S3CORSRules.responseHeaders(for: rule, origin: "http://localhost:3000", requestHeaders: ["content-type"])
        #expect(named.map(\.0) == ["Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
                                   "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
                                   "Access-Control-Expose-Headers", "Access-Control-Max-Age", "Vary"])
        #expect(named[0].1 == "http://localhost:3000" && named[2].1 == "GET, PUT" && named[5].1 == "600")
        let open = S3CORSRules.responseHeaders(for: S3.CORSRule(allowedMethods: ["GET"], allowedOrigins: ["*"]),
                                               origin: "https://x.example", requestHeaders: [])
        #expect(open.map(\.0) == ["Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Vary"])
        #expect(open[0].1 == "*")
    }

    @Test(arguments: [
        (S3.CORSRule(allowedMethods: ["PATCH"], allowedOrigins: ["*"]),
         "Found unsupported HTTP method in CORS config. Unsupported method is PATCH"),
        (S3.CORSRule(allowedMethods: ["GET"], allowedOrigins: ["http://*.*.example"]),
         "AllowedOrigin \"http://*.*.example\" can not have more than one wildcard."),
        (S3.CORSRule(allowedHeaders: ["**"], allowedMethods: ["GET"], allowedOrigins: ["*"]),
         "AllowedHeader \"**\" can not have more than one wildcard."),
        (S3.CORSRule(allowedMethods: ["GET"], allowedOrigins: ["*"], exposeHeaders: ["x-*"]),
         "ExposeHeader \"x-*\" contains wildcard. We currently do not support wildcard for ExposeHeader."),
    ])
    func configurationsAreChecked(rule: S3.CORSRule, message: String) {
        do {
            try S3CORSRules.check(S3.CORSConfiguration(corsRules: [rule]))
            Issue.record("accepted")
        } catch let error as AWSServiceError {
            #expect(error.code.code == "InvalidRequest" && error.message == message)
        } catch {
            Issue.record("\(error)")
        }
        #expect(throws: AWSServiceError.self) { try S3CORSRules.check(S3.CORSConfiguration(corsRules: [])) }
    }

    @Test func preflightsFollowTheBucketsRules() async throws {
        let fixture = try S3Fixture()
        let s3 = fixture.service
        _ = try await s3.createBucket(S3.CreateBucketRequest(bucket: "web"), context: context)
        let disabled = await fixture.error {
            _ = try await s3.preflight(bucket: "web", key: "k", origin: "http://localhost:3000", method: "PUT", requestHeaders: nil)
        }
        #expect(disabled?.code.code == "AccessForbidden" && disabled?.code.httpStatus == 403)
        #expect(disabled?.message == "CORSResponse: CORS is not enabled for this bucket.")
        let missing = await fixture.error {
            _ = try await s3.getBucketCors(S3.GetBucketCorsRequest(bucket: "web"), context: context)
        }
        #expect(missing?.code.code == "NoSuchCORSConfiguration" && missing?.code.httpStatus == 404)
        try await s3.putBucketCors(S3.PutBucketCorsRequest(
            bucket: "web", corsConfiguration: S3.CORSConfiguration(corsRules: [rule])), context: context)
        #expect(try await s3.getBucketCors(S3.GetBucketCorsRequest(bucket: "web"), context: context).corsRules == [rule])
        let admitted = try await s3.preflight(bucket: "web", key: "k", origin: "http://localhost:3000", method: "PUT",
                                              requestHeaders: "Content-Type, X-Amz-Date")
        #expect(admitted.first { $0.0 == "Access-Control-Allow-Headers" }?.1 == "content-type, x-amz-date")
        let refused = await fixture.error {
            _ = try await s3.preflight(bucket: "web", key: nil, origin: "https://elsewhere.example", method: "GET",
                                       requestHeaders: nil)
        }
        #expect(refused?.code.code == "AccessForbidden" && refused?.fields["ResourceType"] == .string("BUCKET"))
        let noOrigin = await fixture.error {
            _ = try await s3.preflight(bucket: "web", key: "k", origin: nil, method: "GET", requestHeaders: nil)
        }
        #expect(noOrigin?.code.code == "BadRequest" && noOrigin?.message == "Insufficient information. Origin request header needed.")
        let badMethod = await fixture.error {
            _ = try await s3.preflight(bucket: "web", key: "k", origin: "http://localhost:1", method: "PATCH", requestHeaders: nil)
        }
        #expect(badMethod?.message == "Invalid Access-Control-Request-Method: PATCH")
        #expect(await s3.corsHeaders(bucket: "web", origin: "http://localhost:3000", method: "GET").count == 6)
        #expect(await s3.corsHeaders(bucket: "web", origin: "http://localhost:3000", method: "DELETE").isEmpty)
        try await s3.deleteBucketCors(S3.DeleteBucketCorsRequest(bucket: "web"), context: context)
        #expect(await s3.corsHeaders(bucket: "web", origin: "http://localhost:3000", method: "GET").isEmpty)
    }
}
