import OrderedCollections
import StratusAPISNS
import StratusJSON
import StratusServiceKit

extension SNSService {
    /// The actions `AddPermission` may grant: those of a topic's default policy, plus `Receive`.
    static let permissionActions: Set<String> = [
        "GetTopicAttributes", "SetTopicAttributes", "AddPermission", "RemovePermission", "DeleteTopic", "Subscribe",
        "ListSubscriptionsByTopic", "Publish", "Receive",
    ]

    /// Adds the statement `Label` to the topic's `Policy` (its default policy when none was set), allowing the
    /// accounts `AWSAccountId` the actions `ActionName` on the topic. Stratus keeps and reports the policy; it
    /// does not enforce it.
    package func addPermission(_ input: SNS.AddPermissionInput, context: RequestContext) async throws {
        let label = input.label
        guard !label.isEmpty else { throw SNSFailure.invalidParameter("Label") }
        guard !input.awsAccountId.isEmpty else { throw SNSFailure.invalidParameter("AWSAccountId") }
        guard !input.actionName.isEmpty else { throw SNSFailure.invalidParameter("ActionName") }
        guard input.actionName.allSatisfy(Self.permissionActions.contains) else {
            throw SNSFailure.invalidParameter("Policy statement action out of service scope!")
        }
        let topic = try await existingTopic(input.topicArn)
        let principals = input.awsAccountId.map { JSONValue.string("arn:aws:iam::\($0):root") }
        let actions = input.actionName.map { JSONValue.string("SNS:\($0)") }
        let statement: OrderedDictionary<String, JSONValue> = [
            "Sid": .string(label), "Effect": "Allow",
            "Principal": .object(["AWS": principals.count == 1 ? principals[0] : .array(principals)]),
            "Action": actions.count == 1 ? actions[0] : .array(actions),
            "Resource": .string(topic.arn),
        ]
        let updated = try await store.updateTopic(arn: topic.arn) { record in
            var policy = Self.policyDocument(of: record)
            var statements = Self.statements(of: policy)
            if statements.contains(where: { $0["Sid"]?.stringValue == label }) {
                throw SNSFailure.invalidParameter("Statement already exists")
            }
            statements.append(.object(statement))
            policy["Statement"] = .array(statements)
            record.attributes["Policy"] = JSONValue.object(policy).serializedString()
        }
        guard updated != nil else { throw SNSFailure.topicNotFound() }
    }

    /// Removes the statement `Label` from the topic's `Policy`; a label the policy does not have changes nothing.
    package func removePermission(_ input: SNS.RemovePermissionInput, context: RequestContext) async throws {
        let label = input.label
        guard !label.isEmpty else { throw SNSFailure.invalidParameter("Label") }
        let topic = try await existingTopic(input.topicArn)
        let updated = try await store.updateTopic(arn: topic.arn) { record in
            var policy = Self.policyDocument(of: record)
            let statements = Self.statements(of: policy)
            let kept = statements.filter { $0["Sid"]?.stringValue != label }
            guard kept.count != statements.count else { return }
            policy["Statement"] = .array(kept)
            record.attributes["Policy"] = JSONValue.object(policy).serializedString()
        }
        guard updated != nil else { throw SNSFailure.topicNotFound() }
    }

    /// The topic's policy document as an object: the one set, or the default policy; a policy that is not a JSON
    /// object (`SetTopicAttributes` keeps what it is given) is replaced by an empty document of the default's form.
    static func policyDocument(of topic: SNSTopicRecord) -> OrderedDictionary<String, JSONValue> {
        let text = topic.attributes["Policy"] ?? defaultPolicy(topic)
        if case .object(let members)? = try? JSONValue.parse(text) { return members }
        return ["Version": "2008-10-17", "Id": "__default_policy_ID", "Statement": .array([])]
    }

    /// The statements of a policy document (a single statement object counts as a list of one).
    static func statements(of policy: OrderedDictionary<String, JSONValue>) -> [JSONValue] {
        switch policy["Statement"] {
        case .array(let statements)?: return statements
        case .object(let statement)?: return [.object(statement)]
        default: return []
        }
    }
}
