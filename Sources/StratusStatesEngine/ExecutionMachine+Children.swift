import OrderedCollections
import StratusASL
import StratusJSON
import StratusJSONPath

extension ExecutionMachine {
    mutating func runParallel(_ frame: Frame, _ state: State, _ parallel: ParallelState) throws(StatesError) {
        let input = try effectiveInput(frame, state).input
        record(frameID: frame.id, "ParallelStateStarted", detailsKey: nil, [])
        let count = parallel.branches.count
        groups[frame.id] = ChildGroup(kind: .parallel, inputs: Array(repeating: input, count: count),
                                      results: Array(repeating: nil, count: count), maxConcurrency: 0)
        frames[frame.id]?.waiting = .children
        startChildren(parentID: frame.id)
    }

    mutating func runMap(_ frame: Frame, _ state: State, _ map: MapState) throws(StatesError) {
        let isJSONata = state.queryLanguage == .jsonata
        let effective = isJSONata ? frame.stateInput : try selectPath(state.inputPath, frame.stateInput, frame: frame)
        frames[frame.id]?.effectiveInput = effective
        var inputs: [JSONValue] = []
        var source: MapItemSource?
        if let reader = map.itemReader {
            // The items come from S3 once the run started (MapStateStarted records length 0, as AWS does).
            source = try itemSource(reader, frame: frame, state: state, effective: effective)
        } else {
            let itemsValue = try mapItemsValue(frame, state, map, effective: effective)
            guard case .array(let items) = itemsValue else {
                stateFailed(frameID: frame.id, StatesError(name: StatesError.runtime,
                                                           cause: "Reference path \"\(map.itemsPath?.text ?? "$")\" must point to array."))
                return
            }
            inputs = try selectMapItems(items, frame, state, map, effective: effective)
            if let batcher = map.itemBatcher {
                inputs = try batch(inputs, batcher: batcher, state: state, frame: frame, input: effective)
            }
        }
        let maxConcurrency = try resolveInteger(map.maxConcurrency, input: effective, frame: frame, field: "MaxConcurrencyPath") ?? 0
        if maxConcurrency < 0 {
            throw StatesError(name: StatesError.runtime, cause: "MaxConcurrency cannot be negative.")
        }
        // AWS resolves MaxConcurrency before MapStateStarted and the tolerated-failure settings after it.
        record(frameID: frame.id, "MapStateStarted", detailsKey: "mapStateStartedEventDetails", [("length", .number(JSONNumber(inputs.count)))])
        var group = ChildGroup(kind: .map, inputs: inputs, results: Array(repeating: nil, count: inputs.count),
                               maxConcurrency: maxConcurrency)
        group.toleratedFailureCount = try resolveInteger(map.toleratedFailureCount, input: effective, frame: frame, field: "ToleratedFailureCountPath")
        if let count = group.toleratedFailureCount, count < 0 {
            throw StatesError(name: StatesError.runtime, cause: "ToleratedFailureCount cannot be negative.")
        }
        group.toleratedFailurePercentage = try resolveNumber(map.toleratedFailurePercentage, input: effective, frame: frame,
                                                             field: "ToleratedFailurePercentagePath", integer: false)
        if let percentage = group.toleratedFailurePercentage, !(0...100).contains(percentage) {
            throw StatesError(name: StatesError.runtime, cause: "ToleratedFailurePercentage must be between 0 and 100.")
        }
        if map.mode == .distributed {
            group.isDistributed = true
            let label = map.label ?? IntrinsicEnvironment.uuidText(high: random.next(), low: random.next())
            let run = IntrinsicEnvironment.uuidText(high: random.next(), low: random.next())
            let mapRunARN = context.stateMachineARN.replacingFirst(":stateMachine:", with: ":mapRun:") + "/\(label):\(run)"
            record(frameID: frame.id, "MapRunStarted", detailsKey: "mapRunStartedEventDetails", [("mapRunArn", .string(mapRunARN))])
            mapRunStarted(frameID: frame.id, arn: mapRunARN, label: label, group: group, isBatched: map.itemBatcher != nil)
        }
        groups[frame.id] = group
        frames[frame.id]?.waiting = .children
        if let source {
            requestItems(frameID: frame.id, stateName: state.name, source: source)
            return
        }
        if inputs.isEmpty {
            childrenSucceeded(parentID: frame.id)
        } else {
            startChildren(parentID: frame.id)
        }
    }

