import StratusServiceKit

/// Where S3 event notifications go: SQS queues, SNS topics and Lambda functions by ARN, and the default EventBridge bus (implemented by the server over
/// the other services in-process).
///
/// Guarantees every implementation must give: ``canDeliver(to:context:)`` answers for queue and function ARNs
/// only (anything else is false); ``deliver(_:to:context:)`` returns once the destination accepted the message
/// durably (a queued SQS message, a queued asynchronous Lambda invocation).
package protocol S3EventDestinations: Sendable {
    /// Whether the queue or function `arn` names exists (so S3 may send it notifications).
    func canDeliver(to arn: String, context: RequestContext) async -> Bool

    /// Sends one notification (`message`, JSON text) to the queue or function `arn`.
    func deliver(_ message: String, to arn: String, context: RequestContext) async throws

    /// Puts one event on the default EventBridge bus of `context`'s account and region (`source` `aws.s3`).
    func putEvent(detailType: String, detail: String, resources: [String], context: RequestContext) async throws
}
