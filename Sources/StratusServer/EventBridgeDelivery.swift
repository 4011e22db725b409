import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import StratusAPIEventBridge
import StratusAPISQS
import StratusEventBridge
import StratusServiceKit
import StratusStepFunctions

/// Delivers EventBridge events to SQS queues (FIFO group from `SqsParameters`), SNS topics, Lambda functions (an
/// `Event` invocation) and Step Functions state machines (`StartExecution`) in-process, through
/// ``InProcessDestination``, and makes API destinations' HTTP calls (`URLSession`, 15 s timeout).
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

    func call(_ request: EventBridgeHTTPRequest) async throws -> EventBridgeHTTPResponse {
        guard let url = URL(string: request.url) else {
            throw AWSServiceError(.validation, "\(request.url) is not a URL.")
        }
        var urlRequest = URLRequest(url: url, timeoutInterval: 15)
        urlRequest.httpMethod = request.method
        for header in request.headers { urlRequest.addValue(header.value, forHTTPHeaderField: header.name) }
        urlRequest.httpBody = request.body.map { Data($0.utf8) }
        let (data, response) = try await URLSession.shared.data(for: urlRequest)
        return EventBridgeHTTPResponse(
            status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: String(decoding: data, as: UTF8.self))
    }
}
