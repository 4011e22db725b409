/// The storage port of the EventBridge service: event buses and rules (with their targets), archives with their
/// events, replays, connections, API destinations and the API destination calls still to make.
///
/// Guarantees every adapter must give: each method is one atomic transaction; a method that returns has committed
/// durably; deleting a bus deletes its rules; deleting an archive its events. Adapters know nothing of AWS rules.
package protocol EventBridgeStore: Sendable {
    /// Inserts `bus` unless one with its ARN exists. - Returns: whether it was inserted.
    func createBus(_ bus: EventBusRecord) async throws -> Bool

    /// The bus `arn`, or nil.
    func bus(arn: String) async throws -> EventBusRecord?

    /// The buses of `accountID` in `region`, sorted by name.
    func buses(accountID: String, region: String) async throws -> [EventBusRecord]

    /// Reads bus `arn`, lets `change` edit it, writes it back. - Returns: it after, or nil when missing.
    func updateBus(arn: String, _ change: @escaping @Sendable (inout EventBusRecord) throws -> Void) async throws
        -> EventBusRecord?

    /// Deletes bus `arn` and its rules. - Returns: whether it existed.
    func deleteBus(arn: String) async throws -> Bool

    /// Inserts or replaces the rule with `rule.arn`.
    func putRule(_ rule: EventRuleRecord) async throws

    /// The rule `arn`, or nil.
    func rule(arn: String) async throws -> EventRuleRecord?

    /// The rules on bus `busARN`, sorted by name.
    func rules(busARN: String) async throws -> [EventRuleRecord]

    /// Every scheduled rule of every account (the scheduler's work list).
    func scheduledRules() async throws -> [EventRuleRecord]

    /// Reads rule `arn`, lets `change` edit it, writes it back. - Returns: it after, or nil when missing.
    func updateRule(arn: String, _ change: @escaping @Sendable (inout EventRuleRecord) throws -> Void) async throws
        -> EventRuleRecord?

    /// Deletes rule `arn`. - Returns: whether it existed.
    func deleteRule(arn: String) async throws -> Bool

    /// Inserts `archive` unless one with its ARN exists. - Returns: whether it was inserted.
    func createArchive(_ archive: EventArchiveRecord) async throws -> Bool
    /// The archive `arn`, or nil.
    func archive(arn: String) async throws -> EventArchiveRecord?
    /// The archives of `accountID` in `region`, sorted by name.
    func archives(accountID: String, region: String) async throws -> [EventArchiveRecord]
    /// The archives keeping the events of bus `busARN`.
    func archives(busARN: String) async throws -> [EventArchiveRecord]
    /// Reads archive `arn`, lets `change` edit it, writes it back. - Returns: it after, or nil when missing.
    func updateArchive(arn: String, _ change: @escaping @Sendable (inout EventArchiveRecord) throws -> Void) async throws
        -> EventArchiveRecord?
    /// Deletes archive `arn` and its events. - Returns: whether it existed.
    func deleteArchive(arn: String) async throws -> Bool
    /// Keeps `event` in archive `archiveARN` (if it still exists), and forgets the archive's events older than
    /// `forgetBefore` (ms) when given.
    func appendArchivedEvent(archiveARN: String, _ event: ArchivedEvent, forgetBefore: Int64?) async throws
    /// The events of archive `archiveARN` whose time is in `from..<to` (ms), oldest first.
    func archivedEvents(archiveARN: String, from: Int64, to: Int64) async throws -> [ArchivedEvent]
    /// How many events archive `archiveARN` keeps, and their total size in bytes.
    func archiveSize(archiveARN: String) async throws -> (count: Int, bytes: Int)
    /// Inserts `replay` unless one with its ARN exists. - Returns: whether it was inserted.
    func createReplay(_ replay: EventReplayRecord) async throws -> Bool
    /// The replay `arn`, or nil.
    func replay(arn: String) async throws -> EventReplayRecord?
    /// The replays of `accountID` in `region`, sorted by name.
    func replays(accountID: String, region: String) async throws -> [EventReplayRecord]
    /// Reads replay `arn`, lets `change` edit it, writes it back. - Returns: it after, or nil when missing.
    func updateReplay(arn: String, _ change: @escaping @Sendable (inout EventReplayRecord) throws -> Void) async throws
        -> EventReplayRecord?

    /// Inserts `connection` unless its account and region have a connection of its name. - Returns: whether it was
    /// inserted.
    func createConnection(_ connection: EventConnectionRecord) async throws -> Bool
    /// The connections of `accountID` in `region`, sorted by name.
    func connections(accountID: String, region: String) async throws -> [EventConnectionRecord]
    /// The connection `arn`, or nil.
    func connection(arn: String) async throws -> EventConnectionRecord?
    /// Reads connection `arn`, lets `change` edit it, writes it back. - Returns: it after, or nil when missing.
    func updateConnection(arn: String, _ change: @escaping @Sendable (inout EventConnectionRecord) throws -> Void)
        async throws -> EventConnectionRecord?
    /// Deletes connection `arn`. - Returns: whether it existed.
    func deleteConnection(arn: String) async throws -> Bool
    /// Inserts `destination` unless its account and region have an API destination of its name. - Returns: whether
    /// it was inserted.
    func createApiDestination(_ destination: EventApiDestinationRecord) async throws -> Bool
    /// The API destinations of `accountID` in `region`, sorted by name.
    func apiDestinations(accountID: String, region: String) async throws -> [EventApiDestinationRecord]
    /// The API destination `arn`, or nil.
    func apiDestination(arn: String) async throws -> EventApiDestinationRecord?
    /// Reads API destination `arn`, lets `change` edit it, writes it back. - Returns: it after, or nil when missing.
    func updateApiDestination(arn: String, _ change: @escaping @Sendable (inout EventApiDestinationRecord) throws -> Void)
        async throws -> EventApiDestinationRecord?
    /// Deletes API destination `arn`. - Returns: whether it existed.
    func deleteApiDestination(arn: String) async throws -> Bool

    /// Stores `call` (its id is assigned), due at `dueAt` (ms).
    func enqueueCall(_ call: EventPendingCall, dueAt: Int64) async throws

    /// Claims up to `limit` unclaimed calls due at or before `now` (ms), soonest first, with their ids; a claimed
    /// call is not claimed again until ``rescheduleCall(_:dueAt:)`` or ``releaseClaimedCalls()``.
    func claimDueCalls(now: Int64, limit: Int) async throws -> [EventPendingCall]

    /// Stores `call` (its attempts) unclaimed again, due at `dueAt` (ms).
    func rescheduleCall(_ call: EventPendingCall, dueAt: Int64) async throws

    /// Forgets call `id` (made, or given up).
    func removeCall(id: Int64) async throws

    /// Unclaims every claimed call (a run that claimed them ended before making them).
    func releaseClaimedCalls() async throws
}
