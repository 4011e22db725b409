import OrderedCollections
import StratusASL
import StratusJSON
import StratusJSONPath

extension ExecutionMachine {
    var region: String {
        let parts = context.stateMachineARN.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 3 ? String(parts[3]) : "us-east-1"
    }

    mutating func runTask(_ frame: Frame, _ state: State, _ task: TaskState) throws(StatesError) {
        var frame = frame
        let resource = TaskResource(task.resource)
        if resource.hasTaskToken && frame.taskToken == nil {
            frame.taskToken = IntrinsicEnvironment.uuidText(high: random.next(), low: random.next())
            frames[frame.id] = frame
        }
        let effective = try effectiveInput(frame, state)
        let timeout = try resolveInteger(task.timeout, input: effective.path, frame: frame, field: "TimeoutSecondsPath")
        let heartbeat = try resolveInteger(task.heartbeat, input: effective.path, frame: frame, field: "HeartbeatSecondsPath")
        var credentials: JSONValue?
        if let value = task.credentials, state.queryLanguage == .jsonata {
            credentials = try evaluateJSONataValue(value, field: "Credentials", frame: frame, states: statesBinding(frame, input: frame.stateInput))
        } else if let value = task.credentials {
            var parser = CredentialsTemplate()
            credentials = try parser.evaluate(value, machine: self, input: effective.path, frame: frame)
        }
        let taskID = nextTaskID
        nextTaskID += 1
        tasks[taskID] = frame.id
        var timeoutTimer: Int?
        if let timeout {
            let timer = newTimer(frameID: frame.id)
            timeoutTimer = timer
            actions.append(.startTimer(timerID: timer, fireAt: now.adding(seconds: Double(timeout))))
        }
        var heartbeatTimer: Int?
        if let heartbeat {
            let timer = newTimer(frameID: frame.id)
            heartbeatTimer = timer
            actions.append(.startTimer(timerID: timer, fireAt: now.adding(seconds: Double(heartbeat))))
        }
        let input = effective.input
        frame.effectiveInput = input
        frame.waiting = .task(taskID: taskID, timeoutTimer: timeoutTimer, heartbeatTimer: heartbeatTimer, heartbeatSeconds: heartbeat)
        frames[frame.id] = frame
        recordTaskScheduled(frameID: frame.id, resource: resource, input: input, timeout: timeout, heartbeat: heartbeat)
        actions.append(.invokeTask(TaskInvocation(
            taskID: taskID, stateName: state.name, resource: task.resource, input: input, timeoutSeconds: timeout,
            heartbeatSeconds: heartbeat, credentials: credentials, taskToken: frame.taskToken, retryCount: frame.retryCount)))
    }

    /// The input a Task or Parallel state works on: InputPath then Parameters (JSONPath) or Arguments (JSONata);
    /// `path` is what `…Path` settings read (the effective input, or the raw input in JSONata states).
    func effectiveInput(_ frame: Frame, _ state: State) throws(StatesError) -> (path: JSONValue, input: JSONValue) {
        if state.queryLanguage == .jsonata {
            guard let arguments = state.arguments else { return (frame.stateInput, frame.stateInput) }
            let input = try evaluateJSONataValue(arguments, field: "Arguments", frame: frame, states: statesBinding(frame, input: frame.stateInput))
            return (frame.stateInput, input)
        }
        let effective = try selectPath(state.inputPath, frame.stateInput, frame: frame)
        guard let parameters = state.parameters else { return (effective, effective) }
        return (effective, try evaluateTemplate(parameters, input: effective, frame: frame))
    }

    private mutating func recordTaskScheduled(frameID: Int, resource: TaskResource, input: JSONValue, timeout: Int?, heartbeat: Int?) {
        switch resource.family {
        case .serviceIntegration:
            var details: [(String, JSONValue)] = [
                ("resourceType", .string(resource.resourceType)), ("resource", .string(resource.resource)),
                ("region", .string(region)), ("parameters", .string(input.serializedString())),
            ]
            if let timeout { details.append(("timeoutInSeconds", .number(JSONNumber(timeout)))) }
            if let heartbeat { details.append(("heartbeatInSeconds", .number(JSONNumber(heartbeat)))) }
            record(frameID: frameID, "TaskScheduled", detailsKey: "taskScheduledEventDetails", details)
            record(frameID: frameID, "TaskStarted", detailsKey: "taskStartedEventDetails", [
                ("resourceType", .string(resource.resourceType)), ("resource", .string(resource.resource)),
            ])
        case .lambdaFunction:
            var details: [(String, JSONValue)] = [
                ("resource", .string(resource.resource)), ("input", .string(input.serializedString())),
                ("inputDetails", Self.notTruncated),
            ]
            if let timeout { details.append(("timeoutInSeconds", .number(JSONNumber(timeout)))) }
            record(frameID: frameID, "LambdaFunctionScheduled", detailsKey: "lambdaFunctionScheduledEventDetails", details)
            record(frameID: frameID, "LambdaFunctionStarted", detailsKey: nil, [])
        case .activity:
            var details: [(String, JSONValue)] = [
                ("resource", .string(resource.resource)), ("input", .string(input.serializedString())),
                ("inputDetails", Self.notTruncated),
            ]
            if let timeout { details.append(("timeoutInSeconds", .number(JSONNumber(timeout)))) }
            if let heartbeat { details.append(("heartbeatInSeconds", .number(JSONNumber(heartbeat)))) }
            record(frameID: frameID, "ActivityScheduled", detailsKey: "activityScheduledEventDetails", details)
        }
    }

