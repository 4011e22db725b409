// LambdaService+Permissions: resource-based policies (AddPermission, RemovePermission, GetPolicy).
import Foundation
import OrderedCollections
import StratusAPILambda
import StratusJSON
import StratusServiceKit

extension LambdaService {
    /// `AddPermission`: adds a statement to the policy of the function (or of its version or alias) and answers it.
    /// Stored and answered as Lambda renders it; Stratus does not enforce it (any caller may invoke any function).
    package func addPermission(_ input: Lambda.AddPermissionRequest, context: RequestContext) async throws
        -> Lambda.AddPermissionResponse
    {
        let (function, qualifier) = try await lookUp(input.functionName, qualifier: input.qualifier, context: context)
        let version = try version(of: function, qualifier: qualifier)
        if let revision = input.revisionId, revision != version.revisionID {
            throw LambdaFailure.revisionMismatch(of: "GetFunction or the GetPolicy")
        }
        guard input.action == "*" || input.action.hasPrefix("lambda:") else {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(input.action)' at 'action' failed to satisfy constraint: Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])")
        }
        let resource = function.arn + (qualifier.map { ":\($0)" } ?? "")
        let statement = Self.statement(input, resource: resource).serializedString()
        let revision = newRevisionID()
        guard try await store.updateFunction(accountID: function.accountID, region: function.region, name: function.name, {
            var permissions = $0.permissions ?? []
            if permissions.contains(where: { $0.qualifier == qualifier && $0.statementID == input.statementId }) {
                throw LambdaFailure.conflict(
                    "The statement id (\(input.statementId)) provided already exists. Please provide a new statement id, or remove the existing statement.")
            }
            permissions.append(LambdaPermissionRecord(qualifier: qualifier, statementID: input.statementId,
                                                      statement: statement))
            $0.permissions = permissions
            $0.versions[0].revisionID = revision
        }) != nil else { throw LambdaFailure.functionNotFound(function.arn) }
        return Lambda.AddPermissionResponse(statement: statement)
    }

    /// `RemovePermission`.
    package func removePermission(_ input: Lambda.RemovePermissionRequest, context: RequestContext) async throws {
        let (function, qualifier) = try await lookUp(input.functionName, qualifier: input.qualifier, context: context)
        let version = try version(of: function, qualifier: qualifier)
        if let revision = input.revisionId, revision != version.revisionID {
            throw LambdaFailure.revisionMismatch(of: "GetFunction or the GetPolicy")
        }
        let revision = newRevisionID()
        guard try await store.updateFunction(accountID: function.accountID, region: function.region, name: function.name, {
            var permissions = $0.permissions ?? []
            guard let index = permissions.firstIndex(where: {
                $0.qualifier == qualifier && $0.statementID == input.statementId
            }) else {
                throw LambdaFailure.notFound("Statement \(input.statementId) is not found in resource policy.")
            }
            permissions.remove(at: index)
            $0.permissions = permissions.isEmpty ? nil : permissions
            $0.versions[0].revisionID = revision
        }) != nil else { throw LambdaFailure.functionNotFound(function.arn) }
    }

    /// `GetPolicy`: the policy document of the function (or of its version or alias) with the revision id.
    package func getPolicy(_ input: Lambda.GetPolicyRequest, context: RequestContext) async throws -> Lambda.GetPolicyResponse {
        let (function, qualifier) = try await lookUp(input.functionName, qualifier: input.qualifier, context: context)
        let version = try version(of: function, qualifier: qualifier)
        let statements = (function.permissions ?? []).filter { $0.qualifier == qualifier }
        guard !statements.isEmpty else { throw LambdaFailure.notFound("The resource you requested does not exist.") }
        let policy: JSONValue = [
            "Version": "2012-10-17", "Id": "default",
            "Statement": .array(statements.compactMap { try? JSONValue.parse($0.statement) }),
        ]
        return Lambda.GetPolicyResponse(policy: policy.serializedString(), revisionId: version.revisionID)
    }

    /// The statement Lambda writes for an `AddPermission` request: the principal as a service, an account's root,
    /// an ARN or `*`, and the source conditions.
    static func statement(_ input: Lambda.AddPermissionRequest, resource: String) -> JSONValue {
        let principal: JSONValue
        if input.principal == "*" {
            principal = "*"
        } else if input.principal.hasSuffix(".amazonaws.com") || input.principal.hasSuffix(".amazonaws.com.cn") {
            principal = ["Service": .string(input.principal)]
        } else if input.principal.count == 12, input.principal.allSatisfy(\.isNumber) {
            principal = ["AWS": .string("arn:aws:iam::\(input.principal):root")]
        } else {
            principal = ["AWS": .string(input.principal)]
        }
        var conditions: OrderedDictionary<String, JSONValue> = [:]
        var stringEquals: OrderedDictionary<String, JSONValue> = [:]
        if let account = input.sourceAccount { stringEquals["AWS:SourceAccount"] = .string(account) }
        if let organization = input.principalOrgID { stringEquals["aws:PrincipalOrgID"] = .string(organization) }
        if let token = input.eventSourceToken { stringEquals["lambda:EventSourceToken"] = .string(token) }
        if let authType = input.functionUrlAuthType { stringEquals["lambda:FunctionUrlAuthType"] = .string(authType.rawValue) }
        if !stringEquals.isEmpty { conditions["StringEquals"] = .object(stringEquals) }
        if let source = input.sourceArn { conditions["ArnLike"] = ["AWS:SourceArn": .string(source)] }
        var statement: OrderedDictionary<String, JSONValue> = [
            "Sid": .string(input.statementId), "Effect": "Allow", "Principal": principal,
            "Action": .string(input.action), "Resource": .string(resource),
        ]
        if !conditions.isEmpty { statement["Condition"] = .object(conditions) }
        return .object(statement)
    }
}
