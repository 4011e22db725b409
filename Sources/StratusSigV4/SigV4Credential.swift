// SigV4Credential: the credential scope of a SigV4 signature.

/// The `Credential=` part of a SigV4 signature: `AKID/yyyyMMdd/region/service/aws4_request`.
///
/// Guarantees: every field is non-empty and `date` is eight ASCII digits when produced by
/// ``SigV4/parseAuthorization(_:)`` or ``SigV4/parsePresigned(query:)``. It says nothing about
/// whether the access key exists.
package struct SigV4Credential: Sendable, Equatable {
    /// The access key id that signed the request.
    package var accessKeyID: String
    /// The signing date, `yyyyMMdd`.
    package var date: String
    /// The region the signature is scoped to.
    package var region: String
    /// The SigV4 signing name of the service (`s3`, `sqs`, `states`, …).
    package var service: String
    /// The scope terminator; always `aws4_request` for a parsed credential.
    package var terminator: String

    /// Creates a credential from its parts (no validation).
    package init(accessKeyID: String, date: String, region: String, service: String, terminator: String = "aws4_request") {
        self.accessKeyID = accessKeyID
        self.date = date
        self.region = region
        self.service = service
        self.terminator = terminator
    }

    /// The credential scope used in the string to sign: `date/region/service/terminator`.
    package var scope: String { "\(date)/\(region)/\(service)/\(terminator)" }

    /// The full credential as it appears in a header or query: `AKID/scope`.
    package var credentialString: String { "\(accessKeyID)/\(scope)" }

    /// Parses `AKID/yyyyMMdd/region/service/aws4_request`; fails with `.malformedAuthorization`.
    package static func parse(_ text: String) throws(SigV4Error) -> SigV4Credential {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts.allSatisfy({ !$0.isEmpty }) else {
            throw SigV4Error(.malformedAuthorization,
                             "Credential must have the form <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request, got '\(text)'")
        }
        guard parts[1].utf8.count == 8, parts[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw SigV4Error(.malformedAuthorization, "Credential date '\(parts[1])' is not yyyyMMdd")
        }
        guard parts[4] == "aws4_request" else {
            throw SigV4Error(.malformedAuthorization, "Credential must end with aws4_request, got '\(parts[4])'")
        }
        return SigV4Credential(accessKeyID: parts[0], date: parts[1], region: parts[2], service: parts[3], terminator: parts[4])
    }
}
