import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

extension S3Service {
    package func putBucketCors(_ input: S3.PutBucketCorsRequest, context: RequestContext) async throws {
        _ = try await existingBucket(input.bucket)
        try S3CORSRules.check(input.corsConfiguration)
        let configuration = input.corsConfiguration
        guard try await store.updateBucket(named: input.bucket, { $0.cors = configuration }) != nil else {
            throw S3Failure.noSuchBucket(input.bucket)
        }
    }

    package func getBucketCors(_ input: S3.GetBucketCorsRequest, context: RequestContext) async throws
        -> S3.GetBucketCorsOutput
    {
        let bucket = try await existingBucket(input.bucket)
        guard let cors = bucket.cors else { throw S3Failure.noSuchCORSConfiguration(input.bucket) }
        return S3.GetBucketCorsOutput(corsRules: cors.corsRules)
    }

    package func deleteBucketCors(_ input: S3.DeleteBucketCorsRequest, context: RequestContext) async throws {
        _ = try await existingBucket(input.bucket)
        _ = try await store.updateBucket(named: input.bucket) { $0.cors = nil }
    }

    /// The answer to a CORS preflight (`OPTIONS`) for `key` (nil: the bucket itself) of `bucket`: the headers of the
    /// first rule that admits `origin`, `method` (`Access-Control-Request-Method`) and `requestHeaders`
    /// (`Access-Control-Request-Headers`). `BadRequest` without an origin or with a method S3 does not know,
    /// `NoSuchBucket`, and `AccessForbidden` when the bucket has no CORS rules or none admits the request.
    package func preflight(bucket name: String, key: String?, origin: String?, method: String?, requestHeaders: String?)
        async throws -> [(String, String)]
    {
        guard let origin, !origin.isEmpty else {
            throw S3Failure.badRequest("Insufficient information. Origin request header needed.")
        }
        guard let method, S3CORSRules.methods.contains(method) else {
            throw S3Failure.badRequest("Invalid Access-Control-Request-Method: \(method ?? "")")
        }
        let bucket = try await existingBucket(name)
        let resourceType = key == nil ? "BUCKET" : "OBJECT"
        guard let rules = bucket.cors?.corsRules else {
            throw S3Failure.corsForbidden("CORS is not enabled for this bucket.", method: method, resourceType: resourceType)
        }
        let headers = S3CORSRules.requestedHeaders(requestHeaders)
        guard let rule = S3CORSRules.rule(in: rules, origin: origin, method: method, requestHeaders: headers) else {
            throw S3Failure.corsForbidden(
                "This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
                method: method, resourceType: resourceType)
        }
        return S3CORSRules.responseHeaders(for: rule, origin: origin, requestHeaders: headers)
    }

    /// The CORS headers S3 adds to its answer to a request from `origin` with `method` on `bucket`: those of the
    /// first rule that admits them, none when the bucket has no CORS rules or none admits the request.
    package func corsHeaders(bucket name: String, origin: String, method: String) async -> [(String, String)] {
        guard let rules = try? await store.bucket(named: name)?.cors?.corsRules,
              let rule = S3CORSRules.rule(in: rules, origin: origin, method: method, requestHeaders: [])
        else { return [] }
        return S3CORSRules.responseHeaders(for: rule, origin: origin, requestHeaders: [])
    }
}
