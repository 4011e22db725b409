import StratusAPIEventBridge
import StratusServiceKit

/// Where EventBridge sends matched events: SQS queues, SNS topics, Lambda functions and Step Functions state machines,
/// reached by ARN (implemented by the server over the other services in-process), and HTTP endpoints (API
/// destinations).
///
/// Guarantees every implementation must give: ``supports(arn:)`` is true exactly for the kinds it delivers to;
/// ``deliver(_:to:context:)`` returns once the destination accepted the input durably.
package protocol EventBridgeTargets: Sendable {
    /// Whether events can be sent to `arn` (its service and resource type, not whether it exists).
    func supports(arn: String) -> Bool

    /// Sends `input` (JSON text: the event, or the target's transformed input) to `target`; an SQS target gets
    /// `attributes` as string message attributes (the dead-letter attributes; other targets ignore them).
    func deliver(_ input: String, to target: EventBridge.Target, attributes: [String: String], context: RequestContext)
        async throws

    /// Makes one HTTP call (an API destination's, or an OAuth token request) and answers its status and body;
    /// throws when no answer came (connection refused, timeout).
    func call(_ request: EventBridgeHTTPRequest) async throws -> EventBridgeHTTPResponse
}

extension EventBridgeTargets {
    /// Sends `input` to `target` with no message attributes.
    package func deliver(_ input: String, to target: EventBridge.Target, context: RequestContext) async throws {
        try await deliver(input, to: target, attributes: [:], context: context)
    }
}
