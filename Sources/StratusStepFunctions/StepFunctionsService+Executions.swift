// StepFunctionsService+Executions: start, describe, stop and list executions; their history.
import Foundation
import OrderedCollections
import StratusAPIStepFunctions
import StratusASL
import StratusAWSCore
import StratusJSON
import StratusServiceKit
import StratusStatesEngine

extension StepFunctionsService {
    /// The longest an Express execution runs before it times out (AWS: five minutes).
    static let expressMaximumSeconds = 300

    /// Starts an execution (or answers a repeated start of a running one); answers after its start is durable.
    package func startExecution(
        _ input: StepFunctions.StartExecutionInput, context: RequestContext
    ) async throws -> StepFunctions.StartExecutionOutput {
        let (machine, versionArn, aliasArn) = try await executable(arn: input.stateMachineArn)
        let name = input.name ?? ids.next()
        let inputText = input.input ?? "{}"
        var prepared = try prepareExecution(of: machine, name: name, input: inputText)
        prepared.stored.record.stateMachineVersionArn = versionArn
        prepared.stored.record.stateMachineAliasArn = aliasArn
        if let existing = try await runner.execution(arn: prepared.stored.record.arn) {
            return try Self.repeatedStart(of: existing, input: inputText)
        }
        let started = try await runner.start(
            prepared.stored, isDurable: machine.type == "STANDARD", definition: prepared.definition,
            context: prepared.context)
        guard started.isNew else { return try Self.repeatedStart(of: started.record, input: inputText) }
        return StepFunctions.StartExecutionOutput(
            executionArn: started.record.arn, startDate: Self.date(started.record.startedAt))
    }

    /// Checks the name and input of a new execution of `machine` and parses its definition.
    func prepareExecution(
        of machine: StateMachineRecord, name: String, input inputText: String
    ) throws -> (stored: StoredExecution, definition: StateMachineDefinition, context: ExecutionContext) {
        guard StepFunctionsNames.isValidName(name) else { throw StepFunctionsFailure.invalidName(name) }
        let inputValue: JSONValue
        do {
            inputValue = try JSONValue.parse(inputText)
        } catch {
            throw AWSServiceError(
                StepFunctionsErrors.invalidExecutionInput,
                "Invalid State Machine Execution Input: '\(ExecutionInputProblem.reason(for: inputText) ?? error.description)'")
        }
        let arn = Self.executionArn(machine: machine, name: name, expressID: machine.type == "EXPRESS" ? ids.next() : nil)
        let parsed = definitions.parse(machine.definition, isExpress: machine.type == "EXPRESS")
        guard var definition = parsed.definition else {
            throw StepFunctionsFailure.invalidDefinition(ASLDiagnostic.invalidDefinitionMessage(parsed.diagnostics))
        }
        if machine.type == "EXPRESS" {
            // Express executions run for at most five minutes (AWS); a longer `TimeoutSeconds` does not extend it.
            definition.timeoutSeconds = min(definition.timeoutSeconds ?? Self.expressMaximumSeconds, Self.expressMaximumSeconds)
        }
        let now = nowMilliseconds()
        let record = ExecutionRecord(
            arn: arn, stateMachineArn: machine.arn, name: name, input: inputText, startedAt: now)
        var executionContext = ExecutionContext(
            executionARN: arn, executionName: name, stateMachineARN: machine.arn, stateMachineName: machine.name,
            roleARN: machine.roleArn, startTime: RFC3339.Instant(milliseconds: now), input: inputValue)
        executionContext.inputText = inputText
        let stored = StoredExecution(
            record: record, definition: machine.definition, roleArn: machine.roleArn, stateMachineName: machine.name,
            randomSeed: UInt64.random(in: .min ... .max))
        return (stored, definition, executionContext)
    }

    /// AWS: the same name and input while that execution runs answers the original start; otherwise it is refused.
    static func repeatedStart(of existing: ExecutionRecord, input: String) throws -> StepFunctions.StartExecutionOutput {
        guard existing.status == "RUNNING", existing.input == input else {
            throw AWSServiceError(
                StepFunctionsErrors.executionAlreadyExists, "Execution Already Exists: '\(existing.arn)'")
        }
        return StepFunctions.StartExecutionOutput(executionArn: existing.arn, startDate: Self.date(existing.startedAt))
    }

