import Foundation
import OrderedCollections
import StratusAPIEventBridge
import StratusEventPatterns
import StratusAWSCore
import StratusJSON
import StratusJSONPath
import StratusServiceKit

extension EventBridgeService {
    /// The largest event entry, 256 KiB.
    static let maximumEntryBytes = 262_144

    package func putEvents(_ input: EventBridge.PutEventsRequest, context: RequestContext) async throws
        -> EventBridge.PutEventsResponse
    {
        var results: [EventBridge.PutEventsResultEntry] = []
        for entry in input.entries {
            var result = EventBridge.PutEventsResultEntry()
            do {
                let event = try event(of: entry, context: context)
                let bus = try await existingBus(entry.eventBusName, context: context)
                try await archive(event, time: entry.time ?? clock.now(), on: bus)
                try await route(event, on: bus, context: context)
                result.eventId = event["id"]?.stringValue
            } catch let failure as EntryFailure {
                result.errorCode = failure.code
                result.errorMessage = failure.message
            } catch let error as AWSServiceError {
                result.errorCode = error.code.code
                result.errorMessage = error.message
            }
            results.append(result)
        }
        return EventBridge.PutEventsResponse(failedEntryCount: results.filter { $0.errorCode != nil }.count, entries: results)
    }

    /// Why one entry of `PutEvents` failed (its `ErrorCode` and `ErrorMessage`).
    struct EntryFailure: Error {
        var code: String
        var message: String
    }

    /// The event an entry describes, checked as EventBridge checks it.
    func event(of entry: EventBridge.PutEventsRequestEntry, context: RequestContext) throws -> JSONValue {
        for (name, value) in [("Source", entry.source), ("DetailType", entry.detailType), ("Detail", entry.detail)] where value == nil {
            throw EntryFailure(code: "InvalidArgument", message: "Parameter \(name) is not valid. Reason: \(name) is a required argument.")
        }
        guard let detail = try? JSONValue.parse(entry.detail ?? ""), case .object = detail else {
            throw EntryFailure(code: "MalformedDetail", message: "Detail is malformed.")
        }
        let size = (entry.source ?? "").utf8.count + (entry.detailType ?? "").utf8.count + (entry.detail ?? "").utf8.count
            + (entry.resources ?? []).reduce(0) { $0 + $1.utf8.count }
        guard size <= Self.maximumEntryBytes else {
            throw EntryFailure(code: "InvalidArgument", message: "Total size of the entries in the request is over the limit.")
        }
        let time = entry.time ?? clock.now()
        return [
            "version": "0", "id": .string(ids.next()), "detail-type": .string(entry.detailType ?? ""),
            "source": .string(entry.source ?? ""), "account": .string(context.accountID),
            "time": .string(Self.eventTime(time)), "region": .string(context.region),
            "resources": .array((entry.resources ?? []).map { .string($0) }), "detail": detail,
        ]
    }

    /// Sends `event` to the targets of every enabled rule of `bus` whose pattern matches it; `hops` is the number
    /// of buses it was forwarded through to get here.
    func route(_ event: JSONValue, on bus: EventBusRecord, context: RequestContext, hops: Int = 0) async throws {
        for rule in try await store.rules(busARN: bus.arn) where rule.state == "ENABLED" {
            guard let text = rule.eventPattern, let pattern = try? JSONValue.parse(text),
                  EventPattern.matches(pattern, event) else { continue }
            await deliver(event, for: rule, context: context, hops: hops)
        }
    }

    /// Whether `arn` names an event bus (`arn:aws:events:<region>:<account>:event-bus/<name>`).
    static func isEventBus(_ arn: String) -> Bool {
        arn.hasPrefix("arn:aws:events:") && arn.contains(":event-bus/")
    }

    /// How many times an event is forwarded from bus to bus (rules targeting buses) before it is dropped: a
    /// cycle of buses ends there.
    static let maximumBusHops = 5

