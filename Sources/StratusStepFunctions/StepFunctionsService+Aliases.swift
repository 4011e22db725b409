// StepFunctionsService+Aliases: create, describe, update, list and delete state machine aliases.
import Foundation
import StratusAPIStepFunctions
import StratusAWSCore
import StratusServiceKit

extension StepFunctionsService {
    /// Creates an alias routing to one or two versions of one state machine; an identical repeat answers the
    /// existing alias, a different one with the same name is a `ConflictException`.
    package func createStateMachineAlias(
        _ input: StepFunctions.CreateStateMachineAliasInput, context: RequestContext
    ) async throws -> StepFunctions.CreateStateMachineAliasOutput {
        try Self.checkAliasName(input.name)
        try Self.checkVersionDescription(input.description)
        let (machineArn, routes) = try Self.routes(input.routingConfiguration)
        var record = try await stateMachine(arn: machineArn)
        try Self.checkRoutesExist(routes, in: record)
        let arn = Self.aliasArn(machineArn, input.name)
        if let existing = record.aliases?.first(where: { $0.name == input.name }) {
            guard existing.routes == routes, existing.description == input.description else {
                throw AWSServiceError(
                    StepFunctionsErrors.conflictException,
                    "Failed to create alias because an alias with the same name and a different routing "
                        + "configuration already exists.")
            }
            return StepFunctions.CreateStateMachineAliasOutput(
                stateMachineAliasArn: arn, creationDate: Self.date(existing.createdAt))
        }
        let alias = StateMachineAlias(
            name: input.name, description: input.description, routes: routes, createdAt: nowMilliseconds())
        record.aliases = (record.aliases ?? []) + [alias]
        guard try await store.replaceStateMachine(record) else {
            throw StepFunctionsFailure.stateMachineDoesNotExist(machineArn)
        }
        return StepFunctions.CreateStateMachineAliasOutput(
            stateMachineAliasArn: arn, creationDate: Self.date(alias.createdAt))
    }

    /// An alias's description and routes.
    package func describeStateMachineAlias(
        _ input: StepFunctions.DescribeStateMachineAliasInput, context: RequestContext
    ) async throws -> StepFunctions.DescribeStateMachineAliasOutput {
        let (record, alias) = try await aliasRecord(arn: input.stateMachineAliasArn)
        return StepFunctions.DescribeStateMachineAliasOutput(
            stateMachineAliasArn: input.stateMachineAliasArn, name: alias.name, description: alias.description,
            routingConfiguration: alias.routes.map {
                StepFunctions.RoutingConfigurationListItem(
                    stateMachineVersionArn: Self.versionArn(record.arn, $0.version), weight: $0.weight)
            },
            // AWS answers an updateDate from creation on (the creation date until the first update).
            creationDate: Self.date(alias.createdAt), updateDate: Self.date(alias.updatedAt ?? alias.createdAt))
    }

    /// Changes an alias's description or routes (at least one must be given).
    package func updateStateMachineAlias(
        _ input: StepFunctions.UpdateStateMachineAliasInput, context: RequestContext
    ) async throws -> StepFunctions.UpdateStateMachineAliasOutput {
        guard input.description != nil || input.routingConfiguration != nil else {
            throw AWSServiceError.validation(
                "Either the description or the RoutingConfiguration must be specified")
        }
        try Self.checkVersionDescription(input.description)
        var (record, alias) = try await aliasRecord(arn: input.stateMachineAliasArn)
        if let configuration = input.routingConfiguration {
            let (machineArn, routes) = try Self.routes(configuration)
            guard machineArn == record.arn else {
                throw AWSServiceError.validation(
                    "Routing configuration must contain state machine version ARNs of the alias's state machine")
            }
            try Self.checkRoutesExist(routes, in: record)
            alias.routes = routes
        }
        if let description = input.description { alias.description = description }
        let now = nowMilliseconds()
        alias.updatedAt = now
        record.aliases = record.aliases?.map { $0.name == alias.name ? alias : $0 }
        guard try await store.replaceStateMachine(record) else {
            throw Self.aliasNotFound(input.stateMachineAliasArn)
        }
        return StepFunctions.UpdateStateMachineAliasOutput(updateDate: Self.date(now))
    }

    /// Deletes an alias (a missing alias of an existing state machine is not an error).
    package func deleteStateMachineAlias(
        _ input: StepFunctions.DeleteStateMachineAliasInput, context: RequestContext
    ) async throws -> StepFunctions.DeleteStateMachineAliasOutput {
        let (machineArn, name) = try Self.parseAliasArn(input.stateMachineAliasArn)
        guard var record = try await store.stateMachine(arn: machineArn),
            let index = record.aliases?.firstIndex(where: { $0.name == name })
        else { return StepFunctions.DeleteStateMachineAliasOutput() }
        record.aliases?.remove(at: index)
        _ = try await store.replaceStateMachine(record)
        return StepFunctions.DeleteStateMachineAliasOutput()
    }

