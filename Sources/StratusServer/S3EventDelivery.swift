import Foundation
import StratusAPIEventBridge
import StratusS3
import StratusServiceKit
import StratusStepFunctions

/// Delivers S3 event notifications to SQS queues, SNS topics (subject `Amazon S3 Notification`) and Lambda functions
/// (``InProcessDestination``), and puts S3's EventBridge events on the default bus (`PutEvents`), in-process.
///
/// Guarantees: a delivery returns once the destination accepted the message durably; state machines and ARNs of
/// other services are never S3 notification destinations.
struct S3EventDelivery: S3EventDestinations {
    /// Reaches the SQS, SNS, Lambda and EventBridge handlers.
    let invoker: HandlerServiceInvoker

    func canDeliver(to arn: String, context: RequestContext) async -> Bool {
        guard let destination = Self.destination(arn) else { return false }
        return await destination.exists(invoker: invoker, context: context)
    }

    func deliver(_ message: String, to arn: String, context: RequestContext) async throws {
        guard let destination = Self.destination(arn) else {
            throw AWSServiceError(.validation, "S3 does not deliver notifications to \(arn)")
        }
        try await destination.send(message, invoker: invoker, context: context, subject: "Amazon S3 Notification")
    }

    func putEvent(detailType: String, detail: String, resources: [String], context: RequestContext) async throws {
        var entry = EventBridge.PutEventsRequestEntry()
        entry.source = "aws.s3"
        entry.detailType = detailType
        entry.detail = detail
        entry.resources = resources
        _ = try await EventBridgeClient(invoker: invoker, context: context).putEvents(EventBridge.PutEventsRequest(entries: [entry]))
    }

    /// A queue, topic or function ARN as a destination (S3 notifies no state machine).
    private static func destination(_ arn: String) -> InProcessDestination? {
        guard let destination = InProcessDestination(arn: arn), destination.kind != .stateMachine else { return nil }
        return destination
    }
}
