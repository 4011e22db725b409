/// The storage port of the SNS service: topics and their subscriptions, FIFO deduplication ids, the deliveries to
/// HTTP(S) endpoints and mailboxes still to be made, SMS and push notifications sent, and mobile push applications
/// with their endpoints.
///
/// Guarantees every adapter must give: each method is one atomic transaction; a method that returns has committed
/// durably; deleting a topic deletes its subscriptions, deleting an application its endpoints. Adapters know nothing
/// of AWS rules.
package protocol SNSStore: Sendable {
    /// Inserts `topic` unless a topic with its ARN exists. - Returns: the existing topic when not created.
    func createTopic(_ topic: SNSTopicRecord) async throws -> SNSTopicRecord?

    /// The topic `arn`, or nil.
    func topic(arn: String) async throws -> SNSTopicRecord?

    /// Topics of `accountID` in `region` sorted by ARN, strictly after `afterARN`, at most `limit`.
    func topics(accountID: String, region: String, afterARN: String?, limit: Int) async throws -> [SNSTopicRecord]

    /// Reads topic `arn`, lets `change` edit it, writes it back. - Returns: the topic after, or nil when missing.
    func updateTopic(arn: String, _ change: @escaping @Sendable (inout SNSTopicRecord) throws -> Void) async throws
        -> SNSTopicRecord?

    /// Deletes topic `arn` and its subscriptions. - Returns: whether it existed.
    func deleteTopic(arn: String) async throws -> Bool

    /// Inserts `subscription` (its topic must exist). - Throws: when the topic no longer exists.
    func createSubscription(_ subscription: SNSSubscriptionRecord) async throws

    /// The subscription `arn`, or nil.
    func subscription(arn: String) async throws -> SNSSubscriptionRecord?

    /// Subscriptions of topic `topicARN` (every topic when nil) in `accountID`/`region`, sorted by ARN, strictly after
    /// `afterARN`, at most `limit`.
    func subscriptions(topicARN: String?, accountID: String, region: String, afterARN: String?, limit: Int) async throws
        -> [SNSSubscriptionRecord]

    /// Reads subscription `arn`, lets `change` edit it, writes it back. - Returns: it after, or nil when missing.
    func updateSubscription(arn: String, _ change: @escaping @Sendable (inout SNSSubscriptionRecord) throws -> Void)
        async throws -> SNSSubscriptionRecord?

    /// Deletes subscription `arn`. - Returns: whether it existed.
    func deleteSubscription(arn: String) async throws -> Bool

    /// Records a FIFO topic's message deduplication id with the message's id and sequence number at `now` (ms),
    /// unless the id was recorded after `since`.
    /// - Returns: the message id and sequence number first published with it, when it is a duplicate.
    func deduplicate(topicARN: String, deduplicationID: String, messageID: String, sequenceNumber: String, now: Int64,
                     since: Int64) async throws -> (messageID: String, sequenceNumber: String)?
    /// Stores deliveries still to be made.
    func enqueueDeliveries(_ deliveries: [SNSPendingDelivery]) async throws
    /// At most `limit` deliveries due at `now` (ms), the earliest due first, each made due again only at `leaseUntil`
    /// (so no other claim takes it while it is being tried; after a crash it is tried again then).
    func claimDeliveries(now: Int64, leaseUntil: Int64, limit: Int) async throws -> [SNSPendingDelivery]
    /// Makes every delivery claimed but not finished due at `now` (for a start after a crash).
    func releaseClaimedDeliveries(now: Int64) async throws
    /// Records a failed attempt: the delivery's attempt count and when it is due next.
    func rescheduleDelivery(id: String, attempts: Int, dueAt: Int64) async throws
    /// Removes a delivery (made, or given up).
    func removeDelivery(id: String) async throws
    /// Keeps an SMS message Stratus sent.
    func recordTextMessage(_ message: SNSTextMessage) async throws
    /// The SMS messages sent (to `phoneNumber` only, when given), oldest first.
    func textMessages(phoneNumber: String?) async throws -> [SNSTextMessage]
    /// The account-level SMS attributes of `accountID` in `region` (`DefaultSMSType`, `DefaultSenderID`, …).
    func smsAttributes(accountID: String, region: String) async throws -> [String: String]
    /// Merges `attributes` into the account's SMS attributes (an empty value removes one).
    func setSMSAttributes(_ attributes: [String: String], accountID: String, region: String) async throws
    /// Inserts `application`, or replaces the attributes of the application with its ARN. - Returns: whether it
    /// was created.
    func putPlatformApplication(_ application: SNSPlatformApplicationRecord) async throws -> Bool
    /// The platform application `arn`, or nil.
    func platformApplication(arn: String) async throws -> SNSPlatformApplicationRecord?
    /// Applications of `accountID` in `region` sorted by ARN, strictly after `afterARN`, at most `limit`.
    func platformApplications(accountID: String, region: String, afterARN: String?, limit: Int) async throws
        -> [SNSPlatformApplicationRecord]
    /// Reads application `arn`, lets `change` edit it, writes it back. - Returns: it after, or nil when missing.
    func updatePlatformApplication(arn: String, _ change: @escaping @Sendable (inout SNSPlatformApplicationRecord) throws -> Void)
        async throws -> SNSPlatformApplicationRecord?
    /// Deletes application `arn` and its endpoints. - Returns: whether it existed.
    func deletePlatformApplication(arn: String) async throws -> Bool
    /// Inserts `endpoint` unless its application has an endpoint with its token; the application must exist.
    /// - Returns: the endpoint with that token when not created. - Throws: ``SNSStoreMissing`` without the application.
    func createPlatformEndpoint(_ endpoint: SNSPlatformEndpointRecord) async throws -> SNSPlatformEndpointRecord?
    /// The endpoint `arn`, or nil.
    func platformEndpoint(arn: String) async throws -> SNSPlatformEndpointRecord?
    /// Endpoints of application `applicationARN` sorted by ARN, strictly after `afterARN`, at most `limit`.
    func platformEndpoints(applicationARN: String, afterARN: String?, limit: Int) async throws -> [SNSPlatformEndpointRecord]
    /// Reads endpoint `arn`, lets `change` edit it (its token must stay unique in its application), writes it back.
    /// - Returns: it after, or nil when missing.
    func updatePlatformEndpoint(arn: String, _ change: @escaping @Sendable (inout SNSPlatformEndpointRecord) throws -> Void)
        async throws -> SNSPlatformEndpointRecord?
    /// Deletes endpoint `arn`. - Returns: whether it existed.
    func deletePlatformEndpoint(arn: String) async throws -> Bool
    /// Keeps a push notification Stratus "sent".
    func recordPushMessage(_ message: SNSPushMessage) async throws
    /// The push notifications sent (to `endpointARN` only, when given), oldest first.
    func pushMessages(endpointARN: String?) async throws -> [SNSPushMessage]
    /// The SMS sandbox numbers of `accountID` in `region`, sorted by number.
    func smsSandboxNumbers(accountID: String, region: String) async throws -> [SNSSandboxPhoneNumber]
    /// Inserts or replaces a sandbox number.
    func putSMSSandboxNumber(_ number: SNSSandboxPhoneNumber) async throws
    /// Deletes a sandbox number. - Returns: whether it existed.
    func deleteSMSSandboxNumber(accountID: String, region: String, phoneNumber: String) async throws -> Bool
}
