// SigV4Authorization: a parsed SigV4 signature (header or presigned query).

/// A parsed SigV4 signature, from an `Authorization` header or from presigned query parameters.
///
/// Guarantees: `signedHeaders` are lowercase and in the order they were sent; `signature` is 64 lowercase
/// hex characters. Parsing proves nothing about authenticity: use ``SigV4Verifier`` for that.
package struct SigV4Authorization: Sendable, Equatable {
    /// The credential scope.
    package var credential: SigV4Credential
    /// The signed header names, lowercase.
    package var signedHeaders: [String]
    /// The hex signature the client sent.
    package var signature: String
    /// True when the signature came from presigned query parameters (`X-Amz-Signature`).
    package var isPresigned: Bool
    /// The request timestamp (`yyyyMMdd'T'HHmmss'Z'`) from `X-Amz-Date` (query) or `x-amz-date` (header).
    /// Nil after ``SigV4/parseAuthorization(_:)``, which sees only the `Authorization` header.
    package var amzDate: String?
    /// `X-Amz-Expires` in seconds, for presigned URLs only.
    package var expires: Int?
    /// `X-Amz-Security-Token` / `x-amz-security-token`, when present.
    package var securityToken: String?

    /// Creates an authorization from its parts (no validation).
    package init(credential: SigV4Credential, signedHeaders: [String], signature: String, isPresigned: Bool = false,
                 amzDate: String? = nil, expires: Int? = nil, securityToken: String? = nil) {
        self.credential = credential
        self.signedHeaders = signedHeaders
        self.signature = signature
        self.isPresigned = isPresigned
        self.amzDate = amzDate
        self.expires = expires
        self.securityToken = securityToken
    }
}
