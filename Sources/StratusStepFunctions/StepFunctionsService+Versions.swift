// StepFunctionsService+Versions: publish, list and delete state machine versions.
import Foundation
import StratusAPIStepFunctions
import StratusAWSCore
import StratusServiceKit

extension StepFunctionsService {
    /// Publishes the state machine's current revision as a new version, or answers the version that already
    /// snapshots that revision (as AWS does); a `revisionId` other than the current one is a `ConflictException`.
    package func publishStateMachineVersion(
        _ input: StepFunctions.PublishStateMachineVersionInput, context: RequestContext
    ) async throws -> StepFunctions.PublishStateMachineVersionOutput {
        try Self.checkVersionDescription(input.description)
        var record = try await stateMachine(arn: input.stateMachineArn)
        if let revision = input.revisionId, revision != record.revisionID {
            throw AWSServiceError(
                StepFunctionsErrors.conflictException,
                "Failed to publish the State Machine version for revision \(revision). "
                    + "The current State Machine revision is \(record.revisionID).")
        }
        let (version, isNew) = Self.publish(&record, description: input.description, now: nowMilliseconds())
        if isNew {
            guard try await store.replaceStateMachine(record) else {
                throw StepFunctionsFailure.stateMachineDoesNotExist(input.stateMachineArn)
            }
        }
        return StepFunctions.PublishStateMachineVersionOutput(
            creationDate: Self.date(version.createdAt),
            stateMachineVersionArn: Self.versionArn(record.arn, version.number))
    }

    /// The versions of a state machine, newest first, paginated.
    package func listStateMachineVersions(
        _ input: StepFunctions.ListStateMachineVersionsInput, context: RequestContext
    ) async throws -> StepFunctions.ListStateMachineVersionsOutput {
        let limit = try Self.pageSize(input.maxResults)
        let record = try await stateMachine(arn: input.stateMachineArn)
        var versions = (record.versions ?? []).sorted { $0.number > $1.number }
        if let token = input.nextToken {
            let before = try Self.decodeVersionToken(token)
            versions = versions.filter { $0.number < before }
        }
        var nextToken: String?
        if versions.count > limit {
            versions.removeLast(versions.count - limit)
            nextToken = versions.last.map { Self.encodeVersionToken($0.number) }
        }
        return StepFunctions.ListStateMachineVersionsOutput(
            stateMachineVersions: versions.map {
                StepFunctions.StateMachineVersionListItem(
                    stateMachineVersionArn: Self.versionArn(record.arn, $0.number),
                    creationDate: Self.date($0.createdAt))
            },
            nextToken: nextToken)
    }

    /// Deletes a version (a missing version or state machine is not an error, as on AWS); refused with
    /// `ConflictException` while an alias routes to it.
    package func deleteStateMachineVersion(
        _ input: StepFunctions.DeleteStateMachineVersionInput, context: RequestContext
    ) async throws -> StepFunctions.DeleteStateMachineVersionOutput {
        let (machineArn, number) = try Self.parseVersionArn(input.stateMachineVersionArn)
        guard var record = try await store.stateMachine(arn: machineArn),
            let index = record.versions?.firstIndex(where: { $0.number == number })
        else { return StepFunctions.DeleteStateMachineVersionOutput() }
        let routing = (record.aliases ?? []).filter { $0.routes.contains(where: { $0.version == number }) }
        guard routing.isEmpty else {
            throw AWSServiceError(
                StepFunctionsErrors.conflictException,
                "Version to be deleted must not be referenced by an alias. Current list of aliases referencing "
                    + "this version: [\(routing.map(\.name).joined(separator: ", "))]")
        }
        record.versions?.remove(at: index)
        _ = try await store.replaceStateMachine(record)
        return StepFunctions.DeleteStateMachineVersionOutput()
    }

    /// DescribeStateMachine of a version ARN: the definition and configuration the version snapshots.
    func describeVersion(
        machineArn: String, number: Int, arn: String
    ) async throws -> StepFunctions.DescribeStateMachineOutput {
        guard let record = try await store.stateMachine(arn: machineArn),
            let version = record.versions?.first(where: { $0.number == number })
        else { throw StepFunctionsFailure.stateMachineDoesNotExist(arn) }
        return StepFunctions.DescribeStateMachineOutput(
            stateMachineArn: arn, name: record.name, status: .active, definition: version.definition,
            roleArn: version.roleArn, type: StepFunctions.StateMachineType(rawValue: record.type),
            creationDate: Self.date(version.createdAt),
            loggingConfiguration: Self.describedLogging(version.loggingConfiguration),
            tracingConfiguration: version.tracingConfiguration ?? StepFunctions.TracingConfiguration(enabled: false),
            revisionId: version.revisionID == Self.initialRevision ? nil : version.revisionID,
            description: version.description, encryptionConfiguration: Self.ownedKeyEncryption,
            variableReferences: Self.variableReferences(in: version.definition))
    }

