import Foundation
import OrderedCollections
import StratusAPIEventBridge
import StratusJSON
import StratusServiceKit

/// Bus settings (`UpdateEventBus`, `CreateEventBus`'s KMS key, dead-letter queue and log settings) and the bus's
/// resource policy (`PutPermission`, `RemovePermission`). All are kept and answered by `DescribeEventBus`; the KMS
/// key, log settings and policy change nothing else (events are not encrypted, logged or authorised by them).
extension EventBridgeService {
    /// Changes the stored record of bus `name` (the `default` bus is stored at its first change).
    func changeBus(_ name: String?, context: RequestContext,
                   _ change: @escaping @Sendable (inout EventBusRecord) throws -> Void) async throws -> EventBusRecord {
        let bus = try await existingBus(name, context: context)
        let now = nowMilliseconds()
        if bus.name == "default", try await store.bus(arn: bus.arn) == nil {
            var stored = bus
            stored.createdAt = 0
            _ = try await store.createBus(stored)
        }
        guard let updated = try await store.updateBus(arn: bus.arn, { record in
            try change(&record)
            record.modifiedAt = now
        }) else { throw EventBridgeFailure.noSuchBus(bus.name) }
        return updated
    }

    /// Checks a `DeadLetterConfig` ARN (an SQS queue ARN).
    static func checkedDeadLetterQueue(_ config: EventBridge.DeadLetterConfig?) throws -> String? {
        guard let arn = config?.arn else { return nil }
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "sqs", !parts[5].isEmpty else {
            throw EventBridgeFailure.validation("Parameter DeadLetterConfig.Arn is not valid. Reason: Provided Arn is not in correct format.")
        }
        return arn
    }

    package func updateEventBus(_ input: EventBridge.UpdateEventBusRequest, context: RequestContext) async throws
        -> EventBridge.UpdateEventBusResponse
    {
        let deadLetter = try Self.checkedDeadLetterQueue(input.deadLetterConfig)
        let (description, kms, logConfig, clearsDeadLetter) = (
            input.description, input.kmsKeyIdentifier, input.logConfig, input.deadLetterConfig != nil && deadLetter == nil
        )
        let bus = try await changeBus(input.name, context: context) { record in
            if let description { record.description = description.isEmpty ? nil : description }
            if let kms { record.kmsKeyIdentifier = kms.isEmpty ? nil : kms }
            if let deadLetter { record.deadLetterQueueARN = deadLetter } else if clearsDeadLetter { record.deadLetterQueueARN = nil }
            if let logConfig {
                record.logIncludeDetail = logConfig.includeDetail?.rawValue
                record.logLevel = logConfig.level?.rawValue
            }
        }
        var output = EventBridge.UpdateEventBusResponse()
        output.arn = bus.arn
        output.name = bus.name
        output.description = bus.description
        output.kmsKeyIdentifier = bus.kmsKeyIdentifier
        output.deadLetterConfig = bus.deadLetterQueueARN.map { EventBridge.DeadLetterConfig(arn: $0) }
        output.logConfig = Self.logConfig(of: bus)
        return output
    }

    /// The bus's `LogConfig`, if one was set.
    static func logConfig(of bus: EventBusRecord) -> EventBridge.LogConfig? {
        guard bus.logIncludeDetail != nil || bus.logLevel != nil else { return nil }
        var config = EventBridge.LogConfig()
        config.includeDetail = bus.logIncludeDetail.map { EventBridge.IncludeDetail(rawValue: $0) }
        config.level = bus.logLevel.map { EventBridge.Level(rawValue: $0) }
        return config
    }

    /// `PutPermission`: a whole `Policy`, or a statement letting `Principal` (an account id, or `*` with a
    /// `Condition`) call `events:PutEvents` on the bus, under `StatementId` (replacing one with that id).
    package func putPermission(_ input: EventBridge.PutPermissionRequest, context: RequestContext) async throws {
        let bus = try await existingBus(input.eventBusName, context: context)
        let policy: String
        if let document = input.policy {
            guard let parsed = try? JSONValue.parse(document), case .object = parsed else {
                throw EventBridgeFailure.validation("This policy contains invalid Json")
            }
            policy = document
        } else {
            guard let principal = input.principal else {
                throw EventBridgeFailure.validation("Parameter Principal must be specified.")
            }
            if input.condition != nil, principal != "*" {
                throw AWSServiceError(.invalidParameterValue,
                                      "Value of the parameter 'principal' must be '*' when the parameter 'condition' is set.")
            }
            if input.condition == nil, !(principal == "*" || (principal.count == 12 && principal.allSatisfy(\.isNumber))) {
                throw AWSServiceError(.invalidParameterValue,
                                      #"Value \#(principal) at 'principal' failed to satisfy constraint: Member must satisfy regular expression pattern: (\d{12}|\*)"#)
            }
            guard input.action == "events:PutEvents" else {
                throw EventBridgeFailure.validation("Provided value in parameter 'action' is not supported.")
            }
            guard let sid = input.statementId, (1...64).contains(sid.count),
                  sid.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw AWSServiceError(.invalidParameterValue, "StatementId must match ^[a-zA-Z0-9-_]{1,64}$")
            }
            var statement: OrderedDictionary<String, JSONValue> = [
                "Sid": .string(sid), "Effect": "Allow",
                "Principal": principal == "*" ? "*" : .object(["AWS": .string("arn:aws:iam::\(principal):root")]),
                "Action": "events:PutEvents", "Resource": .string(bus.arn),
            ]
            if let condition = input.condition {
                statement["Condition"] = .object([condition.type: .object([condition.key: .string(condition.value)])])
            }
            var statements = Self.statements(of: bus.policy).filter { ResourcePolicyDocument.label(of: $0) != sid }
            statements.append(.object(statement))
            policy = Self.policyText(statements)
        }
        _ = try await changeBus(input.eventBusName, context: context) { $0.policy = policy }
    }

    /// `RemovePermission`: the statement `StatementId`, or the whole policy (`RemoveAllPermissions`).
    package func removePermission(_ input: EventBridge.RemovePermissionRequest, context: RequestContext) async throws {
        let bus = try await existingBus(input.eventBusName, context: context)
        if input.removeAllPermissions == true {
            _ = try await changeBus(input.eventBusName, context: context) { $0.policy = nil }
            return
        }
        guard let sid = input.statementId else {
            throw EventBridgeFailure.validation("Parameter StatementId must be specified when RemoveAllPermissions is not true.")
        }
        let statements = Self.statements(of: bus.policy)
        guard !statements.isEmpty else {
            throw AWSServiceError(EventBridgeErrors.resourceNotFoundException, "EventBus does not have a policy.")
        }
        let kept = statements.filter { ResourcePolicyDocument.label(of: $0) != sid }
        guard kept.count < statements.count else {
            throw AWSServiceError(EventBridgeErrors.resourceNotFoundException, "Statement with the provided id does not exist.")
        }
        let policy = kept.isEmpty ? nil : Self.policyText(kept)
        _ = try await changeBus(input.eventBusName, context: context) { $0.policy = policy }
    }

    static func statements(of policy: String?) -> [JSONValue] {
        ResourcePolicyDocument.statements(in: policy.flatMap { try? JSONValue.parse($0) })
    }

    static func policyText(_ statements: [JSONValue]) -> String {
        JSONValue.object(["Version": "2012-10-17", "Statement": .array(statements)]).serializedString()
    }
}
