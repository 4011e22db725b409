import OrderedCollections
import StratusASL
import StratusJSON

extension ExecutionMachine {
    static let notTruncated: JSONValue = .object(["truncated": .bool(false)])

    /// Records an event in `frameID`'s thread (`nil`: the execution's own thread before any frame exists).
    ///
    /// - Parameters:
    ///   - previous: overrides the `previousEventId` (default: the thread's last event).
    ///   - advancesThread: whether the thread's next event follows this one (AWS does not chain some events,
    ///     e.g. `MapIterationSucceeded`).
    mutating func record(frameID: Int?, _ type: String, detailsKey: String?, _ details: [(String, JSONValue)],
                         previous: Int? = nil, advancesThread: Bool = true) {
        var detailsValue: JSONValue?
        if let detailsKey, options.recordHistory {
            detailsValue = .object([detailsKey: .object(OrderedDictionary(uniqueKeysWithValues: details))])
        }
        record(frameID: frameID, type, payload: detailsValue.map { .json($0) } ?? .none, previous: previous, advancesThread: advancesThread)
    }

    /// Records an event with its details already in stored form.
    mutating func record(frameID: Int?, _ type: String, payload: @autoclosure () -> HistoryEvent.Payload,
                         previous: Int? = nil, advancesThread: Bool = true) {
        if let frameID, let frame = frames[frameID], frame.isSilent {
            guard let space = frame.historySpace else { return }
            let id = recordInChild(space, type, payload: options.recordHistory ? payload() : .none,
                                   previous: previous ?? frame.lastEventID)
            if advancesThread { frames[frameID]!.lastEventID = id }
            frames[frameID]!.lastPublishedID = id
            return
        }
        if eventCount >= options.maximumHistoryEvents - 1 && !type.hasPrefix("Execution") {
            historyExhausted = true
            return
        }
        eventCount += 1
        let id = eventCount
        var previousID = previous ?? 0
        if let frameID, var frame = frames[frameID] {
            if previous == nil { previousID = frame.lastEventID }
            if advancesThread { frame.lastEventID = id }
            frame.lastPublishedID = id
            frames[frameID] = frame
        }
        guard options.recordHistory else { return }
        history.append(HistoryEvent(id: id, previousEventID: previousID, timestamp: now, type: type, payload: payload()))
    }

    /// The id of the last event recorded in `frameID`'s history: the execution's, or for a frame of a Distributed
    /// Map child, that child execution's.
    func lastRecordedEventID(frameID: Int) -> Int {
        guard let space = frames[frameID]?.historySpace else { return eventCount }
        return mapRuns[space.run].children[space.child].eventCount
    }

    mutating func recordStateEntered(frameID: Int, state: State, input: JSONValue) {
        guard options.recordHistory else {
            record(frameID: frameID, "", detailsKey: nil, [])
            return
        }
        let text = frames[frameID]?.stateInputText ?? input.serializedString()
        frames[frameID]?.stateInputText = nil
        record(frameID: frameID, state.kind.enteredEventType, payload: .stateEntered(name: state.name, inputText: text))
    }

    /// Records `…StateExited` with the output's JSON text (nil when history is off).
    mutating func recordStateExited(frameID: Int, state: State, outputText: String?, assigned: [(String, JSONValue)]?) {
        guard options.recordHistory, let text = outputText else {
            record(frameID: frameID, "", detailsKey: nil, [])
            return
        }
        let assignedTexts = assigned.map { pairs in pairs.map { ($0.0, $0.1.serializedString()) } }
        record(frameID: frameID, state.kind.exitedEventType,
               payload: .stateExited(name: state.name, outputText: text, assigned: assignedTexts))
    }

    /// `{"Error": …, "Cause": …}` as AWS builds the Error Output (no `Cause` when there was none). An error without
    /// a name (``StatesError/isUnnamed``: `SendTaskFailure` with neither error nor cause) is
    /// `{"Error": null, "Cause": null}`, as recorded (`test_sqs_failure_in_wait_for_task_tok_no_error_field`).
    static func errorOutput(_ error: StatesError, hasCause: Bool = true) -> JSONValue {
        if error.isUnnamed {
            return .object(["Error": .null, "Cause": hasCause ? .string(error.cause) : .null])
        }
        var members: OrderedDictionary<String, JSONValue> = ["Error": .string(error.name)]
        if hasCause { members["Cause"] = .string(error.cause) }
        return .object(members)
    }
}
