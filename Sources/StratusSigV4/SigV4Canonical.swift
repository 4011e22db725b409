// SigV4Canonical: the canonical request and string to sign, by AWS's rules.
import Crypto

/// Builds the pieces of a SigV4 canonical request and the string to sign.
///
/// Guarantees (AWS's rules): S3 paths are encoded once and never normalised; every other service's path is
/// normalised (dot segments removed, repeated slashes collapsed) and URI-encoded again (double encoding of the
/// path as sent). Query parameters are decoded, re-encoded (RFC 3986 unreserved set) and sorted by encoded key,
/// then value. Header values are trimmed with internal runs of spaces and tabs collapsed; repeated headers are
/// joined with commas; only the signed headers take part.
package enum SigV4Canonical {
    /// URI-encodes `text` as SigV4 requires: unreserved characters (`A-Z a-z 0-9 - _ . ~`) stay, every other
    /// UTF-8 byte becomes `%XX` (uppercase hex). `/` stays only when `encodeSlash` is false.
    package static func uriEncode(_ text: some StringProtocol, encodeSlash: Bool = true) -> String {
        let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            let isUnreserved = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x7E
            if isUnreserved || (byte == 0x2F && !encodeSlash) {
                out.append(byte)
            } else {
                out.append(0x25)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Percent-decodes `text` (`+` stays a plus). Nil when a `%` escape is broken or the bytes are not UTF-8.
    package static func percentDecode(_ text: some StringProtocol) -> String? {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x41...0x46: byte - 0x41 + 10
            case 0x61...0x66: byte - 0x61 + 10
            default: nil
            }
        }
        while index < bytes.count {
            if bytes[index] == 0x25 {
                guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else { return nil }
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    /// The canonical URI of a request path as sent on the wire (`rawPath`, without the query).
    ///
    /// For `s3` (and `s3express`) each segment is decoded and encoded once, no normalisation; for every other
    /// service the path is normalised and then encoded again.
    package static func canonicalURI(rawPath: String, service: String) -> String {
        if isS3(service) { return s3CanonicalURI(rawPath: rawPath) }
        return uriEncode(normalizedPath(rawPath), encodeSlash: false)
    }

    /// True for the services whose paths are signed without normalisation or double encoding.
    package static func isS3(_ service: String) -> Bool { service == "s3" || service == "s3express" }

    /// S3's canonical URI: every `/`-separated segment decoded, then encoded once (`/` inside a key stays `%2F`).
    package static func s3CanonicalURI(rawPath: String) -> String {
        if rawPath.isEmpty { return "/" }
        return rawPath.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            uriEncode(percentDecode(segment) ?? String(segment), encodeSlash: true)
        }.joined(separator: "/")
    }

    /// RFC 3986 dot-segment removal plus collapsing of repeated slashes (what AWS services other than S3 do).
    package static func normalizedPath(_ path: String) -> String {
        if path.isEmpty { return "/" }
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." { if !output.isEmpty { output.removeLast() }; continue }
            output.append(segment)
        }
        let leading = path.hasPrefix("/") ? "/" : ""
        let trailing = path.hasSuffix("/") && !output.isEmpty ? "/" : ""
        let joined = leading + output.joined(separator: "/") + trailing
        return joined.isEmpty ? "/" : joined
    }

    /// Parses a raw query string into decoded `(name, value)` pairs; a parameter without `=` has value nil.
    /// Pairs whose escapes are broken keep their raw text.
    package static func parseQuery(_ rawQuery: String) -> [(String, String?)] {
        rawQuery.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: "=") {
                let name = pair[..<equals], value = pair[pair.index(after: equals)...]
                return (percentDecode(name) ?? String(name), percentDecode(value) ?? String(value))
            }
            return (percentDecode(pair) ?? String(pair), nil)
        }
    }

    /// The canonical query string of `rawQuery`, leaving out the parameters named in `excluding`.
    package static func canonicalQuery(rawQuery: String, excluding: Set<String> = []) -> String {
        let pairs = parseQuery(rawQuery)
            .filter { !excluding.contains($0.0) }
            .map { (uriEncode($0.0), uriEncode($0.1 ?? "")) }
        return canonicalQuery(encodedPairs: pairs)
    }

    /// Sorts already-encoded pairs by key, then value (byte order), and joins them as `k=v&…`.
    package static func canonicalQuery(encodedPairs: [(String, String)]) -> String {
        encodedPairs.sorted { lhs, rhs in
            if lhs.0 != rhs.0 { return lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8) }
            return lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8)
        }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// `name:value\n` for each signed header, in the order given. Fails when a signed header is absent.
    package static func canonicalHeaders(signedHeaders: [String], headers: [(String, String)]) throws(SigV4Error) -> String {
        var result = ""
        for name in signedHeaders {
            let values = headers.filter { $0.0.lowercased() == name }.map { trimAll($0.1) }
            guard !values.isEmpty else {
                throw SigV4Error(.malformedAuthorization, "Signed header '\(name)' is not present in the request")
            }
            result += "\(name):\(values.joined(separator: ","))\n"
        }
        return result
    }

    /// Trims leading and trailing whitespace and collapses internal runs of spaces and tabs to one space.
    package static func trimAll(_ value: String) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        for byte in value.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Joins the six parts of a canonical request.
    package static func canonicalRequest(method: String, canonicalURI: String, canonicalQuery: String,
                                         canonicalHeaders: String, signedHeaders: [String], payloadHash: String) -> String {
        [method.uppercased(), canonicalURI, canonicalQuery, canonicalHeaders, signedHeaders.joined(separator: ";"), payloadHash]
            .joined(separator: "\n")
    }

    /// `AWS4-HMAC-SHA256\n<amzDate>\n<scope>\n<hex sha256(canonical request)>`.
    package static func stringToSign(amzDate: String, scope: String, canonicalRequest: String) -> String {
        [SigV4.algorithm, amzDate, scope, SigV4.sha256Hex(canonicalRequest.utf8)].joined(separator: "\n")
    }
}
