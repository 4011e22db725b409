/// An event archive as stored (`CreateArchive`): the events of its bus that match its pattern are kept with it.
package struct EventArchiveRecord: Sendable, Equatable, Codable {
    /// `arn:aws:events:<region>:<account>:archive/<name>`.
    package var arn: String
    /// The archive name.
    package var name: String
    /// The owning account.
    package var accountID: String
    /// The region.
    package var region: String
    /// The bus whose events it keeps.
    package var busARN: String
    /// The description, if any.
    package var description: String?
    /// The event pattern events must match to be kept (all events when nil).
    package var eventPattern: String?
    /// How many days events are kept (0: for ever).
    package var retentionDays: Int
    /// `KmsKeyIdentifier`, if set (kept; events are not encrypted).
    package var kmsKeyIdentifier: String?
    /// Creation time, ms since the epoch.
    package var createdAt: Int64

    /// An archive record.
    package init(arn: String, name: String, accountID: String, region: String, busARN: String, description: String?,
                 eventPattern: String?, retentionDays: Int, kmsKeyIdentifier: String?, createdAt: Int64) {
        self.arn = arn
        self.name = name
        self.accountID = accountID
        self.region = region
        self.busARN = busARN
        self.description = description
        self.eventPattern = eventPattern
        self.retentionDays = retentionDays
        self.kmsKeyIdentifier = kmsKeyIdentifier
        self.createdAt = createdAt
    }
}

/// One event kept by an archive.
package struct ArchivedEvent: Sendable, Equatable {
    /// The event's `time`, ms since the epoch (what a replay's time window selects on).
    package var time: Int64
    /// The event, as JSON text.
    package var event: String

    /// An archived event.
    package init(time: Int64, event: String) {
        self.time = time
        self.event = event
    }
}
