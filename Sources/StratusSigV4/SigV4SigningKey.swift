// SigV4SigningKey: the derived HMAC key of one credential scope.
import Crypto

/// The SigV4 signing key `HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request")`.
///
/// Guarantees: derived once, reusable for every signature (request, chunk, trailer) in its scope. Its
/// description never reveals the key bytes.
package struct SigV4SigningKey: Sendable, CustomStringConvertible {
    private let keyBytes: [UInt8]
    /// The credential scope this key signs for (`date/region/service/aws4_request`).
    package let scope: String

    /// Derives the key for `secretAccessKey` and a scope.
    package init(secretAccessKey: String, date: String, region: String, service: String) {
        func hmac(_ key: SymmetricKey, _ message: String) -> SymmetricKey {
            SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: key)))
        }
        let secret = SymmetricKey(data: Array("AWS4\(secretAccessKey)".utf8))
        keyBytes = hmac(hmac(hmac(hmac(secret, date), region), service), "aws4_request").withUnsafeBytes { Array($0) }
        scope = "\(date)/\(region)/\(service)/aws4_request"
    }

    /// Derives the key for a parsed credential.
    package init(secretAccessKey: String, credential: SigV4Credential) {
        self.init(secretAccessKey: secretAccessKey, date: credential.date, region: credential.region, service: credential.service)
    }

    /// Lowercase hex HMAC-SHA256 of `stringToSign` under this key: the signature.
    package func signature(for stringToSign: String) -> String {
        SigV4.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: SymmetricKey(data: keyBytes)))
    }

    /// The signature of one aws-chunked chunk, chained from `previousSignature`.
    package func chunkSignature(previousSignature: String, amzDate: String, chunkData: some Sequence<UInt8>) -> String {
        signature(for: [
            "AWS4-HMAC-SHA256-PAYLOAD", amzDate, scope, previousSignature, SigV4.emptyPayloadHash, SigV4.sha256Hex(chunkData),
        ].joined(separator: "\n"))
    }

    /// The signature of the trailing headers of an aws-chunked body (`name:value\n` each, in order).
    package func trailerSignature(previousSignature: String, amzDate: String, trailers: [(String, String)]) -> String {
        let canonical = trailers.map { "\($0.0.lowercased()):\(SigV4Canonical.trimAll($0.1))\n" }.joined()
        return signature(for: [
            "AWS4-HMAC-SHA256-TRAILER", amzDate, scope, previousSignature, SigV4.sha256Hex(canonical.utf8),
        ].joined(separator: "\n"))
    }

    /// Describes the scope only.
    package var description: String { "SigV4SigningKey(\(scope))" }
}
