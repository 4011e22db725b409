import OrderedCollections
import StratusASL
import StratusJSON
import StratusJSONPath

/// Evaluates one state once, as the TestState API does: the state's data flow, its Choice rule, Fail error,
/// Task work (mocked, or run by the host between ``start()`` and ``taskSucceeded(_:)``/``taskFailed(error:cause:)``)
/// and its Retry/Catch decision, without moving on to the next state, waiting, or retrying.
///
/// Guarantees: pure and deterministic (no clock, no I/O; time and randomness come from the request); the data
/// flow is the ``ExecutionMachine``'s own (the same paths, templates, JSONata bindings and error causes); a Wait
/// state does not wait; a retriable error answers `RETRIABLE` with the retrier's index and back-off (cap applied,
/// no jitter) instead of retrying; Map and Parallel states are evaluated from their mocked result only (their
/// children do not run).
package struct StateTester: Sendable {
    let request: StateTestRequest
    var machine: ExecutionMachine
    var frame: Frame
    let state: State
    var inspection = StateTestInspection()
    var assigned: [(String, JSONValue)]?

    /// Prepares the test of `request.stateName` (which must name a state of `request.definition`, at any depth:
    /// ``graph(containing:in:)``).
    package init(_ request: StateTestRequest) {
        self.request = request
        let executionName = request.executionARN.split(separator: ":").last.map(String.init) ?? "execution"
        let machineName = request.stateMachineARN.split(separator: ":").last.map(String.init) ?? "StateMachine"
        let context = ExecutionContext(executionARN: request.executionARN, executionName: executionName,
                                       stateMachineARN: request.stateMachineARN, stateMachineName: machineName,
                                       roleARN: request.roleARN ?? "", startTime: request.now, input: request.input)
        var machine = ExecutionMachine(definition: request.definition, context: context,
                                       options: EngineOptions(recordHistory: false, randomSeed: request.randomSeed))
        machine.now = request.now
        let graph = Self.graph(containing: request.stateName, in: request.definition.graph) ?? request.definition.graph
        var frame = Frame(id: 0, graph: graph, input: request.input, variables: request.variables,
                          lastEventID: 0, parent: nil, now: request.now)
        frame.stateName = request.stateName
        frame.retryCount = request.retrierRetryCount
        for (name, value) in request.variables { frame.variableBytes[name] = value.serializedByteCount }
        let state = frame.state
        if case .task(let task) = state.kind, TaskResource(task.resource).waitsForTaskToken {
            if case .string(let token)? = request.contextObject?["Task"]?["Token"] {
                frame.taskToken = token
            } else {
                frame.taskToken = IntrinsicEnvironment.uuidText(high: machine.random.next(), low: machine.random.next())
            }
        }
        machine.contextOverride = request.contextObject ?? Self.defaultContext(request, taskToken: frame.taskToken)
        self.machine = machine
        self.frame = frame
        self.state = state
    }

    /// The `States` block that defines `name`: `graph` itself, or (depth first, in definition order) a Parallel
    /// branch or Map item processor inside it; `nil` when no state has that name.
    package static func graph(containing name: String, in graph: StateGraph) -> StateGraph? {
        if graph.states[name] != nil { return graph }
        for state in graph.states.values {
            switch state.kind {
            case .map(let map):
                if let found = Self.graph(containing: name, in: map.itemProcessor) { return found }
            case .parallel(let parallel):
                for branch in parallel.branches {
                    if let found = Self.graph(containing: name, in: branch) { return found }
                }
            default: break
            }
        }
        return nil
    }

    /// The Context object AWS's TestState gives a state when none is passed: the execution (an Express execution
    /// ARN, its input, name, role — `null` without one — and start time), the state machine, and the state
    /// (`StateName`, entered now, the retry count — not for a state of a whole machine); `Task.Token` for
    /// `.waitForTaskToken` resources.
    static func defaultContext(_ request: StateTestRequest, taskToken: String?) -> JSONValue {
        let executionName = request.executionARN.split(separator: ":").last.map(String.init) ?? ""
        let machineName = request.stateMachineARN.split(separator: ":").last.map(String.init) ?? ""
        let now = JSONValue.string(RFC3339.format(request.now))
        var object: OrderedDictionary<String, JSONValue> = [
            "Execution": .object([
                "Id": .string(request.executionARN), "Input": request.input, "Name": .string(executionName),
                "RoleArn": request.roleARN.map(JSONValue.string) ?? .null, "StartTime": now,
            ]),
            "StateMachine": .object(["Id": .string(request.stateMachineARN), "Name": .string(machineName)]),
            "State": .object(["Name": .string(ASLParser.singleStateName), "EnteredTime": now]),
        ]
        if !request.isStateOfMachine, case .object(var state)? = object["State"] {
            state["RetryCount"] = .number(JSONNumber(request.retrierRetryCount))
            object["State"] = .object(state)
        }
        if let taskToken { object["Task"] = .object(["Token": .string(taskToken)]) }
        return .object(object)
    }

    var isJSONata: Bool { state.queryLanguage == .jsonata }

    /// Evaluates the state up to its end, or up to the Task work the host must run (no mock given).
    package mutating func start() -> StateTestStep {
        inspection.input = request.input
        do {
            switch state.kind {
            case .pass(let pass): return .finished(try runPass(pass))
            case .choice(let choice): return .finished(try runChoice(choice))
            case .wait: return .finished(try runWait())
            case .succeed: return .finished(try runSucceed())
            case .fail(let fail): return .finished(try runFail(fail))
            case .task(let task): return try beginTask(task)
            case .parallel: return .finished(try runParallel())
            case .map(let map): return .finished(try runMap(map))
            }
        } catch {
            return .finished(failed(error))
        }
    }

    /// The Task's work succeeded with `result`: ResultSelector, ResultPath and OutputPath (or `Output`) apply.
    package mutating func taskSucceeded(_ result: JSONValue) -> StateTestOutcome {
        do {
            try machine.checkPayload(result, what: state.name)
            return try complete(result: result, showsResult: true)
        } catch {
            return failed(error)
        }
    }

    /// The Task's work failed: Retry and Catch decide.
    package mutating func taskFailed(error: String, cause: String?) -> StateTestOutcome {
        failed(StatesError(name: error, cause: cause ?? ""), hasCause: cause != nil)
    }

    // MARK: outcomes

    /// The state completed with `output`; its assignments take effect.
    mutating func succeeded(_ output: JSONValue, next: String? = nil) throws(StatesError) -> StateTestOutcome {
        try machine.checkPayload(output, what: state.name)
        if let assigned, !assigned.isEmpty {
            // The execution's variable quotas, checked by the machine's own rule against this frame.
            machine.frames[frame.id] = frame
            if let problem = machine.variableLimitProblem(frameID: frame.id, assigned) {
                throw StatesError(name: StatesError.dataLimitExceeded, cause: problem)
            }
            for (name, value) in assigned { frame.variables[name] = value }
        }
        var nextState = next
        if nextState == nil, case .next(let name) = state.transition { nextState = name }
        return outcome(StateTestOutcome(status: .succeeded, output: output, nextState: nextState))
    }

    /// Adds the inspection data (unless the level is `INFO`).
    func outcome(_ base: StateTestOutcome) -> StateTestOutcome {
        var result = base
        guard request.inspectionLevel != .info else { return result }
        var data = inspection
        if !frame.variables.isEmpty {
            var object = OrderedDictionary<String, JSONValue>()
            for name in frame.variables.keys.sorted() { object[name] = frame.variables[name] }
            data.variables = .object(object)
        }
        result.inspection = data
        return result
    }
}
