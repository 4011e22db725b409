import OrderedCollections
/// How a Task `Resource` ARN appears in history events.
///
/// Guarantees: service integrations (`arn:aws:states:::svc:action[.pattern]`) split into `resourceType` and
/// `resource` as AWS records them (`lambda` + `invoke`, `aws-sdk:s3` + `listBuckets`); Lambda function ARNs and
/// activity ARNs are recognised for their legacy event families.
struct TaskResource: Sendable {
    enum Family: Sendable { case serviceIntegration, lambdaFunction, activity }

    let family: Family
    let resourceType: String
    let resource: String
    let waitsForTaskToken: Bool
    /// The task gets a task token (`$$.Task.Token`): callbacks, and `.sync` jobs (AWS gives those one too, and a
    /// `SendTaskSuccess` with it completes them).
    var hasTaskToken: Bool { waitsForTaskToken || (family == .serviceIntegration && resource.contains(".sync")) }

    init(_ arn: String) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 6, parts[2] == "lambda", parts[5] == "function" {
            family = .lambdaFunction
            resourceType = "lambda"
            resource = arn
            waitsForTaskToken = false
        } else if parts.count >= 6, parts[2] == "states", parts[5] == "activity" {
            family = .activity
            resourceType = "activity"
            resource = arn
            waitsForTaskToken = false
        } else if parts.count >= 7, parts[2] == "states" {
            family = .serviceIntegration
            if parts[5] == "aws-sdk", parts.count >= 8 {
                resourceType = "aws-sdk:" + parts[6]
                resource = parts[7...].joined(separator: ":")
            } else {
                resourceType = parts[5]
                resource = parts[6...].joined(separator: ":")
            }
            waitsForTaskToken = resource.hasSuffix(".waitForTaskToken")
        } else {
            family = .serviceIntegration
            resourceType = "unknown"
            resource = arn
            waitsForTaskToken = false
        }
    }
}
