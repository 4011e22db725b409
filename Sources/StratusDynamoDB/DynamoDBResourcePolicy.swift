import StratusAPIDynamoDB
import StratusJSON
import StratusServiceKit

/// A resource-based policy attached to a table or its stream (`PutResourcePolicy`, `CreateTable`'s `ResourcePolicy`).
///
/// Guarantees: `document` is the policy text exactly as it was put (whitespace included); `revisionID` is the
/// decimal milliseconds of the put that made this revision, strictly greater than the revision it replaced. Kept
/// and answered, not enforced (as every resource policy in Stratus).
package struct DynamoDBResourcePolicy: Sendable, Equatable, Codable {
    /// The policy document, as put.
    package var document: String
    /// The revision (`RevisionId`).
    package var revisionID: String

    /// Creates a policy revision.
    package init(document: String, revisionID: String) {
        self.document = document
        self.revisionID = revisionID
    }

    /// The largest policy DynamoDB accepts, in bytes of its text (whitespace counts).
    package static let maximumBytes = 20 * 1024

    /// The stream actions a table's policy may not name (a stream's policy may name all of them but `ListStreams`,
    /// which no resource policy grants).
    static let streamActions: Set<String> = ["describestream", "getrecords", "getsharditerator", "liststreams"]

    /// Checks `document` as DynamoDB checks a policy for a table (`forStream` false) or a stream: JSON text of at
    /// most 20 KB, an object with a `Statement` (one object or a list of objects), each with an `Effect` of `Allow`
    /// or `Deny` and DynamoDB actions (`dynamodb:<Action>`, wildcards allowed, or `*`; a table's policy no stream
    /// actions, a stream's only `DescribeStream`, `GetRecords` and `GetShardIterator`). Throws DynamoDB's
    /// `ValidationException` otherwise.
    package static func check(_ document: String, forStream: Bool) throws {
        let bytes = document.utf8.count
        if bytes > maximumBytes {
            throw invalid("The policy document is \(bytes) bytes long; the maximum is \(maximumBytes) bytes")
        }
        guard let parsed = try? JSONValue.parse(document), case .object = parsed else {
            throw invalid("This policy contains invalid Json")
        }
        let statements: [JSONValue]
        switch parsed["Statement"] {
        case .array(let list)?: statements = list
        case .object(let single)?: statements = [.object(single)]
        default: throw invalid("The policy document must have a Statement")
        }
        guard !statements.isEmpty else { throw invalid("The policy document must have a Statement") }
        var invalidActions: [String] = []
        for statement in statements {
            guard case .object = statement else { throw invalid("Each Statement must be a JSON object") }
            guard let effect = statement["Effect"]?.stringValue, effect == "Allow" || effect == "Deny" else {
                throw invalid("Each Statement must have an Effect of Allow or Deny")
            }
            for key in ["Action", "NotAction"] {
                let actions: [JSONValue]
                switch statement[key] {
                case nil: continue
                case .array(let list)?: actions = list
                case let single?: actions = [single]
                }
                for action in actions {
                    guard let name = action.stringValue else { throw invalid("\(key) must be a string or a list of strings") }
                    if !isDynamoDBAction(name, forStream: forStream) { invalidActions.append("\"\(name)\"") }
                }
            }
        }
        if !invalidActions.isEmpty {
            throw invalid("The following action names are invalid: \(invalidActions.joined(separator: ", "))")
        }
    }

    /// Whether `action` is `*` or `dynamodb:<name>` a policy of this kind of resource may grant.
    private static func isDynamoDBAction(_ action: String, forStream: Bool) -> Bool {
        if action == "*" { return true }
        let parts = action.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].lowercased() == "dynamodb", !parts[1].isEmpty else { return false }
        let name = parts[1].lowercased()
        if name.contains("*") || name.contains("?") { return true }
        return forStream ? streamActions.subtracting(["liststreams"]).contains(name) : !streamActions.contains(name)
    }

    private static func invalid(_ reason: String) -> AWSServiceError {
        AWSServiceError.validation("One or more parameter values were invalid: Invalid policy document: \(reason)")
    }
}
