import Foundation
import StratusAPISQS
import StratusSNS
import StratusServiceKit
import StratusStepFunctions

/// Delivers SNS messages to SQS queues (`SendMessage`, with message attributes and FIFO ids) and Lambda functions
/// (an `Event` invocation) in-process, through ``InProcessDestination``.
///
/// Guarantees: a delivery returns once SQS stored the message or Lambda queued the invocation (both durable).
struct SNSDelivery: SNSDestinations {
    /// Reaches the SQS and Lambda handlers.
    let invoker: HandlerServiceInvoker

    func deliverToQueue(_ delivery: SNSQueueDelivery, context: RequestContext) async throws {
        guard let destination = InProcessDestination(arn: delivery.queueARN), case .queue = destination.kind else { return }
        let attributes = delivery.attributes.mapValues { attribute in
            var value = SQS.MessageAttributeValue(dataType: attribute.dataType)
            value.stringValue = attribute.stringValue
            value.binaryValue = attribute.binaryValue
            return value
        }
        try await destination.send(delivery.body, invoker: invoker, context: context, attributes: attributes,
                                   groupID: delivery.messageGroupID, deduplicationID: delivery.deduplicationID)
    }

    func invokeFunction(arn: String, payload: Data, context: RequestContext) async throws {
        guard let destination = InProcessDestination(arn: arn), destination.kind == .function else { return }
        try await destination.send(String(decoding: payload, as: UTF8.self), invoker: invoker, context: context)
    }
}
