import Foundation
import StratusSigV4

/// Reads the SigV4 credential scope (access key id, date, region, service) of a request without verifying it.
///
/// Guarantees: looks at the `Authorization` header (`Credential=…`) first, then the presigned
/// `X-Amz-Credential` query parameter; returns `nil` when neither holds a well-formed credential. It is only
/// a routing and context hint: authenticity is the verifier's job.
package enum WireCredentialScope {
    /// The credential the request claims, or `nil`.
    package static func credential(of request: WireRequest) -> SigV4Credential? {
        if let authorization = request.header("Authorization") {
            if let parsed = try? SigV4.parseAuthorization(authorization) { return parsed.credential }
            if let range = authorization.range(of: "Credential=") {
                let rest = authorization[range.upperBound...]
                let text = rest.prefix { $0 != "," && $0 != " " }
                if let credential = try? SigV4Credential.parse(String(text)) { return credential }
            }
        }
        for (key, value) in RESTPercentEncoding.parseQuery(request.rawQuery)
        where key.lowercased() == "x-amz-credential" {
            if let value, let credential = try? SigV4Credential.parse(value) { return credential }
        }
        return nil
    }
}