    /// Puts `event` as it is on the bus `arn` (of any account and region): archived there and matched against its
    /// rules. Throws `ResourceNotFoundException` when the bus does not exist.
    func forward(_ event: JSONValue, toBus arn: String, hops: Int) async throws {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { throw EventBridgeFailure.noSuchBus(arn) }
        let context = RequestContext(accountID: String(parts[4]), region: String(parts[3]), requestID: ids.next(),
                                     host: "localhost", receivedAt: clock.now())
        let bus = try await existingBus(arn, context: context)
        try await archive(event, time: clock.now(), on: bus)
        try await route(event, on: bus, context: context, hops: hops)
    }

    /// Sends `event` to each of `rule`'s targets, transformed as the target says. A failed delivery does not fail
    /// the others; the event goes to the target's dead-letter queue (`DeadLetterConfig`, an SQS queue) if it has one,
    /// with the attributes ``EventBridgeDeadLetter`` names, else it is dropped (in-process targets fail for good — a
    /// missing queue, function or state machine, an input they refuse — so Stratus does not retry them as AWS does
    /// first). API destination calls are queued (``queueCall(_:event:target:rule:context:)``) and made, with
    /// EventBridge's retries, by ``EventBridgeCallWorker``. An event bus target gets the event as it is
    /// (``forward(_:toBus:hops:)``), at most ``maximumBusHops`` buses deep.
    func deliver(_ event: JSONValue, for rule: EventRuleRecord, context: RequestContext, hops: Int = 0) async {
        guard let targets else { return }
        for target in rule.targets {
            do {
                if Self.isEventBus(target.arn) {
                    guard hops < Self.maximumBusHops else { continue }
                    try await forward(event, toBus: target.arn, hops: hops + 1)
                    continue
                }
                let input: String
                do {
                    input = try Self.input(of: event, for: target, rule: rule)
                } catch {
                    throw EventBridgeInputFailure(message: "The target's input could not be built from the event: \(error)")
                }
                if Self.isApiDestination(target.arn) {
                    try await queueCall(input, event: event.serializedString(), target: target, rule: rule, context: context)
                } else {
                    try await targets.deliver(input, to: target, context: context)
                }
            } catch {
                guard let queue = target.deadLetterConfig?.arn, queue.hasPrefix("arn:aws:sqs:") else { continue }
                let deadLetter = EventBridgeDeadLetter(ruleARN: rule.arn, targetARN: target.arn, error: error)
                try? await targets.deliver(event.serializedString(), to: EventBridge.Target(id: target.id, arn: queue),
                                           attributes: deadLetter.attributes, context: context)
            }
        }
    }

    /// What a target gets: its constant `Input`, the part of the event `InputPath` selects, the `InputTransformer`'s
    /// template filled in, or the whole event.
    static func input(of event: JSONValue, for target: EventBridge.Target, rule: EventRuleRecord) throws -> String {
        if let constant = target.input { return constant }
        if let path = target.inputPath {
            return try JSONPath(path).evaluate(event).serializedString()
        }
        guard let transformer = target.inputTransformer else { return event.serializedString() }
        var values: [String: JSONValue] = [
            "aws.events.event": event, "aws.events.event.json": event, "aws.events.rule-arn": .string(rule.arn),
            "aws.events.rule-name": .string(rule.name), "aws.events.event.ingestion-time": event["time"] ?? .null,
        ]
        for (name, path) in transformer.inputPathsMap ?? [:] {
            values[name] = (try? JSONPath(path).evaluate(event)) ?? .null
        }
        // A JSON template gets JSON values (a string placeholder between quotes gets the string's characters); any
        // other template gets strings as they are.
        var text = transformer.inputTemplate
        let isJSON = text.first(where: { !$0.isWhitespace }).map { $0 == "{" || $0 == "[" } ?? false
        for (name, value) in values {
            let placeholder = "<\(name)>"
            guard text.contains(placeholder) else { continue }
            let quoted = "\"\(placeholder)\""
            if case .string(let string) = value {
                let escaped = JSONValue.string(string).serializedString()
                text = text.replacingOccurrences(of: quoted, with: escaped)
                text = text.replacingOccurrences(of: placeholder, with: isJSON ? escaped : string)
            } else {
                text = text.replacingOccurrences(of: quoted, with: value.serializedString())
                text = text.replacingOccurrences(of: placeholder, with: value.serializedString())
            }
        }
        return text
    }

    /// An event's `time` (`2024-01-02T03:04:05Z`, to the second).
    static func eventTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
