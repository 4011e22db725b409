import OrderedCollections
import StratusASL
import StratusJSON
import StratusJSONPath

extension ExecutionMachine {
    /// An error raised while running the current state: Retry and Catch apply to Task, Parallel and Map states;
    /// other states fail their frame.
    /// `taskResult`: the error is a task's own failure for a result over the payload limit, which `States.ALL`
    /// matches (recorded from AWS) although it matches no other `States.DataLimitExceeded`.
    mutating func stateFailed(frameID: Int, _ error: StatesError, hasCause: Bool = true, failedEvent: String? = nil,
                              taskResult: Bool = false) {
        guard let frame = frames[frameID] else { return }
        let state = frame.state
        switch state.kind {
        case .task, .parallel, .map:
            handleError(frameID: frameID, state: state, error, hasCause: hasCause, failedEvent: failedEvent, taskResult: taskResult)
        default:
            frameFailed(frameID: frameID, error, hasCause: hasCause)
        }
    }

    /// Whether an `ErrorEquals` list matches an error name (AWS's rules for `States.ALL` and `States.TaskFailed`;
    /// `taskResult` as in ``stateFailed(frameID:_:hasCause:failedEvent:taskResult:)``).
    static func matches(_ errorEquals: [String], _ name: String, taskResult: Bool = false) -> Bool {
        if name == StatesError.runtime { return false }
        for candidate in errorEquals {
            if candidate == name { return true }
            if candidate == StatesError.all && (name != StatesError.dataLimitExceeded || taskResult) { return true }
            if candidate == StatesError.taskFailed && name != StatesError.timeout && name != StatesError.dataLimitExceeded {
                return true
            }
        }
        return false
    }

    private mutating func handleError(frameID: Int, state: State, _ error: StatesError, hasCause: Bool, failedEvent: String?,
                                      taskResult: Bool) {
        guard var frame = frames[frameID] else { return }
        if let index = state.retriers.firstIndex(where: { Self.matches($0.errorEquals, error.name, taskResult: taskResult) }) {
            let retrier = state.retriers[index]
            if frame.retryAttempts[index] < retrier.maxAttempts {
                frame.retryAttempts[index] += 1
                frame.retryCount += 1
                let attempt = frame.retryAttempts[index]
                var delay = Double(retrier.intervalSeconds)
                for _ in 1..<max(attempt, 1) where delay < 1e12 { delay *= retrier.backoffRate }
                if let cap = retrier.maxDelaySeconds { delay = min(delay, Double(cap)) }
                if retrier.fullJitter { delay = random.unit() * delay }
                let timer = newTimer(frameID: frameID)
                frame.waiting = .retry(timerID: timer)
                frames[frameID] = frame
                transitions += 1
                actions.append(.startTimer(timerID: timer, fireAt: now.adding(seconds: delay)))
                return
            }
        }
        if let failedEvent { record(frameID: frameID, failedEvent, detailsKey: nil, []) }
        if let catcher = state.catchers.first(where: { Self.matches($0.errorEquals, error.name, taskResult: taskResult) }) {
            let errorOutput = Self.errorOutput(error, hasCause: hasCause)
            do {
                if state.queryLanguage == .jsonata {
                    let states = statesBinding(frame, input: frame.stateInput, errorOutput: errorOutput)
                    let assigned = try evaluateJSONataAssign(catcher.assign, frame: frame, states: states)
                    let output = try evaluateJSONataOutput(catcher.output, defaultOutput: errorOutput, frame: frame, states: states)
                    completeState(frameID: frameID, state: state, output: output, assigned: assigned, next: catcher.next)
                    return
                }
                let assigned = try evaluateAssign(catcher.assign, input: errorOutput, frame: frame)
                let output = try applyResultPath(catcher.resultPath, rawInput: frame.stateInput, result: errorOutput)
                completeState(frameID: frameID, state: state, output: output, assigned: assigned, next: catcher.next)
            } catch {
                frameFailed(frameID: frameID, error.name == StatesError.runtime || error.name == StatesError.queryEvaluationError
                    ? StatesError(name: error.name, cause: "An error occurred while executing the state '\(state.name)' "
                                  + "(entered at the event id #\(frame.enteredEventID)). \(error.cause)")
                    : error)
            }
            return
        }
        frameFailed(frameID: frameID, error, hasCause: hasCause)
    }

    /// A timer fired: a Wait ends, a retry starts, a task times out, or the execution times out.
    mutating func timerFired(timerID: Int, frameID: Int) {
        if timerID == executionTimeoutTimer {
            record(frameID: 0, "ExecutionTimedOut", detailsKey: "executionTimedOutEventDetails", [
                ("error", .string(StatesError.timeout)),
                ("cause", .string("The execution timed out after \(definition.timeoutSeconds ?? 0) seconds.")),
            ])
            finish(.timedOut(error: StatesError.timeout, cause: nil))
            return
        }
        guard let frame = frames[frameID] else { return }
        switch frame.waiting {
        case .wait(let id) where id == timerID:
            finishWait(frameID: frameID)
        case .retry(let id) where id == timerID:
            frames[frameID]?.waiting = .nothing
            runState(frameID: frameID)
        case .task(let taskID, let timeoutTimer, let heartbeatTimer, _):
            if timeoutTimer == timerID {
                taskTimedOut(frameID: frameID, taskID: taskID, error: StatesError.timeout, otherTimer: heartbeatTimer)
            } else if heartbeatTimer == timerID {
                // AWS records a missed heartbeat of a service integration's task token as States.Timeout (as its
                // recorded sqs:sendMessage.waitForTaskToken executions show); activities keep States.HeartbeatTimeout.
                var error = StatesError.heartbeatTimeout
                if case .task(let task) = frame.state.kind, TaskResource(task.resource).family != .activity {
                    error = StatesError.timeout
                }
                taskTimedOut(frameID: frameID, taskID: taskID, error: error, otherTimer: timeoutTimer)
            }
        default:
            break
        }
    }
}
