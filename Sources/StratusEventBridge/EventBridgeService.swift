import Foundation
import StratusAPIEventBridge
import StratusAWSCore
import StratusServiceKit

/// The EventBridge service: event buses, rules matching events by pattern or firing on `rate(…)` schedules, targets
/// (SQS, SNS, Lambda, Step Functions, API destinations, other event buses) with `Input`, `InputPath` and
/// `InputTransformer`, and `PutEvents`.
///
/// Guarantees: AWS's validation rules, error codes and messages for what it implements; `PutEvents` answers after
/// every matching rule's targets accepted the event durably (an API destination's call is queued durably and made
/// after the answer); time comes from `clock`, event ids from `ids`.
/// Operations it does not implement answer `NotImplemented`.
package struct EventBridgeService: EventBridgeHandler {
    /// Where buses and rules live.
    package let store: any EventBridgeStore
    /// The source of "now".
    package let clock: any WallClock
    /// The source of event ids.
    package let ids: any RequestIDGenerator
    /// Where matched events go (nil: no target can be put).
    package let targets: (any EventBridgeTargets)?
    /// Wakes ``EventBridgeCallWorker`` when an API destination call was queued.
    package let pendingCalls = WakeupSignal()
    /// Holds API destination calls to their `InvocationRateLimitPerSecond`.
    package let rateLimiter = EventBridgeRateLimiter()

    /// A service over `store`, delivering through `targets`.
    package init(store: any EventBridgeStore, clock: any WallClock = SystemWallClock(),
                 ids: any RequestIDGenerator = RandomRequestIDGenerator(), targets: (any EventBridgeTargets)? = nil) {
        self.store = store
        self.clock = clock
        self.ids = ids
        self.targets = targets
    }

    /// Now in milliseconds since the epoch.
    func nowMilliseconds() -> Int64 { Int64((clock.now().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// The ARN of bus `name` (a bus ARN is taken as it is).
    static func busARN(_ name: String?, context: RequestContext) -> String {
        let name = name ?? "default"
        if name.hasPrefix("arn:") { return name }
        return "arn:aws:events:\(context.region):\(context.accountID):event-bus/\(name)"
    }

    /// The name part of a bus name or ARN.
    static func busName(_ name: String?) -> String {
        guard let name else { return "default" }
        if name.hasPrefix("arn:"), let slash = name.lastIndex(of: "/") { return String(name[name.index(after: slash)...]) }
        return name
    }

    /// The ARN of rule `name` on bus `bus`.
    static func ruleARN(_ name: String, bus: String, context: RequestContext) -> String {
        let prefix = "arn:aws:events:\(context.region):\(context.accountID):rule/"
        return bus == "default" ? prefix + name : prefix + "\(bus)/\(name)"
    }

    /// The bus a request names: the `default` bus (implicit until its settings change), or a custom one
    /// (`ResourceNotFoundException` if missing).
    func existingBus(_ name: String?, context: RequestContext) async throws -> EventBusRecord {
        let busName = Self.busName(name)
        let arn = Self.busARN(name, context: context)
        if busName == "default" {
            if let stored = try await store.bus(arn: arn) { return stored }
            return EventBusRecord(arn: arn, name: "default", accountID: context.accountID, region: context.region,
                                  description: nil, createdAt: 0, tags: [:])
        }
        guard let bus = try await store.bus(arn: arn) else { throw EventBridgeFailure.noSuchBus(busName) }
        return bus
    }

    /// The rule `name` on the bus a request names, or `ResourceNotFoundException`.
    func existingRule(_ name: String, bus: String?, context: RequestContext) async throws -> EventRuleRecord {
        let resolved = try await existingBus(bus, context: context)
        guard let rule = try await store.rule(arn: Self.ruleARN(name, bus: resolved.name, context: context)) else {
            throw EventBridgeFailure.noSuchRule(name, bus: resolved.name)
        }
        return rule
    }

    /// A page of `items` after the position `token` names (a decimal index), at most `limit`.
    /// The list entry of a described resource: the members of the `Describe…` answer that the `List…` entry shape
    /// has (every entry member is one of the answer's, with the same shape, so the conversion cannot fail).
    static func listEntry<Entry: AWSValueConvertible>(of described: some AWSValueConvertible) -> Entry {
        do {
            return try Entry(awsValue: described.awsValue)
        } catch {
            preconditionFailure("\(Entry.self) is not a part of \(type(of: described)): \(error)")
        }
    }

    static func page<T>(_ items: [T], token: String?, limit: Int?) throws -> ([T], String?) {
        let start = try token.map { token -> Int in
            guard let index = Int(token), index >= 0 else { throw EventBridgeFailure.validation("The NextToken provided is invalid.") }
            return index
        } ?? 0
        let size = min(max(limit ?? 100, 1), 100)
        let slice = Array(items.dropFirst(start).prefix(size))
        return (slice, start + size < items.count ? String(start + size) : nil)
    }
}