    /// Records `TaskSubmitted` (the service's answer to a callback task's request) for a service integration that is
    /// still waiting.
    mutating func taskSubmitted(frameID: Int, output: JSONValue) {
        guard let frame = frames[frameID], case .task = frame.waiting, case .task(let task) = frame.state.kind else { return }
        let resource = TaskResource(task.resource)
        guard resource.family == .serviceIntegration else { return }
        record(frameID: frameID, "TaskSubmitted", detailsKey: "taskSubmittedEventDetails", [
            ("resourceType", .string(resource.resourceType)), ("resource", .string(resource.resource)),
            ("output", .string(output.serializedString())), ("outputDetails", Self.notTruncated),
        ])
    }

    mutating func taskSucceeded(frameID: Int, output: JSONValue) {
        guard var frame = frames[frameID], case .task(_, let timeoutTimer, let heartbeatTimer, _) = frame.waiting else { return }
        cancelTimer(timeoutTimer)
        cancelTimer(heartbeatTimer)
        frame.waiting = .nothing
        frames[frameID] = frame
        let state = frame.state
        guard case .task(let task) = state.kind else { return }
        let resource = TaskResource(task.resource)
        let text = output.serializedString()
        if text.utf8.count > options.maximumPayloadBytes {
            // A result over the payload limit fails the task itself (AWS records `…Failed` naming the resource),
            // so the state's Retry and Catch see it, `States.ALL` included.
            let error = StatesError(name: StatesError.dataLimitExceeded, cause: Self.dataLimitCause(what: task.resource))
            recordTaskFailure(frameID: frameID, resource: resource, kind: "Failed", error: error, hasCause: true)
            stateFailed(frameID: frameID, error, hasCause: true, taskResult: true)
            return
        }
        switch resource.family {
        case .serviceIntegration:
            record(frameID: frameID, "TaskSucceeded", detailsKey: "taskSucceededEventDetails", [
                ("resourceType", .string(resource.resourceType)), ("resource", .string(resource.resource)),
                ("output", .string(text)), ("outputDetails", Self.notTruncated),
            ])
        case .lambdaFunction:
            record(frameID: frameID, "LambdaFunctionSucceeded", detailsKey: "lambdaFunctionSucceededEventDetails", [
                ("output", .string(text)), ("outputDetails", Self.notTruncated),
            ])
        case .activity:
            record(frameID: frameID, "ActivitySucceeded", detailsKey: "activitySucceededEventDetails", [
                ("output", .string(text)), ("outputDetails", Self.notTruncated),
            ])
        }
        do {
            try completeWithResult(frame: frame, state: state, result: output)
        } catch {
            fail(frameID: frameID, error)
        }
    }

    /// ResultSelector → ResultPath → OutputPath, with Assign over the raw result; then `…StateExited`.
    mutating func completeWithResult(frame: Frame, state: State, result: JSONValue) throws(StatesError) {
        if state.queryLanguage == .jsonata {
            let states = statesBinding(frame, input: frame.stateInput, result: result)
            let assigned = try evaluateJSONataAssign(state.assign, frame: frame, states: states)
            let output = try evaluateJSONataOutput(state.output, defaultOutput: result, frame: frame, states: states)
            completeState(frameID: frame.id, state: state, output: output, assigned: assigned)
            return
        }
        var selected = result
        if let selector = state.resultSelector { selected = try evaluateTemplate(selector, input: result, frame: frame) }
        let assigned = try evaluateAssign(state.assign, input: result, frame: frame)
        let combined = try applyResultPath(state.resultPath, rawInput: frame.stateInput, result: selected)
        let output = try selectPath(state.outputPath, combined, frame: frame)
        completeState(frameID: frame.id, state: state, output: output, assigned: assigned)
    }

