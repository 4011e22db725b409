// StepFunctionsService+TestStateRequest: the checks TestState makes before it evaluates anything, in AWS's words.
import Foundation
import OrderedCollections
import StratusAPIStepFunctions
import StratusASL
import StratusAWSCore
import StratusJSON
import StratusServiceKit
import StratusStatesEngine

extension StepFunctionsService {
    /// A checked TestState request, ready for the engine.
    struct PreparedStateTest {
        var request: StateTestRequest
    }

    /// The state types a mock may not be given to.
    static let unmockableStateTypes: Set<String> = ["Pass", "Fail", "Succeed", "Choice", "Wait"]

    /// Checks a TestState request as AWS does (the definition, `stateName`, `mock`, `stateConfiguration`,
    /// `roleArn`, `input`, `variables`, `context`) and builds the engine's request.
    func prepareStateTest(_ input: StepFunctions.TestStateInput, context: RequestContext) throws -> PreparedStateTest {
        let level = try Self.inspectionLevel(input.inspectionLevel)
        if let mode = input.mock?.fieldValidationMode?.rawValue, !["STRICT", "PRESENT", "NONE"].contains(mode) {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(mode)' at 'mock.fieldValidationMode' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [STRICT, PRESENT, NONE]")
        }
        if let roleArn = input.roleArn { try Self.checkRoleArn(roleArn) }
        let (definition, stateName) = try Self.testDefinition(input.definition, stateName: input.stateName)
        guard let state = StateTester.graph(containing: stateName, in: definition.graph)?.states[stateName] else {
            throw AWSServiceError.validation("State not found in definition")
        }
        let configuration = input.stateConfiguration
        if configuration?.mapIterationFailureCount != nil, input.mock?.result == nil, input.mock?.errorOutput == nil {
            throw AWSServiceError.validation("TestState does not support MapIterationFailureCount when a mock is not specified.")
        }
        let mock = try Self.testMock(input.mock, state: state, revealSecrets: input.revealSecrets ?? false)
        if case .result(let result)? = mock, case .task(let task) = state.kind {
            let mode = MockValidationMode(rawValue: input.mock?.fieldValidationMode?.rawValue ?? "STRICT") ?? .strict
            try Self.validateMockResult(result, resource: task.resource, mode: mode)
        }
        if let failures = configuration?.mapIterationFailureCount {
            if case .result(.array(let items))? = mock, failures > items.count {
                throw AWSServiceError.validation(
                    "Map iteration failure count must be less than or equal to the number of Map iterations")
            }
        }
        if case .task(let task) = state.kind, mock == nil {
            guard input.roleArn != nil else {
                throw AWSServiceError.validation("RoleArn must be specified when testing a Task state")
            }
            // AWS documents that TestState supports these only with a mock (the wording of its error is Stratus's).
            if Self.isCallbackResource(task.resource) || task.resource.contains(":activity:") {
                throw AWSServiceError.validation(
                    "TestState supports Activity tasks and the .sync and .waitForTaskToken integration patterns only when a mock is specified.")
            }
        }
        let inputValue: JSONValue
        do {
            inputValue = try JSONValue.parse(input.input ?? "{}")
        } catch {
            throw AWSServiceError(
                StepFunctionsErrors.invalidExecutionInput, "Invalid State Machine Execution Input: '\(error.description)'")
        }
        let variables = try Self.testVariables(input.variables)
        var contextObject: JSONValue?
        if let text = input.context {
            contextObject = try Self.testContext(text, state: state)
        }
        let machineName = ids.next()
        let executionName = ids.next()
        let prefix = "arn:aws:states:\(context.region):\(context.accountID)"
        let request = StateTestRequest(
            definition: definition, stateName: stateName, input: inputValue, variables: variables,
            contextObject: contextObject, executionARN: "\(prefix):express:\(machineName):\(executionName)",
            stateMachineARN: "\(prefix):stateMachine:\(machineName)", roleARN: input.roleArn, inspectionLevel: level,
            isStateOfMachine: input.stateName != nil, mock: mock, retrierRetryCount: configuration?.retrierRetryCount ?? 0,
            mapIterationFailureCount: configuration?.mapIterationFailureCount,
            now: RFC3339.Instant(milliseconds: nowMilliseconds()), randomSeed: UInt64.random(in: .min ... .max))
        return PreparedStateTest(request: request)
    }

    /// Whether a Task resource waits for a callback (`.waitForTaskToken`) or a job (`.sync`, `.sync:2`).
    static func isCallbackResource(_ resource: String) -> Bool {
        resource.hasSuffix(".waitForTaskToken") || resource.hasSuffix(".sync") || resource.hasSuffix(".sync:2")
    }

    static func inspectionLevel(_ level: StepFunctions.InspectionLevel?) throws -> StateTestInspectionLevel {
        guard let level else { return .info }
        guard let known = StateTestInspectionLevel(rawValue: level.rawValue) else {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(level.rawValue)' at 'inspectionLevel' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [INFO, DEBUG, TRACE]")
        }
        return known
    }

