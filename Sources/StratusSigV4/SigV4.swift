// SigV4: parsing of SigV4 signatures (Authorization header and presigned query) and shared constants.
import Crypto

/// Entry points for reading SigV4 signatures, plus the constants of the protocol.
///
/// Guarantees: pure functions, no I/O and no clock reads. Parsing validates syntax only.
package enum SigV4 {
    /// The only supported algorithm name.
    package static let algorithm = "AWS4-HMAC-SHA256"
    /// Hex SHA-256 of the empty string.
    package static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    /// `x-amz-content-sha256` value for an unsigned payload.
    package static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// aws-chunked body with a signature on each chunk.
    package static let streamingSignedPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
    /// aws-chunked body with chunk signatures and a signed trailer.
    package static let streamingSignedPayloadTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
    /// aws-chunked body without chunk signatures, with a trailer (checksum).
    package static let streamingUnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
    /// The largest `X-Amz-Expires` AWS accepts (seven days).
    package static let maximumPresignedExpiry = 604_800
    /// How far (seconds) a header-signed request's time may be from now.
    package static let allowedClockSkew: Double = 15 * 60

    /// Parses `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=…`.
    ///
    /// Components may be separated by commas with or without spaces and may come in any order. Fails with
    /// `.unsupportedAlgorithm` for other schemes (SigV2 `AWS …`, SigV4a) and `.malformedAuthorization` otherwise.
    package static func parseAuthorization(_ header: String) throws(SigV4Error) -> SigV4Authorization {
        let trimmed = header.trimmingASCIIWhitespace()
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            if trimmed.isEmpty { throw SigV4Error(.missingAuthentication, "Authorization header is empty") }
            throw SigV4Error(.malformedAuthorization, "Authorization header must be '\(algorithm) Credential=…, SignedHeaders=…, Signature=…'")
        }
        let scheme = String(trimmed[..<space])
        guard scheme == algorithm else {
            throw SigV4Error(.unsupportedAlgorithm, "Unsupported authorization type '\(scheme)'; only \(algorithm) is supported")
        }
        var credential: String?
        var signedHeaders: String?
        var signature: String?
        for component in trimmed[space...].split(separator: ",") {
            let part = String(component).trimmingASCIIWhitespace()
            if part.isEmpty { continue }
            guard let equals = part.firstIndex(of: "=") else {
                throw SigV4Error(.malformedAuthorization, "Authorization component '\(part)' is not key=value")
            }
            let key = String(part[..<equals]).trimmingASCIIWhitespace()
            let value = String(part[part.index(after: equals)...]).trimmingASCIIWhitespace()
            switch key {
            case "Credential": credential = value
            case "SignedHeaders": signedHeaders = value
            case "Signature": signature = value
            default:
                throw SigV4Error(.malformedAuthorization, "Unknown Authorization component '\(key)'")
            }
        }
        guard let credential else { throw SigV4Error(.malformedAuthorization, "Authorization header is missing Credential") }
        guard let signedHeaders else { throw SigV4Error(.malformedAuthorization, "Authorization header is missing SignedHeaders") }
        guard let signature else { throw SigV4Error(.malformedAuthorization, "Authorization header is missing Signature") }
        return SigV4Authorization(
            credential: try SigV4Credential.parse(credential),
            signedHeaders: try parseSignedHeaders(signedHeaders),
            signature: try validatedSignature(signature),
            isPresigned: false
        )
    }

    /// Parses presigned query parameters (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`,
    /// `X-Amz-SignedHeaders`, `X-Amz-Signature`, optional `X-Amz-Security-Token`) from already-decoded pairs.
    ///
    /// Returns nil when neither `X-Amz-Algorithm` nor `X-Amz-Signature` is present (not a presigned request).
    /// Parameter names match case-insensitively. Fails when present but incomplete or invalid.
    package static func parsePresigned(query: [(String, String?)]) throws(SigV4Error) -> SigV4Authorization? {
        func value(_ name: String) -> String? {
            let lowered = name.lowercased()
            return query.first(where: { $0.0.lowercased() == lowered }).map { $0.1 ?? "" }
        }
        let algorithmValue = value("X-Amz-Algorithm")
        let signatureValue = value("X-Amz-Signature")
        if algorithmValue == nil && signatureValue == nil { return nil }
        guard let algorithmValue else {
            throw SigV4Error(.malformedAuthorization, "Presigned request is missing X-Amz-Algorithm")
        }
        guard algorithmValue == algorithm else {
            throw SigV4Error(.unsupportedAlgorithm, "Unsupported X-Amz-Algorithm '\(algorithmValue)'; only \(algorithm) is supported")
        }
        func required(_ name: String) throws(SigV4Error) -> String {
            guard let found = value(name) else {
                throw SigV4Error(.malformedAuthorization, "Presigned request is missing \(name)")
            }
            return found
        }
        let credential = try SigV4Credential.parse(try required("X-Amz-Credential"))
        let date = try required("X-Amz-Date")
        guard SigV4Date.parse(date) != nil else {
            throw SigV4Error(.malformedAuthorization, "X-Amz-Date '\(date)' is not yyyyMMdd'T'HHmmss'Z'")
        }
        let expiresText = try required("X-Amz-Expires")
        guard let expires = Int(expiresText), expires >= 1, expires <= maximumPresignedExpiry else {
            throw SigV4Error(.malformedAuthorization,
                             "X-Amz-Expires must be a number of seconds between 1 and \(maximumPresignedExpiry), got '\(expiresText)'")
        }
        return SigV4Authorization(
            credential: credential,
            signedHeaders: try parseSignedHeaders(try required("X-Amz-SignedHeaders")),
            signature: try validatedSignature(try required("X-Amz-Signature")),
            isPresigned: true,
            amzDate: date,
            expires: expires,
            securityToken: value("X-Amz-Security-Token")
        )
    }

    /// Lowercase hex SHA-256 of `bytes`.
    package static func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
        hex(SHA256.hash(data: Array(bytes)))
    }

    /// Lowercase hex of any byte sequence.
    package static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Compares two strings in time independent of where they first differ (length still leaks).
    package static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8), right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    static func parseSignedHeaders(_ text: String) throws(SigV4Error) -> [String] {
        let names = text.split(separator: ";", omittingEmptySubsequences: false).map { String($0).lowercased() }
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
            throw SigV4Error(.malformedAuthorization, "SignedHeaders '\(text)' is not a ';'-separated list of header names")
        }
        return names
    }

    static func validatedSignature(_ text: String) throws(SigV4Error) -> String {
        let lowered = text.lowercased()
        guard lowered.utf8.count == 64, lowered.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            throw SigV4Error(.malformedAuthorization, "Signature must be 64 hex characters")
        }
        return lowered
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
