// StepFunctionsService+StateMachines: create, describe, list, update and delete state machines.
import Foundation
import StratusAPIStepFunctions
import StratusASL
import StratusAWSCore
import StratusJSON
import StratusServiceKit
import StratusStatesEngine

extension StepFunctionsService {
    /// Creates a state machine, or answers the existing one when name and configuration match it.
    package func createStateMachine(
        _ input: StepFunctions.CreateStateMachineInput, context: RequestContext
    ) async throws -> StepFunctions.CreateStateMachineOutput {
        guard StepFunctionsNames.isValidName(input.name) else { throw StepFunctionsFailure.invalidName(input.name) }
        let type = try Self.checkedType(input.type)
        try Self.checkRoleArn(input.roleArn)
        try Self.checkDefinition(input.definition, type: type)
        try Self.checkLoggingConfiguration(input.loggingConfiguration)
        try Self.checkVersionDescription(input.versionDescription)
        if input.publish != true, input.versionDescription != nil {
            throw AWSServiceError.validation("Version description can only be set when publish is true")
        }
        if input.encryptionConfiguration != nil {
            throw StepFunctionsFailure.unsupported("encryption configurations")
        }
        let arn = StepFunctionsNames.stateMachineArn(
            accountID: context.accountID, region: context.region, name: input.name)
        let tags = try Self.tags(input.tags ?? [], arn: arn)
        var record = StateMachineRecord(
            accountID: context.accountID, region: context.region, name: input.name, arn: arn,
            definition: input.definition, roleArn: input.roleArn, type: type, createdAt: nowMilliseconds(),
            revisionID: Self.initialRevision, loggingConfiguration: input.loggingConfiguration,
            tracingConfiguration: input.tracingConfiguration, tags: tags)
        var versionArn: String?
        if input.publish == true {
            let (version, _) = Self.publish(&record, description: input.versionDescription, now: record.createdAt)
            versionArn = Self.versionArn(arn, version.number)
        }
        switch try await store.insertStateMachine(record) {
        case .inserted:
            return StepFunctions.CreateStateMachineOutput(
                stateMachineArn: arn, creationDate: Self.date(record.createdAt), stateMachineVersionArn: versionArn)
        case .existing(let existing):
            // AWS answers a repeated identical create with the existing machine.
            let identical = existing.definition == record.definition && existing.roleArn == record.roleArn
                && existing.type == record.type && existing.loggingConfiguration == record.loggingConfiguration
                && existing.tracingConfiguration == record.tracingConfiguration
            guard identical else { throw StepFunctionsFailure.stateMachineAlreadyExists(arn) }
            var existingVersionArn: String?
            if input.publish == true {
                var updated = existing
                let (version, isNew) = Self.publish(
                    &updated, description: input.versionDescription, now: nowMilliseconds())
                if isNew, !(try await store.replaceStateMachine(updated)) {
                    throw StepFunctionsFailure.stateMachineDoesNotExist(arn)
                }
                existingVersionArn = Self.versionArn(arn, version.number)
            }
            return StepFunctions.CreateStateMachineOutput(
                stateMachineArn: arn, creationDate: Self.date(existing.createdAt),
                stateMachineVersionArn: existingVersionArn)
        }
    }

    /// Everything stored about a state machine.
    package func describeStateMachine(
        _ input: StepFunctions.DescribeStateMachineInput, context: RequestContext
    ) async throws -> StepFunctions.DescribeStateMachineOutput {
        if case .failure = StepFunctionsNames.parseStateMachineArn(input.stateMachineArn),
            let (machineArn, number) = try? Self.parseVersionArn(input.stateMachineArn)
        {
            return try await describeVersion(machineArn: machineArn, number: number, arn: input.stateMachineArn)
        }
        let record = try await stateMachine(arn: input.stateMachineArn)
        return StepFunctions.DescribeStateMachineOutput(
            stateMachineArn: record.arn, name: record.name, status: .active, definition: record.definition,
            roleArn: record.roleArn, type: StepFunctions.StateMachineType(rawValue: record.type),
            creationDate: Self.date(record.createdAt),
            loggingConfiguration: Self.describedLogging(record.loggingConfiguration),
            tracingConfiguration: record.tracingConfiguration ?? StepFunctions.TracingConfiguration(enabled: false),
            revisionId: Self.shownRevision(record), encryptionConfiguration: Self.ownedKeyEncryption,
            variableReferences: Self.variableReferences(in: record.definition))
    }

