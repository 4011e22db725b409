/// A replay as stored (`StartReplay`).
package struct EventReplayRecord: Sendable, Equatable, Codable {
    /// `arn:aws:events:<region>:<account>:replay/<name>`.
    package var arn: String
    /// The replay name.
    package var name: String
    /// The owning account.
    package var accountID: String
    /// The region.
    package var region: String
    /// The description, if any.
    package var description: String?
    /// The archive replayed.
    package var archiveARN: String
    /// The bus the events go to.
    package var destinationBusARN: String
    /// The rules the events go to (every rule of the bus when nil).
    package var filterARNs: [String]?
    /// The time window of the events replayed, ms since the epoch: from `eventStart` (inclusive) to `eventEnd`
    /// (exclusive).
    package var eventStart: Int64, eventEnd: Int64
    /// `STARTING`, `RUNNING`, `CANCELLING`, `COMPLETED`, `CANCELLED` or `FAILED`.
    package var state: String
    /// Why it is in its state, if said.
    package var stateReason: String?
    /// When it started and ended, ms since the epoch.
    package var startedAt: Int64, endedAt: Int64?
    /// The time of the last event replayed, ms since the epoch.
    package var lastReplayedEventTime: Int64?

    /// A replay record.
    package init(arn: String, name: String, accountID: String, region: String, description: String?, archiveARN: String,
                 destinationBusARN: String, filterARNs: [String]?, eventStart: Int64, eventEnd: Int64, state: String,
                 startedAt: Int64) {
        self.arn = arn
        self.name = name
        self.accountID = accountID
        self.region = region
        self.description = description
        self.archiveARN = archiveARN
        self.destinationBusARN = destinationBusARN
        self.filterARNs = filterARNs
        self.eventStart = eventStart
        self.eventEnd = eventEnd
        self.state = state
        self.startedAt = startedAt
    }
}