    /// A Map state's items: JSONata `Items` (or the input), which must be an array (`States.QueryEvaluationError`
    /// otherwise), or the effective input after `ItemsPath` (JSONPath; the caller checks that it is an array).
    func mapItemsValue(_ frame: Frame, _ state: State, _ map: MapState, effective: JSONValue) throws(StatesError) -> JSONValue {
        guard state.queryLanguage == .jsonata else {
            guard let path = map.itemsPath else { return effective }
            return try selectPath(path, effective, frame: frame)
        }
        guard let items = map.items else {
            guard case .array = frame.stateInput else {
                throw StatesError(name: StatesError.queryEvaluationError,
                                  cause: "Map state input must be an array but was: \(frame.stateInput.serializedString())",
                                  location: "Items")
            }
            return frame.stateInput
        }
        let itemsValue = try evaluateJSONataValue(items, field: "Items", frame: frame, states: statesBinding(frame, input: frame.stateInput))
        guard case .array = itemsValue else {
            let text = items.stringValue.map { String($0.dropFirst(2).dropLast(2).trimmingASCIIWhitespaceForJSONata) } ?? items.serializedString()
            throw StatesError(name: StatesError.queryEvaluationError,
                              cause: "The JSONata expression '\(text)' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '\(Self.jsonataTypeName(itemsValue))' for value: \(itemsValue.serializedString())",
                              location: "Items")
        }
        return itemsValue
    }

    /// A Map state's items after `ItemSelector` (JSONata or JSONPath, with `$$.Map.Item`), or as they are.
    func selectMapItems(_ items: [JSONValue], _ frame: Frame, _ state: State, _ map: MapState,
                        effective: JSONValue) throws(StatesError) -> [JSONValue] {
        var inputs: [JSONValue] = []
        inputs.reserveCapacity(items.count)
        if state.queryLanguage == .jsonata, let selector = map.itemSelectorJSONata {
            for (index, item) in items.enumerated() {
                let states = statesBinding(frame, input: frame.stateInput, mapItem: (index, item))
                inputs.append(try evaluateJSONataValue(selector, field: "ItemSelector", frame: frame, states: states))
            }
        } else if let selector = map.itemSelector {
            for (index, item) in items.enumerated() {
                inputs.append(try evaluateTemplate(selector, input: effective, frame: frame, mapItem: (index, item)))
            }
        } else {
            inputs = items
        }
        return inputs
    }

    /// `ItemBatcher`: groups the (selected) items into `{"BatchInput": …, "Items": […]}` objects of at most
    /// `MaxItemsPerBatch` items and `MaxInputBytesPerBatch` bytes (AWS's 256 KiB cap when neither is set).
    func batch(_ items: [JSONValue], batcher: JSONValue, state: State, frame: Frame, input: JSONValue) throws(StatesError) -> [JSONValue] {
        func setting(_ key: String) throws(StatesError) -> Int? {
            if let value = batcher[key] {
                if case .string(let text) = value, text.hasPrefix("{%") {
                    return Int(try evaluateJSONataNumber(text, field: "ItemBatcher/" + key, frame: frame, input: frame.stateInput))
                }
                guard case .number(let number) = value, let integer = number.int64Value, integer > 0 else {
                    throw StatesError(name: StatesError.runtime, cause: "The field ItemBatcher.\(key) must be a positive integer")
                }
                return Int(integer)
            }
            if case .string(let text)? = batcher[key + "Path"] {
                return try resolveInteger(.path(try JSONPathOrRuntime(text)), input: input, frame: frame, field: key + "Path")
            }
            return nil
        }
        let maxItems = try setting("MaxItemsPerBatch")
        let maxBytes = try setting("MaxInputBytesPerBatch") ?? options.maximumPayloadBytes
        var batchInput: JSONValue?
        if let value = batcher["BatchInput"] {
            batchInput = state.queryLanguage == .jsonata
                ? try evaluateJSONataValue(value, field: "ItemBatcher/BatchInput", frame: frame, states: statesBinding(frame, input: frame.stateInput))
                : value
        }
        func wrap(_ group: [JSONValue]) -> JSONValue {
            var object: OrderedDictionary<String, JSONValue> = [:]
            if let batchInput { object["BatchInput"] = batchInput }
            object["Items"] = .array(group)
            return .object(object)
        }
        var batches: [JSONValue] = []
        var current: [JSONValue] = []
        let overhead = wrap([]).serializedString().utf8.count
        var currentBytes = overhead
        for item in items {
            let itemBytes = item.serializedString().utf8.count + (current.isEmpty ? 0 : 1)
            let tooMany = maxItems.map { current.count + 1 > $0 } ?? false
            if !current.isEmpty && (tooMany || currentBytes + itemBytes > maxBytes) {
                batches.append(wrap(current))
                current = [item]
                currentBytes = overhead + itemBytes - 1
            } else {
                current.append(item)
                currentBytes += itemBytes
            }
        }
        if !current.isEmpty { batches.append(wrap(current)) }
        return batches
    }