    /// What StartExecution runs for `arn`: the state machine itself; for a version ARN the state machine with that
    /// version's definition and role; for an alias ARN the version its routes pick with ``routingDraw`` (a draw in
    /// 0..<100 walks the routes' cumulative weights). Answers the version and alias ARNs used.
    func executable(
        arn: String
    ) async throws -> (machine: StateMachineRecord, versionArn: String?, aliasArn: String?) {
        guard case .failure = StepFunctionsNames.parseStateMachineArn(arn) else {
            return (try await stateMachine(arn: arn), nil, nil)
        }
        var number: Int
        var machineArn: String
        var aliasArn: String?
        if let (versionMachineArn, versionNumber) = try? Self.parseVersionArn(arn) {
            (machineArn, number) = (versionMachineArn, versionNumber)
        } else if let (aliasMachineArn, _) = try? Self.parseAliasArn(arn) {
            let (_, alias) = try await aliasRecord(arn: arn)
            var draw = routingDraw()
            number = alias.routes[alias.routes.count - 1].version
            for route in alias.routes {
                if draw < route.weight {
                    number = route.version
                    break
                }
                draw -= route.weight
            }
            (machineArn, aliasArn) = (aliasMachineArn, arn)
        } else {
            return (try await stateMachine(arn: arn), nil, nil)
        }
        guard var machine = try await store.stateMachine(arn: machineArn),
            let version = machine.versions?.first(where: { $0.number == number })
        else { throw StepFunctionsFailure.stateMachineDoesNotExist(arn) }
        machine.definition = version.definition
        machine.roleArn = version.roleArn
        return (machine, Self.versionArn(machineArn, number), aliasArn)
    }

    /// The state machine ListExecutions lists for `arn`, and the version or alias ARN its executions must carry.
    func listedMachine(
        arn: String
    ) async throws -> (machine: StateMachineRecord, versionArn: String?, aliasArn: String?) {
        guard case .failure = StepFunctionsNames.parseStateMachineArn(arn) else {
            return (try await stateMachine(arn: arn), nil, nil)
        }
        if let (machineArn, number) = try? Self.parseVersionArn(arn) {
            guard let machine = try await store.stateMachine(arn: machineArn),
                machine.versions?.contains(where: { $0.number == number }) == true
            else { throw StepFunctionsFailure.stateMachineDoesNotExist(arn) }
            return (machine, arn, nil)
        }
        if (try? Self.parseAliasArn(arn)) != nil {
            let (machine, _) = try await aliasRecord(arn: arn)
            return (machine, nil, arn)
        }
        return (try await stateMachine(arn: arn), nil, nil)
    }

    // MARK: Rules

    /// Appends a version of `record`'s current revision unless the newest version already snapshots it; answers
    /// the version and whether it is new (then `record` must be stored).
    static func publish(
        _ record: inout StateMachineRecord, description: String?, now: Int64
    ) -> (StateMachineVersion, isNew: Bool) {
        if let latest = record.versions?.max(by: { $0.number < $1.number }), latest.revisionID == record.revisionID {
            return (latest, false)
        }
        let number = (record.lastVersionNumber ?? 0) + 1
        let version = StateMachineVersion(
            number: number, revisionID: record.revisionID, description: description, createdAt: now,
            definition: record.definition, roleArn: record.roleArn,
            loggingConfiguration: record.loggingConfiguration, tracingConfiguration: record.tracingConfiguration)
        record.lastVersionNumber = number
        record.versions = (record.versions ?? []) + [version]
        return (version, true)
    }

    /// A version description: at most 256 characters (AWS's `ValidationException`).
    static func checkVersionDescription(_ description: String?) throws {
        guard let description, description.count > 256 else { return }
        throw AWSServiceError.validation(
            "1 validation error detected: Value at 'description' failed to satisfy constraint: "
                + "Member must have length less than or equal to 256")
    }

    /// `<state machine ARN>:<number>`.
    static func versionArn(_ machineArn: String, _ number: Int) -> String { "\(machineArn):\(number)" }

    /// The state machine ARN and number of a version ARN; anything else is `InvalidArn`.
    static func parseVersionArn(_ arn: String) throws -> (machineArn: String, number: Int) {
        guard let colon = arn.lastIndex(of: ":"), let number = Int(arn[arn.index(after: colon)...]), number > 0
        else { throw StepFunctionsFailure.invalidArn(arn, reason: "Resource type not valid in this context") }
        let machineArn = String(arn[..<colon])
        if case .failure(let problem) = StepFunctionsNames.parseStateMachineArn(machineArn) {
            throw StepFunctionsFailure.invalidArn(arn, reason: problem.reason)
        }
        return (machineArn, number)
    }

    /// An opaque page token for a version listing that continues below `number`.
    static func encodeVersionToken(_ number: Int) -> String { Data("ver:\(number)".utf8).base64EncodedString() }

    /// The version number a page token continues below.
    static func decodeVersionToken(_ token: String) throws -> Int {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("ver:"), let number = Int(text.dropFirst(4))
        else { throw StepFunctionsFailure.invalidToken() }
        return number
    }
}
