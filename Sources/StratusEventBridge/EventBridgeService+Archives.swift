import Foundation
import StratusAPIEventBridge
import StratusEventPatterns
import StratusJSON
import StratusServiceKit

/// Archives keep the events put on a bus (those their pattern matches); replays send an archive's events of a time
/// window back to the bus's rules, each with a `replay-name` member. A replay runs while `StartReplay` is answered:
/// the answer says `STARTING` as AWS's does, and by the time a client asks, the replay is `COMPLETED`.
extension EventBridgeService {
    /// The ARN of archive `name`.
    static func archiveARN(_ name: String, context: RequestContext) -> String {
        "arn:aws:events:\(context.region):\(context.accountID):archive/\(name)"
    }

    /// The ARN of replay `name`.
    static func replayARN(_ name: String, context: RequestContext) -> String {
        "arn:aws:events:\(context.region):\(context.accountID):replay/\(name)"
    }

    func existingArchive(_ name: String, context: RequestContext) async throws -> EventArchiveRecord {
        guard let archive = try await store.archive(arn: Self.archiveARN(name, context: context)) else {
            throw AWSServiceError(EventBridgeErrors.resourceNotFoundException, "Archive \(name) does not exist.")
        }
        return archive
    }

    func existingReplay(_ name: String, context: RequestContext) async throws -> EventReplayRecord {
        guard let replay = try await store.replay(arn: Self.replayARN(name, context: context)) else {
            throw AWSServiceError(EventBridgeErrors.resourceNotFoundException, "Replay \(name) does not exist.")
        }
        return replay
    }

    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    static func checkRetention(_ days: Int?) throws {
        if let days, days < 0 {
            throw EventBridgeFailure.validation("Parameter RetentionDays is not valid. Reason: RetentionDays must be 0 or more.")
        }
    }

    package func createArchive(_ input: EventBridge.CreateArchiveRequest, context: RequestContext) async throws
        -> EventBridge.CreateArchiveResponse
    {
        if let pattern = input.eventPattern { try Self.checkPattern(pattern) }
        try Self.checkRetention(input.retentionDays)
        guard input.eventSourceArn.hasPrefix("arn:aws:events:"), input.eventSourceArn.contains(":event-bus/") else {
            throw EventBridgeFailure.validation("Parameter EventSourceArn is not valid. Reason: Provided Arn is not in correct format.")
        }
        let bus = try await existingBus(input.eventSourceArn, context: context)
        let now = nowMilliseconds()
        let record = EventArchiveRecord(
            arn: Self.archiveARN(input.archiveName, context: context), name: input.archiveName, accountID: context.accountID,
            region: context.region, busARN: bus.arn, description: input.description, eventPattern: input.eventPattern,
            retentionDays: input.retentionDays ?? 0, kmsKeyIdentifier: input.kmsKeyIdentifier, createdAt: now)
        guard try await store.createArchive(record) else {
            throw AWSServiceError(EventBridgeErrors.resourceAlreadyExistsException, "Archive \(input.archiveName) already exists.")
        }
        var output = EventBridge.CreateArchiveResponse()
        output.archiveArn = record.arn
        output.state = EventBridge.ArchiveState(rawValue: "ENABLED")
        output.creationTime = Self.date(now)
        return output
    }

    package func describeArchive(_ input: EventBridge.DescribeArchiveRequest, context: RequestContext) async throws
        -> EventBridge.DescribeArchiveResponse
    {
        let archive = try await existingArchive(input.archiveName, context: context)
        let size = try await store.archiveSize(archiveARN: archive.arn)
        var output = EventBridge.DescribeArchiveResponse()
        output.archiveArn = archive.arn
        output.archiveName = archive.name
        output.eventSourceArn = archive.busARN
        output.description = archive.description
        output.eventPattern = archive.eventPattern
        output.state = EventBridge.ArchiveState(rawValue: "ENABLED")
        output.kmsKeyIdentifier = archive.kmsKeyIdentifier
        output.retentionDays = archive.retentionDays
        output.sizeBytes = size.bytes
        output.eventCount = size.count
        output.creationTime = Self.date(archive.createdAt)
        return output
    }

