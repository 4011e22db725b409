import StratusAPIEventBridge
import StratusAPISQS
import StratusEventBridge
import StratusServiceKit
import StratusStepFunctions

/// Delivers EventBridge events to SQS queues (FIFO group from `SqsParameters`), SNS topics, Lambda functions (an
/// `Event` invocation) and Step Functions state machines (`StartExecution`) in-process, through
/// ``InProcessDestination``.
///
/// Guarantees: a delivery returns once the destination accepted the input durably.
struct EventBridgeDelivery: EventBridgeTargets {
    /// Reaches the target services' handlers (Step Functions registers itself once built).
    let invoker: HandlerServiceInvoker

    func supports(arn: String) -> Bool { InProcessDestination(arn: arn) != nil }

    func deliver(_ input: String, to target: EventBridge.Target, attributes: [String: String], context: RequestContext)
        async throws
    {
        guard let destination = InProcessDestination(arn: target.arn) else { return }
        try await destination.send(
            input, invoker: invoker, context: context,
            attributes: attributes.mapValues { SQS.MessageAttributeValue(stringValue: $0, dataType: "String") },
            groupID: target.sqsParameters?.messageGroupId)
    }
}
