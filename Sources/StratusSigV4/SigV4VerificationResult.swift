// SigV4VerificationResult: the outcome of checking one request's signature.

/// What ``SigV4Verifier/verify(method:rawPath:rawQuery:headers:body:now:)`` found.
///
/// Guarantees: `.valid` only when the recomputed signature matched in constant time, the time checks passed and
/// a declared hex `x-amz-content-sha256` matched the body. `.expired` covers both a presigned URL past
/// `X-Amz-Expires` and a header-signed request more than 15 minutes from `now`.
package enum SigV4VerificationResult: Sendable, Equatable {
    /// The signature is authentic; the parsed authorization (with `amzDate` filled in).
    case valid(SigV4Authorization)
    /// The request carries no signature at all (no `Authorization` header, no presigned query).
    case unsigned
    /// The access key id is not configured; the key id.
    case unknownAccessKey(String)
    /// The signature differs; the string to sign the server computed (what AWS returns as `StringToSign`).
    case signatureMismatch(expectedStringToSign: String)
    /// The signature information or payload hash is malformed; the reason.
    case malformed(String)
    /// The presigned URL expired, or the request time is outside the allowed clock skew.
    case expired
}
