import OrderedCollections
import StratusASL
import StratusJSON
import StratusJSONPath

extension StateTester {
    mutating func runPass(_ pass: PassState) throws(StatesError) -> StateTestOutcome {
        if isJSONata {
            let states = machine.statesBinding(frame, input: frame.stateInput)
            assigned = try machine.evaluateJSONataAssign(state.assign, frame: frame, states: states)
            return try succeeded(try machine.evaluateJSONataOutput(state.output, defaultOutput: frame.stateInput, frame: frame, states: states))
        }
        let effective = try machine.selectPath(state.inputPath, frame.stateInput, frame: frame)
        var result = effective
        if let literal = pass.result {
            result = literal
            inspection.result = literal
        } else {
            if let parameters = state.parameters { result = try machine.evaluateTemplate(parameters, input: effective, frame: frame) }
            inspection.afterInputPath = effective
            inspection.afterParameters = result
        }
        assigned = try machine.evaluateAssign(state.assign, input: result, frame: frame)
        inspection.afterResultSelector = result
        let combined = try machine.applyResultPath(state.resultPath, rawInput: frame.stateInput, result: result)
        inspection.afterResultPath = combined
        return try succeeded(try machine.selectPath(state.outputPath, combined, frame: frame))
    }

    mutating func runChoice(_ choice: ChoiceState) throws(StatesError) -> StateTestOutcome {
        let effective = isJSONata ? frame.stateInput : try machine.selectPath(state.inputPath, frame.stateInput, frame: frame)
        if !isJSONata { inspection.afterInputPath = effective }
        let states = isJSONata ? machine.statesBinding(frame, input: frame.stateInput) : .null
        let matched = try machine.matchingChoiceRule(frame, choice, effective: effective, states: states)
        guard let next = matched?.next ?? choice.defaultState else {
            throw StatesError(name: StatesError.noChoiceMatched, cause: "No Matches!")
        }
        let assign = matched.map(\.assign) ?? state.assign
        if isJSONata {
            assigned = try machine.evaluateJSONataAssign(assign, frame: frame, states: states)
            let output = try machine.evaluateJSONataOutput(matched.map(\.output) ?? state.output, defaultOutput: frame.stateInput,
                                                           frame: frame, states: states)
            return try succeeded(output, next: next)
        }
        assigned = try machine.evaluateAssign(assign, input: effective, frame: frame)
        return try succeeded(try machine.selectPath(state.outputPath, effective, frame: frame), next: next)
    }

    /// A Wait state completes at once (TestState does not wait).
    mutating func runWait() throws(StatesError) -> StateTestOutcome {
        if isJSONata {
            let states = machine.statesBinding(frame, input: frame.stateInput)
            assigned = try machine.evaluateJSONataAssign(state.assign, frame: frame, states: states)
            return try succeeded(try machine.evaluateJSONataOutput(state.output, defaultOutput: frame.stateInput, frame: frame, states: states))
        }
        let effective = try machine.selectPath(state.inputPath, frame.stateInput, frame: frame)
        inspection.afterInputPath = effective
        assigned = try machine.evaluateAssign(state.assign, input: effective, frame: frame)
        return try succeeded(try machine.selectPath(state.outputPath, effective, frame: frame))
    }

    mutating func runSucceed() throws(StatesError) -> StateTestOutcome {
        if isJSONata {
            let states = machine.statesBinding(frame, input: frame.stateInput)
            return try succeeded(try machine.evaluateJSONataOutput(state.output, defaultOutput: frame.stateInput, frame: frame, states: states))
        }
        let effective = try machine.selectPath(state.inputPath, frame.stateInput, frame: frame)
        inspection.afterInputPath = effective
        return try succeeded(try machine.selectPath(state.outputPath, effective, frame: frame))
    }

    mutating func runFail(_ fail: FailState) throws(StatesError) -> StateTestOutcome {
        if !isJSONata { inspection.afterInputPath = frame.stateInput }
        let (error, cause) = try machine.failure(frame, state, fail)
        return outcome(StateTestOutcome(status: .failed, error: error, cause: cause))
    }

    // MARK: Task

    mutating func beginTask(_ task: TaskState) throws(StatesError) -> StateTestStep {
        let effective = try machine.effectiveInput(frame, state)
        if isJSONata {
            if state.arguments != nil { inspection.afterArguments = effective.input }
        } else {
            inspection.afterInputPath = effective.path
            inspection.afterParameters = effective.input
        }
        let timeout = try machine.resolveInteger(task.timeout, input: effective.path, frame: frame, field: "TimeoutSecondsPath")
        let heartbeat = try machine.resolveInteger(task.heartbeat, input: effective.path, frame: frame, field: "HeartbeatSecondsPath")
        var credentials: JSONValue?
        if let value = task.credentials, isJSONata {
            credentials = try machine.evaluateJSONataValue(value, field: "Credentials", frame: frame,
                                                           states: machine.statesBinding(frame, input: frame.stateInput))
        } else if let value = task.credentials {
            var parser = CredentialsTemplate()
            credentials = try parser.evaluate(value, machine: machine, input: effective.path, frame: frame)
        }
        switch request.mock {
        case .result(let result)?:
            return .finished(taskSucceeded(result))
        case .error(let name, let cause)?:
            return .finished(taskFailed(error: name, cause: cause))
        case nil:
            return .invokeTask(TaskInvocation(
                taskID: 1, stateName: state.name, resource: task.resource, input: effective.input, timeoutSeconds: timeout,
                heartbeatSeconds: heartbeat, credentials: credentials, taskToken: frame.taskToken,
                retryCount: request.retrierRetryCount))
        }
    }

    /// ResultSelector → ResultPath → OutputPath with Assign over the raw result (JSONPath), or `Output` and
    /// `Assign` with `$states.result` (JSONata).
    mutating func complete(result: JSONValue, showsResult: Bool) throws(StatesError) -> StateTestOutcome {
        if showsResult { inspection.result = result }
        if isJSONata {
            let states = machine.statesBinding(frame, input: frame.stateInput, result: result)
            assigned = try machine.evaluateJSONataAssign(state.assign, frame: frame, states: states)
            return try succeeded(try machine.evaluateJSONataOutput(state.output, defaultOutput: result, frame: frame, states: states))
        }
        var selected = result
        if let selector = state.resultSelector { selected = try machine.evaluateTemplate(selector, input: result, frame: frame) }
        inspection.afterResultSelector = selected
        assigned = try machine.evaluateAssign(state.assign, input: result, frame: frame)
        let combined = try machine.applyResultPath(state.resultPath, rawInput: frame.stateInput, result: selected)
        inspection.afterResultPath = combined
        return try succeeded(try machine.selectPath(state.outputPath, combined, frame: frame))
    }
}
