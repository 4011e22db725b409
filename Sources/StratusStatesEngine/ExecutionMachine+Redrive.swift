import OrderedCollections
import StratusASL
import StratusJSON

/// What an ended execution keeps so that a redrive can re-enter the states that did not succeed.
///
/// Guarantees: holds only unsuccessful parts (the top-level frame, failed or stopped branches and iterations, the
/// groups of Parallel and Map states that ended unsuccessfully); a part is forgotten as soon as its state runs again
/// or completes, so a long execution does not accumulate it.
struct RedriveState: Sendable {
    /// Branches and iterations that failed or were stopped, by their Parallel/Map frame's id and their index;
    /// each is the frame as it stood in the state it did not finish.
    var children: [Int: [Int: Frame]] = [:]
    /// The children of Parallel/Map states that ended unsuccessfully (results of the children that succeeded kept),
    /// by the state's frame id.
    var groups: [Int: ChildGroup] = [:]
    /// The top-level frame as the execution ended.
    var root: Frame?
    /// Every redrive handled: its client token (if any) and when.
    var requests: [(clientToken: String?, at: RFC3339.Instant)] = []
}

/// Whether an execution can be redriven as far as the engine knows (the host adds its time limits).
package enum RedriveEligibility: Sendable, Equatable {
    /// It ended `FAILED`, `TIMED_OUT` or `ABORTED` and its history has room for the redrive.
    case redrivable
    /// It is still running.
    case running
    /// It succeeded.
    case succeeded
    /// Its history has no room for `ExecutionRedriven` and at least one more event.
    case historyLimitExceeded
}

extension ExecutionMachine {
    /// Whether a ``EngineEvent/redrive(clientToken:)`` would restart this execution now.
    package var redriveEligibility: RedriveEligibility {
        switch status {
        case .running: return .running
        case .succeeded: return .succeeded
        case .failed, .timedOut, .aborted:
            // AWS: the history must hold fewer than 24,999 of its 25,000 events, leaving room for
            // `ExecutionRedriven` and at least one other event.
            return eventCount <= options.maximumHistoryEvents - 2 ? .redrivable : .historyLimitExceeded
        }
    }

    /// Every redrive this execution has had, in order: the client token given with it and when it happened.
    package var redrives: [(clientToken: String?, at: RFC3339.Instant)] { redrive.requests }

    /// Restarts an execution that ended `FAILED`, `TIMED_OUT` or `ABORTED` (else does nothing): records
    /// `ExecutionRedriven` (`redriveCount`), raises `$$.Execution.RedriveCount` and sets `$$.Execution.RedriveTime`,
    /// restarts the execution's `TimeoutSeconds`, and re-enters the states that did not succeed with the input and
    /// variables they had: a failed Task (retries counted from 0 again), Choice, Wait or Fail state is entered again;
    /// a Parallel or inline Map state that failed because of its branches or iterations runs only those that failed
    /// or were stopped (and those not started yet), each from the state where it stopped, keeping the results of the
    /// others; one that failed for any other reason (e.g. `States.DataLimitExceeded`) runs again in full, as does a
    /// Distributed Map.
    mutating func redrive(clientToken: String?, at time: RFC3339.Instant) -> [EngineAction] {
        guard redriveEligibility == .redrivable, var root = redrive.root else { return [] }
        redrive.root = nil
        status = .running
        historyExhausted = false
        context.redriveCount += 1
        context.redriveTime = time
        redrive.requests.append((clientToken, time))
        transitions += 1
        record(frameID: nil, "ExecutionRedriven", detailsKey: "executionRedrivenEventDetails",
               [("redriveCount", .number(JSONNumber(context.redriveCount)))], previous: eventCount)
        if let seconds = definition.timeoutSeconds {
            let timer = newTimer(frameID: -1)
            executionTimeoutTimer = timer
            actions.append(.startTimer(timerID: timer, fireAt: time.adding(seconds: Double(seconds))))
        }
        root.lastEventID = options.recordHistory ? eventCount : 0
        root.lastPublishedID = root.lastEventID
        frames[root.id] = root
        resume(frameID: root.id)
        drain()
        return takeActions()
    }

