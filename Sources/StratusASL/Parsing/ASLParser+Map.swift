import OrderedCollections
import StratusJSON
import StratusJSONPath

extension ASLParser {
    mutating func parseMap(_ fields: inout ObjectFields, language: QueryLanguage) -> StateKind? {
        let processorKey = fields.has("ItemProcessor") ? "ItemProcessor" : "Iterator"
        if fields.has("ItemProcessor") && fields.has("Iterator") {
            reportExclusive(["ItemProcessor", "Iterator"], at: fields.location)
        }
        guard let processorValue = fields.take(processorKey) else {
            report("These fields are required: [ItemProcessor]", at: fields.location)
            return nil
        }
        guard case .object(let members) = processorValue else {
            report("Expected value of type: Object", at: fields.at(processorKey))
            return nil
        }
        var processorFields = ObjectFields(members, location: fields.at(processorKey))
        var mode = MapState.Mode.inline
        var executionType: String?
        if let config = processorFields.take("ProcessorConfig") {
            if case .object(let configMembers) = config {
                var configFields = ObjectFields(configMembers, location: processorFields.at("ProcessorConfig"))
                if let text = string(&configFields, "Mode") {
                    if let parsed = MapState.Mode(rawValue: text) {
                        mode = parsed
                    } else {
                        report("The field 'Mode' should have one of these values: [INLINE, DISTRIBUTED]", at: configFields.at("Mode"))
                    }
                }
                if let text = string(&configFields, "ExecutionType") {
                    if text == "STANDARD" || text == "EXPRESS" {
                        executionType = text
                    } else {
                        report("The field 'ExecutionType' should have one of these values: [STANDARD, EXPRESS]", at: configFields.at("ExecutionType"))
                    }
                }
                reportUnsupported(configFields)
            } else {
                report("Expected value of type: Object", at: processorFields.at("ProcessorConfig"))
            }
        }
        let comment = string(&processorFields, "Comment")
        let graph = parseGraph(&processorFields, language: machineLanguage)
        reportUnsupported(processorFields)
        guard var graph else { return nil }
        graph.comment = comment

        var map = MapState(itemProcessor: graph, mode: mode)
        map.executionType = executionType
        if language == .jsonata {
            for key in ["ItemsPath", "Parameters", "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"] where fields.has(key) {
                reportOtherLanguage(key, in: &fields, language: language)
            }
            map.items = jsonataValue(&fields, "Items")
            if let items = map.items, !Self.isItemsValue(items) {
                report("The field 'Items' must be an array, an object or a JSONata expression", at: fields.at("Items"))
            }
            map.itemSelectorJSONata = jsonataValue(&fields, "ItemSelector")
        } else {
            if fields.has("Items") { reportOtherLanguage("Items", in: &fields, language: language) }
            let items = referencePath(&fields, "ItemsPath")
            if items.present { map.itemsPath = items.path }
            if fields.has("ItemSelector") && fields.has("Parameters") {
                reportExclusive(["ItemSelector", "Parameters"], at: fields.location)
            }
            map.itemSelector = template(&fields, fields.has("ItemSelector") ? "ItemSelector" : "Parameters")
        }
        map.maxConcurrency = numberSetting(&fields, "MaxConcurrency", pathKey: "MaxConcurrencyPath", language: language, range: 0...Double(Int32.max), pathAllowsContext: false)
        map.toleratedFailurePercentage = numberSetting(&fields, "ToleratedFailurePercentage", pathKey: "ToleratedFailurePercentagePath", language: language, range: 0...100, integer: false, pathAllowsContext: false)
        map.toleratedFailureCount = numberSetting(&fields, "ToleratedFailureCount", pathKey: "ToleratedFailureCountPath", language: language, range: 0...Double(Int32.max), pathAllowsContext: false)
        map.itemReader = ioConfiguration(&fields, "ItemReader", language: language, requiresResource: true)
        map.itemBatcher = ioConfiguration(&fields, "ItemBatcher", language: language, requiresResource: false)
        map.resultWriter = ioConfiguration(&fields, "ResultWriter", language: language, requiresResource: true)
        map.label = string(&fields, "Label")
        if let label = map.label, mode == .distributed { checkLabel(label, location: fields.at("Label")) }
        if mode == .inline {
            for key in ["ItemReader", "ItemBatcher", "ResultWriter", "Label"] where fields.has(key) {
                report("The field '\(key)' is only supported for Map states in DISTRIBUTED mode", at: fields.at(key))
            }
        }
        return .map(map)
    }

