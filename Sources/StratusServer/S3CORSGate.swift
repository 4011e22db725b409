import Foundation
import HTTPTypes
import StratusS3
import StratusServiceKit
import StratusWire

/// CORS for S3, beside the wire gateway (S3's model has no operation for it): answers preflight (`OPTIONS`) requests
/// to buckets and objects from the bucket's CORS rules, and adds the `Access-Control-*` headers of the rule that
/// admits a request with an `Origin` to S3's answer.
///
/// Guarantees: only requests the router sends to S3 are touched; a request without `Origin` costs nothing more;
/// preflight errors are S3's `<Error>` documents.
struct S3CORSGate: Sendable {
    let s3: S3Service
    let router: ServiceRouter
    let gateway: WireGateway

    /// The bucket and key a request to S3 addresses; nil for requests to other services or to no bucket.
    func target(of request: WireRequest) -> (bucket: String, key: String?, service: ServiceSchema)? {
        let service: ServiceSchema?
        switch router.route(request) {
        case .success(let route): service = route.service
        case .failure(let failure): service = failure.service
        }
        guard let service, S3Quirks.applies(to: service) else { return nil }
        let address = S3Addressing.bucketAndKey(host: ServiceRouter.host(of: request) ?? "localhost", path: request.rawPath)
        guard let bucket = address.bucket else { return nil }
        return (bucket, address.key, service)
    }

    /// The answer to a preflight request to S3, nil for any other request.
    func preflight(_ request: WireRequest, requestID: String) async -> WireResponse? {
        guard request.head.method == .options, let target = target(of: request) else { return nil }
        var answer: WireResponse
        do {
            let headers = try await s3.preflight(
                bucket: target.bucket, key: target.key, origin: request.header("Origin"),
                method: request.header("Access-Control-Request-Method"),
                requestHeaders: request.header("Access-Control-Request-Headers"))
            answer = WireResponse(status: 200, headers: headers + [("Content-Length", "0")])
        } catch {
            answer = errorAnswer(error, service: target.service, requestID: requestID)
        }
        Self.set("x-amz-request-id", requestID, in: &answer)
        Self.set("x-amz-id-2", Data(requestID.utf8).base64EncodedString(), in: &answer)
        return answer
    }

    /// S3's `<Error>` document for `error`: an ``AWSServiceError`` as it is, anything else as S3's `500 InternalError`
    /// without its text.
    func errorAnswer(_ error: any Error, service: ServiceSchema, requestID: String) -> WireResponse {
        let failure = error as? AWSServiceError
            ?? AWSServiceError(AWSErrorCode("InternalError", httpStatus: 500), "We encountered an internal error. Please try again.")
        return gateway.codec(for: .restXML, service: service)
            .encodeError(failure, operation: nil, service: service, requestID: requestID)
    }

    /// Adds the CORS headers of the bucket's rule that admits `request` (it has an `Origin`) to `response`.
    func decorate(_ response: inout WireResponse, for request: WireRequest) async {
        guard let origin = request.header("Origin"), let target = target(of: request) else { return }
        for (name, value) in await s3.corsHeaders(bucket: target.bucket, origin: origin, method: request.head.method.rawValue) {
            Self.set(name, value, in: &response)
        }
    }

    private static func set(_ name: String, _ value: String, in response: inout WireResponse) {
        guard let field = HTTPField.Name(name) else { return }
        response.head.headerFields[field] = value
    }
}
