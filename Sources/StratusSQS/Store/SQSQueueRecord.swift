/// A queue as the store keeps it: identity, the attributes a client set, tags and bookkeeping times.
///
/// Guarantees: `attributes` holds only settable attributes, already validated and normalized by the service
/// (the store never interprets them); times are milliseconds since the Unix epoch. `id` is assigned by the store
/// and is meaningless outside it.
package struct SQSQueueRecord: Sendable, Equatable {
    /// The store's key of the queue (0 before it is created).
    package var id: Int64
    /// The owning account.
    package var accountID: String
    /// The region the queue lives in.
    package var region: String
    /// The queue name (FIFO queue names end in `.fifo`).
    package var name: String
    /// Settable attributes a client set, normalized (`VisibilityTimeout` → `"30"`).
    package var attributes: [String: String]
    /// The queue's tags.
    package var tags: [String: String]
    /// When the queue was created (ms).
    package var createdAt: Int64
    /// When the attributes last changed (ms).
    package var lastModifiedAt: Int64
    /// When the queue was last purged (ms), if ever.
    package var lastPurgedAt: Int64?

    /// Creates a record.
    package init(
        id: Int64 = 0, accountID: String, region: String, name: String, attributes: [String: String] = [:],
        tags: [String: String] = [:], createdAt: Int64, lastModifiedAt: Int64, lastPurgedAt: Int64? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.region = region
        self.name = name
        self.attributes = attributes
        self.tags = tags
        self.createdAt = createdAt
        self.lastModifiedAt = lastModifiedAt
        self.lastPurgedAt = lastPurgedAt
    }

    /// `true` for FIFO queues (their names end in `.fifo`).
    package var isFIFO: Bool { name.hasSuffix(".fifo") }

    /// `arn:aws:sqs:<region>:<account>:<name>`.
    package var arn: String { "arn:aws:sqs:\(region):\(accountID):\(name)" }
}
