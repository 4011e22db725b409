/// The storage port of the EventBridge service: event buses and rules (with their targets).
///
/// Guarantees every adapter must give: each method is one atomic transaction; a method that returns has committed
/// durably; deleting a bus deletes its rules. Adapters know nothing of AWS rules.
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
}
