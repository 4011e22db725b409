import OrderedCollections
import StratusASL
import StratusJSON

/// Map Runs: the record of every Distributed Map run, kept as the children start and end, and `UpdateMapRun`.
extension ExecutionMachine {
    /// The Map Run with this ARN, if the execution started one.
    package func mapRun(arn: String) -> MapRun? {
        mapRuns.first { $0.arn == arn }
    }

    /// The Map Runs the execution itself started (nested ones excluded), oldest first.
    package var topLevelMapRuns: [MapRun] { mapRuns.filter(\.isTopLevel) }

    /// The Map Run and child that a child execution ARN (`…:execution:<machine>/<label>:<name>`) names, if any.
    package func mapRunChild(executionARN: String) -> (run: MapRun, child: MapRun.Child)? {
        for run in mapRuns {
            if let child = run.child(executionARN: executionARN) { return (run, child) }
        }
        return nil
    }

    // MARK: hooks called by the Map state

    /// A Distributed Map state started a run (after `MapRunStarted`).
    mutating func mapRunStarted(frameID: Int, arn: String, label: String, group: ChildGroup, isBatched: Bool) {
        let machineARN = context.stateMachineARN + "/" + label
        let children = group.inputs.enumerated().map { index, input in
            var itemCount = 1
            if isBatched, case .array(let items)? = input["Items"] { itemCount = items.count }
            return MapRun.Child(index: index, name: MapRun.childName(arn: arn, index: index), input: input,
                                itemCount: itemCount)
        }
        let isTopLevel = frames[frameID].map { !$0.isSilent } ?? true
        var run = MapRun(arn: arn, label: label, stateMachineARN: machineARN, isTopLevel: isTopLevel, startDate: now,
                         maxConcurrency: group.maxConcurrency, toleratedFailureCount: group.toleratedFailureCount,
                         toleratedFailurePercentage: group.toleratedFailurePercentage, children: children)
        run.frameID = frameID
        mapRuns.append(run)
    }

    /// The items of the Distributed Map state running in frame `parentID` were read (`ItemReader`): its children.
    mutating func mapRunItemsRead(frameID: Int, inputs: [JSONValue], isBatched: Bool) {
        guard let position = runningMapRun(frameID: frameID) else { return }
        let arn = mapRuns[position].arn
        mapRuns[position].children = inputs.enumerated().map { index, input in
            var itemCount = 1
            if isBatched, case .array(let items)? = input["Items"] { itemCount = items.count }
            return MapRun.Child(index: index, name: MapRun.childName(arn: arn, index: index), input: input, itemCount: itemCount)
        }
    }

    /// A child of the Distributed Map state running in frame `parentID` started in frame `childID`: its own history
    /// begins with `ExecutionStarted`, and the frame's events go to it.
    mutating func mapRunChildStarted(parentID: Int, index: Int, childID: Int) {
        guard let position = runningMapRun(frameID: parentID), mapRuns[position].children.indices.contains(index) else { return }
        mapRuns[position].children[index].status = .running
        mapRuns[position].children[index].startDate = now
        let space = ChildHistorySpace(run: position, child: index)
        let input = mapRuns[position].children[index].input
        _ = recordInChild(space, "ExecutionStarted", payload: options.recordHistory ? .json(.object([
            "executionStartedEventDetails": .object([
                "input": .string(input.serializedString()), "inputDetails": Self.notTruncated,
                "roleArn": .string(context.roleARN),
            ]),
        ])) : .none, previous: 0)
        // As in an execution's own history, its first state's event follows no event (`previousEventId` 0).
        frames[childID]?.historySpace = space
        frames[childID]?.lastEventID = 0
        frames[childID]?.lastPublishedID = 0
    }

    /// A child of the Distributed Map state running in frame `parentID` (in frame `childID`) ended: its history ends
    /// with `ExecutionSucceeded`, `ExecutionFailed` or `ExecutionAborted`.
    mutating func mapRunChildEnded(parentID: Int, index: Int, _ status: MapRun.Child.Status, childID: Int) {
        guard let position = runningMapRun(frameID: parentID), mapRuns[position].children.indices.contains(index) else { return }
        let previous = frames[childID]?.lastEventID
        mapRuns[position].children[index].status = status
        mapRuns[position].children[index].stopDate = now
        recordChildEnd(ChildHistorySpace(run: position, child: index), status, previous: previous)
    }

    /// The run of the Distributed Map state in frame `parentID` ended; children still running are aborted.
    mutating func mapRunEnded(parentID: Int, _ status: MapRun.Status) {
        guard let position = runningMapRun(frameID: parentID) else { return }
        close(mapRunAt: position, status)
    }

