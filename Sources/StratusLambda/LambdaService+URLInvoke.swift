// LambdaService+URLInvoke: requests to function URLs, turned into invocations.
import Foundation
import StratusAPILambda
import StratusAWSCore
import StratusJSON
import StratusServiceKit

extension LambdaService {
    /// Answers an HTTP request to function URL `urlID` (reached at `host`): invokes the function (or alias)
    /// synchronously with the request as a payload-format-2.0 event and answers with its result
    /// (``LambdaURLEvent``). Lambda's own answers: `403 Forbidden` for an unknown URL or an `AWS_IAM` URL called
    /// without a valid SigV4 signature (checked by `verify` when given, else only its presence), `413` for bodies
    /// over 6 MB, `429 Rate Exceeded.` when throttled, `502 Internal
    /// Server Error` when the function fails. With CORS settings, preflights (`OPTIONS` with `Origin` and
    /// `Access-Control-Request-Method`) are answered without invoking, and answers to allowed origins get the
    /// `Access-Control-*` headers.
    package func invokeURL(_ urlID: String, host: String, request: LambdaURLRequest, requestID: String,
                           verify: (@Sendable (LambdaURLRequest) -> Bool)? = nil) async -> LambdaURLResponse
    {
        guard let found = try? await functionURL(id: urlID) else { return .message(403, "Forbidden") }
        let (function, url) = found
        let origin = request.header("Origin")
        if let cors = url.cors, request.method == "OPTIONS", let origin, request.header("Access-Control-Request-Method") != nil {
            var answer = LambdaURLResponse(status: 200)
            answer.headers = Self.corsHeaders(cors, origin: origin, preflight: true)
            answer.headers.append(("x-amzn-RequestId", requestID))
            return answer
        }
        var answer: LambdaURLResponse
        if url.authType == "AWS_IAM", !(verify?(request) ?? Self.isSigned(request)) {
            answer = .message(403, "Forbidden")
        } else if request.body.count > Self.synchronousPayloadLimit {
            answer = .message(413, "Request must be smaller than \(Self.synchronousPayloadLimit) bytes for the InvokeFunction operation")
        } else {
            let now = clock.now()
            let context = RequestContext(accountID: function.accountID, region: function.region, requestID: requestID,
                                         host: host, receivedAt: now)
            do {
                let target = try await invocationTarget(function.arn, qualifier: url.qualifier, context: context)
                let event = LambdaURLEvent.event(
                    request, urlID: urlID, host: host.split(separator: ":").first.map(String.init) ?? host, requestID: requestID,
                    authorized: url.authType == "AWS_IAM" ? function.accountID : nil, at: now)
                let outcome = try await run(target, payload: Array(event.serializedString().utf8), requestID: requestID)
                answer = outcome.functionError == nil ? LambdaURLEvent.response(from: outcome.payload)
                    : .message(502, "Internal Server Error")
            } catch let error as AWSServiceError where error.code.httpStatus == 429 {
                answer = .message(429, "Rate Exceeded.")
            } catch {
                answer = .message(502, "Internal Server Error")
            }
        }
        if let cors = url.cors, let origin { answer.headers += Self.corsHeaders(cors, origin: origin, preflight: false) }
        answer.headers.append(("x-amzn-RequestId", requestID))
        return answer
    }

    /// The `Access-Control-*` headers of a URL's CORS settings for `origin` (none when the origin is not allowed).
    static func corsHeaders(_ cors: Lambda.Cors, origin: String, preflight: Bool) -> [(name: String, value: String)] {
        let origins = cors.allowOrigins ?? []
        guard origins.contains("*") || origins.contains(origin) else { return [] }
        let credentials = cors.allowCredentials == true
        var headers: [(name: String, value: String)] = [
            ("Access-Control-Allow-Origin", origins.contains("*") && !credentials ? "*" : origin),
        ]
        if credentials { headers.append(("Access-Control-Allow-Credentials", "true")) }
        if preflight {
            if let methods = cors.allowMethods, !methods.isEmpty {
                headers.append(("Access-Control-Allow-Methods", methods.joined(separator: ",")))
            }
            if let allowed = cors.allowHeaders, !allowed.isEmpty {
                headers.append(("Access-Control-Allow-Headers", allowed.joined(separator: ",")))
            }
            if let maxAge = cors.maxAge { headers.append(("Access-Control-Max-Age", String(maxAge))) }
        } else if let exposed = cors.exposeHeaders, !exposed.isEmpty {
            headers.append(("Access-Control-Expose-Headers", exposed.joined(separator: ",")))
        }
        headers.append(("Vary", "Origin"))
        return headers
    }

    /// Whether a request carries a SigV4 signature (header or presigned query); verifying it is the server's
    /// authentication mode's job.
    static func isSigned(_ request: LambdaURLRequest) -> Bool {
        request.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256") == true
            || request.rawQuery.contains("X-Amz-Signature=")
    }
}
