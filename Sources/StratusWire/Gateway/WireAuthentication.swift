import Foundation
import HTTPTypes
import OrderedCollections
import StratusServiceKit
import StratusSigV4

/// SigV4 verification and `aws-chunked` decoding for the ``WireGateway``, with AWS's error answers.
///
/// Guarantees: a request passes only when ``SigV4Verifier`` says `.valid`; failures map to the codes AWS
/// returns in each protocol family (see ``rejection(_:wireProtocol:request:)``). Chunked bodies are decoded strictly; signed chunks are checked when the
/// request was verified; trailing checksums are always checked.
package enum WireAuthentication {
    /// Verifies `request`'s signature.
    package static func verify(
        _ request: WireRequest, verifier: SigV4Verifier, now: Date, wireProtocol: WireProtocol
    ) -> Result<SigV4Authorization, AWSServiceError> {
        var headers = request.head.headerFields.map { ($0.name.rawName, $0.value) }
        // HTTP/1.1 servers move `Host` into the request's authority; SigV4 signs it as the `host` header.
        if let authority = request.head.authority, !headers.contains(where: { $0.0.lowercased() == "host" }) {
            headers.append(("host", authority))
        }
        let result = verifier.verify(
            method: request.head.method.rawValue, rawPath: request.rawPath, rawQuery: request.rawQuery,
            headers: headers, body: request.body, now: now)
        switch result {
        case .valid(let authorization):
            return .success(authorization)
        case .unsigned:
            return .failure(rejection(.missingToken, wireProtocol: wireProtocol, request: request))
        case .unknownAccessKey:
            return .failure(rejection(.unknownKey, wireProtocol: wireProtocol, request: request))
        case .signatureMismatch(let stringToSign):
            var error = rejection(.mismatch, wireProtocol: wireProtocol, request: request)
            if wireProtocol == .restXML { error.fields["StringToSign"] = .string(stringToSign) }
            return .failure(error)
        case .malformed(let reason):
            var error = rejection(.malformed, wireProtocol: wireProtocol, request: request)
            error.message = reason
            return .failure(error)
        case .expired:
            return .failure(rejection(.expired, wireProtocol: wireProtocol, request: request))
        }
    }

    /// The kinds of authentication failure, each answered in the words of the protocol family.
    package enum Rejection: Sendable {
        case missingToken, unknownKey, mismatch, malformed, expired
    }

    /// The error AWS answers `rejection` with in `wireProtocol`:
    ///
    /// | | AWS JSON | REST-JSON | AWS Query | S3 |
    /// |---|---|---|---|---|
    /// | no signature | `MissingAuthenticationTokenException` 400 | same, 403 | `MissingAuthenticationToken` 403 | `AccessDenied` 403 |
    /// | unknown key | `UnrecognizedClientException` 400 | same, 403 | `InvalidClientTokenId` 403 | `InvalidAccessKeyId` 403 |
    /// | wrong signature | `InvalidSignatureException` 400 | same, 403 | `SignatureDoesNotMatch` 403 | `SignatureDoesNotMatch` 403 |
    /// | malformed | `IncompleteSignatureException` 400 | same, 403 | `IncompleteSignature` 400 | `AuthorizationHeaderMalformed` 400 |
    /// | expired | `InvalidSignatureException` 400 | same, 403 | `SignatureDoesNotMatch` 403 | `AccessDenied` (presigned) / `RequestTimeTooSkewed` 403 |
    ///
    /// The JSON codes carry the query code as ``AWSErrorCode/queryCode`` for query-compatible services (SQS).
    package static func rejection(_ rejection: Rejection, wireProtocol: WireProtocol, request: WireRequest) -> AWSServiceError {
        let mismatchMessage =
            "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
        switch wireProtocol {
        case .json, .restJSON:
            let status = wireProtocol == .json ? 400 : 403
            switch rejection {
            case .missingToken:
                return AWSServiceError(
                    AWSErrorCode("MissingAuthenticationTokenException", httpStatus: status, queryCode: "MissingAuthenticationToken"),
                    "Missing Authentication Token")
            case .unknownKey:
                return AWSServiceError(
                    AWSErrorCode("UnrecognizedClientException", httpStatus: status, queryCode: "InvalidClientTokenId"),
                    "The security token included in the request is invalid.")
            case .mismatch:
                return AWSServiceError(
                    AWSErrorCode("InvalidSignatureException", httpStatus: status, queryCode: "SignatureDoesNotMatch"),
                    mismatchMessage)
            case .malformed:
                return AWSServiceError(
                    AWSErrorCode("IncompleteSignatureException", httpStatus: status, queryCode: "IncompleteSignature"),
                    "The request signature is malformed.")
            case .expired:
                return AWSServiceError(
                    AWSErrorCode("InvalidSignatureException", httpStatus: status, queryCode: "SignatureDoesNotMatch"),
                    "Signature expired: the request time is too far from the server time.")
            }
        case .query:
            switch rejection {
            case .missingToken: return AWSServiceError(.missingAuthenticationToken, "Request is missing Authentication Token")
            case .unknownKey:
                return AWSServiceError(.invalidClientTokenId, "The security token included in the request is invalid.")
            case .mismatch: return AWSServiceError(.signatureDoesNotMatch, mismatchMessage)
            case .malformed:
                return AWSServiceError(AWSErrorCode("IncompleteSignature", httpStatus: 400), "The request signature is malformed.")
            case .expired:
                return AWSServiceError(
                    .signatureDoesNotMatch, "Signature expired: the request time is too far from the server time.")
            }
        case .restXML:
            switch rejection {
            case .missingToken: return AWSServiceError(AWSErrorCode("AccessDenied", httpStatus: 403), "Access Denied")
            case .unknownKey:
                return AWSServiceError(
                    AWSErrorCode("InvalidAccessKeyId", httpStatus: 403),
                    "The AWS Access Key Id you provided does not exist in our records.")
            case .mismatch: return AWSServiceError(.signatureDoesNotMatch, mismatchMessage)
            case .malformed:
                return AWSServiceError(
                    AWSErrorCode("AuthorizationHeaderMalformed", httpStatus: 400), "The authorization header is malformed.")
            case .expired:
                let presigned = request.rawQuery.lowercased().contains("x-amz-expires=")
                return presigned
                    ? AWSServiceError(AWSErrorCode("AccessDenied", httpStatus: 403), "Request has expired")
                    : AWSServiceError(
                        AWSErrorCode("RequestTimeTooSkewed", httpStatus: 403),
                        "The difference between the request time and the current time is too large.")
            }
        }
    }

    /// `true` when the body is `aws-chunked` (`Content-Encoding` names it, or `x-amz-content-sha256` is `STREAMING-…`).
    package static func isAWSChunked(_ request: WireRequest) -> Bool {
        if let encoding = request.header(.contentEncoding),
            encoding.split(separator: ",").contains(where: {
                $0.trimmingCharacters(in: .whitespaces).lowercased() == "aws-chunked"
            })
        {
            return true
        }
        return request.header(.amzContentSHA256)?.hasPrefix("STREAMING-") ?? false
    }

    /// `request` with its `aws-chunked` body decoded and `aws-chunked` removed from `Content-Encoding`.
    /// - Throws: ``AWSServiceError`` for broken framing (400 `IncompleteBody`), a chunk signature mismatch
    ///   (403 `SignatureDoesNotMatch`) or a trailing checksum mismatch (400 `BadDigest`).
    package static func decodeChunked(
        _ request: WireRequest, verifier: SigV4Verifier?, authorization: SigV4Authorization?
    ) throws(AWSServiceError) -> WireRequest {
        var request = request
        let signed = request.header("x-amz-content-sha256")?.hasPrefix("STREAMING-AWS4-HMAC-SHA256-PAYLOAD") ?? false
        let decoded: (payload: [UInt8], trailers: [(String, String)])
        do {
            if signed, let verifier, let authorization, let key = verifier.signingKey(for: authorization),
                let amzDate = authorization.amzDate
            {
                decoded = try AWSChunkedDecoder.decodeVerifying(
                    request.body, seedSignature: authorization.signature, signingKey: key, amzDate: amzDate)
            } else {
                decoded = try AWSChunkedDecoder.decode(request.body)
            }
            try AWSChunkedDecoder.verifyTrailingChecksum(payload: decoded.payload, trailers: decoded.trailers)
        } catch {
            switch error.code {
            case .signatureMismatch:
                throw AWSServiceError(.signatureDoesNotMatch, error.message)
            case .checksumMismatch:
                throw AWSServiceError(AWSErrorCode("BadDigest", httpStatus: 400), error.message)
            default:
                throw AWSServiceError(AWSErrorCode("IncompleteBody", httpStatus: 400), error.message)
            }
        }
        request.body = decoded.payload
        if let encoding = request.header("Content-Encoding"), let field = HTTPField.Name("Content-Encoding") {
            let remaining = encoding.split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && $0.lowercased() != "aws-chunked" }
            request.head.headerFields[field] = remaining.isEmpty ? nil : remaining.joined(separator: ",")
        }
        for (name, value) in decoded.trailers {
            if let field = HTTPField.Name(name), request.head.headerFields[field] == nil {
                request.head.headerFields[field] = value
            }
        }
        return request
    }
}
