import OrderedCollections
import StratusASL
import StratusJSON
import StratusJSONPath

extension ExecutionMachine {
    /// Resolves a Distributed Map's `ItemReader` against the state's effective input: `Parameters` (JSONPath) or
    /// `Arguments` (JSONata), and `ReaderConfig` (`InputType` or `ManifestType`, CSV headers and delimiter,
    /// `MaxItems`/`MaxItemsPath`).
    /// Bad `MaxItems` values do not throw: they fail the run after `MapRunStarted`, as AWS records them.
    func itemSource(_ reader: JSONValue, frame: Frame, state: State, effective: JSONValue) throws(StatesError) -> MapItemSource {
        guard case .string(let resource)? = reader["Resource"] else {
            throw StatesError(name: StatesError.runtime, cause: "The ItemReader has no Resource.")
        }
        var parameters: JSONValue = .object([:])
        if state.queryLanguage == .jsonata {
            if let arguments = reader["Arguments"] {
                parameters = try evaluateJSONataValue(arguments, field: "Arguments", frame: frame,
                                                      states: statesBinding(frame, input: frame.stateInput))
            }
        } else if let template = reader["Parameters"] {
            parameters = try evaluateTemplate(CredentialsTemplate.compile(template), input: effective, frame: frame)
        }
        let config = reader["ReaderConfig"] ?? .object([:])
        var source = MapItemSource(resource: resource, parameters: parameters, format: .json)
        if resource.hasSuffix(":s3:listObjectsV2") {
            source.format = .listing
        } else if let manifest = config["ManifestType"]?.stringValue {
            // The newer spelling of a manifest: `S3_INVENTORY` reads like `InputType` `MANIFEST`.
            source.format = manifest == "S3_INVENTORY" ? .inventory : .unsupported("\(manifest) manifests")
        } else {
            let inputType = config["InputType"]?.stringValue ?? "JSON"
            switch inputType {
            case "MANIFEST": source.format = .inventory
            case "JSON": source.format = .json
            case "JSONL": source.format = .jsonLines
            case "CSV":
                var headers: [String]?
                if config["CSVHeaderLocation"]?.stringValue == "GIVEN", case .array(let given)? = config["CSVHeaders"] {
                    headers = given.map { $0.stringValue ?? $0.serializedString() }
                }
                let delimiters: [String: UInt8] = ["COMMA": 0x2C, "PIPE": 0x7C, "SEMICOLON": 0x3B, "SPACE": 0x20, "TAB": 0x09]
                source.format = .csv(headers: headers, delimiter: delimiters[config["CSVDelimiter"]?.stringValue ?? "COMMA"] ?? 0x2C)
            default:
                source.format = .unsupported(inputType)
            }
        }
        let maxItems: JSONValue?
        if let value = config["MaxItems"] {
            if case .string(let text) = value, text.hasPrefix("{%") {
                maxItems = try evaluateJSONataExpression(text, field: "MaxItems", frame: frame,
                                                         states: statesBinding(frame, input: frame.stateInput))
            } else {
                maxItems = value
            }
        } else if case .string(let text)? = config["MaxItemsPath"] {
            let path = try JSONPathOrRuntime(text)
            do {
                maxItems = try path.evaluate(effective, scope: scope(frame, withContext: path.root == .context))
            } catch {
                throw StatesError(name: StatesError.runtime, cause: "The MaxItemsPath field does not reference an input value: \(text)")
            }
        } else {
            maxItems = nil
        }
        if let maxItems {
            // A value that is not an integer fails the state before its run starts; a negative one fails the run;
            // 0 and values above 100,000,000 read up to 100,000,000 items (AWS stops reading there).
            var number: Double?
            switch maxItems {
            case .number(let value): number = value.doubleValue
            case .string(let text): number = Int(text).map(Double.init)
            default: number = nil
            }
            guard let value = number, value == value.rounded() else {
                let path = config["MaxItemsPath"]?.stringValue ?? "MaxItems"
                throw StatesError(name: StatesError.itemReaderFailed,
                                  cause: "The MaxItemsPath field refers to value '\(maxItems.stringValue ?? maxItems.serializedString())' which is not a valid integer: \(path)")
            }
            if value < 0 {
                source.failure = MapItemSource.failed("field MaxItems must be positive")
            } else {
                source.maxItems = value == 0 ? MapItemSource.maximumItems : Int(min(value, Double(MapItemSource.maximumItems)))
            }
        }
        return source
    }

