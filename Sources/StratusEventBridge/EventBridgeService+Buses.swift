import Foundation
import StratusAPIEventBridge
import StratusServiceKit

extension EventBridgeService {
    package func createEventBus(_ input: EventBridge.CreateEventBusRequest, context: RequestContext) async throws
        -> EventBridge.CreateEventBusResponse
    {
        if input.name == "default" { throw AWSServiceError(EventBridgeErrors.resourceAlreadyExistsException, "Event bus default already exists.") }
        if input.eventSourceName != nil { throw EventBridgeFailure.validation("Stratus does not serve partner event sources.") }
        let arn = Self.busARN(input.name, context: context)
        let tags = Dictionary((input.tags ?? []).map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        var record = EventBusRecord(arn: arn, name: input.name, accountID: context.accountID, region: context.region,
                                    description: input.description, createdAt: nowMilliseconds(), tags: tags)
        record.kmsKeyIdentifier = input.kmsKeyIdentifier
        record.deadLetterQueueARN = try Self.checkedDeadLetterQueue(input.deadLetterConfig)
        record.logIncludeDetail = input.logConfig?.includeDetail?.rawValue
        record.logLevel = input.logConfig?.level?.rawValue
        guard try await store.createBus(record) else {
            throw AWSServiceError(EventBridgeErrors.resourceAlreadyExistsException, "Event bus \(input.name) already exists.")
        }
        var output = EventBridge.CreateEventBusResponse()
        output.eventBusArn = arn
        output.description = input.description
        output.kmsKeyIdentifier = record.kmsKeyIdentifier
        output.deadLetterConfig = input.deadLetterConfig
        output.logConfig = Self.logConfig(of: record)
        return output
    }

    package func deleteEventBus(_ input: EventBridge.DeleteEventBusRequest, context: RequestContext) async throws {
        guard input.name != "default" else { throw EventBridgeFailure.validation("Cannot delete event bus default.") }
        _ = try await store.deleteBus(arn: Self.busARN(input.name, context: context))  // a missing bus is not an error
    }

    package func describeEventBus(_ input: EventBridge.DescribeEventBusRequest, context: RequestContext) async throws
        -> EventBridge.DescribeEventBusResponse
    {
        let bus = try await existingBus(input.name, context: context)
        var output = EventBridge.DescribeEventBusResponse()
        output.name = bus.name
        output.arn = bus.arn
        output.description = bus.description
        output.kmsKeyIdentifier = bus.kmsKeyIdentifier
        output.deadLetterConfig = bus.deadLetterQueueARN.map { EventBridge.DeadLetterConfig(arn: $0) }
        output.logConfig = Self.logConfig(of: bus)
        output.policy = bus.policy
        (output.creationTime, output.lastModifiedTime) = Self.times(of: bus)
        return output
    }

    package func listEventBuses(_ input: EventBridge.ListEventBusesRequest, context: RequestContext) async throws
        -> EventBridge.ListEventBusesResponse
    {
        // A changed `default` bus is stored too; it is listed first, once.
        let custom = try await store.buses(accountID: context.accountID, region: context.region).filter { $0.name != "default" }
        let all = ([try await existingBus(nil, context: context)] + custom)
            .filter { bus in input.namePrefix.map { bus.name.hasPrefix($0) } ?? true }
        let (page, next) = try Self.page(all, token: input.nextToken, limit: input.limit)
        var output = EventBridge.ListEventBusesResponse()
        output.eventBuses = page.map { bus in
            var entry = EventBridge.EventBus()
            entry.name = bus.name
            entry.arn = bus.arn
            entry.description = bus.description
            entry.policy = bus.policy
            (entry.creationTime, entry.lastModifiedTime) = Self.times(of: bus)
            return entry
        }
        output.nextToken = next
        return output
    }

    /// A bus's creation and last-modification times (the creation time until it is changed); none for the implicit
    /// `default` bus, which was never created.
    private static func times(of bus: EventBusRecord) -> (created: Date?, modified: Date?) {
        guard bus.createdAt > 0 else { return (nil, nil) }
        let created = Date(timeIntervalSince1970: Double(bus.createdAt) / 1000)
        return (created, bus.modifiedAt.map { Date(timeIntervalSince1970: Double($0) / 1000) } ?? created)
    }

    package func tagResource(_ input: EventBridge.TagResourceRequest, context: RequestContext) async throws
        -> EventBridge.TagResourceResponse
    {
        let tags = input.tags
        try await changeTags(of: input.resourceARN) { existing in for tag in tags { existing[tag.key] = tag.value } }
        return EventBridge.TagResourceResponse()
    }

    package func untagResource(_ input: EventBridge.UntagResourceRequest, context: RequestContext) async throws
        -> EventBridge.UntagResourceResponse
    {
        let keys = input.tagKeys
        try await changeTags(of: input.resourceARN) { existing in for key in keys { existing.removeValue(forKey: key) } }
        return EventBridge.UntagResourceResponse()
    }

    package func listTagsForResource(_ input: EventBridge.ListTagsForResourceRequest, context: RequestContext) async throws
        -> EventBridge.ListTagsForResourceResponse
    {
        let tags: [String: String]
        if let rule = try await store.rule(arn: input.resourceARN) {
            tags = rule.tags
        } else if let bus = try await store.bus(arn: input.resourceARN) {
            tags = bus.tags
        } else {
            throw AWSServiceError(EventBridgeErrors.resourceNotFoundException, "Resource \(input.resourceARN) does not exist.")
        }
        return EventBridge.ListTagsForResourceResponse(tags: tags.sorted { $0.key < $1.key }.map { EventBridge.Tag(key: $0.key, value: $0.value) })
    }

    /// Applies `change` to the tags of the rule or custom bus `arn`.
    private func changeTags(of arn: String, _ change: @escaping @Sendable (inout [String: String]) -> Void) async throws {
        if try await store.updateRule(arn: arn, { change(&$0.tags) }) != nil { return }
        if try await store.updateBus(arn: arn, { change(&$0.tags) }) != nil { return }
        throw AWSServiceError(EventBridgeErrors.resourceNotFoundException, "Resource \(arn) does not exist.")
    }
}