    /// The execution ended: every run still running is aborted.
    mutating func abortRunningMapRuns() {
        for position in mapRuns.indices where mapRuns[position].status == .running {
            close(mapRunAt: position, .aborted)
        }
    }

    private mutating func close(mapRunAt position: Int, _ status: MapRun.Status) {
        for index in mapRuns[position].children.indices {
            if case .running = mapRuns[position].children[index].status {
                mapRuns[position].children[index].status = .aborted
                mapRuns[position].children[index].stopDate = now
                recordChildEnd(ChildHistorySpace(run: position, child: index), .aborted, previous: nil)
            }
        }
        mapRuns[position].status = status
        mapRuns[position].stopDate = now
        mapRuns[position].frameID = nil
    }

    /// Records an event in a child execution's own history; returns its id (counted from 1 in each child).
    mutating func recordInChild(_ space: ChildHistorySpace, _ type: String, payload: HistoryEvent.Payload,
                                previous: Int) -> Int {
        mapRuns[space.run].children[space.child].eventCount += 1
        let id = mapRuns[space.run].children[space.child].eventCount
        if options.recordHistory && id <= options.maximumHistoryEvents {
            mapRuns[space.run].children[space.child].history.append(
                HistoryEvent(id: id, previousEventID: previous, timestamp: now, type: type, payload: payload))
        }
        return id
    }

    /// The last event of a child execution's history, for the way it ended (`previous`: its thread's last event;
    /// `nil`: the child's last event).
    private mutating func recordChildEnd(_ space: ChildHistorySpace, _ status: MapRun.Child.Status, previous: Int?) {
        let after = previous ?? mapRuns[space.run].children[space.child].eventCount
        switch status {
        case .succeeded(let output):
            _ = recordInChild(space, "ExecutionSucceeded", payload: options.recordHistory ? .json(.object([
                "executionSucceededEventDetails": .object([
                    "output": .string(output.serializedString()), "outputDetails": Self.notTruncated,
                ]),
            ])) : .none, previous: after)
        case .failed(let error, let cause):
            var details: OrderedDictionary<String, JSONValue> = ["error": .string(error)]
            if let cause { details["cause"] = .string(cause) }
            _ = recordInChild(space, "ExecutionFailed", payload: options.recordHistory
                ? .json(.object(["executionFailedEventDetails": .object(details)])) : .none, previous: after)
        case .aborted:
            _ = recordInChild(space, "ExecutionAborted", payload: .none, previous: after)
        case .pending, .running:
            break
        }
    }

    private func runningMapRun(frameID: Int) -> Int? {
        mapRuns.lastIndex { $0.frameID == frameID && $0.status == .running }
    }

    // MARK: UpdateMapRun

    /// `UpdateMapRun`: new settings for a running Map Run. A higher `maxConcurrency` starts waiting children at
    /// once (a lower one lets running children finish); new tolerances are checked against the failures so far,
    /// and a run now over its threshold fails as if the last failure had just happened. Ignored for an unknown
    /// or finished run (the service refuses those before sending the event).
    mutating func updateMapRun(arn: String, maxConcurrency: Int?, toleratedFailureCount: Int?,
                               toleratedFailurePercentage: Double?) {
        guard let position = mapRuns.firstIndex(where: { $0.arn == arn && $0.status == .running }),
              let parentID = mapRuns[position].frameID, groups[parentID] != nil else { return }
        if let maxConcurrency {
            mapRuns[position].maxConcurrency = maxConcurrency
            groups[parentID]!.maxConcurrency = maxConcurrency
        }
        if let toleratedFailureCount {
            mapRuns[position].toleratedFailureCount = toleratedFailureCount
            groups[parentID]!.toleratedFailureCount = toleratedFailureCount
        }
        if let toleratedFailurePercentage {
            mapRuns[position].toleratedFailurePercentage = toleratedFailurePercentage
            groups[parentID]!.toleratedFailurePercentage = toleratedFailurePercentage
        }
        let group = groups[parentID]!
        if group.failed > 0 && (toleratedFailureCount != nil || toleratedFailurePercentage != nil) {
            let countOK = group.toleratedFailureCount.map { group.failed <= $0 } ?? false
            let percentOK = group.toleratedFailurePercentage.map {
                Double(group.failed) * 100 / Double(max(group.total, 1)) <= $0
            } ?? false
            if !countOK && !percentOK {
                failChildGroup(parentID: parentID,
                               error: StatesError(name: StatesError.exceedToleratedFailureThreshold,
                                                  cause: "The specified tolerated failure threshold was exceeded"),
                               hasCause: true, hasTolerance: true)
                return
            }
        }
        startChildren(parentID: parentID)
    }
}