    /// The state machines of the caller's account and region, by name, paginated.
    package func listStateMachines(
        _ input: StepFunctions.ListStateMachinesInput, context: RequestContext
    ) async throws -> StepFunctions.ListStateMachinesOutput {
        let limit = try Self.pageSize(input.maxResults)
        let after = try input.nextToken.map(Self.decodeToken)
        var records = try await store.stateMachines(
            accountID: context.accountID, region: context.region, afterName: after, limit: limit + 1)
        var nextToken: String?
        if records.count > limit {
            records.removeLast(records.count - limit)
            nextToken = records.last.map { Self.encodeToken($0.name) }
        }
        return StepFunctions.ListStateMachinesOutput(
            stateMachines: records.map {
                StepFunctions.StateMachineListItem(
                    stateMachineArn: $0.arn, name: $0.name, type: StepFunctions.StateMachineType(rawValue: $0.type),
                    creationDate: Self.date($0.createdAt))
            },
            nextToken: nextToken)
    }

    /// Deletes a state machine (a missing one is not an error).
    package func deleteStateMachine(
        _ input: StepFunctions.DeleteStateMachineInput, context: RequestContext
    ) async throws -> StepFunctions.DeleteStateMachineOutput {
        if case .failure(let problem) = StepFunctionsNames.parseStateMachineArn(input.stateMachineArn) {
            throw StepFunctionsFailure.invalidArn(input.stateMachineArn, reason: problem.reason)
        }
        // Deleting a state machine that does not exist succeeds, as on AWS.
        _ = try await store.deleteStateMachine(arn: input.stateMachineArn)
        return StepFunctions.DeleteStateMachineOutput()
    }

    /// Changes definition, role, logging or tracing; answers the new revision id.
    package func updateStateMachine(
        _ input: StepFunctions.UpdateStateMachineInput, context: RequestContext
    ) async throws -> StepFunctions.UpdateStateMachineOutput {
        if input.definition == nil, input.roleArn == nil, input.loggingConfiguration == nil,
            input.tracingConfiguration == nil
        {
            throw StepFunctionsFailure.missingRequiredParameter(
                "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified")
        }
        if case .failure = StepFunctionsNames.parseStateMachineArn(input.stateMachineArn),
            (try? Self.parseVersionArn(input.stateMachineArn)) != nil
        {
            // AWS: a version cannot be updated; its ARN names no state machine.
            throw StepFunctionsFailure.stateMachineDoesNotExist(input.stateMachineArn)
        }
        var record = try await stateMachine(arn: input.stateMachineArn)
        if let definition = input.definition { try Self.checkDefinition(definition, type: record.type) }
        if let roleArn = input.roleArn { try Self.checkRoleArn(roleArn) }
        try Self.checkLoggingConfiguration(input.loggingConfiguration)
        try Self.checkVersionDescription(input.versionDescription)
        if input.publish != true, input.versionDescription != nil {
            throw AWSServiceError.validation("Version description can only be set when publish is true")
        }
        if input.encryptionConfiguration != nil {
            throw StepFunctionsFailure.unsupported("encryption configurations")
        }
        let before = record
        record.definition = input.definition ?? record.definition
        record.roleArn = input.roleArn ?? record.roleArn
        record.loggingConfiguration = input.loggingConfiguration ?? record.loggingConfiguration
        record.tracingConfiguration = input.tracingConfiguration ?? record.tracingConfiguration
        let now = nowMilliseconds()
        if record != before {
            // AWS starts a new revision only when something changes; an update that changes nothing keeps it.
            record.updatedAt = now
            record.revisionID = ids.next()
        }
        var versionArn: String?
        if input.publish == true {
            let (version, _) = Self.publish(&record, description: input.versionDescription, now: now)
            versionArn = Self.versionArn(record.arn, version.number)
        }
        guard try await store.replaceStateMachine(record) else {
            throw StepFunctionsFailure.stateMachineDoesNotExist(input.stateMachineArn)
        }
        return StepFunctions.UpdateStateMachineOutput(
            updateDate: Self.date(now), revisionId: Self.shownRevision(record), stateMachineVersionArn: versionArn)
    }

    // MARK: Rules

    /// What Describe returns when no logging configuration was given.
    static let defaultLogging = StepFunctions.LoggingConfiguration(level: "OFF", includeExecutionData: false)

    /// The revision id of a state machine's first revision: AWS shows none until the first update that changes
    /// something (and none on versions published from it), so it is stored empty.
    static let initialRevision = ""

