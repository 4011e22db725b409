// LambdaQueueArn: an SQS queue ARN, as destinations and event sources name queues.

/// `arn:<partition>:sqs:<region>:<account>:<queue name>`.
///
/// Guarantees: parses exactly that form (six colon-separated parts, 12-digit account, non-empty name).
package struct LambdaQueueArn: Sendable, Equatable {
    /// The queue's region.
    package var region: String
    /// The queue's account.
    package var accountID: String
    /// The queue name.
    package var name: String

    /// Parses `text`; nil when it is not an SQS queue ARN.
    package init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "sqs", !parts[3].isEmpty,
            parts[4].count == 12, parts[4].allSatisfy(\.isNumber), !parts[5].isEmpty
        else { return nil }
        region = parts[3]
        accountID = parts[4]
        name = parts[5]
    }

    /// Whether the queue is FIFO.
    package var isFIFO: Bool { name.hasSuffix(".fifo") }
}
