import OrderedCollections
import StratusASL
import StratusJSON
import StratusJSONPath

extension ExecutionMachine {
    /// Enters the current state of a ready frame and runs it as far as it goes without the host.
    mutating func enterState(frameID: Int) {
        guard frames.contains(frameID) else { return }
        let state = frames[frameID]!.state
        transitions += 1
        frames[frameID]!.enteredAt = now
        if !state.retriers.isEmpty || !frames[frameID]!.retryAttempts.isEmpty {
            frames[frameID]!.retryAttempts = Array(repeating: 0, count: state.retriers.count)
        }
        frames[frameID]!.retryCount = 0
        frames[frameID]!.waiting = .nothing
        frames[frameID]!.taskToken = nil
        frames[frameID]!.enteredPreviousID = frames[frameID]!.lastEventID
        let input = frames[frameID]!.stateInput
        recordStateEntered(frameID: frameID, state: state, input: input)
        frames[frameID]!.enteredEventID = lastRecordedEventID(frameID: frameID)
        if input.exceedsSerializedSize(options.maximumPayloadBytes) {
            stateFailed(frameID: frameID, StatesError(name: StatesError.dataLimitExceeded, cause: Self.dataLimitCause(what: "input")))
            return
        }
        runState(frameID: frameID)
    }

    /// Runs the body of the frame's current state (after `…StateEntered`, and again for each retry).
    mutating func runState(frameID: Int) {
        guard let frame = frames[frameID] else { return }
        discardRedriveData(of: frameID)
        let state = frame.state
        do {
            switch state.kind {
            case .pass(let pass): try runPass(frame, state, pass)
            case .choice(let choice): try runChoice(frame, state, choice)
            case .wait(let wait): try runWait(frame, state, wait)
            case .succeed where state.queryLanguage == .jsonata:
                let states = statesBinding(frame, input: frame.stateInput)
                let output = try evaluateJSONataOutput(state.output, defaultOutput: frame.stateInput, frame: frame, states: states)
                completeState(frameID: frameID, state: state, output: output, assigned: nil)
            case .succeed:
                let output = try selectPath(state.outputPath, try selectPath(state.inputPath, frame.stateInput, frame: frame), frame: frame)
                completeState(frameID: frameID, state: state, output: output, assigned: nil)
            case .fail(let fail): try runFail(frame, state, fail)
            case .task(let task): try runTask(frame, state, task)
            case .parallel(let parallel): try runParallel(frame, state, parallel)
            case .map(let map): try runMap(frame, state, map)
            }
        } catch {
            fail(frameID: frameID, error)
        }
    }

    /// A state's run-time fault: AWS prefixes the cause with the state and the id of its `…StateEntered`
    /// event, records `EvaluationFailed` for JSONata faults (and `MapStateFailed`/`ParallelStateFailed` for those
    /// states), then Retry/Catch apply as for any error.
    mutating func fail(frameID: Int, _ error: StatesError) {
        guard let frame = frames[frameID] else { return }
        guard error.name == StatesError.runtime || error.name == StatesError.queryEvaluationError else {
            stateFailed(frameID: frameID, error)
            return
        }
        var located = error
        located.cause = "An error occurred while executing the state '\(frame.stateName)' "
            + "(entered at the event id #\(frame.enteredEventID)). \(error.cause)"
        var failedEvent: String?
        if let location = error.location, error.name == StatesError.queryEvaluationError {
            record(frameID: frameID, "EvaluationFailed", detailsKey: "evaluationFailedEventDetails", [
                ("error", .string(error.name)), ("cause", .string(located.cause)),
                ("location", .string(location)), ("state", .string(frame.stateName)),
            ], previous: frame.enteredPreviousID)
            switch frame.state.kind {
            case .map: failedEvent = "MapStateFailed"
            case .parallel: failedEvent = "ParallelStateFailed"
            default: break
            }
        }
        stateFailed(frameID: frameID, located, failedEvent: failedEvent)
    }

    private mutating func runPass(_ frame: Frame, _ state: State, _ pass: PassState) throws(StatesError) {
        if state.queryLanguage == .jsonata {
            let states = statesBinding(frame, input: frame.stateInput)
            let assigned = try evaluateJSONataAssign(state.assign, frame: frame, states: states)
            let output = try evaluateJSONataOutput(state.output, defaultOutput: frame.stateInput, frame: frame, states: states)
            completeState(frameID: frame.id, state: state, output: output, assigned: assigned)
            return
        }
        let effective = try selectPath(state.inputPath, frame.stateInput, frame: frame)
        var result = effective
        if let parameters = state.parameters { result = try evaluateTemplate(parameters, input: effective, frame: frame) }
        if let literal = pass.result { result = literal }
        let assigned = try evaluateAssign(state.assign, input: result, frame: frame)
        let combined = try applyResultPath(state.resultPath, rawInput: frame.stateInput, result: result)
        let output = try selectPath(state.outputPath, combined, frame: frame)
        completeState(frameID: frame.id, state: state, output: output, assigned: assigned)
    }

