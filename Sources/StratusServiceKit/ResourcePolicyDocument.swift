// ResourcePolicyDocument: the statements of a resource policy (SQS queues, SNS topics) that permission calls edit.
import OrderedCollections
import StratusJSON

/// Reads and builds the statements of an IAM-style resource policy, the part `AddPermission` and
/// `RemovePermission` edit in SQS and SNS alike.
///
/// Guarantees: statements read from a document are the document's own values, unchanged (member order, booleans,
/// numbers in their written form); a `Statement` that is a single object counts as a list of one; a statement
/// built here has its members in AWS's order (`Sid`, `Effect`, `Principal`, `Action`, `Resource`).
package enum ResourcePolicyDocument {
    /// The statements of a policy document (empty when it is not an object or has none).
    package static func statements(in document: JSONValue?) -> [JSONValue] {
        switch document?["Statement"] {
        case .array(let statements)?: return statements
        case .object(let statement)?: return [.object(statement)]
        default: return []
        }
    }

    /// The `Sid` of a statement, if it has one.
    package static func label(of statement: JSONValue) -> String? {
        statement["Sid"]?.stringValue
    }

    /// The statement a permission call adds: `Allow` for the principals `{"AWS": …}` and actions given (one as a
    /// string, several as a list) on `resource`.
    package static func allowStatement(label: String, principals: [String], actions: [String], resource: String) -> JSONValue {
        let principal: JSONValue = principals.count == 1 ? .string(principals[0]) : .array(principals.map(JSONValue.string))
        let action: JSONValue = actions.count == 1 ? .string(actions[0]) : .array(actions.map(JSONValue.string))
        let members: OrderedDictionary<String, JSONValue> = [
            "Sid": .string(label), "Effect": "Allow", "Principal": .object(["AWS": principal]), "Action": action,
            "Resource": .string(resource),
        ]
        return .object(members)
    }
}
