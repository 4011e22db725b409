import StratusAPISNS
import StratusJSON
import StratusServiceKit

/// Topics' data protection policies: checked as SNS checks their shape, kept and answered; messages are not audited,
/// masked or denied by them.
extension SNSService {
    /// `InvalidParameter` unless `policy` is a data protection policy: a JSON object with `Name`, `Version`
    /// `2021-06-01` and a non-empty `Statement` list whose statements name `DataIdentifier`s and an `Operation`.
    static func checkDataProtectionPolicy(_ policy: String) throws {
        func invalid(_ reason: String) -> AWSServiceError {
            SNSFailure.invalidParameter("DataProtectionPolicy Reason: \(reason)")
        }
        guard let document = try? JSONValue.parse(policy), case .object = document else {
            throw invalid("The policy is not valid JSON")
        }
        guard document["Name"]?.stringValue?.isEmpty == false else { throw invalid("Name is required") }
        guard document["Version"]?.stringValue == "2021-06-01" else { throw invalid("Version must be 2021-06-01") }
        guard case .array(let statements)? = document["Statement"], !statements.isEmpty else {
            throw invalid("Statement must be a non-empty list")
        }
        for statement in statements {
            guard case .array(let identifiers)? = statement["DataIdentifier"], !identifiers.isEmpty,
                  identifiers.allSatisfy({ $0.stringValue != nil }) else {
                throw invalid("Each statement needs a DataIdentifier list")
            }
            guard case .object? = statement["Operation"] else { throw invalid("Each statement needs an Operation") }
        }
    }

    package func putDataProtectionPolicy(_ input: SNS.PutDataProtectionPolicyInput, context: RequestContext) async throws {
        guard Self.topicParts(input.resourceArn) != nil else { throw SNSFailure.invalidParameter("ResourceArn") }
        try Self.checkDataProtectionPolicy(input.dataProtectionPolicy)
        let policy = input.dataProtectionPolicy
        guard try await store.updateTopic(arn: input.resourceArn, { $0.dataProtectionPolicy = policy }) != nil else {
            throw SNSFailure.topicNotFound()
        }
    }

    package func getDataProtectionPolicy(_ input: SNS.GetDataProtectionPolicyInput, context: RequestContext) async throws
        -> SNS.GetDataProtectionPolicyResponse
    {
        guard Self.topicParts(input.resourceArn) != nil else { throw SNSFailure.invalidParameter("ResourceArn") }
        let topic = try await existingTopic(input.resourceArn)
        return SNS.GetDataProtectionPolicyResponse(dataProtectionPolicy: topic.dataProtectionPolicy)
    }
}