    /// The status, input, output or error of an execution.
    package func describeExecution(
        _ input: StepFunctions.DescribeExecutionInput, context: RequestContext
    ) async throws -> StepFunctions.DescribeExecutionOutput {
        if let child = try await describeMapRunChild(arn: input.executionArn) { return child }
        let record = try await execution(arn: input.executionArn)
        let redrive = try await redriveStatus(of: record)
        return StepFunctions.DescribeExecutionOutput(
            executionArn: record.arn, stateMachineArn: record.stateMachineArn, name: record.name,
            status: StepFunctions.ExecutionStatus(rawValue: record.status), startDate: Self.date(record.startedAt),
            stopDate: record.stoppedAt.map(Self.date), input: record.input,
            inputDetails: StepFunctions.CloudWatchEventsExecutionDataDetails(included: true), output: record.output,
            outputDetails: record.output == nil ? nil : StepFunctions.CloudWatchEventsExecutionDataDetails(included: true),
            error: record.error, cause: record.cause, stateMachineVersionArn: record.stateMachineVersionArn,
            stateMachineAliasArn: record.stateMachineAliasArn, redriveCount: record.redriveCount,
            redriveDate: record.redriveDate.map(Self.date), redriveStatus: redrive.0, redriveStatusReason: redrive.1)
    }

    /// Aborts a running execution; answers after the abort is durable.
    package func stopExecution(
        _ input: StepFunctions.StopExecutionInput, context: RequestContext
    ) async throws -> StepFunctions.StopExecutionOutput {
        try refuseMapRunChild(input.executionArn, operation: "StopExecution")
        _ = try await execution(arn: input.executionArn)
        guard let stopped = try await runner.stop(arn: input.executionArn, error: input.error, cause: input.cause),
            let stoppedAt = stopped.stoppedAt
        else { throw Self.executionDoesNotExist(input.executionArn) }
        return StepFunctions.StopExecutionOutput(stopDate: Self.date(stoppedAt))
    }

    /// The executions of a state machine, newest first, optionally of one status.
    package func listExecutions(
        _ input: StepFunctions.ListExecutionsInput, context: RequestContext
    ) async throws -> StepFunctions.ListExecutionsOutput {
        if let mapRunArn = input.mapRunArn { return try await listMapRunExecutions(input, mapRunArn: mapRunArn) }
        guard let machineArn = input.stateMachineArn else {
            throw AWSServiceError.validation("Must provide a StateMachine ARN or MapRun ARN")
        }
        // A version or alias ARN lists the executions started with it (AWS).
        let (machine, versionArn, aliasArn) = try await listedMachine(arn: machineArn)
        let limit = try Self.pageSize(input.maxResults)
        let offset = try input.nextToken.map { try Self.decodeOffset($0, kind: "ex") } ?? 0
        var records = try await runner.executions(stateMachineArn: machine.arn)
        if let versionArn { records = records.filter { $0.stateMachineVersionArn == versionArn } }
        if let aliasArn { records = records.filter { $0.stateMachineAliasArn == aliasArn } }
        if let filter = input.statusFilter?.rawValue { records = records.filter { $0.status == filter } }
        records = try records.filter { try Self.passes(input.redriveFilter, $0) }
        let page = records.dropFirst(offset).prefix(limit)
        let next = offset + page.count < records.count ? Self.encodeOffset(offset + page.count, kind: "ex") : nil
        return StepFunctions.ListExecutionsOutput(
            executions: page.map {
                StepFunctions.ExecutionListItem(
                    executionArn: $0.arn, stateMachineArn: $0.stateMachineArn, name: $0.name,
                    status: StepFunctions.ExecutionStatus(rawValue: $0.status), startDate: Self.date($0.startedAt),
                    stopDate: $0.stoppedAt.map(Self.date), stateMachineVersionArn: $0.stateMachineVersionArn,
                    stateMachineAliasArn: $0.stateMachineAliasArn, redriveCount: $0.redriveCount,
                    redriveDate: $0.redriveDate.map(Self.date))
            },
            nextToken: next)
    }