    /// The aliases of a state machine, by creation, paginated.
    package func listStateMachineAliases(
        _ input: StepFunctions.ListStateMachineAliasesInput, context: RequestContext
    ) async throws -> StepFunctions.ListStateMachineAliasesOutput {
        let limit = try Self.pageSize(input.maxResults)
        let record = try await stateMachine(arn: input.stateMachineArn)
        let offset = try input.nextToken.map { try Self.decodeOffset($0, kind: "al") } ?? 0
        let aliases = record.aliases ?? []
        let page = aliases.dropFirst(offset).prefix(limit)
        let next = offset + page.count < aliases.count ? Self.encodeOffset(offset + page.count, kind: "al") : nil
        return StepFunctions.ListStateMachineAliasesOutput(
            stateMachineAliases: page.map {
                StepFunctions.StateMachineAliasListItem(
                    stateMachineAliasArn: Self.aliasArn(record.arn, $0.name), creationDate: Self.date($0.createdAt))
            },
            nextToken: next)
    }

    // MARK: Rules

    /// The state machine and alias an alias ARN names; `ResourceNotFound` if either is missing.
    func aliasRecord(arn: String) async throws -> (StateMachineRecord, StateMachineAlias) {
        let (machineArn, name) = try Self.parseAliasArn(arn)
        guard let record = try await store.stateMachine(arn: machineArn),
            let alias = record.aliases?.first(where: { $0.name == name })
        else { throw Self.aliasNotFound(arn) }
        return (record, alias)
    }

    /// AWS's answer for an alias that does not exist.
    static func aliasNotFound(_ arn: String) -> AWSServiceError {
        AWSServiceError(StepFunctionsErrors.resourceNotFound, "Request references a resource that does not exist.")
    }

    /// `<state machine ARN>:<alias name>`.
    static func aliasArn(_ machineArn: String, _ name: String) -> String { "\(machineArn):\(name)" }

    /// Alias names: 1–80 of letters, digits, `_ - .`, not all digits (AWS's `ValidationException`).
    static func checkAliasName(_ name: String) throws {
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_-.".unicodeScalars
                .contains($0)
        }
        guard name.count <= 80 else {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(name)' at 'name' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 80")
        }
        guard !name.isEmpty, allowed, !name.allSatisfy(\.isNumber) else {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(name)' at 'name' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$")
        }
    }

    /// The state machine ARN and alias name of an alias ARN; anything else is `InvalidArn`.
    static func parseAliasArn(_ arn: String) throws -> (machineArn: String, name: String) {
        guard let colon = arn.lastIndex(of: ":") else {
            throw StepFunctionsFailure.invalidArn(arn, reason: "Invalid ARN prefix")
        }
        let machineArn = String(arn[..<colon])
        let name = String(arn[arn.index(after: colon)...])
        if case .failure(let problem) = StepFunctionsNames.parseStateMachineArn(machineArn) {
            throw StepFunctionsFailure.invalidArn(arn, reason: problem.reason)
        }
        guard (try? checkAliasName(name)) != nil else {
            throw StepFunctionsFailure.invalidArn(arn, reason: "Resource type not valid in this context")
        }
        return (machineArn, name)
    }

    /// A routing configuration: 1–2 distinct versions of one state machine, weights 0–100 summing to 100.
    static func routes(
        _ items: [StepFunctions.RoutingConfigurationListItem]
    ) throws -> (machineArn: String, routes: [StateMachineAliasRoute]) {
        guard (1...2).contains(items.count) else {
            throw AWSServiceError.validation(
                "1 validation error detected: Value at 'routingConfiguration' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 2 and greater than or equal to 1")
        }
        let received = "[" + items.map(\.stateMachineVersionArn).joined(separator: ", ") + "]"
        for (index, item) in items.enumerated() where !(0...100).contains(item.weight) {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(item.weight)' at 'routingConfiguration.\(index + 1).member.weight' "
                    + "failed to satisfy constraint: Member must have value "
                    + (item.weight > 100 ? "less than or equal to 100" : "greater than or equal to 0"))
        }
        var machineArn: String?
        var routes: [StateMachineAliasRoute] = []
        for item in items {
            guard let (arn, number) = try? parseVersionArn(item.stateMachineVersionArn) else {
                throw AWSServiceError.validation(
                    "Routing configuration must contain state machine version ARNs. Received: \(received)")
            }
            guard machineArn == nil || machineArn == arn else {
                throw AWSServiceError.validation(
                    "Routing configuration must contain state machine version ARNs of the same state machine. "
                        + "Received: \(received)")
            }
            guard !routes.contains(where: { $0.version == number }) else {
                throw AWSServiceError.validation(
                    "Routing configuration must contain distinct state machine version ARNs. Received: \(received)")
            }
            machineArn = arn
            routes.append(StateMachineAliasRoute(version: number, weight: item.weight))
        }
        guard routes.reduce(0, { $0 + $1.weight }) == 100 else {
            throw AWSServiceError.validation(
                "Sum of routing configuration weights must equal 100. Received: ["
                    + routes.map { String($0.weight) }.joined(separator: ", ") + "]")
        }
        return (machineArn ?? "", routes)
    }

    /// Every routed version must exist (`ResourceNotFound`, as AWS answers).
    static func checkRoutesExist(_ routes: [StateMachineAliasRoute], in record: StateMachineRecord) throws {
        for route in routes where !(record.versions ?? []).contains(where: { $0.number == route.version }) {
            throw aliasNotFound(versionArn(record.arn, route.version))
        }
    }
}
