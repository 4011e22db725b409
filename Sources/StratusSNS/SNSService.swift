import Foundation
import StratusAPISNS
import StratusAWSCore
import StratusServiceKit

/// The SNS service: topics (standard and FIFO), subscriptions of SQS queues, Lambda functions, HTTP(S) endpoints,
/// email addresses, phone numbers and mobile push endpoints with filter policies and raw delivery, and
/// `Publish`/`PublishBatch` fanning out to them (or straight to a phone number or push endpoint); SMS and push
/// notifications are kept, not sent.
///
/// Guarantees: AWS's validation rules, error codes and messages for what it implements; a publish is answered
/// after every matching subscription's destination accepted its message durably (SQS stored it, Lambda queued
/// the invocation) and every HTTP(S) or email delivery was stored in the store's delivery queue, which
/// ``SNSDeliveryWorker`` works off (retrying by the delivery policy, across restarts); time comes from `clock`, ids
/// from `ids`. `firehose` is refused with `InvalidParameter` saying so; operations Stratus does not implement answer
/// `NotImplemented`.
package struct SNSService: SNSHandler {
    /// Where topics and subscriptions live.
    package let store: any SNSStore
    /// The source of "now".
    package let clock: any WallClock
    /// The source of message and subscription ids.
    package let ids: any RequestIDGenerator
    /// Where messages go (nil: nothing can be subscribed).
    package let destinations: (any SNSDestinations)?
    /// Signalled when deliveries to HTTP(S) endpoints or mailboxes were queued (``SNSDeliveryWorker`` waits on it).
    package let endpointDeliveries = WakeupSignal()

    /// A service over `store`, delivering through `destinations`.
    package init(store: any SNSStore, clock: any WallClock = SystemWallClock(),
                 ids: any RequestIDGenerator = RandomRequestIDGenerator(), destinations: (any SNSDestinations)? = nil) {
        self.store = store
        self.clock = clock
        self.ids = ids
        self.destinations = destinations
    }

    /// Now in milliseconds since the epoch.
    func nowMilliseconds() -> Int64 { Int64((clock.now().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// The topic an ARN names, or `NotFound`.
    func existingTopic(_ arn: String) async throws -> SNSTopicRecord {
        guard let topic = try await store.topic(arn: arn) else { throw SNSFailure.topicNotFound() }
        return topic
    }

    /// `arn:aws:sns:<region>:<account>:<name>` split, or nil.
    static func topicParts(_ arn: String) -> (region: String, account: String, name: String)? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "sns", !parts[5].isEmpty else { return nil }
        return (parts[3], parts[4], parts[5])
    }

    /// A pagination token (the last ARN of a page) and back.
    static func token(after arn: String) -> String { Data(arn.utf8).base64EncodedString() }

    static func arn(fromToken token: String?) throws -> String? {
        guard let token else { return nil }
        guard let data = Data(base64Encoded: token), let arn = String(data: data, encoding: .utf8) else {
            throw SNSFailure.invalidParameter("NextToken")
        }
        return arn
    }
}