    /// The history events of an execution (or of a Distributed Map child execution), in either order, paginated.
    package func getExecutionHistory(
        _ input: StepFunctions.GetExecutionHistoryInput, context: RequestContext
    ) async throws -> StepFunctions.GetExecutionHistoryOutput {
        var events: [JSONValue]
        if Self.isMapRunChildArn(input.executionArn) {
            // A Distributed Map child execution's own history.
            guard let found = try await runner.mapRunChild(executionArn: input.executionArn) else {
                throw Self.executionDoesNotExist(input.executionArn)
            }
            events = found.child.history.map(\.jsonValue)
        } else {
            _ = try await execution(arn: input.executionArn)
            guard let history = try await runner.history(arn: input.executionArn) else {
                throw Self.executionDoesNotExist(input.executionArn)
            }
            events = history
        }
        if input.reverseOrder == true { events.reverse() }
        let limit = try Self.pageSize(input.maxResults)
        let offset = try input.nextToken.map { try Self.decodeOffset($0, kind: "hi") } ?? 0
        let page = events.dropFirst(offset).prefix(limit)
        let next = offset + page.count < events.count ? Self.encodeOffset(offset + page.count, kind: "hi") : nil
        let includeData = input.includeExecutionData ?? true
        let array = JSONValue.array(page.map { includeData ? $0 : Self.withoutExecutionData($0) })
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let decoded = try decoder.decode([StepFunctions.HistoryEvent].self, from: Data(array.serializedString().utf8))
        return StepFunctions.GetExecutionHistoryOutput(events: decoded, nextToken: next)
    }

    // MARK: Helpers

    /// `arn:aws:states:<region>:<account>:execution:<machine>:<name>`; an Express execution's is
    /// `…:express:<machine>:<name>:<id>` (AWS adds an id of its own: Express names need not be unique, recorded in
    /// `test_sfn_api_express`).
    static func executionArn(machine: StateMachineRecord, name: String, expressID: String? = nil) -> String {
        let prefix = "arn:aws:states:\(machine.region):\(machine.accountID)"
        guard machine.type == "EXPRESS" else { return "\(prefix):execution:\(machine.name):\(name)" }
        return "\(prefix):express:\(machine.name):\(name)" + (expressID.map { ":" + $0 } ?? "")
    }

    static func executionDoesNotExist(_ arn: String) -> AWSServiceError {
        AWSServiceError(StepFunctionsErrors.executionDoesNotExist, "Execution Does Not Exist: '\(arn)'")
    }

    /// The execution an ARN names.
    func execution(arn: String) async throws -> ExecutionRecord {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0] == "arn", parts[2] == "states" else {
            throw StepFunctionsFailure.invalidArn(arn, reason: StepFunctionsNames.ArnProblem.prefix.reason)
        }
        guard (parts.count == 8 && parts[5] == "execution") || ((8...9).contains(parts.count) && parts[5] == "express") else {
            throw StepFunctionsFailure.invalidArn(arn, reason: StepFunctionsNames.ArnProblem.resourceType.reason)
        }
        guard let record = try await runner.execution(arn: arn) else { throw Self.executionDoesNotExist(arn) }
        return record
    }

    /// A history event without the `input`/`output` members of its details (`includeExecutionData: false`).
    static func withoutExecutionData(_ event: JSONValue) -> JSONValue {
        guard case .object(var members) = event else { return event }
        for (key, value) in members where key.hasSuffix("EventDetails") {
            guard case .object(var details) = value else { continue }
            details.removeValue(forKey: "input")
            details.removeValue(forKey: "output")
            details.removeValue(forKey: "inputDetails")
            details.removeValue(forKey: "outputDetails")
            members[key] = .object(details)
        }
        return .object(members)
    }

    static func encodeOffset(_ offset: Int, kind: String) -> String {
        Data("\(kind):\(offset)".utf8).base64EncodedString()
    }

    static func decodeOffset(_ token: String, kind: String) throws -> Int {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
            text.hasPrefix(kind + ":"), let offset = Int(text.dropFirst(kind.count + 1)), offset >= 0
        else { throw StepFunctionsFailure.invalidToken() }
        return offset
    }
}