    /// The definition to test and the state in it: a whole machine with `stateName`, else one state (named
    /// `StateName`, as AWS names it in diagnostics). Map and Parallel states are checked for a mock later.
    static func testDefinition(_ text: String, stateName: String?) throws -> (StateMachineDefinition, String) {
        if let stateName {
            let parsed = ASLParser.parse(text: text, options: .checkingJSONata())
            guard let definition = parsed.definition else {
                throw StepFunctionsFailure.invalidDefinition(ASLDiagnostic.invalidDefinitionMessage(parsed.diagnostics))
            }
            return (definition, stateName)
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            throw StepFunctionsFailure.invalidDefinition(ASLDiagnostic.invalidDefinitionMessage([
                ASLDiagnostic(code: ASLDiagnostic.invalidJSONDescription, message: error.description, location: nil),
            ]))
        }
        let parsed = ASLParser.parseState(value, options: .checkingJSONata())
        guard let definition = parsed.definition else {
            throw StepFunctionsFailure.invalidDefinition(ASLDiagnostic.invalidDefinitionMessage(parsed.diagnostics))
        }
        return (definition, ASLParser.singleStateName)
    }

    /// The mock, checked against the state it is for.
    static func testMock(_ mock: StepFunctions.MockInput?, state: State, revealSecrets: Bool) throws -> StateTestMock? {
        var isMap = false
        var isParallel = false
        var branchCount = 0
        var writesResults = false
        switch state.kind {
        case .map(let map):
            isMap = true
            writesResults = map.resultWriter != nil
        case .parallel(let parallel):
            isParallel = true
            branchCount = parallel.branches.count
        default: break
        }
        guard let mock, mock.result != nil || mock.errorOutput != nil else {
            if isMap || isParallel {
                throw StepFunctionsFailure.invalidDefinition(
                    "TestState API does not support Map or Parallel states. Supported state types include: "
                        + "[Task, Wait, Pass, Succeed, Fail, Choice]")
            }
            return nil
        }
        if mock.result != nil && mock.errorOutput != nil {
            throw AWSServiceError.validation("A test mock should have only one of the following fields: [result, errorOutput].")
        }
        if revealSecrets {
            throw AWSServiceError.validation("TestState does not support RevealSecrets when a mock is specified.")
        }
        if unmockableStateTypes.contains(state.typeName) {
            throw AWSServiceError.validation("State type '\(state.typeName)' is not supported when a mock is specified")
        }
        if let errorOutput = mock.errorOutput {
            return .error(name: errorOutput.error ?? "", cause: errorOutput.cause)
        }
        let result: JSONValue
        do {
            result = try JSONValue.parse(mock.result ?? "")
        } catch {
            throw AWSServiceError.validation("Mocked result must be valid JSON")
        }
        if isMap && writesResults {
            guard case .object = result else { throw AWSServiceError.validation("Mocked result must be a JSON object.") }
        } else if isMap || isParallel {
            guard case .array(let items) = result else { throw AWSServiceError.validation("Mocked result must be an array.") }
            if isParallel && items.count != branchCount {
                throw AWSServiceError.validation(
                    "Mocked result must contain the same number of items as number of Parallel branches.")
            }
        }
        return .result(result)
    }

    /// `variables`: a JSON object of variable names to values.
    static func testVariables(_ text: String?) throws -> [String: JSONValue] {
        guard let text else { return [:] }
        guard case .object(let members)? = try? JSONValue.parse(text) else {
            throw AWSServiceError.validation("Invalid variables provided: variables must be a JSON object")
        }
        var variables: [String: JSONValue] = [:]
        for (name, value) in members { variables[name] = value }
        return variables
    }

    /// The fields a mocked Context object may have, per top-level field.
    static let contextFields: [String: Set<String>] = [
        "Execution": ["Id", "Input", "Name", "RoleArn", "StartTime", "RedriveCount", "RedriveTime"],
        "State": ["Name", "EnteredTime", "RetryCount"],
        "StateMachine": ["Id", "Name"],
        "Task": ["Token"],
    ]

    /// `context`: the Context object the state sees, checked as AWS checks it.
    static func testContext(_ text: String, state: State) throws -> JSONValue {
        func invalid(_ reason: String) -> AWSServiceError {
            AWSServiceError.validation("Invalid Context object provided: \(reason)")
        }
        guard let value = try? JSONValue.parse(text), case .object(let members) = value else {
            throw invalid("Context object must be a JSON object")
        }
        for (key, member) in members {
            if key == "Map" { throw invalid("'Map' field is not supported when mocking a Context object") }
            guard let allowed = contextFields[key] else { throw invalid("Field '\(key)' is not allowed") }
            guard case .object(let fields) = member else { throw invalid("\(key) must be an object") }
            for (field, fieldValue) in fields {
                guard allowed.contains(field) else { throw invalid("Field '\(field)' is not allowed") }
                switch (field, fieldValue) {
                case ("Input", _): break
                case ("RetryCount", .number), ("RedriveCount", .number): break
                case ("RetryCount", _), ("RedriveCount", _): throw invalid("\(key).\(field) must be a number")
                case (_, .string): break
                default: throw invalid("\(key).\(field) must be a string")
                }
            }
        }
        if members["Task"] != nil {
            var callback = false
            if case .task(let task) = state.kind {
                callback = Self.isCallbackResource(task.resource)
            }
            guard callback else {
                throw invalid("Context object contains 'Task' when state is not a Task state with a '.sync' or "
                    + "'.waitForTaskToken' service integration pattern")
            }
        }
        return value
    }
}