    private mutating func runChoice(_ frame: Frame, _ state: State, _ choice: ChoiceState) throws(StatesError) {
        let isJSONata = state.queryLanguage == .jsonata
        let effective = isJSONata ? frame.stateInput : try selectPath(state.inputPath, frame.stateInput, frame: frame)
        let states = isJSONata ? statesBinding(frame, input: frame.stateInput) : .null
        let matched = try matchingChoiceRule(frame, choice, effective: effective, states: states)
        if matched == nil && choice.defaultState == nil {
            throw StatesError(name: StatesError.noChoiceMatched, cause: "No Matches!")
        }
        let next = matched?.next ?? choice.defaultState
        let assign = matched.map(\.assign) ?? state.assign
        if isJSONata {
            let assigned = try evaluateJSONataAssign(assign, frame: frame, states: states)
            let outputField = matched.map(\.output) ?? state.output
            let output = try evaluateJSONataOutput(outputField, defaultOutput: frame.stateInput, frame: frame, states: states)
            completeState(frameID: frame.id, state: state, output: output, assigned: assigned, next: next)
            return
        }
        let assigned = try evaluateAssign(assign, input: effective, frame: frame)
        let output = try selectPath(state.outputPath, effective, frame: frame)
        completeState(frameID: frame.id, state: state, output: output, assigned: assigned, next: next)
    }

    /// The first Choice rule that holds: JSONPath rules against `effective`, JSONata `Condition`s with `states`
    /// bound; `nil` when none does.
    func matchingChoiceRule(_ frame: Frame, _ choice: ChoiceState, effective: JSONValue,
                            states: JSONValue) throws(StatesError) -> ChoiceRule? {
        let executionContext = context
        let override = contextOverride
        let evaluator = ChoiceEvaluator(scope: { JSONPathScope(context: override ?? Self.contextObject(context: executionContext, frame: frame),
                                                               variables: frame.variables) },
                                        variables: frame.variables)
        for rule in choice.rules {
            let holds: Bool
            if case .jsonata(let condition) = rule.condition {
                holds = try jsonataCondition(condition, frame: frame, states: states)
            } else {
                holds = try evaluator.holds(rule.condition, input: effective)
            }
            if holds { return rule }
        }
        return nil
    }

    private func jsonataCondition(_ condition: JSONValue, frame: Frame, states: JSONValue) throws(StatesError) -> Bool {
        var value = condition
        if case .string(let text) = condition {
            value = try evaluateJSONataExpression(text, field: "Condition", frame: frame, states: states)
        }
        guard case .bool(let flag) = value else {
            throw StatesError(name: StatesError.queryEvaluationError,
                              cause: "The JSONata expression specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '\(Self.jsonataTypeName(value))' for value: \(value.serializedString())")
        }
        return flag
    }

