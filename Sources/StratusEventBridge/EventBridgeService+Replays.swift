import Foundation
import OrderedCollections
import StratusAPIEventBridge
import StratusEventPatterns
import StratusJSON
import StratusServiceKit

extension EventBridgeService {
    /// Starts a replay of archive `EventSourceArn`'s events whose time is in `EventStartTime..<EventEndTime` to the
    /// archive's bus (`Destination.Arn`; only to the rules `FilterArns` names, when given), and runs it.
    package func startReplay(_ input: EventBridge.StartReplayRequest, context: RequestContext) async throws
        -> EventBridge.StartReplayResponse
    {
        let start = Self.milliseconds(input.eventStartTime), end = Self.milliseconds(input.eventEndTime)
        guard start < end else {
            throw EventBridgeFailure.validation("Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.")
        }
        guard end <= nowMilliseconds() else {
            throw EventBridgeFailure.validation("Parameter EventEndTime is not valid. Reason: EventEndTime must not be in the future.")
        }
        guard let archiveName = input.eventSourceArn.split(separator: "/", maxSplits: 1).last.map(String.init),
              input.eventSourceArn == Self.archiveARN(archiveName, context: context) else {
            throw EventBridgeFailure.validation("Parameter EventSourceArn is not valid. Reason: Provided Arn is not in correct format.")
        }
        let archive = try await existingArchive(archiveName, context: context)
        guard input.destination.arn == archive.busARN else {
            throw EventBridgeFailure.validation("Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.")
        }
        for rule in input.destination.filterArns ?? [] where try await store.rule(arn: rule)?.busARN != archive.busARN {
            throw EventBridgeFailure.validation("Parameter Destination.FilterArns is not valid. Reason: Rule \(rule) does not exist on the destination event bus.")
        }
        let now = nowMilliseconds()
        let replay = EventReplayRecord(
            arn: Self.replayARN(input.replayName, context: context), name: input.replayName, accountID: context.accountID,
            region: context.region, description: input.description, archiveARN: archive.arn,
            destinationBusARN: archive.busARN, filterARNs: input.destination.filterArns, eventStart: start, eventEnd: end,
            state: "STARTING", startedAt: now)
        guard try await store.createReplay(replay) else {
            throw AWSServiceError(EventBridgeErrors.resourceAlreadyExistsException, "Replay \(input.replayName) already exists.")
        }
        try await run(replay, context: context)
        var output = EventBridge.StartReplayResponse()
        output.replayArn = replay.arn
        output.state = EventBridge.ReplayState(rawValue: "STARTING")
        output.replayStartTime = Self.date(now)
        return output
    }

    /// Sends the replay's events, oldest first, each with `replay-name`, to the matching rules of its bus (of its
    /// filter only, when it has one), then marks it `COMPLETED` (or `CANCELLED`, when it was cancelled meanwhile).
    func run(_ replay: EventReplayRecord, context: RequestContext) async throws {
        _ = try await store.updateReplay(arn: replay.arn) { $0.state = "RUNNING" }
        let events = try await store.archivedEvents(archiveARN: replay.archiveARN, from: replay.eventStart, to: replay.eventEnd)
        let rules = try await store.rules(busARN: replay.destinationBusARN).filter { rule in
            rule.state == "ENABLED" && (replay.filterARNs.map { $0.contains(rule.arn) } ?? true)
        }
        var last: Int64?
        for archived in events {
            if try await store.replay(arn: replay.arn)?.state == "CANCELLING" { break }
            guard var event = try? JSONValue.parse(archived.event), case .object(var members) = event else { continue }
            members["replay-name"] = .string(replay.name)
            event = .object(members)
            for rule in rules {
                guard let text = rule.eventPattern, let pattern = try? JSONValue.parse(text),
                      EventPattern.matches(pattern, event) else { continue }
                await deliver(event, for: rule, context: context)
            }
            last = archived.time
        }
        let (ended, lastReplayed) = (nowMilliseconds(), last)
        _ = try await store.updateReplay(arn: replay.arn) { record in
            record.state = record.state == "CANCELLING" ? "CANCELLED" : "COMPLETED"
            record.endedAt = ended
            if let lastReplayed { record.lastReplayedEventTime = lastReplayed }
        }
    }

    package func describeReplay(_ input: EventBridge.DescribeReplayRequest, context: RequestContext) async throws
        -> EventBridge.DescribeReplayResponse
    {
        Self.described(try await existingReplay(input.replayName, context: context))
    }

    /// What `DescribeReplay` answers about `replay` (`ListReplays` shows part of it).
    static func described(_ replay: EventReplayRecord) -> EventBridge.DescribeReplayResponse {
        var output = EventBridge.DescribeReplayResponse()
        output.replayName = replay.name
        output.replayArn = replay.arn
        output.description = replay.description
        output.state = EventBridge.ReplayState(rawValue: replay.state)
        output.stateReason = replay.stateReason
        output.eventSourceArn = replay.archiveARN
        output.destination = EventBridge.ReplayDestination(arn: replay.destinationBusARN, filterArns: replay.filterARNs)
        output.eventStartTime = Self.date(replay.eventStart)
        output.eventEndTime = Self.date(replay.eventEnd)
        output.eventLastReplayedTime = replay.lastReplayedEventTime.map(Self.date)
        output.replayStartTime = Self.date(replay.startedAt)
        output.replayEndTime = replay.endedAt.map(Self.date)
        return output
    }

    package func listReplays(_ input: EventBridge.ListReplaysRequest, context: RequestContext) async throws
        -> EventBridge.ListReplaysResponse
    {
        let matching = try await store.replays(accountID: context.accountID, region: context.region).filter { replay in
            (input.namePrefix.map { replay.name.hasPrefix($0) } ?? true)
                && (input.eventSourceArn.map { replay.archiveARN == $0 } ?? true)
                && (input.state.map { $0.rawValue == replay.state } ?? true)
        }
        let (page, next) = try Self.page(matching, token: input.nextToken, limit: input.limit)
        let entries: [EventBridge.Replay] = page.map { Self.listEntry(of: Self.described($0)) }
        return EventBridge.ListReplaysResponse(replays: entries, nextToken: next)
    }

    /// Cancels a replay that is starting or running; one that ended cannot be.
    package func cancelReplay(_ input: EventBridge.CancelReplayRequest, context: RequestContext) async throws
        -> EventBridge.CancelReplayResponse
    {
        let replay = try await existingReplay(input.replayName, context: context)
        guard replay.state == "STARTING" || replay.state == "RUNNING" else {
            throw AWSServiceError(EventBridgeErrors.illegalStatusException,
                                  "Replay \(input.replayName) is not in a valid state for this operation.")
        }
        _ = try await store.updateReplay(arn: replay.arn) { $0.state = "CANCELLING" }
        var output = EventBridge.CancelReplayResponse()
        output.replayArn = replay.arn
        output.state = EventBridge.ReplayState(rawValue: "CANCELLING")
        return output
    }
}
