import Foundation
import StratusAPISQS
import StratusServiceKit

extension SQSService {
    /// The actions `AddPermission` accepts (`*` and the queue actions, case as AWS writes them).
    static let permissionActions: Set<String> = [
        "*", "SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility", "GetQueueAttributes",
        "GetQueueUrl", "ListDeadLetterSourceQueues", "PurgeQueue", "ListQueueTags",
    ]

    /// Adds a statement `Label` to the queue's `Policy`, allowing `Actions` to `AWSAccountIds`.
    package func addPermission(_ input: SQS.AddPermissionRequest, context: RequestContext) async throws {
        let queue = try await queue(url: input.queueUrl, context: context)
        let label = input.label
        guard (1...80).contains(label.utf8.count), label.utf8.allSatisfy({ byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45 || byte == 95
        }) else {
            throw SQSFailure.invalidParameter(
                "Label", value: label,
                reason: "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")
        }
        guard !input.awsAccountIds.isEmpty else { throw SQSFailure.missingParameter("AWSAccountIds") }
        guard !input.actions.isEmpty else { throw SQSFailure.missingParameter("Actions") }
        guard input.actions.count <= 7 else {
            throw SQSFailure.invalidParameterValue("Number of actions in the policy statement exceeds the limit of 7.")
        }
        for action in input.actions where !Self.permissionActions.contains(action) {
            throw SQSFailure.invalidParameter("Actions", value: action, reason: "Only the queue actions are allowed.")
        }
        let principals = input.awsAccountIds.map { "arn:aws:iam::\($0):root" }
        let actions = input.actions.map { "SQS:\($0)" }
        let arn = queue.arn
        let now = nowMilliseconds()
        let updated = try await store.updateQueue(id: queue.id) { record in
            var statements = SQSPolicyDocument.statements(of: record.attributes["Policy"])
            if statements.contains(where: { ResourcePolicyDocument.label(of: $0) == label }) {
                throw SQSFailure.invalidParameter("Label", value: label, reason: "Already exists.")
            }
            statements.append(ResourcePolicyDocument.allowStatement(
                label: label, principals: principals, actions: actions, resource: arn))
            record.attributes["Policy"] = SQSPolicyDocument.render(queueArn: arn, statements: statements)
            record.lastModifiedAt = now
        }
        guard updated != nil else { throw SQSFailure.queueDoesNotExist() }
    }

    /// Removes the statement `Label` from the queue's `Policy` (the policy goes away with its last statement).
    package func removePermission(_ input: SQS.RemovePermissionRequest, context: RequestContext) async throws {
        let queue = try await queue(url: input.queueUrl, context: context)
        let label = input.label
        let arn = queue.arn
        let now = nowMilliseconds()
        let updated = try await store.updateQueue(id: queue.id) { record in
            var statements = SQSPolicyDocument.statements(of: record.attributes["Policy"])
            guard let index = statements.firstIndex(where: { ResourcePolicyDocument.label(of: $0) == label }) else {
                throw SQSFailure.invalidParameter("Label", value: label, reason: "can't find label on existing policy.")
            }
            statements.remove(at: index)
            record.attributes["Policy"] = statements.isEmpty
                ? nil : SQSPolicyDocument.render(queueArn: arn, statements: statements)
            record.lastModifiedAt = now
        }
        guard updated != nil else { throw SQSFailure.queueDoesNotExist() }
    }
}
