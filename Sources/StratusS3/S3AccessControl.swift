import Foundation
import StratusAPIS3
import StratusServiceKit

/// S3's access-control documents as data: the grants of canned ACLs and of `x-amz-grant-*` headers, whether grants
/// or a bucket policy make something public, and how a bucket's object ownership treats ACLs.
///
/// Guarantees: pure. Stratus keeps ACLs and policies and answers with them, and applies S3's rules for setting
/// them (object ownership, Block Public Access), but does not enforce them on requests: every caller may read and
/// write every bucket.
package enum S3AccessControl {
    /// The group every caller belongs to.
    package static let allUsers = "http://acs.amazonaws.com/groups/global/AllUsers"
    /// The group of every signed-in AWS account.
    package static let authenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
    /// S3's log delivery group.
    package static let logDelivery = "http://acs.amazonaws.com/groups/s3/LogDelivery"

    /// The object ownership a bucket gets when none is configured (S3's default for new buckets since 2023).
    package static let defaultOwnership = "BucketOwnerEnforced"
    /// The values `ObjectOwnership` may take.
    package static let ownerships: Set<String> = ["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"]

    /// A grant of `permission` to the canonical user `id`.
    package static func user(_ id: String, _ permission: String) -> S3.Grant {
        S3.Grant(grantee: S3.Grantee(id: id, type: "CanonicalUser"), permission: S3.Permission(rawValue: permission))
    }

    /// A grant of `permission` to the group `uri`.
    package static func group(_ uri: String, _ permission: String) -> S3.Grant {
        S3.Grant(grantee: S3.Grantee(type: "Group", uri: uri), permission: S3.Permission(rawValue: permission))
    }

    /// The grants of canned ACL `name` for a resource owned by `owner` (canonical id); nil for a name S3 does not
    /// know.
    package static func cannedGrants(_ name: String, owner: String) -> [S3.Grant]? {
        let full = user(owner, "FULL_CONTROL")
        switch name {
        case "private", "bucket-owner-full-control", "bucket-owner-read": return [full]
        case "public-read": return [full, group(allUsers, "READ")]
        case "public-read-write": return [full, group(allUsers, "READ"), group(allUsers, "WRITE")]
        case "authenticated-read": return [full, group(authenticatedUsers, "READ")]
        case "log-delivery-write": return [full, group(logDelivery, "WRITE"), group(logDelivery, "READ_ACP")]
        default: return nil
        }
    }

    /// The grants of `x-amz-grant-*` headers (`id="…"`, `uri="…"` or `emailAddress="…"` grantees, comma-separated)
    /// by permission (`READ`, `WRITE`, `READ_ACP`, `WRITE_ACP`, `FULL_CONTROL`); nil when a header is not in that
    /// form.
    package static func headerGrants(_ headers: [(permission: String, value: String?)]) -> [S3.Grant]? {
        var grants: [S3.Grant] = []
        for (permission, value) in headers {
            guard let value else { continue }
            for part in value.split(separator: ",") {
                let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, pair[1].count >= 2, pair[1].hasPrefix("\""), pair[1].hasSuffix("\"") else { return nil }
                let text = String(pair[1].dropFirst().dropLast())
                switch pair[0] {
                case "id": grants.append(user(text, permission))
                case "uri": grants.append(group(text, permission))
                case "emailAddress":
                    grants.append(S3.Grant(grantee: S3.Grantee(emailAddress: text, type: "AmazonCustomerByEmail"),
                                           permission: S3.Permission(rawValue: permission)))
                default: return nil
                }
            }
        }
        return grants
    }

    /// Whether `grants` give anything to everyone or to every AWS account.
    package static func isPublic(_ grants: [S3.Grant]) -> Bool {
        grants.contains { $0.grantee?.uri == allUsers || $0.grantee?.uri == authenticatedUsers }
    }

    /// Whether `grants` give nothing to anyone but `owner`.
    package static func isOwnerOnly(_ grants: [S3.Grant], owner: String) -> Bool {
        grants.allSatisfy { $0.grantee?.type.rawValue == "CanonicalUser" && $0.grantee?.id == owner }
    }

    /// Checks a bucket policy document: JSON with a `Statement` (`MalformedPolicy`, 400, as S3 words it).
    /// - Returns: the statements.
    @discardableResult
    package static func checkPolicy(_ text: String) throws -> [[String: Any]] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
            throw S3Failure.malformedPolicy("This policy contains invalid Json")
        }
        guard let statement = object["Statement"] else { throw S3Failure.malformedPolicy("Missing required field Statement") }
        let statements = (statement as? [[String: Any]]) ?? (statement as? [String: Any]).map { [$0] }
        guard let statements, !statements.isEmpty else {
            throw S3Failure.malformedPolicy("Missing required field Statement")
        }
        for statement in statements {
            guard let effect = statement["Effect"] as? String else { throw S3Failure.malformedPolicy("Missing required field Effect") }
            guard effect == "Allow" || effect == "Deny" else { throw S3Failure.malformedPolicy("Invalid effect: \(effect)") }
            guard statement["Principal"] != nil || statement["NotPrincipal"] != nil else {
                throw S3Failure.malformedPolicy("Missing required field Principal")
            }
            guard statement["Action"] != nil || statement["NotAction"] != nil else {
                throw S3Failure.malformedPolicy("Missing required field Action")
            }
        }
        return statements
    }

    /// Whether a (checked) bucket policy is public as S3 judges it: a statement that allows a wildcard principal
    /// (`"*"` or `{"AWS": "*"}`) without conditions.
    package static func isPublicPolicy(_ text: String) -> Bool {
        guard let statements = try? checkPolicy(text) else { return false }
        return statements.contains { statement in
            guard statement["Effect"] as? String == "Allow", statement["Condition"] == nil else { return false }
            let principal = statement["Principal"]
            if principal as? String == "*" { return true }
            guard let map = principal as? [String: Any] else { return false }
            return map.values.contains { value in
                (value as? String) == "*" || ((value as? [String])?.contains("*") ?? false)
            }
        }
    }
}