    private mutating func runWait(_ frame: Frame, _ state: State, _ wait: WaitState) throws(StatesError) {
        let effective = state.queryLanguage == .jsonata ? frame.stateInput : try selectPath(state.inputPath, frame.stateInput, frame: frame)
        let fireAt: RFC3339.Instant
        switch wait {
        case .timestamp(let text) where state.queryLanguage == .jsonata:
            var value = JSONValue.string(text)
            if text.hasPrefix("{%") {
                value = try evaluateJSONataExpression(text, field: "Timestamp", frame: frame, states: statesBinding(frame, input: frame.stateInput))
            }
            guard case .string(let timestamp) = value, let instant = RFC3339.parse(timestamp) else {
                let shown = value.stringValue ?? value.serializedString()
                throw StatesError(name: StatesError.queryEvaluationError,
                                  cause: "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: \(shown)")
            }
            fireAt = instant
        case .seconds(let setting):
            fireAt = now.adding(seconds: Double(try resolveInteger(setting, input: effective, frame: frame, field: "Seconds") ?? 0))
        case .secondsPath(let path):
            let value: JSONValue
            do {
                value = try path.evaluate(effective, scope: scope(frame, withContext: path.root == .context))
            } catch {
                throw StatesError(name: StatesError.runtime, cause: "The SecondsPath parameter does not reference an input value: \(path.text)")
            }
            guard case .number(let number) = value, let seconds = number.int64Value else {
                throw StatesError(name: StatesError.runtime,
                                  cause: "The SecondsPath parameter cannot be parsed as a long value: \(path.text) == \(value.serializedString())")
            }
            guard seconds >= 0 else {
                throw StatesError(name: StatesError.runtime,
                                  cause: "The SecondsPath parameter references a negative value: \(path.text) == \(seconds)")
            }
            fireAt = now.adding(seconds: Double(seconds))
        case .timestamp(let text):
            guard let instant = RFC3339.parse(text) else {
                throw StatesError(name: StatesError.runtime, cause: "The Timestamp '\(text)' is not a valid RFC 3339 timestamp")
            }
            fireAt = instant
        case .timestampPath(let path):
            let value = try selectPath(path, effective, frame: frame)
            guard case .string(let text) = value, let instant = RFC3339.parse(text) else {
                throw StatesError(name: StatesError.runtime,
                                  cause: "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: \(path.text) == \(value.serializedString())")
            }
            fireAt = instant
        }
        if fireAt.seconds - now.seconds > Int64(Int32.max) {
            throw StatesError(name: StatesError.runtime, cause: "Wait state delay is too long.")
        }
        let timer = newTimer(frameID: frame.id)
        frames[frame.id]?.waiting = .wait(timerID: timer)
        actions.append(.startTimer(timerID: timer, fireAt: fireAt))
    }

    /// A Wait state's timer fired: the state exits.
    mutating func finishWait(frameID: Int) {
        guard let frame = frames[frameID] else { return }
        let state = frame.state
        do {
            if state.queryLanguage == .jsonata {
                let states = statesBinding(frame, input: frame.stateInput)
                let assigned = try evaluateJSONataAssign(state.assign, frame: frame, states: states)
                let output = try evaluateJSONataOutput(state.output, defaultOutput: frame.stateInput, frame: frame, states: states)
                frames[frameID]?.waiting = .nothing
                completeState(frameID: frameID, state: state, output: output, assigned: assigned)
                return
            }
            let effective = try selectPath(state.inputPath, frame.stateInput, frame: frame)
            let assigned = try evaluateAssign(state.assign, input: effective, frame: frame)
            let output = try selectPath(state.outputPath, effective, frame: frame)
            frames[frameID]?.waiting = .nothing
            completeState(frameID: frameID, state: state, output: output, assigned: assigned)
        } catch {
            fail(frameID: frameID, error)
        }
    }

    private mutating func runFail(_ frame: Frame, _ state: State, _ fail: FailState) throws(StatesError) {
        let (error, cause) = try failure(frame, state, fail)
        frameFailed(frameID: frame.id, StatesError(name: error ?? "", cause: cause ?? ""), hasError: error != nil, hasCause: cause != nil)
    }

    /// A Fail state's error and cause (`Error`/`ErrorPath`, `Cause`/`CausePath`, or their JSONata forms); `nil`
    /// where the state names none.
    func failure(_ frame: Frame, _ state: State, _ fail: FailState) throws(StatesError) -> (error: String?, cause: String?) {
        let environment = intrinsicEnvironment(scope(frame))
        var error = fail.error
        var cause = fail.cause
        if state.queryLanguage == .jsonata {
            let states = statesBinding(frame, input: frame.stateInput)
            for (field, text) in [("Error", error), ("Cause", cause)] {
                guard let text, text.hasPrefix("{%") else { continue }
                let value = try evaluateJSONataExpression(text, field: field, frame: frame, states: states)
                guard case .string(let string) = value else {
                    throw StatesError(name: StatesError.queryEvaluationError,
                                      cause: "The JSONata expression specified for the field '\(field)' returned an unexpected result type. Expected 'string', but was '\(Self.jsonataTypeName(value))' for value: \(value.serializedString())")
                }
                if field == "Error" { error = string } else { cause = string }
            }
        }
        if let path = fail.errorPath {
            let value = try path.evaluate(input: frame.stateInput, environment: environment, field: "ErrorPath")
            guard case .string(let text) = value else {
                throw StatesError(name: StatesError.runtime, cause: "The ErrorPath '\(path)' did not resolve to a string: \(value.serializedString())")
            }
            error = text
        }
        if let path = fail.causePath {
            let value = try path.evaluate(input: frame.stateInput, environment: environment, field: "CausePath")
            guard case .string(let text) = value else {
                throw StatesError(name: StatesError.runtime, cause: "The CausePath '\(path)' did not resolve to a string: \(value.serializedString())")
            }
            cause = text
        }
        return (error, cause)
    }

