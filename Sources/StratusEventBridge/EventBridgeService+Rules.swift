import Foundation
import OrderedCollections
import StratusAPIEventBridge
import StratusEventPatterns
import StratusJSON
import StratusServiceKit

extension EventBridgeService {
    package func putRule(_ input: EventBridge.PutRuleRequest, context: RequestContext) async throws -> EventBridge.PutRuleResponse {
        let bus = try await existingBus(input.eventBusName, context: context)
        guard input.eventPattern != nil || input.scheduleExpression != nil else {
            throw EventBridgeFailure.validation("Parameter(s) EventPattern or ScheduleExpression must be specified.")
        }
        if let pattern = input.eventPattern { try Self.checkPattern(pattern) }
        if let schedule = input.scheduleExpression {
            guard bus.name == "default" else {
                throw EventBridgeFailure.validation("ScheduleExpression is supported only on the default event bus.")
            }
            guard EventSchedule(schedule) != nil else {
                throw EventBridgeFailure.validation("Parameter ScheduleExpression is not valid.")
            }
        }
        let arn = Self.ruleARN(input.name, bus: bus.name, context: context)
        let existing = try await store.rule(arn: arn)
        var tags = existing?.tags ?? [:]
        for tag in input.tags ?? [] { tags[tag.key] = tag.value }
        let record = EventRuleRecord(
            arn: arn, name: input.name, busARN: bus.arn, busName: bus.name, accountID: context.accountID,
            region: context.region, eventPattern: input.eventPattern, scheduleExpression: input.scheduleExpression,
            state: input.state?.rawValue ?? "ENABLED", description: input.description, roleARN: input.roleArn,
            targets: existing?.targets ?? [], tags: tags, createdAt: existing?.createdAt ?? nowMilliseconds())
        try await store.putRule(record)
        return EventBridge.PutRuleResponse(ruleArn: arn)
    }

    package func describeRule(_ input: EventBridge.DescribeRuleRequest, context: RequestContext) async throws
        -> EventBridge.DescribeRuleResponse
    {
        let rule = try await existingRule(input.name, bus: input.eventBusName, context: context)
        var output = EventBridge.DescribeRuleResponse()
        output.name = rule.name
        output.arn = rule.arn
        output.eventPattern = rule.eventPattern
        output.scheduleExpression = rule.scheduleExpression
        output.state = EventBridge.RuleState(rawValue: rule.state)
        output.description = rule.description
        output.roleArn = rule.roleARN
        output.eventBusName = rule.busName
        output.createdBy = rule.accountID
        return output
    }

    package func listRules(_ input: EventBridge.ListRulesRequest, context: RequestContext) async throws -> EventBridge.ListRulesResponse {
        let bus = try await existingBus(input.eventBusName, context: context)
        let rules = try await store.rules(busARN: bus.arn).filter { rule in input.namePrefix.map { rule.name.hasPrefix($0) } ?? true }
        let (page, next) = try Self.page(rules, token: input.nextToken, limit: input.limit)
        var output = EventBridge.ListRulesResponse()
        output.rules = page.map { rule in
            var entry = EventBridge.Rule()
            entry.name = rule.name
            entry.arn = rule.arn
            entry.eventPattern = rule.eventPattern
            entry.scheduleExpression = rule.scheduleExpression
            entry.state = EventBridge.RuleState(rawValue: rule.state)
            entry.description = rule.description
            entry.roleArn = rule.roleARN
            entry.eventBusName = rule.busName
            return entry
        }
        output.nextToken = next
        return output
    }

    package func enableRule(_ input: EventBridge.EnableRuleRequest, context: RequestContext) async throws {
        let rule = try await existingRule(input.name, bus: input.eventBusName, context: context)
        _ = try await store.updateRule(arn: rule.arn) { $0.state = "ENABLED" }
    }

    package func disableRule(_ input: EventBridge.DisableRuleRequest, context: RequestContext) async throws {
        let rule = try await existingRule(input.name, bus: input.eventBusName, context: context)
        _ = try await store.updateRule(arn: rule.arn) { $0.state = "DISABLED" }
    }

    package func deleteRule(_ input: EventBridge.DeleteRuleRequest, context: RequestContext) async throws {
        let bus = try await existingBus(input.eventBusName, context: context)
        guard let rule = try await store.rule(arn: Self.ruleARN(input.name, bus: bus.name, context: context)) else { return }
        if !rule.targets.isEmpty && input.force != true {
            throw EventBridgeFailure.validation("Rule can't be deleted since it has targets.")
        }
        _ = try await store.deleteRule(arn: rule.arn)
    }

