import OrderedCollections
import StratusASL
import StratusJSON
import StratusJSONPath

extension StateTester {
    /// An error of the state: Task, Parallel and Map states consult Retry (attempts used so far:
    /// `retrierRetryCount`) and then Catch; other states fail.
    mutating func failed(_ error: StatesError, hasCause: Bool = true) -> StateTestOutcome {
        let cause: String? = hasCause ? error.cause : nil
        switch state.kind {
        case .task, .parallel, .map: break
        default: return outcome(StateTestOutcome(status: .failed, error: error.name, cause: cause))
        }
        if let index = state.retriers.firstIndex(where: { ExecutionMachine.matches($0.errorEquals, error.name) }) {
            inspection.retryIndex = index
            let retrier = state.retriers[index]
            if request.retrierRetryCount < retrier.maxAttempts {
                var delay = Double(retrier.intervalSeconds)
                for _ in 0..<request.retrierRetryCount where delay < 1e12 { delay *= retrier.backoffRate }
                if let cap = retrier.maxDelaySeconds { delay = min(delay, Double(cap)) }
                inspection.retryBackoffIntervalSeconds = Int(min(delay, Double(Int32.max)))
                return outcome(StateTestOutcome(status: .retriable, error: error.name, cause: cause))
            }
        }
        guard let catchIndex = state.catchers.firstIndex(where: { ExecutionMachine.matches($0.errorEquals, error.name) }) else {
            return outcome(StateTestOutcome(status: .failed, error: error.name, cause: cause))
        }
        inspection.catchIndex = catchIndex
        let catcher = state.catchers[catchIndex]
        let errorOutput = ExecutionMachine.errorOutput(error, hasCause: hasCause)
        do {
            let output: JSONValue
            if isJSONata {
                let states = machine.statesBinding(frame, input: frame.stateInput, errorOutput: errorOutput)
                assigned = try machine.evaluateJSONataAssign(catcher.assign, frame: frame, states: states)
                output = try machine.evaluateJSONataOutput(catcher.output, defaultOutput: errorOutput, frame: frame, states: states)
            } else {
                assigned = try machine.evaluateAssign(catcher.assign, input: errorOutput, frame: frame)
                output = try machine.applyResultPath(catcher.resultPath, rawInput: frame.stateInput, result: errorOutput)
            }
            var result = try succeeded(output, next: catcher.next)
            result.status = .caughtError
            result.error = error.name
            result.cause = cause
            return result
        } catch {
            return outcome(StateTestOutcome(status: .failed, error: error.name, cause: error.cause))
        }
    }
}
