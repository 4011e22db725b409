import StratusAPIDynamoDB
import StratusServiceKit

extension DynamoDBService {
    /// What a resource-policy ARN names: a table, or the table's current stream.
    struct PolicyTarget {
        var table: DynamoDBTableRecord
        var isStream: Bool
    }

    /// The table or stream `arn` names, or DynamoDB's error: `ValidationException` for an ARN that is not a table
    /// or stream ARN, `ResourceNotFoundException` for a table (or stream) that does not exist.
    func policyTarget(_ arn: String) async throws -> PolicyTarget {
        guard let (accountID, region, name) = Self.parseTableArn(arn) else {
            throw AWSServiceError.validation("Invalid ResourceArn provided as input \(arn)")
        }
        let resource = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)[5].split(
            separator: "/", omittingEmptySubsequences: false)
        let isStream: Bool
        switch resource.count {
        case 2: isStream = false
        case 4 where resource[2] == "stream": isStream = true
        default: throw AWSServiceError.validation("Invalid ResourceArn provided as input \(arn)")
        }
        guard let table = try await store.table(accountID: accountID, region: region, name: name),
            !isStream || table.description.latestStreamArn == arn
        else { throw DynamoDBFailure.resourceNotFound(arn: arn) }
        return PolicyTarget(table: table, isStream: isStream)
    }

    /// `PutResourcePolicy`: attaches (or replaces) the policy of a table or of its stream. The same document again
    /// keeps its revision; `ExpectedRevisionId` must name the current revision (`NO_POLICY`: that there is none).
    package func putResourcePolicy(_ input: DynamoDB.PutResourcePolicyInput, context: RequestContext) async throws
        -> DynamoDB.PutResourcePolicyOutput
    {
        let target = try await policyTarget(input.resourceArn)
        try DynamoDBResourcePolicy.check(input.policy, forStream: target.isStream)
        let (tableID, arn, name, document) = (target.table.id, input.resourceArn, target.table.name, input.policy)
        let (isStream, expected) = (target.isStream, input.expectedRevisionId)
        let now = nowMilliseconds()
        let revision = try await store.write { transaction -> String in
            guard var record = try transaction.table(id: tableID) else { throw DynamoDBFailure.resourceNotFound(arn: arn) }
            let current = isStream ? record.streamResourcePolicy : record.resourcePolicy
            try Self.checkExpectedRevision(expected, current: current, table: name, arn: arn)
            if let current, current.document == document { return current.revisionID }
            let previous = current.flatMap { Int64($0.revisionID) } ?? 0
            let policy = DynamoDBResourcePolicy(document: document, revisionID: String(max(now, previous + 1)))
            if isStream { record.streamResourcePolicy = policy } else { record.resourcePolicy = policy }
            try transaction.saveTable(record)
            return policy.revisionID
        }
        return DynamoDB.PutResourcePolicyOutput(revisionId: revision)
    }

    /// `GetResourcePolicy`: the policy of a table or of its stream and its revision.
    package func getResourcePolicy(_ input: DynamoDB.GetResourcePolicyInput, context: RequestContext) async throws
        -> DynamoDB.GetResourcePolicyOutput
    {
        let target = try await policyTarget(input.resourceArn)
        guard let policy = target.isStream ? target.table.streamResourcePolicy : target.table.resourcePolicy else {
            throw Self.policyNotFound(input.resourceArn)
        }
        return DynamoDB.GetResourcePolicyOutput(policy: policy.document, revisionId: policy.revisionID)
    }

    /// `DeleteResourcePolicy`: removes the policy of a table or of its stream; answers the removed revision.
    package func deleteResourcePolicy(_ input: DynamoDB.DeleteResourcePolicyInput, context: RequestContext) async throws
        -> DynamoDB.DeleteResourcePolicyOutput
    {
        let target = try await policyTarget(input.resourceArn)
        let (tableID, arn, name, isStream, expected) = (
            target.table.id, input.resourceArn, target.table.name, target.isStream, input.expectedRevisionId
        )
        let revision = try await store.write { transaction -> String in
            guard var record = try transaction.table(id: tableID) else { throw DynamoDBFailure.resourceNotFound(arn: arn) }
            guard let current = isStream ? record.streamResourcePolicy : record.resourcePolicy else {
                throw Self.policyNotFound(arn)
            }
            try Self.checkExpectedRevision(expected, current: current, table: name, arn: arn)
            if isStream { record.streamResourcePolicy = nil } else { record.resourcePolicy = nil }
            try transaction.saveTable(record)
            return current.revisionID
        }
        return DynamoDB.DeleteResourcePolicyOutput(revisionId: revision)
    }

    /// `PolicyNotFoundException` unless `expected` (when given) names the current revision, or is `NO_POLICY` and
    /// there is none.
    static func checkExpectedRevision(
        _ expected: String?, current: DynamoDBResourcePolicy?, table: String, arn: String
    ) throws {
        guard let expected else { return }
        switch (expected, current) {
        case ("NO_POLICY", nil): return
        case ("NO_POLICY", let current?):
            throw AWSServiceError(
                DynamoDBErrors.policyNotFoundException,
                "Resource-based policy not found for the provided ResourceArn: Requested policy update expecting none to be present for table \(table), but a policy exists with revision id \(current.revisionID).")
        case (_, nil):
            throw AWSServiceError(
                DynamoDBErrors.policyNotFoundException,
                "Resource-based policy not found for the provided ResourceArn: Requested update for policy with revision id \(expected), but no policy is associated to target table \(table).")
        case (_, let current?) where current.revisionID != expected:
            throw AWSServiceError(
                DynamoDBErrors.policyNotFoundException,
                "Resource-based policy not found for the provided ResourceArn: Requested update for policy with revision id \(expected), but the policy associated to target table \(table) has revision id \(current.revisionID).")
        default: return
        }
    }

    static func policyNotFound(_ arn: String) -> AWSServiceError {
        AWSServiceError(
            DynamoDBErrors.policyNotFoundException, "Resource-based policy not found for the provided ResourceArn: \(arn)")
    }
}