    mutating func taskFailed(frameID: Int, error: StatesError, hasCause: Bool) {
        guard var frame = frames[frameID], case .task(_, let timeoutTimer, let heartbeatTimer, _) = frame.waiting else { return }
        cancelTimer(timeoutTimer)
        cancelTimer(heartbeatTimer)
        frame.waiting = .nothing
        frames[frameID] = frame
        guard case .task(let task) = frame.state.kind else { return }
        recordTaskFailure(frameID: frameID, resource: TaskResource(task.resource), kind: "Failed", error: error, hasCause: hasCause)
        stateFailed(frameID: frameID, error, hasCause: hasCause)
    }

    mutating func taskTimedOut(frameID: Int, taskID: Int, error name: String, otherTimer: Int?) {
        guard var frame = frames[frameID] else { return }
        cancelTimer(otherTimer)
        tasks.removeValue(forKey: taskID)
        actions.append(.cancelTask(taskID: taskID))
        frame.waiting = .nothing
        frames[frameID] = frame
        guard case .task(let task) = frame.state.kind else { return }
        let error = StatesError(name: name, cause: "")
        recordTaskFailure(frameID: frameID, resource: TaskResource(task.resource), kind: "TimedOut", error: error, hasCause: false)
        stateFailed(frameID: frameID, error, hasCause: false)
    }

    private mutating func recordTaskFailure(frameID: Int, resource: TaskResource, kind: String, error: StatesError, hasCause: Bool) {
        let prefix: String
        let key: String
        var details: [(String, JSONValue)] = []
        switch resource.family {
        case .serviceIntegration:
            prefix = "Task"
            key = kind == "Failed" ? "taskFailedEventDetails" : "taskTimedOutEventDetails"
            details = [("resourceType", .string(resource.resourceType)), ("resource", .string(resource.resource))]
        case .lambdaFunction:
            prefix = "LambdaFunction"
            key = kind == "Failed" ? "lambdaFunctionFailedEventDetails" : "lambdaFunctionTimedOutEventDetails"
        case .activity:
            prefix = "Activity"
            key = kind == "Failed" ? "activityFailedEventDetails" : "activityTimedOutEventDetails"
        }
        // A failure reported without an error name (`SendTaskFailure` with no `error`) records none, as AWS does.
        if !error.isUnnamed { details.append(("error", .string(error.name))) }
        if hasCause { details.append(("cause", .string(error.cause))) }
        record(frameID: frameID, prefix + kind, detailsKey: key, details)
    }

    /// `ActivityStarted` (`workerName`), once, for an activity task still waiting for its answer.
    mutating func activityStarted(frameID: Int, workerName: String) {
        guard let frame = frames[frameID], case .task = frame.waiting, case .task(let task) = frame.state.kind,
              TaskResource(task.resource).family == .activity else { return }
        record(frameID: frameID, "ActivityStarted", detailsKey: "activityStartedEventDetails", [("workerName", .string(workerName))])
    }

    mutating func heartbeat(frameID: Int) {
        guard var frame = frames[frameID], case .task(let taskID, let timeoutTimer, let heartbeatTimer, let seconds?) = frame.waiting else { return }
        cancelTimer(heartbeatTimer)
        let timer = newTimer(frameID: frameID)
        frame.waiting = .task(taskID: taskID, timeoutTimer: timeoutTimer, heartbeatTimer: timer, heartbeatSeconds: seconds)
        frames[frameID] = frame
        actions.append(.startTimer(timerID: timer, fireAt: now.adding(seconds: Double(seconds))))
    }
}

/// Evaluates a Task's `Credentials` (a JSONPath payload template; the definition was validated on parse).
struct CredentialsTemplate {
    mutating func evaluate(_ value: JSONValue, machine: ExecutionMachine, input: JSONValue, frame: Frame) throws(StatesError) -> JSONValue {
        try machine.evaluateTemplate(Self.compile(value), input: input, frame: frame)
    }

    static func compile(_ value: JSONValue) -> PayloadTemplate {
        switch value {
        case .object(let members):
            var compiled = OrderedDictionary<String, PayloadTemplate>()
            for (key, member) in members {
                if key.hasSuffix(".$"), case .string(let text) = member, let dynamic = try? DynamicValue(parsing: text, field: key) {
                    compiled[String(key.dropLast(2))] = .dynamic(dynamic, field: key)
                } else {
                    compiled[key] = compile(member)
                }
            }
            return .object(compiled)
        case .array(let elements):
            return .array(elements.map(compile))
        default:
            return .literal(value)
        }
    }
}