    // MARK: completion

    /// Records `…StateExited`, stores assigned variables, and moves to the next state (or ends the frame).
    mutating func completeState(frameID: Int, state: State, output: JSONValue, assigned: [(String, JSONValue)]?, next: String? = nil) {
        discardRedriveData(of: frameID)
        if let assigned, !assigned.isEmpty, let problem = variableLimitProblem(frameID: frameID, assigned) {
            stateFailed(frameID: frameID, StatesError(name: StatesError.dataLimitExceeded, cause: problem))
            return
        }
        // The output's size is checked on its JSON text when history is on (printed once for both), else by a walk.
        var outputText: String?
        if options.recordHistory {
            let text = output.serializedString()
            outputText = text
            if text.utf8.count > options.maximumPayloadBytes {
                stateFailed(frameID: frameID, StatesError(name: StatesError.dataLimitExceeded, cause: Self.dataLimitCause(what: state.name)))
                return
            }
        } else if output.exceedsSerializedSize(options.maximumPayloadBytes) {
            stateFailed(frameID: frameID, StatesError(name: StatesError.dataLimitExceeded, cause: Self.dataLimitCause(what: state.name)))
            return
        }
        recordStateExited(frameID: frameID, state: state, outputText: outputText, assigned: assigned)
        guard frames.contains(frameID) else { return }
        if let assigned {
            for (name, value) in assigned {
                frames[frameID]!.variables[name] = value
                frames[frameID]!.variableBytes[name] = value.serializedByteCount
            }
        }
        frames[frameID]!.waiting = .nothing
        let target: String?
        if let next { target = next } else if case .next(let name) = state.transition { target = name } else { target = nil }
        if let target, !(isTerminal(state)) {
            frames[frameID]!.stateName = target
            frames[frameID]!.stateInput = output
            frames[frameID]!.stateInputText = outputText
            schedule(frameID)
        } else {
            frameSucceeded(frameID: frameID, output: output)
        }
    }

    /// AWS's variable quotas: 256 KiB per variable, 256 KiB per `Assign`, 10 MiB for all of an execution's
    /// variables in scope. Returns the cause when one is exceeded.
    func variableLimitProblem(frameID: Int, _ assigned: [(String, JSONValue)]) -> String? {
        let perVariable = options.maximumPayloadBytes
        var assignTotal = 0
        var sizes = frames[frameID]?.variableBytes ?? [:]
        for (name, value) in assigned {
            if value.exceedsSerializedSize(perVariable) {
                return "The variable '\(name)' exceeds the maximum size of \(perVariable) bytes."
            }
            let size = value.serializedByteCount
            assignTotal += size
            sizes[name] = size
        }
        if assignTotal > perVariable {
            return "The values assigned by the state exceed the maximum total size of \(perVariable) bytes."
        }
        if sizes.values.reduce(0, +) > options.maximumVariableBytes {
            return "The variables of the execution exceed the maximum total size of \(options.maximumVariableBytes) bytes."
        }
        return nil
    }

    private func isTerminal(_ state: State) -> Bool {
        switch state.kind {
        case .succeed, .fail: true
        default: false
        }
    }

    /// A frame reached an end state.
    mutating func frameSucceeded(frameID: Int, output: JSONValue) {
        guard let frame = frames[frameID] else { return }
        guard let parent = frame.parent else {
            succeedExecution(output: output, frameID: frameID)
            return
        }
        childSucceeded(parentID: parent.frameID, index: parent.index, childID: frameID, output: output)
    }

    /// A frame failed (no Retry/Catch applied or left).
    mutating func frameFailed(frameID: Int, _ error: StatesError, hasError: Bool = true, hasCause: Bool = true) {
        guard let frame = frames[frameID] else { return }
        guard let parent = frame.parent else {
            var details: [(String, JSONValue)] = []
            if hasError && !error.isUnnamed { details.append(("error", .string(error.name))) }
            if hasCause { details.append(("cause", .string(error.cause))) }
            record(frameID: frameID, "ExecutionFailed", detailsKey: "executionFailedEventDetails", details)
            finish(.failed(error: hasError ? error.name : "", cause: hasCause ? error.cause : nil))
            return
        }
        childFailed(parentID: parent.frameID, index: parent.index, childID: frameID, error: error, hasCause: hasCause)
    }
}