    /// Starts pending children up to the concurrency limit.
    mutating func startChildren(parentID: Int) {
        guard let parentFrame = frames[parentID], let snapshot = groups[parentID], !snapshot.isFinished else { return }
        let state = parentFrame.state
        let kind = snapshot.kind
        let isDistributed = snapshot.isDistributed
        while let group = groups[parentID], group.maxConcurrency == 0 || group.running.count < group.maxConcurrency {
            if resumeRedrivenChild(parentID: parentID) { continue }
            guard group.nextPending < group.total else { break }
            let index = group.nextPending
            groups[parentID]!.nextPending += 1
            let graph: StateGraph
            switch state.kind {
            case .parallel(let parallel): graph = parallel.branches[index]
            case .map(let map): graph = map.itemProcessor
            default: return
            }
            if kind == .map && !isDistributed {
                record(frameID: parentID, "MapIterationStarted",
                       payload: .mapIteration(detailsKey: "mapIterationStartedEventDetails", name: state.name, index: index), advancesThread: false)
            }
            let start = kind == .map ? lastRecordedEventID(frameID: parentID) : frames[parentID]!.lastEventID
            let childID = makeFrame(graph: graph, input: group.inputs[index], variables: parentFrame.variables,
                                    lastEventID: options.recordHistory ? start : 0, parent: (parentID, index))
            groups[parentID]!.running[index] = childID
            frames[childID]!.isSilent = isDistributed || parentFrame.isSilent
            frames[childID]!.historySpace = parentFrame.historySpace
            frames[childID]!.variableBytes = parentFrame.variableBytes
            if isDistributed { mapRunChildStarted(parentID: parentID, index: index, childID: childID) }
            schedule(childID)
        }
    }

    /// Folds a finished child's event pointers into its parent's thread (not those of a Distributed Map child,
    /// whose events are in its own history).
    private mutating func integrate(childID: Int, into parentID: Int) {
        guard let child = frames.removeValue(forKey: childID), frames.contains(parentID),
              child.historySpace == frames[parentID]!.historySpace else { return }
        frames[parentID]!.lastEventID = max(frames[parentID]!.lastEventID, child.lastEventID)
        frames[parentID]!.lastPublishedID = max(frames[parentID]!.lastPublishedID, child.lastPublishedID)
    }

    mutating func childSucceeded(parentID: Int, index: Int, childID: Int, output: JSONValue) {
        guard let stateName = frames[parentID]?.stateName, let group = groups[parentID] else { return }
        if group.kind == .map && !group.isDistributed {
            record(frameID: childID, "MapIterationSucceeded",
                       payload: .mapIteration(detailsKey: "mapIterationSucceededEventDetails", name: stateName, index: index), advancesThread: false)
        }
        if group.isDistributed {
            mapRunChildEnded(parentID: parentID, index: index, .succeeded(output: output), childID: childID)
        }
        integrate(childID: childID, into: parentID)
        groups[parentID]!.running.removeValue(forKey: index)
        groups[parentID]!.results[index] = output
        groups[parentID]!.succeeded += 1
        childFinished(parentID: parentID)
    }

