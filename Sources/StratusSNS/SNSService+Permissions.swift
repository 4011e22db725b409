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
        let statement = ResourcePolicyDocument.allowStatement(
            label: label, principals: input.awsAccountId.map { "arn:aws:iam::\($0):root" },
            actions: input.actionName.map { "SNS:\($0)" }, resource: input.topicArn)
        let updated = try await store.updateTopic(arn: input.topicArn) { record in
            var policy = Self.policyDocument(of: record)
            var statements = ResourcePolicyDocument.statements(in: .object(policy))
            if statements.contains(where: { ResourcePolicyDocument.label(of: $0) == label }) {
                throw SNSFailure.invalidParameter("Statement already exists")
            }
            statements.append(statement)
            policy["Statement"] = .array(statements)
            record.attributes["Policy"] = JSONValue.object(policy).serializedString()
        }
        guard updated != nil else { throw SNSFailure.topicNotFound() }
    }

    /// Removes the statement `Label` from the topic's `Policy`; a label the policy does not have changes nothing.
    package func removePermission(_ input: SNS.RemovePermissionInput, context: RequestContext) async throws {
        let label = input.label
        guard !label.isEmpty else { throw SNSFailure.invalidParameter("Label") }
        let updated = try await store.updateTopic(arn: input.topicArn) { record in
            var policy = Self.policyDocument(of: record)
            let statements = ResourcePolicyDocument.statements(in: .object(policy))
            let kept = statements.filter { ResourcePolicyDocument.label(of: $0) != label }
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
}
