import OrderedCollections
import StratusAPISNS
import StratusServiceKit

/// The errors SNS answers with, with AWS's codes and wording (`Invalid parameter: …`).
package enum SNSFailure {
    /// `InvalidParameter` with SNS's `Invalid parameter: <detail>` message.
    package static func invalidParameter(_ detail: String) -> AWSServiceError {
        AWSServiceError(SNSErrors.invalidParameterException, "Invalid parameter: \(detail)")
    }

    /// `NotFound` for a missing topic.
    package static func topicNotFound() -> AWSServiceError {
        AWSServiceError(SNSErrors.notFoundException, "Topic does not exist")
    }

    /// `NotFound` for a missing subscription.
    package static func subscriptionNotFound() -> AWSServiceError {
        AWSServiceError(SNSErrors.notFoundException, "Subscription does not exist")
    }

    /// `InvalidParameter` for a protocol Stratus does not deliver over yet.
    package static func unsupportedProtocol(_ name: String) -> AWSServiceError {
        AWSServiceError(SNSErrors.invalidParameterException,
                        "Invalid parameter: Stratus does not deliver SNS notifications over '\(name)' yet; subscribe SQS queues (sqs), Lambda functions (lambda), HTTP or HTTPS endpoints, email addresses (email, email-json), phone numbers (sms) or mobile push endpoints (application).")
    }
}
