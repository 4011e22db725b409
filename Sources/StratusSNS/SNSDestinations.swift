import Foundation
import StratusServiceKit

/// Where SNS delivers: SQS queues and Lambda functions, reached by ARN (implemented by the server over the other
/// services in-process), HTTP and HTTPS endpoints, and email addresses (over the SMTP server Stratus was given).
///
/// Guarantees every implementation must give: ``deliverToQueue(_:context:)`` returns once the queue stored the
/// message and ``invokeFunction(arn:payload:context:)`` once Lambda queued the asynchronous invocation (both
/// durable). ``post(_:)`` and ``send(_:)`` make one attempt each and say whether it worked; retries are the caller's.
package protocol SNSDestinations: Sendable {
    /// Whether email can be sent (an SMTP server is configured).
    var sendsEmail: Bool { get }

    /// POSTs `request` to its subscriber endpoint once. - Returns: nil when delivered (answered 2xx–4xx, but 429),
    /// else why not (a 5xx or 429 status, no answer in time, no connection).
    func post(_ request: SNSEndpointRequest) async -> String?

    /// Hands `email` to the SMTP server once. - Returns: nil when the server accepted it, else why not.
    func send(_ email: SNSEmail) async -> String?

    /// Sends one message to a queue.
    func deliverToQueue(_ delivery: SNSQueueDelivery, context: RequestContext) async throws

    /// Invokes the function `arn` asynchronously with `payload`.
    func invokeFunction(arn: String, payload: Data, context: RequestContext) async throws
}

/// One SNS message for an SQS queue.
package struct SNSQueueDelivery: Sendable, Equatable {
    /// The queue ARN.
    package var queueARN: String
    /// The message body (the SNS envelope, or the raw message).
    package var body: String
    /// SQS message attributes (raw message delivery only): name → (data type, string value or binary value).
    package var attributes: [String: SNSAttribute]
    /// For FIFO queues.
    package var messageGroupID: String?
    /// For FIFO queues.
    package var deduplicationID: String?

    /// A delivery.
    package init(queueARN: String, body: String, attributes: [String: SNSAttribute] = [:], messageGroupID: String? = nil,
                 deduplicationID: String? = nil) {
        self.queueARN = queueARN
        self.body = body
        self.attributes = attributes
        self.messageGroupID = messageGroupID
        self.deduplicationID = deduplicationID
    }
}

/// A message attribute as SNS carries it.
package struct SNSAttribute: Sendable, Equatable, Codable {
    /// `String`, `Number`, `Binary`, `String.Array` (with an optional custom suffix).
    package var dataType: String
    /// The value of string-like types.
    package var stringValue: String?
    /// The value of binary types.
    package var binaryValue: Data?

    /// An attribute.
    package init(dataType: String, stringValue: String? = nil, binaryValue: Data? = nil) {
        self.dataType = dataType
        self.stringValue = stringValue
        self.binaryValue = binaryValue
    }
}