    /// `variableReferences` as Describe answers it: the variables each state reads (``ASLParser/variableReferences(_:)``,
    /// checked against AWS's recorded answers); absent when no state reads one.
    static func variableReferences(in definition: String) -> [String: [String]]? {
        guard let value = try? JSONValue.parse(definition) else { return nil }
        let references = ASLParser.variableReferences(value)
        return references.isEmpty ? nil : references
    }

    /// The encryption every state machine answers with: Stratus encrypts nothing and accepts no customer key.
    static let ownedKeyEncryption = StepFunctions.EncryptionConfiguration(type: .awsOwnedKey)

    /// A logging configuration as Describe answers it: AWS fills an absent `includeExecutionData` with `false`
    /// and an absent configuration with ``defaultLogging``.
    static func describedLogging(_ logging: StepFunctions.LoggingConfiguration?) -> StepFunctions.LoggingConfiguration {
        guard var logging else { return defaultLogging }
        logging.includeExecutionData = logging.includeExecutionData ?? false
        return logging
    }

    /// The revision id Describe and Update answer: none for the first revision (``initialRevision``, or a record
    /// stored before it existed and never updated).
    static func shownRevision(_ record: StateMachineRecord) -> String? {
        record.updatedAt == nil || record.revisionID == initialRevision ? nil : record.revisionID
    }

    /// `STANDARD` (the default) or `EXPRESS`; anything else is a `ValidationException`.
    static func checkedType(_ type: StepFunctions.StateMachineType?) throws -> String {
        let value = type?.rawValue ?? "STANDARD"
        guard value == "STANDARD" || value == "EXPRESS" else {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(value)' at 'type' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [STANDARD, EXPRESS]")
        }
        return value
    }

    /// A role ARN must look like one (`Invalid Role Arn`, AWS's `InvalidArn`).
    static func checkRoleArn(_ roleArn: String) throws {
        guard StepFunctionsNames.isRoleArn(roleArn) else {
            throw AWSServiceError(StepFunctionsErrors.invalidArn, "Invalid Role Arn: '\(roleArn)'")
        }
    }

    /// AWS's logging rule: at most one destination, and exactly one once a `level` other than `OFF` is given (a
    /// configuration without a level, or with no destinations and no level, is accepted, as recorded).
    static func checkLoggingConfiguration(_ logging: StepFunctions.LoggingConfiguration?) throws {
        guard let logging else { return }
        let destinations = logging.destinations?.count ?? 0
        let logs = logging.level.map { $0 != .off } ?? false
        if destinations > 1 || (logs && destinations != 1) {
            throw AWSServiceError(
                StepFunctionsErrors.invalidLoggingConfiguration,
                "Invalid Logging Configuration: Must specify exactly one Log Destination.")
        }
    }

    /// Parses a definition as AWS validates it for a machine of `type`; errors become `InvalidDefinition`.
    static func checkDefinition(_ definition: String, type: String) throws {
        let result = ASLParser.parse(text: definition, options: .checkingJSONata(isExpress: type == "EXPRESS"))
        guard result.isValid else {
            throw StepFunctionsFailure.invalidDefinition(ASLDiagnostic.invalidDefinitionMessage(result.diagnostics))
        }
    }

    /// Tags with keys, at most ``maximumTags`` distinct keys; a repeated key keeps its last value.
    static func tags(_ tags: [StepFunctions.Tag], arn: String) throws -> [StateMachineTag] {
        var result: [StateMachineTag] = []
        for tag in tags {
            let key = tag.key ?? ""
            let value = tag.value ?? ""
            if let index = result.firstIndex(where: { $0.key == key }) {
                result[index].value = value
            } else {
                result.append(StateMachineTag(key: key, value: value))
            }
        }
        guard result.count <= maximumTags else { throw StepFunctionsFailure.tooManyTags(arn) }
        return result
    }

    /// `maxResults` of list operations: 0 or absent means 100; at most 1000.
    static func pageSize(_ maxResults: Int?) throws -> Int {
        let value = maxResults ?? 0
        guard (0...1000).contains(value) else {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(value)' at 'maxResults' failed to satisfy constraint: "
                    + "Member must have value less than or equal to 1000")
        }
        return value == 0 ? 100 : value
    }

    /// An opaque page token for a listing that continues after `name`.
    static func encodeToken(_ name: String) -> String { Data(("sm:" + name).utf8).base64EncodedString() }

    /// The name a page token continues after.
    static func decodeToken(_ token: String) throws -> String {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("sm:")
        else { throw StepFunctionsFailure.invalidToken() }
        return String(text.dropFirst(3))
    }
}
