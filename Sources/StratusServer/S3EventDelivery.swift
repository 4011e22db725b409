import Foundation
import StratusAPIEventBridge
import StratusAPILambda
import StratusAPISNS
import StratusAPISQS
import StratusS3
import StratusServiceKit
import StratusStepFunctions

/// Delivers S3 event notifications to SQS queues (`SendMessage`), SNS topics (`Publish`), Lambda functions (an `Event`
/// invocation) and the default EventBridge bus (`PutEvents`) in-process, as the account and region the destination's
/// ARN names.
///
/// Guarantees: a delivery returns once SQS stored the message or Lambda queued the invocation (both durable);
/// ARNs of other services are never deliverable.
struct S3EventDelivery: S3EventDestinations {
    /// Reaches the SQS and Lambda handlers.
    let invoker: HandlerServiceInvoker

    func canDeliver(to arn: String, context: RequestContext) async -> Bool {
        do {
            switch Destination(arn: arn) {
            case .queue(let name, let scope):
                _ = try await SQSClient(invoker: invoker, context: scope(context))
                    .getQueueUrl(SQS.GetQueueUrlRequest(queueName: name))
                return true
            case .function(let scope):
                _ = try await LambdaClient(invoker: invoker, context: scope(context))
                    .getFunction(Lambda.GetFunctionRequest(functionName: arn))
                return true
            case .topic(let scope):
                _ = try await SNSClient(invoker: invoker, context: scope(context))
                    .getTopicAttributes(SNS.GetTopicAttributesInput(topicArn: arn))
                return true
            case nil:
                return false
            }
        } catch {
            return false
        }
    }

    func deliver(_ message: String, to arn: String, context: RequestContext) async throws {
        switch Destination(arn: arn) {
        case .queue(let name, let scope):
            let sqs = SQSClient(invoker: invoker, context: scope(context))
            let url = try await sqs.getQueueUrl(SQS.GetQueueUrlRequest(queueName: name)).queueUrl ?? ""
            _ = try await sqs.sendMessage(SQS.SendMessageRequest(queueUrl: url, messageBody: message))
        case .function(let scope):
            _ = try await LambdaClient(invoker: invoker, context: scope(context)).invoke(
                Lambda.InvocationRequest(functionName: arn, invocationType: "Event", payload: Data(message.utf8)))
        case .topic(let scope):
            var request = SNS.PublishInput(message: message)
            request.topicArn = arn
            request.subject = "Amazon S3 Notification"
            _ = try await SNSClient(invoker: invoker, context: scope(context)).publish(request)
        case nil:
            throw AWSServiceError(.validation, "S3 does not deliver notifications to \(arn)")
        }
    }

    func putEvent(detailType: String, detail: String, resources: [String], context: RequestContext) async throws {
        var entry = EventBridge.PutEventsRequestEntry()
        entry.source = "aws.s3"
        entry.detailType = detailType
        entry.detail = detail
        entry.resources = resources
        _ = try await EventBridgeClient(invoker: invoker, context: context).putEvents(EventBridge.PutEventsRequest(entries: [entry]))
    }

    /// A destination ARN: `arn:aws:sqs:<region>:<account>:<queue>` or `arn:aws:lambda:<region>:<account>:function:<name>`.
    private enum Destination {
        case queue(name: String, scope: @Sendable (RequestContext) -> RequestContext)
        case function(scope: @Sendable (RequestContext) -> RequestContext)
        case topic(scope: @Sendable (RequestContext) -> RequestContext)

        init?(arn: String) {
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 6, parts[0] == "arn" else { return nil }
            let (region, account) = (parts[3], parts[4])
            let scope: @Sendable (RequestContext) -> RequestContext = { context in
                var scoped = context
                scoped.region = region
                scoped.accountID = account
                return scoped
            }
            switch parts[2] {
            case "sqs" where parts.count == 6: self = .queue(name: parts[5], scope: scope)
            case "lambda" where parts.count >= 7 && parts[5] == "function": self = .function(scope: scope)
            case "sns" where parts.count == 6: self = .topic(scope: scope)
            default: return nil
            }
        }
    }
}
