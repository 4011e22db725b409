import OrderedCollections
import StratusJSON
import StratusServiceKit

/// Reads and writes the queue `Policy` JSON that `AddPermission` and `RemovePermission` edit (statements through
/// ``ResourcePolicyDocument``).
///
/// Guarantees: ``render(queueArn:statements:)`` writes `Version`, `Id`, `Statement` in AWS's order; the statements
/// of a policy set by `SetQueueAttributes` are kept as they were written (member order, `true`/`false`, numbers in
/// their written form).
package enum SQSPolicyDocument {
    /// The statements of a policy text (empty when there is none, it is not JSON, or it has none).
    package static func statements(of policy: String?) -> [JSONValue] {
        ResourcePolicyDocument.statements(in: policy.flatMap { try? JSONValue.parse($0) })
    }

    /// The policy document holding `statements`.
    package static func render(queueArn: String, statements: [JSONValue]) -> String {
        let document: OrderedDictionary<String, JSONValue> = [
            "Version": "2012-10-17", "Id": .string(queueArn + "/SQSDefaultPolicy"), "Statement": .array(statements),
        ]
        return JSONValue.object(document).serializedString()
    }
}
