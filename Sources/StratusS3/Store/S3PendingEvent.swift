/// An event notification of an object change, stored in the same transaction as the change and removed once
/// delivered (or given up), so a crash between the two loses no notification.
package struct S3PendingEvent: Sendable, Equatable, Codable {
    /// Where it goes.
    package enum Target: Sendable, Equatable, Codable {
        /// An S3 event message (`{"Records": [...]}`) for the SQS queue, SNS topic or Lambda function `arn`.
        case message(arn: String, text: String)
        /// An event on the default EventBridge bus (`source` `aws.s3`).
        case eventBridge(detailType: String, detail: String, resources: [String])
    }

    /// Unique among pending events.
    package var id: String
    /// The destination and what it gets.
    package var target: Target
    /// The bucket owner's account and region (where the event is sent from).
    package var accountID: String
    /// The bucket's region.
    package var region: String
    /// The id of the request that caused it.
    package var requestID: String
    /// Delivery attempts so far.
    package var attempts: Int
    /// When a sweep may (re)try it, in milliseconds since 1970: the request that caused it tries at once.
    package var dueAt: Int64

    /// An event.
    package init(id: String, target: Target, accountID: String, region: String, requestID: String, attempts: Int = 0,
                 dueAt: Int64) {
        self.id = id
        self.target = target
        self.accountID = accountID
        self.region = region
        self.requestID = requestID
        self.attempts = attempts
        self.dueAt = dueAt
    }
}