    /// Puts a restored frame back to work: rebuilds its Parallel/Map state's children when they are kept, else
    /// enters its state again.
    private mutating func resume(frameID: Int) {
        guard let frame = frames[frameID] else { return }
        frames[frameID]!.waiting = .nothing
        let state = frame.state
        var partial = false
        switch state.kind {
        case .parallel: partial = true
        case .map(let map): partial = map.mode != .distributed
        default: break
        }
        guard partial, var group = redrive.groups.removeValue(forKey: frameID) else {
            discardRedriveData(of: frameID)
            schedule(frameID)
            return
        }
        // The state is entered again and its children restart where they stopped.
        transitions += 1
        frames[frameID]!.enteredAt = now
        frames[frameID]!.retryAttempts = Array(repeating: 0, count: state.retriers.count)
        frames[frameID]!.retryCount = 0
        frames[frameID]!.taskToken = nil
        frames[frameID]!.enteredPreviousID = frames[frameID]!.lastEventID
        recordStateEntered(frameID: frameID, state: state, input: frame.stateInput)
        frames[frameID]!.enteredEventID = eventCount
        if group.kind == .map {
            record(frameID: frameID, "MapStateStarted", detailsKey: "mapStateStartedEventDetails",
                   [("length", .number(JSONNumber(group.total)))])
        } else {
            record(frameID: frameID, "ParallelStateStarted", detailsKey: nil, [])
        }
        group.running = [:]
        group.failed = 0
        group.isFinished = false
        group.redrivePending = (redrive.children[frameID] ?? [:]).keys.sorted()
        groups[frameID] = group
        frames[frameID]!.waiting = .children
        startChildren(parentID: frameID)
    }

    /// Restarts the next branch or iteration a redrive kept for this Parallel/Map frame, if any: `true` when one
    /// was restarted (it counts against `MaxConcurrency` like any running child).
    mutating func resumeRedrivenChild(parentID: Int) -> Bool {
        guard var group = groups[parentID], !group.redrivePending.isEmpty,
              let stateName = frames[parentID]?.stateName else { return false }
        let index = group.redrivePending.removeFirst()
        groups[parentID] = group
        guard var child = redrive.children[parentID]?.removeValue(forKey: index) else { return true }
        if redrive.children[parentID]?.isEmpty == true { redrive.children.removeValue(forKey: parentID) }
        if group.kind == .map && !group.isDistributed {
            record(frameID: parentID, "MapIterationStarted",
                   payload: .mapIteration(detailsKey: "mapIterationStartedEventDetails", name: stateName, index: index),
                   advancesThread: false)
        }
        let start = group.kind == .map ? lastRecordedEventID(frameID: parentID) : frames[parentID]!.lastEventID
        child.lastEventID = options.recordHistory ? start : 0
        child.lastPublishedID = child.lastEventID
        frames[child.id] = child
        groups[parentID]!.running[index] = child.id
        resume(frameID: child.id)
        return true
    }

    // MARK: keeping what a redrive needs

    /// A branch or iteration failed: keep it (at the state where it failed) for a redrive.
    mutating func retainFailedChild(parentID: Int, index: Int, childID: Int) {
        guard let child = frames[childID] else { return }
        redrive.children[parentID, default: [:]][index] = child
    }

    /// A Parallel/Map state's children are about to be dropped (one failed beyond tolerance, or the execution
    /// ended): keep its group and its running children (with everything under them) for a redrive.
    mutating func retainGroup(parentID: Int) {
        guard var group = groups[parentID] else { return }
        for (index, childID) in group.running {
            if groups[childID] != nil { retainGroup(parentID: childID) }
            if let child = frames[childID] { redrive.children[parentID, default: [:]][index] = child }
        }
        group.running = [:]
        redrive.groups[parentID] = group
    }

    /// The execution ends: keep what did not succeed (everything is forgotten when it succeeded).
    mutating func retainForRedrive() {
        guard case .succeeded = status else {
            for parentID in groups.keys { retainGroup(parentID: parentID) }
            redrive.root = frames[0]
            return
        }
        redrive.children.removeAll()
        redrive.groups.removeAll()
        redrive.root = nil
    }

    /// Forgets what a redrive kept under a frame whose state runs again or completes.
    mutating func discardRedriveData(of frameID: Int) {
        guard !redrive.children.isEmpty || !redrive.groups.isEmpty else { return }
        redrive.groups.removeValue(forKey: frameID)
        if let children = redrive.children.removeValue(forKey: frameID) {
            for child in children.values { discardRedriveData(of: child.id) }
        }
    }
}