    package func putTargets(_ input: EventBridge.PutTargetsRequest, context: RequestContext) async throws
        -> EventBridge.PutTargetsResponse
    {
        let rule = try await existingRule(input.rule, bus: input.eventBusName, context: context)
        var accepted: [EventBridge.Target] = []
        var failed: [EventBridge.PutTargetsResultEntry] = []
        for target in input.targets {
            if targets?.supports(arn: target.arn) != true, !Self.isApiDestination(target.arn), !Self.isEventBus(target.arn) {
                var entry = EventBridge.PutTargetsResultEntry()
                entry.targetId = target.id
                entry.errorCode = "ValidationException"
                entry.errorMessage = "Stratus does not send events to \(target.arn) yet; use SQS queues, SNS topics, Lambda functions, state machines, API destinations or event buses."
                failed.append(entry)
                continue
            }
            if Self.isEventBus(target.arn), target.input != nil || target.inputPath != nil || target.inputTransformer != nil {
                throw EventBridgeFailure.validation(
                    "Target \(target.id): Stratus forwards events to event buses as they are; Input, InputPath and InputTransformer are not supported for event bus targets.")
            }
            if [target.input != nil, target.inputPath != nil, target.inputTransformer != nil].filter({ $0 }).count > 1 {
                throw EventBridgeFailure.validation("Only one of Input, InputPath, or InputTransformer must be provided.")
            }
            if let text = target.input, (try? JSONValue.parse(text)) == nil {
                throw EventBridgeFailure.validation("Target \(target.id) has invalid Input: it is not valid JSON.")
            }
            accepted.append(target)
        }
        let puts = accepted
        _ = try await store.updateRule(arn: rule.arn) { rule in
            for target in puts {
                if let index = rule.targets.firstIndex(where: { $0.id == target.id }) {
                    rule.targets[index] = target
                } else {
                    rule.targets.append(target)
                }
            }
            if rule.targets.count > 5 {
                throw AWSServiceError(EventBridgeErrors.limitExceededException,
                                      "The requested resource exceeds the maximum number allowed.")
            }
        }
        return EventBridge.PutTargetsResponse(failedEntryCount: failed.count, failedEntries: failed)
    }

    package func removeTargets(_ input: EventBridge.RemoveTargetsRequest, context: RequestContext) async throws
        -> EventBridge.RemoveTargetsResponse
    {
        let rule = try await existingRule(input.rule, bus: input.eventBusName, context: context)
        let ids = Set(input.ids)
        _ = try await store.updateRule(arn: rule.arn) { $0.targets.removeAll { ids.contains($0.id) } }
        return EventBridge.RemoveTargetsResponse(failedEntryCount: 0, failedEntries: [])
    }

    package func listTargetsByRule(_ input: EventBridge.ListTargetsByRuleRequest, context: RequestContext) async throws
        -> EventBridge.ListTargetsByRuleResponse
    {
        let rule = try await existingRule(input.rule, bus: input.eventBusName, context: context)
        let (page, next) = try Self.page(rule.targets, token: input.nextToken, limit: input.limit)
        return EventBridge.ListTargetsByRuleResponse(targets: page, nextToken: next)
    }

    package func listRuleNamesByTarget(_ input: EventBridge.ListRuleNamesByTargetRequest, context: RequestContext) async throws
        -> EventBridge.ListRuleNamesByTargetResponse
    {
        let bus = try await existingBus(input.eventBusName, context: context)
        let names = try await store.rules(busARN: bus.arn).filter { $0.targets.contains { $0.arn == input.targetArn } }.map(\.name)
        let (page, next) = try Self.page(names, token: input.nextToken, limit: input.limit)
        return EventBridge.ListRuleNamesByTargetResponse(ruleNames: page, nextToken: next)
    }

    package func testEventPattern(_ input: EventBridge.TestEventPatternRequest, context: RequestContext) async throws
        -> EventBridge.TestEventPatternResponse
    {
        try Self.checkPattern(input.eventPattern)
        guard let event = try? JSONValue.parse(input.event), case .object(let fields) = event else {
            throw EventBridgeFailure.validation("Parameter Event is not valid.")
        }
        for field in ["id", "account", "source", "time", "region", "detail-type"] where fields[field] == nil {
            throw EventBridgeFailure.validation("Parameter Event is not valid.")
        }
        let pattern = try JSONValue.parse(input.eventPattern)
        return EventBridge.TestEventPatternResponse(result: EventPattern.matches(pattern, event))
    }

    /// `InvalidEventPatternException` unless `text` is a valid pattern.
    static func checkPattern(_ text: String) throws {
        guard let pattern = try? JSONValue.parse(text) else { throw EventBridgeFailure.invalidPattern("Filter is not valid JSON.") }
        if let problem = EventPattern.problem(in: pattern) { throw EventBridgeFailure.invalidPattern(problem) }
    }
}
