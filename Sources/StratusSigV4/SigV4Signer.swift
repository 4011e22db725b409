// SigV4Signer: signs outgoing requests (Authorization header) and presigns URLs.
import Foundation

/// Signs requests with SigV4 the way the AWS SDKs do, for tests and for Stratus' own outgoing calls.
///
/// Guarantees: the result verifies with ``SigV4Verifier`` given the same secret; the canonicalisation is the
/// one in ``SigV4Canonical`` (S3 paths single-encoded, other services normalised and double-encoded). The caller
/// supplies every header to sign (including `host`); `x-amz-date` and `x-amz-security-token` are added.
package struct SigV4Signer: Sendable {
    /// The access key id put in the credential.
    package var accessKeyID: String
    /// The secret access key.
    package var secretAccessKey: String
    /// A session token, sent as `x-amz-security-token` when set.
    package var sessionToken: String?
    /// The region of the credential scope.
    package var region: String
    /// The signing name of the service (`s3`, `sqs`, …).
    package var service: String

    /// Creates a signer for one credential and scope.
    package init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, region: String, service: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.region = region
        self.service = service
    }

    /// The outcome of signing: the headers to add and the intermediate strings (for tests and debugging).
    package struct SignedRequest: Sendable {
        /// The `Authorization` header value.
        package var authorization: String
        /// Headers to add to the request: `Authorization`, `X-Amz-Date`, and `X-Amz-Security-Token` when set.
        package var headersToAdd: [(String, String)]
        /// The canonical request that was signed.
        package var canonicalRequest: String
        /// The string to sign.
        package var stringToSign: String
        /// The hex signature.
        package var signature: String
    }

    /// Signs a request at `date` with an `Authorization` header.
    ///
    /// - Parameters:
    ///   - rawPath: the path as it will be sent (already percent-encoded).
    ///   - rawQuery: the query as it will be sent, without `?`.
    ///   - headers: the headers to sign (must include `host`); all of them are signed.
    ///   - payloadHash: hex SHA-256 of the body, or `UNSIGNED-PAYLOAD` / a `STREAMING-*` value.
    package func sign(method: String, rawPath: String, rawQuery: String, headers: [(String, String)],
                      payloadHash: String, date: Date) throws(SigV4Error) -> SignedRequest {
        try sign(method: method, rawPath: rawPath, rawQuery: rawQuery, headers: headers, payloadHash: payloadHash,
                 amzDate: SigV4Date.format(date))
    }

    /// Signs a request whose timestamp is the given `yyyyMMdd'T'HHmmss'Z'` text.
    package func sign(method: String, rawPath: String, rawQuery: String, headers: [(String, String)],
                      payloadHash: String, amzDate: String) throws(SigV4Error) -> SignedRequest {
        guard SigV4Date.parse(amzDate) != nil else {
            throw SigV4Error(.malformedAuthorization, "'\(amzDate)' is not yyyyMMdd'T'HHmmss'Z'")
        }
        var all = headers.filter { $0.0.lowercased() != "authorization" }
        var added: [(String, String)] = []
        if !all.contains(where: { $0.0.lowercased() == "x-amz-date" }) { added.append(("X-Amz-Date", amzDate)) }
        if let sessionToken, !all.contains(where: { $0.0.lowercased() == "x-amz-security-token" }) {
            added.append(("X-Amz-Security-Token", sessionToken))
        }
        all += added
        let signedHeaders = Array(Set(all.map { $0.0.lowercased() })).sorted()
        guard signedHeaders.contains("host") else {
            throw SigV4Error(.malformedAuthorization, "The host header must be among the signed headers")
        }
        let credential = SigV4Credential(accessKeyID: accessKeyID, date: String(amzDate.prefix(8)), region: region, service: service)
        let canonicalRequest = SigV4Canonical.canonicalRequest(
            method: method, canonicalURI: SigV4Canonical.canonicalURI(rawPath: rawPath, service: service),
            canonicalQuery: SigV4Canonical.canonicalQuery(rawQuery: rawQuery),
            canonicalHeaders: try SigV4Canonical.canonicalHeaders(signedHeaders: signedHeaders, headers: all),
            signedHeaders: signedHeaders, payloadHash: payloadHash)
        let stringToSign = SigV4Canonical.stringToSign(amzDate: amzDate, scope: credential.scope, canonicalRequest: canonicalRequest)
        let signature = SigV4SigningKey(secretAccessKey: secretAccessKey, credential: credential).signature(for: stringToSign)
        let authorization = "\(SigV4.algorithm) Credential=\(credential.credentialString), "
            + "SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)"
        return SignedRequest(authorization: authorization, headersToAdd: [("Authorization", authorization)] + added,
                             canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature)
    }

    /// Presigns a request: returns the complete raw query string (the original parameters, the `X-Amz-*`
    /// parameters and `X-Amz-Signature` last) to put after `?`.
    ///
    /// The payload hash is `UNSIGNED-PAYLOAD` for S3 and SHA-256 of the empty body otherwise, as the SDKs do.
    package func presign(method: String, rawPath: String, rawQuery: String, headers: [(String, String)],
                         amzDate: String, expires: Int) throws(SigV4Error) -> String {
        guard SigV4Date.parse(amzDate) != nil else {
            throw SigV4Error(.malformedAuthorization, "'\(amzDate)' is not yyyyMMdd'T'HHmmss'Z'")
        }
        guard expires >= 1, expires <= SigV4.maximumPresignedExpiry else {
            throw SigV4Error(.malformedAuthorization, "expires must be between 1 and \(SigV4.maximumPresignedExpiry) seconds")
        }
        let signedHeaders = Array(Set(headers.map { $0.0.lowercased() })).sorted()
        guard signedHeaders.contains("host") else {
            throw SigV4Error(.malformedAuthorization, "The host header must be among the signed headers")
        }
        let credential = SigV4Credential(accessKeyID: accessKeyID, date: String(amzDate.prefix(8)), region: region, service: service)
        var authParameters: [(String, String)] = [
            ("X-Amz-Algorithm", SigV4.algorithm),
            ("X-Amz-Credential", credential.credentialString),
            ("X-Amz-Date", amzDate),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", signedHeaders.joined(separator: ";")),
        ]
        if let sessionToken { authParameters.append(("X-Amz-Security-Token", sessionToken)) }
        let encodedAuth = authParameters.map { "\(SigV4Canonical.uriEncode($0.0))=\(SigV4Canonical.uriEncode($0.1))" }
            .joined(separator: "&")
        let fullQuery = rawQuery.isEmpty ? encodedAuth : rawQuery + "&" + encodedAuth
        let payloadHash = SigV4Canonical.isS3(service) ? SigV4.unsignedPayload : SigV4.emptyPayloadHash
        let canonicalRequest = SigV4Canonical.canonicalRequest(
            method: method, canonicalURI: SigV4Canonical.canonicalURI(rawPath: rawPath, service: service),
            canonicalQuery: SigV4Canonical.canonicalQuery(rawQuery: fullQuery),
            canonicalHeaders: try SigV4Canonical.canonicalHeaders(signedHeaders: signedHeaders, headers: headers),
            signedHeaders: signedHeaders, payloadHash: payloadHash)
        let stringToSign = SigV4Canonical.stringToSign(amzDate: amzDate, scope: credential.scope, canonicalRequest: canonicalRequest)
        let signature = SigV4SigningKey(secretAccessKey: secretAccessKey, credential: credential).signature(for: stringToSign)
        return fullQuery + "&X-Amz-Signature=" + signature
    }
}