    /// Asks the host for a Distributed Map's items (its run has started); the Map waits in `.storage`.
    mutating func requestItems(frameID: Int, stateName: String, source: MapItemSource) {
        if let failure = source.failure {
            mapRunStorageFailed(frameID: frameID, failure)
            return
        }
        requestStorage(frameID: frameID, stateName: stateName, resource: source.resource, input: source.parameters,
                       plan: .reading(source), readsInventoryManifest: source.format == .inventory)
    }

    /// Sends a storage request for a Distributed Map (read items, write results) as a task the host runs.
    mutating func requestStorage(frameID: Int, stateName: String, resource: String, input: JSONValue, plan: MapRunStorage,
                                 readsInventoryManifest: Bool = false) {
        let taskID = nextTaskID
        nextTaskID += 1
        tasks[taskID] = frameID
        frames[frameID]?.waiting = .storage(taskID: taskID)
        storage[frameID] = plan
        actions.append(.invokeTask(TaskInvocation(
            taskID: taskID, stateName: stateName, resource: resource, input: input, timeoutSeconds: nil,
            heartbeatSeconds: nil, credentials: nil, taskToken: nil, retryCount: 0,
            readsInventoryManifest: readsInventoryManifest)))
    }

    /// The host answered a Distributed Map's storage request.
    mutating func mapRunStorageSucceeded(frameID: Int, output: JSONValue) {
        guard let frame = frames[frameID], case .storage = frame.waiting,
              let plan = storage.removeValue(forKey: frameID), case .map(let map) = frame.state.kind else { return }
        frames[frameID]?.waiting = .children
        switch plan {
        case .reading(let source):
            do {
                let items = try source.items(from: output)
                var inputs = try selectMapItems(items, frame, frame.state, map, effective: frame.effectiveInput)
                if let batcher = map.itemBatcher {
                    inputs = try batch(inputs, batcher: batcher, state: frame.state, frame: frame, input: frame.effectiveInput)
                }
                groups[frameID]?.inputs = inputs
                groups[frameID]?.results = Array(repeating: nil, count: inputs.count)
                mapRunItemsRead(frameID: frameID, inputs: inputs, isBatched: map.itemBatcher != nil)
                if inputs.isEmpty {
                    childrenSucceeded(parentID: frameID)
                } else {
                    startChildren(parentID: frameID)
                }
            } catch {
                mapRunStorageFailed(frameID: frameID, error)
            }
        case .writing(let writing):
            if let group = groups.removeValue(forKey: frameID) {
                completeChildGroup(parentID: frameID, group: group, result: writing.result)
            }
        }
    }

    /// The host could not read the items or write the results: the run fails with `States.ItemReaderFailed` or
    /// `States.ResultWriterFailed` (keeping the cause), then the Map state fails with it.
    mutating func mapRunStorageFailed(frameID: Int, error: String, cause: String?) {
        let reading: Bool
        if case .writing? = storage[frameID] { reading = false } else { reading = true }
        let name = reading ? StatesError.itemReaderFailed : StatesError.resultWriterFailed
        mapRunStorageFailed(frameID: frameID, StatesError(name: name, cause: cause ?? error))
    }

    /// Fails a Distributed Map's run before or after its children with `error` (`MapRunFailed` with its details,
    /// then `MapStateFailed` and the state's Catch).
    mutating func mapRunStorageFailed(frameID: Int, _ error: StatesError) {
        storage.removeValue(forKey: frameID)
        groups.removeValue(forKey: frameID)
        frames[frameID]?.waiting = .nothing
        record(frameID: frameID, "MapRunFailed", detailsKey: "mapRunFailedEventDetails",
               [("error", .string(error.name)), ("cause", .string(error.cause))])
        mapRunEnded(parentID: frameID, .failed)
        stateFailed(frameID: frameID, error, hasCause: true, failedEvent: "MapStateFailed")
    }
}