    package func listArchives(_ input: EventBridge.ListArchivesRequest, context: RequestContext) async throws
        -> EventBridge.ListArchivesResponse
    {
        let matching = try await store.archives(accountID: context.accountID, region: context.region).filter { archive in
            (input.namePrefix.map { archive.name.hasPrefix($0) } ?? true)
                && (input.eventSourceArn.map { archive.busARN == $0 } ?? true)
                && (input.state.map { $0.rawValue == "ENABLED" } ?? true)
        }
        let (page, next) = try Self.page(matching, token: input.nextToken, limit: input.limit)
        var entries: [EventBridge.Archive] = []
        for archive in page {
            let size = try await store.archiveSize(archiveARN: archive.arn)
            var entry = EventBridge.Archive()
            entry.archiveName = archive.name
            entry.eventSourceArn = archive.busARN
            entry.state = EventBridge.ArchiveState(rawValue: "ENABLED")
            entry.retentionDays = archive.retentionDays
            entry.sizeBytes = size.bytes
            entry.eventCount = size.count
            entry.creationTime = Self.date(archive.createdAt)
            entries.append(entry)
        }
        return EventBridge.ListArchivesResponse(archives: entries, nextToken: next)
    }

    package func updateArchive(_ input: EventBridge.UpdateArchiveRequest, context: RequestContext) async throws
        -> EventBridge.UpdateArchiveResponse
    {
        if let pattern = input.eventPattern, !pattern.isEmpty { try Self.checkPattern(pattern) }
        try Self.checkRetention(input.retentionDays)
        let (description, pattern, retention, kms) = (input.description, input.eventPattern, input.retentionDays, input.kmsKeyIdentifier)
        guard let archive = try await store.updateArchive(arn: Self.archiveARN(input.archiveName, context: context), { record in
            if let description { record.description = description.isEmpty ? nil : description }
            if let pattern { record.eventPattern = pattern.isEmpty ? nil : pattern }
            if let retention { record.retentionDays = retention }
            if let kms { record.kmsKeyIdentifier = kms.isEmpty ? nil : kms }
        }) else {
            throw AWSServiceError(EventBridgeErrors.resourceNotFoundException, "Archive \(input.archiveName) does not exist.")
        }
        var output = EventBridge.UpdateArchiveResponse()
        output.archiveArn = archive.arn
        output.state = EventBridge.ArchiveState(rawValue: "ENABLED")
        output.creationTime = Self.date(archive.createdAt)
        return output
    }

    package func deleteArchive(_ input: EventBridge.DeleteArchiveRequest, context: RequestContext) async throws
        -> EventBridge.DeleteArchiveResponse
    {
        guard try await store.deleteArchive(arn: Self.archiveARN(input.archiveName, context: context)) else {
            throw AWSServiceError(EventBridgeErrors.resourceNotFoundException, "Archive \(input.archiveName) does not exist.")
        }
        return EventBridge.DeleteArchiveResponse()
    }

    /// Keeps `event` (put on `bus` at `time`) in every archive of the bus whose pattern matches it. Replayed events
    /// are not archived again.
    func archive(_ event: JSONValue, time: Date, on bus: EventBusRecord) async throws {
        guard event["replay-name"] == nil else { return }
        let archives = try await store.archives(busARN: bus.arn)
        guard !archives.isEmpty else { return }
        let text = event.serializedString()
        let now = nowMilliseconds()
        for archive in archives {
            if let source = archive.eventPattern {
                guard let pattern = try? JSONValue.parse(source), EventPattern.matches(pattern, event) else { continue }
            }
            let forgetBefore = archive.retentionDays > 0 ? now - Int64(archive.retentionDays) * 86_400_000 : nil
            try await store.appendArchivedEvent(
                archiveARN: archive.arn, ArchivedEvent(time: Self.milliseconds(time), event: text), forgetBefore: forgetBefore)
        }
    }
}
