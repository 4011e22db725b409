import Foundation
import StratusAPIS3
import StratusServiceKit

/// S3's CORS rules: what a bucket's CORS configuration may say, which rule admits a request, and the
/// `Access-Control-*` headers S3 answers with.
///
/// Guarantees: pure; rules are tried in order and the first that admits the origin (one `*` wildcard at most), the
/// method and every requested header (case-insensitive, one `*` at most) wins, as S3 does.
package enum S3CORSRules {
    /// The methods a CORS rule may allow.
    package static let methods: Set<String> = ["GET", "PUT", "HEAD", "POST", "DELETE"]
    /// The most rules a configuration may have.
    package static let maximumRules = 100

    /// Checks a `PutBucketCors` configuration: 1–100 rules, S3's methods only, at most one wildcard per origin and
    /// per allowed header, none in expose headers (`InvalidRequest`, 400; `MalformedXML` for a rule count outside
    /// the range or a rule without methods or origins).
    package static func check(_ configuration: S3.CORSConfiguration) throws {
        let rules = configuration.corsRules
        guard (1...maximumRules).contains(rules.count) else { throw S3Failure.malformedXML() }
        for rule in rules {
            guard !rule.allowedMethods.isEmpty, !rule.allowedOrigins.isEmpty else { throw S3Failure.malformedXML() }
            for method in rule.allowedMethods where !methods.contains(method) {
                throw S3Failure.invalidRequest(
                    "Found unsupported HTTP method in CORS config. Unsupported method is \(method)")
            }
            for origin in rule.allowedOrigins where origin.filter({ $0 == "*" }).count > 1 {
                throw S3Failure.invalidRequest("AllowedOrigin \"\(origin)\" can not have more than one wildcard.")
            }
            for header in rule.allowedHeaders ?? [] where header.filter({ $0 == "*" }).count > 1 {
                throw S3Failure.invalidRequest("AllowedHeader \"\(header)\" can not have more than one wildcard.")
            }
            for header in rule.exposeHeaders ?? [] where header.contains("*") {
                throw S3Failure.invalidRequest(
                    "ExposeHeader \"\(header)\" contains wildcard. We currently do not support wildcard for ExposeHeader.")
            }
        }
    }

    /// The first rule that admits `origin` with `method` and, for a preflight, every one of `requestHeaders`
    /// (lower-cased names); nil when none does.
    package static func rule(in rules: [S3.CORSRule], origin: String, method: String, requestHeaders: [String])
        -> S3.CORSRule?
    {
        rules.first { rule in
            rule.allowedMethods.contains(method)
                && rule.allowedOrigins.contains { matches(pattern: $0, value: origin) }
                && requestHeaders.allSatisfy { header in
                    (rule.allowedHeaders ?? []).contains { matches(pattern: $0.lowercased(), value: header) }
                }
        }
    }

    /// Whether `value` matches `pattern`, which may hold one `*` standing for any text.
    package static func matches(pattern: String, value: String) -> Bool {
        guard let star = pattern.firstIndex(of: "*") else { return pattern == value }
        let head = pattern[..<star], tail = pattern[pattern.index(after: star)...]
        return value.count >= head.count + tail.count && value.hasPrefix(head) && value.hasSuffix(tail)
    }

    /// The header names of an `Access-Control-Request-Headers` value, lower-cased.
    package static func requestedHeaders(_ value: String?) -> [String] {
        (value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty }
    }

    /// The headers S3 answers a request admitted by `rule` with: the origin (`*` when the rule admits any, else the
    /// request's, with credentials allowed), the rule's methods, the requested headers (preflight), the exposed
    /// headers, the cache time, and `Vary`.
    package static func responseHeaders(for rule: S3.CORSRule, origin: String, requestHeaders: [String])
        -> [(String, String)]
    {
        var headers: [(String, String)] = []
        if rule.allowedOrigins.contains("*") {
            headers.append(("Access-Control-Allow-Origin", "*"))
        } else {
            headers.append(("Access-Control-Allow-Origin", origin))
            headers.append(("Access-Control-Allow-Credentials", "true"))
        }
        headers.append(("Access-Control-Allow-Methods", rule.allowedMethods.joined(separator: ", ")))
        if !requestHeaders.isEmpty { headers.append(("Access-Control-Allow-Headers", requestHeaders.joined(separator: ", "))) }
        if let exposed = rule.exposeHeaders, !exposed.isEmpty {
            headers.append(("Access-Control-Expose-Headers", exposed.joined(separator: ", ")))
        }
        if let maxAge = rule.maxAgeSeconds { headers.append(("Access-Control-Max-Age", String(maxAge))) }
        headers.append(("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"))
        return headers
    }
}
