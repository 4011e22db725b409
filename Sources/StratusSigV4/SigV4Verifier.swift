// SigV4Verifier: recomputes and checks SigV4 signatures of incoming requests.
import Crypto
import Foundation

/// Verifies SigV4-signed requests (header or presigned query) against configured secret keys.
///
/// Guarantees: pure (time is the injected `now`); comparisons are constant-time; the payload hash is taken from
/// `x-amz-content-sha256` when present (a hex value must equal SHA-256 of `body`; `UNSIGNED-PAYLOAD` and the
/// `STREAMING-*` values are taken literally, and chunk signatures are then checked by ``AWSChunkedDecoder``),
/// otherwise SHA-256 of `body` (or `UNSIGNED-PAYLOAD` for presigned S3). It does not check that the region or
/// service in the scope is one this server serves; the caller decides that.
package struct SigV4Verifier: Sendable {
    private let secretKeys: [String: String]

    /// Creates a verifier for the given access key id → secret access key pairs.
    package init(secretKeys: [String: String]) {
        self.secretKeys = secretKeys
    }

    /// The signing key for a parsed authorization, or nil when its access key id is unknown. Used to check
    /// aws-chunked chunk signatures after ``verify(method:rawPath:rawQuery:headers:body:now:)`` succeeded.
    package func signingKey(for authorization: SigV4Authorization) -> SigV4SigningKey? {
        secretKeys[authorization.credential.accessKeyID].map {
            SigV4SigningKey(secretAccessKey: $0, credential: authorization.credential)
        }
    }

    /// Whether `signature` is the SigV4 signature of `stringToSign` (for example an S3 `POST` upload's base64 policy)
    /// under `credential`: nil when it is, else why not (an unknown access key, or another signature). Constant-time.
    package func check(signature: String, of stringToSign: String, credential: SigV4Credential) -> SigV4Error? {
        guard let secret = secretKeys[credential.accessKeyID] else {
            return SigV4Error(.unknownAccessKey, "The AWS Access Key Id you provided does not exist in our records.")
        }
        let expected = SigV4SigningKey(secretAccessKey: secret, credential: credential).signature(for: stringToSign)
        guard SigV4.constantTimeEquals(expected, signature.lowercased()) else {
            return SigV4Error(.signatureMismatch,
                              "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
        }
        return nil
    }

    /// Whether `signature` is the legacy (SigV2) signature of `stringToSign` — base64 HMAC-SHA1 under the secret key
    /// of `accessKeyID`, as S3 `POST` upload forms made with `AWSAccessKeyId` carry it: nil when it is, else why not.
    package func check(v2Signature signature: String, of stringToSign: String, accessKeyID: String) -> SigV4Error? {
        guard let secret = secretKeys[accessKeyID] else {
            return SigV4Error(.unknownAccessKey, "The AWS Access Key Id you provided does not exist in our records.")
        }
        let expected = Data(HMAC<Insecure.SHA1>.authenticationCode(
            for: Array(stringToSign.utf8), using: SymmetricKey(data: Array(secret.utf8)))).base64EncodedString()
        guard SigV4.constantTimeEquals(expected, signature) else {
            return SigV4Error(.signatureMismatch,
                              "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
        }
        return nil
    }

    /// Recomputes the signature of a request and compares it with the one sent.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - rawPath: the path exactly as sent (percent-encoded, without the query).
    ///   - rawQuery: the query string exactly as sent, without `?` (empty when none).
    ///   - headers: every header field as sent, any case, repeated names allowed.
    ///   - body: the request body as received (for aws-chunked bodies, the encoded body).
    ///   - now: the current time.
    package func verify(method: String, rawPath: String, rawQuery: String, headers: [(String, String)],
                        body: [UInt8], now: Date) -> SigV4VerificationResult {
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name }?.1 }
        let authorization: SigV4Authorization
        do {
            if let authorizationHeader = header("authorization") {
                var parsed = try SigV4.parseAuthorization(authorizationHeader)
                parsed.amzDate = try headerTimestamp(amzDate: header("x-amz-date"), httpDate: header("date"))
                parsed.securityToken = header("x-amz-security-token")
                authorization = parsed
            } else if let presigned = try SigV4.parsePresigned(query: SigV4Canonical.parseQuery(rawQuery)) {
                authorization = presigned
            } else {
                return .unsigned
            }
        } catch {
            return .malformed(error.message)
        }
        guard let amzDate = authorization.amzDate, let requestTime = SigV4Date.parse(amzDate) else {
            return .malformed("The request timestamp is missing or invalid")
        }
        guard amzDate.hasPrefix(authorization.credential.date) else {
            return .malformed("Credential date \(authorization.credential.date) does not match the request date \(amzDate)")
        }
        guard authorization.signedHeaders.contains("host") else {
            return .malformed("The host header must be signed")
        }
        if let expires = authorization.expires {
            if now.timeIntervalSince(requestTime) > Double(expires) { return .expired }
            if requestTime.timeIntervalSince(now) > SigV4.allowedClockSkew { return .malformed("Request is not valid yet") }
        } else if abs(now.timeIntervalSince(requestTime)) > SigV4.allowedClockSkew {
            return .expired
        }
        guard let secret = secretKeys[authorization.credential.accessKeyID] else {
            return .unknownAccessKey(authorization.credential.accessKeyID)
        }
        let payloadHash: String
        do {
            payloadHash = try Self.payloadHash(declared: header("x-amz-content-sha256"), body: body,
                                               presigned: authorization.isPresigned, service: authorization.credential.service)
        } catch {
            return .malformed(error.message)
        }
        let canonicalHeaders: String
        do {
            canonicalHeaders = try SigV4Canonical.canonicalHeaders(signedHeaders: authorization.signedHeaders, headers: headers)
        } catch {
            return .malformed(error.message)
        }
        let service = authorization.credential.service
        let canonicalQuery = SigV4Canonical.canonicalQuery(
            rawQuery: rawQuery, excluding: authorization.isPresigned ? ["X-Amz-Signature"] : [])
        var uris = [SigV4Canonical.canonicalURI(rawPath: rawPath, service: service)]
        // S3 clients sign the path they send; when a client's encoding differs from AWS's (a literal '$',
        // '%7E' for '~'), the path exactly as sent is the other candidate.
        if SigV4Canonical.isS3(service), !uris.contains(rawPath.isEmpty ? "/" : rawPath) { uris.append(rawPath.isEmpty ? "/" : rawPath) }
        let key = SigV4SigningKey(secretAccessKey: secret, credential: authorization.credential)
        var firstStringToSign: String?
        for uri in uris {
            let canonicalRequest = SigV4Canonical.canonicalRequest(
                method: method, canonicalURI: uri, canonicalQuery: canonicalQuery, canonicalHeaders: canonicalHeaders,
                signedHeaders: authorization.signedHeaders, payloadHash: payloadHash)
            let stringToSign = SigV4Canonical.stringToSign(amzDate: amzDate, scope: authorization.credential.scope,
                                                          canonicalRequest: canonicalRequest)
            if SigV4.constantTimeEquals(key.signature(for: stringToSign), authorization.signature) {
                return .valid(authorization)
            }
            if firstStringToSign == nil { firstStringToSign = stringToSign }
        }
        return .signatureMismatch(expectedStringToSign: firstStringToSign ?? "")
    }

    /// The request timestamp of a header-signed request: `x-amz-date`, else the HTTP `Date` header.
    private func headerTimestamp(amzDate: String?, httpDate: String?) throws(SigV4Error) -> String {
        if let amzDate {
            guard SigV4Date.parse(amzDate) != nil else {
                throw SigV4Error(.malformedAuthorization, "x-amz-date '\(amzDate)' is not yyyyMMdd'T'HHmmss'Z'")
            }
            return amzDate
        }
        if let httpDate {
            guard let date = SigV4Date.parseHTTPDate(httpDate) else {
                throw SigV4Error(.malformedAuthorization, "Date header '\(httpDate)' is not an HTTP date")
            }
            return SigV4Date.format(date)
        }
        throw SigV4Error(.missingAuthentication, "A signed request needs an x-amz-date or Date header")
    }

    /// The payload hash that goes into the canonical request.
    static func payloadHash(declared: String?, body: [UInt8], presigned: Bool, service: String) throws(SigV4Error) -> String {
        let literalValues: Set<String> = [
            SigV4.unsignedPayload, SigV4.streamingSignedPayload, SigV4.streamingSignedPayloadTrailer, SigV4.streamingUnsignedPayloadTrailer,
        ]
        guard let declared else {
            if presigned && SigV4Canonical.isS3(service) { return SigV4.unsignedPayload }
            return SigV4.sha256Hex(body)
        }
        let trimmed = declared.trimmingASCIIWhitespace()
        if literalValues.contains(trimmed) { return trimmed }
        let lowered = trimmed.lowercased()
        guard lowered.utf8.count == 64, lowered.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            throw SigV4Error(.payloadHashMismatch, "x-amz-content-sha256 must be a hex SHA-256 or one of \(literalValues.sorted())")
        }
        guard SigV4.sha256Hex(body) == lowered else {
            throw SigV4Error(.payloadHashMismatch, "The provided 'x-amz-content-sha256' header does not match what was computed.")
        }
        return trimmed
    }
}
