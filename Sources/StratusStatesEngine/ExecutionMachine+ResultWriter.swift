import OrderedCollections
import StratusASL
import StratusJSON

extension ExecutionMachine {
    /// The files a Distributed Map's `ResultWriter` puts when its run ends, as AWS lays them out under
    /// `<Prefix>/<run id>/`: `SUCCEEDED_0.json` and `FAILED_0.json` (the child executions with their input and
    /// output or error), then `manifest.json` listing them. The Map state's result becomes
    /// `{"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}`.
    func resultWriting(_ writer: JSONValue, frame: Frame, run: MapRun) throws(StatesError) -> MapResultWriting {
        guard case .string(let resource)? = writer["Resource"] else {
            throw StatesError(name: StatesError.runtime, cause: "The ResultWriter has no Resource.")
        }
        var parameters: JSONValue = .object([:])
        if frame.state.queryLanguage == .jsonata {
            if let arguments = writer["Arguments"] {
                parameters = try evaluateJSONataValue(arguments, field: "Arguments", frame: frame,
                                                      states: statesBinding(frame, input: frame.stateInput))
            }
        } else if let template = writer["Parameters"] {
            parameters = try evaluateTemplate(CredentialsTemplate.compile(template), input: frame.effectiveInput, frame: frame)
        }
        guard case .string(let bucket)? = parameters["Bucket"] else {
            throw StatesError(name: StatesError.resultWriterFailed, cause: "The ResultWriter parameters have no Bucket.")
        }
        let prefix = parameters["Prefix"]?.stringValue ?? ""
        let runID = run.arn.split(separator: ":").last.map(String.init) ?? run.arn
        let folder = (prefix.isEmpty ? "" : (prefix.hasSuffix("/") ? prefix : prefix + "/")) + runID + "/"
        var files: [JSONValue] = []
        var listed: OrderedDictionary<String, JSONValue> = ["FAILED": .array([]), "PENDING": .array([]), "SUCCEEDED": .array([])]
        for status in ["SUCCEEDED", "FAILED"] {
            let entries = run.children.filter { $0.status.name == status }.map { resultEntry($0, run: run) }
            guard !entries.isEmpty else { continue }
            let key = folder + "\(status)_0.json"
            let body = JSONValue.array(entries).serializedString()
            files.append(["Key": .string(key), "Body": .string(body)])
            listed[status] = .array([["Key": .string(key), "Size": .number(JSONNumber(body.utf8.count))]])
        }
        let manifestKey = folder + "manifest.json"
        let manifest: JSONValue = [
            "DestinationBucket": .string(bucket), "MapRunArn": .string(run.arn), "ResultFiles": .object(listed),
        ]
        files.append(["Key": .string(manifestKey), "Body": .string(manifest.serializedString())])
        return MapResultWriting(
            resource: resource, request: ["Bucket": .string(bucket), "Files": .array(files)],
            result: ["MapRunArn": .string(run.arn),
                     "ResultWriterDetails": ["Bucket": .string(bucket), "Key": .string(manifestKey)]])
    }

    /// One child execution as a result file lists it.
    private func resultEntry(_ child: MapRun.Child, run: MapRun) -> JSONValue {
        var entry: OrderedDictionary<String, JSONValue> = [
            "ExecutionArn": .string(run.childExecutionARN(child)),
            "Input": .string(child.input.serializedString()),
            "InputDetails": ["Included": true],
            "Name": .string(child.name),
        ]
        switch child.status {
        case .succeeded(let output):
            entry["Output"] = .string(output.serializedString())
            entry["OutputDetails"] = ["Included": true]
        case .failed(let error, let cause):
            entry["Error"] = .string(error)
            if let cause { entry["Cause"] = .string(cause) }
        default:
            break
        }
        entry["RedriveCount"] = 0
        entry["RedriveStatus"] = "NOT_REDRIVABLE"
        entry["StartDate"] = child.startDate.map { .string(RFC3339.format($0)) } ?? .null
        entry["StateMachineArn"] = .string(run.stateMachineARN)
        entry["Status"] = .string(child.status.name)
        entry["StopDate"] = child.stopDate.map { .string(RFC3339.format($0)) } ?? .null
        return .object(entry)
    }

    /// Starts writing a finished Distributed Map's results when it has a `ResultWriter`. - Returns: whether it did
    /// (the Map then waits for the host; ``mapRunStorageSucceeded(frameID:output:)`` completes it).
    mutating func writeResultsIfAsked(parentID: Int) -> Bool {
        guard let frame = frames[parentID], case .map(let map) = frame.state.kind, let writer = map.resultWriter,
              let run = mapRuns.last(where: { $0.frameID == parentID && $0.status == .running })
        else { return false }
        do {
            let writing = try resultWriting(writer, frame: frame, run: run)
            requestStorage(frameID: parentID, stateName: frame.stateName, resource: writing.resource,
                           input: writing.request, plan: .writing(writing))
        } catch {
            mapRunStorageFailed(frameID: parentID, error)
        }
        return true
    }
}