    /// A distributed Map `Label`: 1 to 40 characters, none of them whitespace, control characters or
    /// `"#$%&*,:;<>?[\]^`{|}~`, and unique across the machine.
    private mutating func checkLabel(_ label: String, location: String) {
        if label.isEmpty {
            report("Label cannot be empty", at: location, code: ASLDiagnostic.invalidLabelName)
        } else if label.count > 40 {
            report("Label cannot exceed 40 characters", at: location, code: ASLDiagnostic.invalidLabelName)
        } else if let bad = label.unicodeScalars.first(where: Self.isForbiddenInLabel) {
            report("Label contains invalid character: '\(bad)'", at: location, code: ASLDiagnostic.invalidLabelName)
        } else if labelLocations[label] != nil {
            report("Duplicate Label name: \(label)", at: location, code: ASLDiagnostic.duplicateLabelName)
        } else {
            labelLocations[label] = location
        }
    }

    private static func isForbiddenInLabel(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value <= 0x20 || (0x7F...0x9F).contains(scalar.value) { return true }
        return "\"#$%&*,:;<>?[\\]^`{|}~".unicodeScalars.contains(scalar)
    }

    /// JSONata `Items`: an array, an object, or a `{% %}` expression.
    static func isItemsValue(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: true
        case .string(let text): isJSONataExpression(text)
        default: false
        }
    }

    /// `ItemReader`, `ItemBatcher` or `ResultWriter`: an object; the reader and writer name a `Resource`; their
    /// `Parameters` (JSONPath) are a payload template and their `Arguments` (JSONata) may hold expressions. Nested
    /// configuration objects (`ReaderConfig`, `WriterConfig`, batch sizes) are kept as written and checked for
    /// JSONata shape only.
    private mutating func ioConfiguration(_ fields: inout ObjectFields, _ key: String, language: QueryLanguage,
                                          requiresResource: Bool) -> JSONValue? {
        guard let value = fields.take(key) else { return nil }
        let location = fields.at(key)
        guard case .object(let members) = value else {
            report("Expected value of type: Object", at: location)
            return value
        }
        if requiresResource {
            switch members["Resource"] {
            case nil: report("These fields are required: [Resource]", at: location)
            case .string?: break
            default: report("Expected value of type: String", at: "\(location)/Resource")
            }
        }
        if language == .jsonPath {
            if members["Arguments"] != nil {
                report("The QueryLanguage is set to 'JSONPath', but field 'Arguments' is only supported for the 'JSONata' QueryLanguage", at: location)
            }
            if let parameters = members["Parameters"] {
                if case .object = parameters {
                    _ = compileTemplate(parameters, location: "\(location)/Parameters")
                } else {
                    report("Expected value of type: Object", at: "\(location)/Parameters")
                }
            }
        } else {
            if members["Parameters"] != nil {
                report("The QueryLanguage is set to 'JSONata', but field 'Parameters' is only supported for the 'JSONPath' QueryLanguage", at: location)
            }
            for (member, inner) in members where member != "Parameters" { checkJSONataStrings(inner, location: "\(location)/\(member)") }
        }
        checkBatchNumbers(members, key: key, location: location, language: language)
        return value
    }

    /// The number fields of `ItemReader.ReaderConfig` (`MaxItems`, 0…100,000,000) and `ItemBatcher`
    /// (`MaxItemsPerBatch`, `MaxInputBytesPerBatch`, ≥ 0), each with its `…Path` twin, checked like the Map's own
    /// number fields (whole numbers, one of the pair, Reference Paths without `$$`, JSONata forms).
    private mutating func checkBatchNumbers(_ members: OrderedDictionary<String, JSONValue>, key: String, location: String,
                                            language: QueryLanguage) {
        var numbers: ObjectFields
        var names: [(String, ClosedRange<Double>)]
        switch key {
        case "ItemReader":
            guard case .object(let config)? = members["ReaderConfig"] else { return }
            numbers = ObjectFields(config, location: "\(location)/ReaderConfig")
            names = [("MaxItems", 0...100_000_000)]
        case "ItemBatcher":
            numbers = ObjectFields(members, location: location)
            names = [("MaxItemsPerBatch", 0...Double(Int32.max)), ("MaxInputBytesPerBatch", 0...Double(Int32.max))]
        default:
            return
        }
        // Their JSONata strings were already checked with the rest of the object: not again.
        skipsExpressionChecks = true
        defer { skipsExpressionChecks = false }
        for (name, range) in names where numbers.has(name) || numbers.has(name + "Path") {
            _ = numberSetting(&numbers, name, pathKey: name + "Path", language: language, range: range, pathAllowsContext: false)
        }
    }
}
