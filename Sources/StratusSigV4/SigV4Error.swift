// SigV4Error: why parsing, verifying or decoding a signed request failed.

/// An internal error from SigV4 parsing, verification or aws-chunked decoding.
///
/// Guarantees: `message` is a human-readable reason, safe to return to the client (it never contains a
/// secret key or a signing key).
package struct SigV4Error: Error, Sendable, Equatable {
    /// The kind of failure.
    package enum Code: Sendable, Equatable {
        /// The `Authorization` header or presigned query parameters are not well formed.
        case malformedAuthorization
        /// No signature was found where one is required.
        case missingAuthentication
        /// A presigned URL is past `X-Amz-Expires`, or the request time is too far from now.
        case expired
        /// The signing algorithm is not AWS4-HMAC-SHA256 (SigV2, SigV4a, …).
        case unsupportedAlgorithm
        /// The access key id is not configured.
        case unknownAccessKey
        /// A recomputed signature (request, chunk or trailer) differs from the one sent.
        case signatureMismatch
        /// The aws-chunked framing is broken (bad size line, missing CRLF, truncated body).
        case malformedChunkedBody
        /// A trailing or header checksum does not match the payload.
        case checksumMismatch
        /// The declared payload hash (`x-amz-content-sha256`) is invalid or does not match the body.
        case payloadHashMismatch
    }

    /// The kind of failure.
    package var code: Code
    /// What exactly was wrong.
    package var message: String

    /// Creates an error.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