    private mutating func childFinished(parentID: Int) {
        guard let group = groups[parentID] else { return }
        if group.running.isEmpty && group.nextPending >= group.total && group.redrivePending.isEmpty {
            childrenSucceeded(parentID: parentID)
        } else {
            startChildren(parentID: parentID)
        }
    }

    mutating func childFailed(parentID: Int, index: Int, childID: Int, error: StatesError, hasCause: Bool) {
        guard let stateName = frames[parentID]?.stateName, let kind = groups[parentID]?.kind,
              let isDistributed = groups[parentID]?.isDistributed else { return }
        if kind == .map && !isDistributed {
            record(frameID: childID, "MapIterationFailed",
                       payload: .mapIteration(detailsKey: "mapIterationFailedEventDetails", name: stateName, index: index), advancesThread: false)
        }
        if !isDistributed, let failedState = frames[childID]?.state, case .task = failedState.kind {
            // The Task state whose error ended its branch or iteration never exits: AWS records it aborted (recorded
            // for Parallel branches and Map iterations), linked to the failure.
            record(frameID: childID, failedState.kind.abortedEventType, detailsKey: nil, [], advancesThread: false)
        }
        if isDistributed {
            mapRunChildEnded(parentID: parentID, index: index, .failed(error: error.name, cause: hasCause ? error.cause : nil),
                             childID: childID)
        }
        let trigger = frames[childID]?.lastEventID
        retainFailedChild(parentID: parentID, index: index, childID: childID)
        integrate(childID: childID, into: parentID)
        groups[parentID]!.running.removeValue(forKey: index)
        groups[parentID]!.failed += 1
        let group = groups[parentID]!
        let hasTolerance = group.kind == .map && (group.toleratedFailureCount != nil || group.toleratedFailurePercentage != nil)
        var tolerated = false
        if hasTolerance {
            let countOK = group.toleratedFailureCount.map { group.failed <= $0 } ?? false
            let percentOK = group.toleratedFailurePercentage.map { Double(group.failed) * 100 / Double(max(group.total, 1)) <= $0 } ?? false
            tolerated = countOK || percentOK
        }
        if tolerated {
            groups[parentID]!.results[index] = Self.errorOutput(error, hasCause: hasCause)
            childFinished(parentID: parentID)
            return
        }
        failChildGroup(parentID: parentID, error: error, hasCause: hasCause, hasTolerance: hasTolerance, trigger: trigger)
    }

    /// Fails a Parallel/Map state whose child failed beyond its tolerance: running children are aborted (an inline
    /// Map's `MapIterationAborted`, then the state each was in `…StateAborted`, all linked to `trigger`, the failure
    /// that ended the group, as AWS records them), then the state fails with the child's error
    /// (`States.ExceedToleratedFailureThreshold` when a tolerance was set).
    mutating func failChildGroup(parentID: Int, error: StatesError, hasCause: Bool, hasTolerance: Bool, trigger: Int? = nil) {
        guard let stateName = frames[parentID]?.stateName, let group = groups[parentID] else { return }
        let kind = group.kind
        let isDistributed = group.isDistributed
        let running = group.running
        retainGroup(parentID: parentID)
        groups.removeValue(forKey: parentID)
        for (runningIndex, runningID) in running.sorted(by: { $0.key < $1.key }) {
            if kind == .map && !isDistributed {
                record(frameID: runningID, "MapIterationAborted",
                       payload: .mapIteration(detailsKey: "mapIterationAbortedEventDetails", name: stateName, index: runningIndex),
                       previous: trigger, advancesThread: false)
            }
            if !isDistributed, let sibling = frames[runningID], !sibling.isBetweenStates {
                record(frameID: runningID, sibling.state.kind.abortedEventType, payload: .none, previous: trigger,
                       advancesThread: false)
            }
            if isDistributed { mapRunChildEnded(parentID: parentID, index: runningIndex, .aborted, childID: runningID) }
            drop(frameID: runningID)
        }
        frames[parentID]?.waiting = .nothing
        let surfaced: StatesError
        if hasTolerance {
            surfaced = StatesError(name: StatesError.exceedToleratedFailureThreshold,
                                   cause: "The specified tolerated failure threshold was exceeded")
        } else {
            surfaced = error
        }
        let type = kind == .map ? "MapStateFailed" : "ParallelStateFailed"
        if isDistributed {
            record(frameID: parentID, "MapRunFailed", detailsKey: nil, [])
            mapRunEnded(parentID: parentID, .failed)
        }
        stateFailed(frameID: parentID, surfaced, hasCause: surfaced.name == error.name ? hasCause : true, failedEvent: type)
    }

