import Foundation
import HTTPTypes
import StratusSigV4

/// Reads the SigV4 credential scope (access key id, date, region, service) of a request without verifying it.
///
/// Guarantees: looks at the `Authorization` header (`Credential=…`) first, then the presigned
/// `X-Amz-Credential` query parameter; returns `nil` when neither holds a well-formed credential. It is only
/// a routing and context hint: authenticity is the verifier's job. The common header shape
/// (`AWS4-HMAC-SHA256 Credential=<scope>,…` with one `Credential` component) is read byte-wise, with the same
/// result as the full parse.
package enum WireCredentialScope {
    /// The credential the request claims, or `nil`.
    package static func credential(of request: WireRequest) -> SigV4Credential? {
        if let authorization = request.header(.authorization) {
            switch canonicalCredential(in: authorization) {
            case .found(let credential):
                return credential
            case .malformed:
                break
            case .notCanonical:
                if let parsed = try? SigV4.parseAuthorization(authorization) { return parsed.credential }
                if let range = authorization.range(of: "Credential=") {
                    let rest = authorization[range.upperBound...]
                    let text = rest.prefix { $0 != "," && $0 != " " }
                    if let credential = try? SigV4Credential.parse(String(text)) { return credential }
                }
            }
        }
        let query = request.rawQuery
        if query.isEmpty { return nil }
        for (key, value) in RESTPercentEncoding.parseQuery(query)
        where key.lowercased() == "x-amz-credential" {
            if let value, let credential = try? SigV4Credential.parse(value) { return credential }
        }
        return nil
    }

    private enum CanonicalResult {
        /// The header has the common shape and this credential.
        case found(SigV4Credential)
        /// The header has the common shape but its credential is not well-formed (neither the full parse nor the
        /// `Credential=` fallback would yield one).
        case malformed
        /// Another shape: the full parse decides.
        case notCanonical
    }

    private static let prefix = Array("AWS4-HMAC-SHA256 Credential=".utf8)
    private static let credentialKey = Array("Credential".utf8)

    /// Reads an all-ASCII `AWS4-HMAC-SHA256 Credential=<text>` followed by `,` (or the end) where `<text>` holds
    /// no whitespace or comma and no later part of the header says `Credential`. For such a header both the full
    /// parse and the `Credential=` fallback read exactly `<text>`, so its parse (as ``SigV4Credential/parse(_:)``
    /// does it) is the answer.
    private static func canonicalCredential(in header: String) -> CanonicalResult {
        var header = header
        return header.withUTF8 { bytes -> CanonicalResult in
            guard bytes.count > prefix.count, bytes.starts(with: prefix), bytes.allSatisfy({ $0 < 0x80 }) else {
                return .notCanonical
            }
            var end = prefix.count
            while end < bytes.count {
                let byte = bytes[end]
                if byte == UInt8(ascii: ",") { break }
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0A || byte == 0x0D
                    || byte == 0x0B || byte == 0x0C
                {
                    return .notCanonical
                }
                end += 1
            }
            if contains(credentialKey, in: bytes, from: end) { return .notCanonical }
            let text = UnsafeBufferPointer(rebasing: bytes[prefix.count..<end])
            guard let credential = parseCredential(text) else { return .malformed }
            return .found(credential)
        }
    }

    private static func contains(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard bytes.count - start >= needle.count else { return false }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] {
                var matches = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matches = false
                    break
                }
                if matches { return true }
            }
            index += 1
        }
        return false
    }

    /// `AKID/yyyyMMdd/region/service/aws4_request` with the rules of ``SigV4Credential/parse(_:)``: five
    /// non-empty parts, an eight-digit date, `aws4_request` at the end.
    private static func parseCredential(_ text: UnsafeBufferPointer<UInt8>) -> SigV4Credential? {
        var parts: [Range<Int>] = []
        parts.reserveCapacity(5)
        var start = 0
        for index in 0..<text.count where text[index] == UInt8(ascii: "/") {
            parts.append(start..<index)
            start = index + 1
            if parts.count > 4 { return nil }
        }
        parts.append(start..<text.count)
        guard parts.count == 5, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        let date = parts[1]
        guard date.count == 8, date.allSatisfy({ text[$0] >= 0x30 && text[$0] <= 0x39 }) else { return nil }
        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self)
        }
        guard string(parts[4]) == "aws4_request" else { return nil }
        return SigV4Credential(
            accessKeyID: string(parts[0]), date: string(parts[1]), region: string(parts[2]),
            service: string(parts[3]), terminator: "aws4_request")
    }
}
