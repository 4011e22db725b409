import OrderedCollections
import StratusASL
import StratusJSON
import StratusJSONPath

extension StateTester {
    /// The error a Map state fails with when more iterations failed than it tolerates.
    static let thresholdCause = "The specified tolerated failure threshold was exceeded"

    /// A Parallel state from its mocked result (an array with one element per branch; the host checks that).
    mutating func runParallel() throws(StatesError) -> StateTestOutcome {
        _ = try machine.effectiveInput(frame, state)
        return try mockedChildren()
    }

    /// A Map state: its items, selector and settings are evaluated; the result is the mocked one, unless
    /// `mapIterationFailureCount` exceeds what the state tolerates (`States.ExceedToleratedFailureThreshold`).
    mutating func runMap(_ map: MapState) throws(StatesError) -> StateTestOutcome {
        let effective = isJSONata ? frame.stateInput : try machine.selectPath(state.inputPath, frame.stateInput, frame: frame)
        // With an ItemReader the items come from the reader (mocked); AWS reports no item steps then.
        if map.itemReader == nil {
            if !isJSONata { inspection.afterInputPath = effective }
            // The engine's own steps (ExecutionMachine.runMap): the items, then ItemSelector.
            let itemsValue = try machine.mapItemsValue(frame, state, map, effective: effective)
            guard case .array(let items) = itemsValue else {
                // AWS names a Context object path from the Context object's root: `$$.A` is reported as `$.A`.
                var shown = map.itemsPath?.text ?? "$"
                if shown.hasPrefix("$$") { shown.removeFirst() }
                throw StatesError(name: StatesError.runtime, cause: "Reference path \"\(shown)\" must point to array.")
            }
            if !isJSONata { inspection.afterItemsPath = itemsValue }
            if map.itemSelector != nil || (isJSONata && map.itemSelectorJSONata != nil) {
                inspection.afterItemSelector = .array(try machine.selectMapItems(items, frame, state, map, effective: effective))
            }
        }
        let maxConcurrency = try machine.resolveInteger(map.maxConcurrency, input: effective, frame: frame, field: "MaxConcurrencyPath") ?? 0
        if maxConcurrency < 0 { throw StatesError(name: StatesError.runtime, cause: "MaxConcurrency cannot be negative.") }
        inspection.maxConcurrency = maxConcurrency
        let toleratedCount = try machine.resolveInteger(map.toleratedFailureCount, input: effective, frame: frame,
                                                        field: "ToleratedFailureCountPath")
        if let toleratedCount, toleratedCount < 0 {
            throw StatesError(name: StatesError.runtime, cause: "ToleratedFailureCount cannot be negative.")
        }
        inspection.toleratedFailureCount = toleratedCount
        let toleratedPercentage = try machine.resolveNumber(map.toleratedFailurePercentage, input: effective, frame: frame,
                                                            field: "ToleratedFailurePercentagePath", integer: false)
        if let toleratedPercentage, !(0...100).contains(toleratedPercentage) {
            throw StatesError(name: StatesError.runtime, cause: "ToleratedFailurePercentage must be between 0 and 100.")
        }
        inspection.toleratedFailurePercentage = toleratedPercentage
        // Without a tolerance the Map's result is the mocked one whatever the failure count (as AWS answers).
        if let failures = request.mapIterationFailureCount, failures > 0, case .result(.array(let results))? = request.mock {
            var exceeded = false
            if let toleratedCount, failures > toleratedCount { exceeded = true }
            if let toleratedPercentage, !results.isEmpty, Double(failures) * 100 / Double(results.count) > toleratedPercentage {
                exceeded = true
            }
            if exceeded {
                throw StatesError(name: StatesError.exceedToleratedFailureThreshold, cause: Self.thresholdCause)
            }
        }
        return try mockedChildren()
    }

    /// The mocked result of a Map or Parallel state, through the state's result handling; a mocked error goes
    /// through Retry and Catch.
    private mutating func mockedChildren() throws(StatesError) -> StateTestOutcome {
        switch request.mock {
        case .result(let result)?:
            return try complete(result: result, showsResult: false)
        case .error(let name, let cause)?:
            return failed(StatesError(name: name, cause: cause ?? ""), hasCause: cause != nil)
        case nil:
            throw StatesError(name: StatesError.runtime, cause: "TestState runs Map and Parallel states only from a mocked result.")
        }
    }
}