    /// Removes a frame and everything running under it, cancelling its work.
    mutating func drop(frameID: Int) {
        guard let frame = frames.removeValue(forKey: frameID) else { return }
        switch frame.waiting {
        case .task(let taskID, let timeoutTimer, let heartbeatTimer, _):
            tasks.removeValue(forKey: taskID)
            actions.append(.cancelTask(taskID: taskID))
            cancelTimer(timeoutTimer)
            cancelTimer(heartbeatTimer)
        case .wait(let timerID), .retry(let timerID):
            cancelTimer(timerID)
        case .storage(let taskID):
            tasks.removeValue(forKey: taskID)
            actions.append(.cancelTask(taskID: taskID))
            storage.removeValue(forKey: frameID)
            if groups.removeValue(forKey: frameID)?.isDistributed == true { mapRunEnded(parentID: frameID, .aborted) }
        case .children:
            if let group = groups.removeValue(forKey: frameID) {
                for (_, childID) in group.running { drop(frameID: childID) }
                if group.isDistributed { mapRunEnded(parentID: frameID, .aborted) }
            }
        case .nothing:
            break
        }
    }

    /// Every child succeeded: `…StateSucceeded`, then the result goes through ResultSelector/ResultPath/OutputPath.
    mutating func childrenSucceeded(parentID: Int) {
        guard frames.contains(parentID), let group = groups[parentID] else { return }
        if group.isDistributed && writeResultsIfAsked(parentID: parentID) { return }
        groups.removeValue(forKey: parentID)
        completeChildGroup(parentID: parentID, group: group, result: .array(group.results.map { $0 ?? .null }))
    }

    /// A Parallel or Map state whose children all ended well: `MapRunSucceeded` (distributed), `…StateSucceeded`,
    /// then `result` goes through ResultSelector/ResultPath/OutputPath.
    mutating func completeChildGroup(parentID: Int, group: ChildGroup, result: JSONValue) {
        guard frames.contains(parentID) else { return }
        frames[parentID]!.lastEventID = frames[parentID]!.lastPublishedID
        frames[parentID]!.waiting = .nothing
        if group.isDistributed {
            record(frameID: parentID, "MapRunSucceeded", detailsKey: nil, [])
            mapRunEnded(parentID: parentID, .succeeded)
            let last = lastRecordedEventID(frameID: parentID)
            frames[parentID]?.lastEventID = last
        }
        let type = group.kind == .map ? "MapStateSucceeded" : "ParallelStateSucceeded"
        record(frameID: parentID, type, detailsKey: nil, [], advancesThread: false)
        do {
            try completeWithResult(frame: frames[parentID]!, state: frames[parentID]!.state, result: result)
        } catch {
            fail(frameID: parentID, error)
        }
    }
}

extension String {
    /// A state machine ARN turned into the prefix of its Map Run ARNs (`…:stateMachine:name` → `…:mapRun:name`).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        let parts = components(separatedBy: target)
        guard parts.count > 1 else { return self }
        return parts[0] + replacement + parts.dropFirst().joined(separator: target)
    }

    private func components(separatedBy separator: String) -> [String] {
        var result: [String] = []
        var current = Substring(self)
        while let index = current.firstRange(of: separator) {
            result.append(String(current[..<index.lowerBound]))
            current = current[index.upperBound...]
        }
        result.append(String(current))
        return result
    }
}

/// Compiles a path found in a definition at run time (already validated by the parser).
func JSONPathOrRuntime(_ text: String) throws(StatesError) -> JSONPath {
    do { return try JSONPath(text) } catch {
        throw StatesError(name: StatesError.runtime, cause: "Invalid path '\(text)': \(error.message)")
    }
}
