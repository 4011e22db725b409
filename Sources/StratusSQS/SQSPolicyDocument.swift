import OrderedCollections
import StratusJSON

/// Reads and writes the queue `Policy` JSON that `AddPermission` and `RemovePermission` edit.
///
/// Guarantees: ``render(queueArn:statements:)`` writes `Version`, `Id`, `Statement` in AWS's order; the statements
/// of a policy set by `SetQueueAttributes` are kept as they were written (member order, `true`/`false`, numbers in
/// their written form), and ``statement(label:principals:actions:resource:)`` writes a new statement's members in
/// AWS's order (`Sid`, `Effect`, `Principal`, `Action`, `Resource`).
package enum SQSPolicyDocument {
    /// The statements of a policy text (empty when there is none, it is not JSON, or it has none); a single
    /// statement object counts as a list of one.
    package static func statements(of policy: String?) -> [JSONValue] {
        guard let policy, let document = try? JSONValue.parse(policy) else { return [] }
        switch document["Statement"] {
        case .array(let statements)?: return statements
        case .object(let statement)?: return [.object(statement)]
        default: return []
        }
    }

    /// The `Sid` of a statement, if it has one.
    package static func label(of statement: JSONValue) -> String? {
        statement["Sid"]?.stringValue
    }

    /// The statement `AddPermission` adds: one principal or action as a string, several as a list.
    package static func statement(label: String, principals: [String], actions: [String], resource: String) -> JSONValue {
        let principal: JSONValue = principals.count == 1 ? .string(principals[0]) : .array(principals.map(JSONValue.string))
        let action: JSONValue = actions.count == 1 ? .string(actions[0]) : .array(actions.map(JSONValue.string))
        let members: OrderedDictionary<String, JSONValue> = [
            "Sid": .string(label), "Effect": "Allow", "Principal": .object(["AWS": principal]), "Action": action,
            "Resource": .string(resource),
        ]
        return .object(members)
    }

    /// The policy document holding `statements`.
    package static func render(queueArn: String, statements: [JSONValue]) -> String {
        let document: OrderedDictionary<String, JSONValue> = [
            "Version": "2012-10-17", "Id": .string(queueArn + "/SQSDefaultPolicy"), "Statement": .array(statements),
        ]
        return JSONValue.object(document).serializedString()
    }
}
