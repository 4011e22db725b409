import Foundation
import StratusAPILambda
import StratusAPISQS
import StratusSNS
import StratusServiceKit
import StratusStepFunctions

/// Delivers SNS messages to SQS queues (`SendMessage`, with message attributes and FIFO ids) and Lambda functions
/// (an `Event` invocation) in-process, as the account and region the destination's ARN names.
///
/// Guarantees: a delivery returns once SQS stored the message or Lambda queued the invocation (both durable).
struct SNSDelivery: SNSDestinations {
    /// Reaches the SQS and Lambda handlers.
    let invoker: HandlerServiceInvoker

    func deliverToQueue(_ delivery: SNSQueueDelivery, context: RequestContext) async throws {
        guard let (name, scoped) = Self.queue(delivery.queueARN, context) else { return }
        let sqs = SQSClient(invoker: invoker, context: scoped)
        let url = try await sqs.getQueueUrl(SQS.GetQueueUrlRequest(queueName: name)).queueUrl ?? ""
        var request = SQS.SendMessageRequest(queueUrl: url, messageBody: delivery.body)
        if !delivery.attributes.isEmpty {
            request.messageAttributes = delivery.attributes.mapValues { attribute in
                var value = SQS.MessageAttributeValue(dataType: attribute.dataType)
                value.stringValue = attribute.stringValue
                value.binaryValue = attribute.binaryValue
                return value
            }
        }
        if name.hasSuffix(".fifo") {
            request.messageGroupId = delivery.messageGroupID
            request.messageDeduplicationId = delivery.deduplicationID
        }
        _ = try await sqs.sendMessage(request)
    }

    func invokeFunction(arn: String, payload: Data, context: RequestContext) async throws {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var scoped = context
        if parts.count >= 7 {
            scoped.region = parts[3]
            scoped.accountID = parts[4]
        }
        _ = try await LambdaClient(invoker: invoker, context: scoped).invoke(
            Lambda.InvocationRequest(functionName: arn, invocationType: "Event", payload: payload))
    }

    /// The queue name of `arn:aws:sqs:<region>:<account>:<name>` and the context of its account and region.
    private static func queue(_ arn: String, _ context: RequestContext) -> (String, RequestContext)? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "sqs" else { return nil }
        var scoped = context
        scoped.region = parts[3]
        scoped.accountID = parts[4]
        return (parts[5], scoped)
    }
}
