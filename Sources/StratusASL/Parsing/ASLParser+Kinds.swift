import OrderedCollections
import StratusJSON
import StratusJSONPath

extension ASLParser {
    mutating func parsePass(_ fields: inout ObjectFields, language: QueryLanguage) -> StateKind? {
        if language == .jsonata {
            if fields.has("Result") { reportOtherLanguage("Result", in: &fields, language: language) }
            return .pass(PassState(result: nil))
        }
        let result = fields.take("Result")
        if let result, Self.containsDynamicKey(result) {
            warn("The field 'Result' has fields ending in '.$', which a Pass state does not evaluate (use 'Parameters')",
                 at: fields.at("Result"), code: ASLDiagnostic.passResultIsStatic)
        }
        return .pass(PassState(result: result))
    }

    static func containsDynamicKey(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let members): members.contains { $0.key.hasSuffix(".$") || containsDynamicKey($0.value) }
        case .array(let elements): elements.contains(where: containsDynamicKey)
        default: false
        }
    }

    mutating func parseTask(_ fields: inout ObjectFields, language: QueryLanguage) -> StateKind? {
        let resource = string(&fields, "Resource")
        if resource == nil && !fields.members.keys.contains("Resource") {
            report("These fields are required: [Resource]", at: fields.location)
        }
        if let resource { checkResource(resource, location: fields.at("Resource")) }
        let timeout = numberSetting(&fields, "TimeoutSeconds", pathKey: "TimeoutSecondsPath", language: language, range: 1...99_999_999)
        let heartbeat = numberSetting(&fields, "HeartbeatSeconds", pathKey: "HeartbeatSecondsPath", language: language, range: 1...99_999_999)
        if case .literal(let t)? = timeout, case .literal(let h)? = heartbeat, h >= t {
            report("HeartbeatSeconds must be smaller than TimeoutSeconds", at: fields.at("HeartbeatSeconds"))
        }
        var credentials: JSONValue?
        if let value = fields.take("Credentials") {
            if case .object(let members) = value, members["RoleArn"] == nil, members["RoleArn.$"] == nil {
                report("The field 'RoleArn' is required but was missing", at: fields.at("Credentials"))
            } else if case .object = value {
                if language == .jsonPath {
                    _ = compileTemplate(value, location: fields.at("Credentials"))
                } else {
                    checkJSONataStrings(value, location: fields.at("Credentials"))
                }
            } else {
                report("Expected value of type: Object", at: fields.at("Credentials"))
            }
            credentials = value
        }
        guard let resource else { return nil }
        return .task(TaskState(resource: resource, timeout: timeout, heartbeat: heartbeat, credentials: credentials))
    }

    mutating func parseWait(_ fields: inout ObjectFields, language: QueryLanguage) -> StateKind? {
        var forms: [WaitState] = []
        if let seconds = numberSetting(&fields, "Seconds", pathKey: nil, language: language, range: 0...99_999_999) {
            forms.append(.seconds(seconds))
        }
        if let value = fields.take("Timestamp") {
            if case .string(let text) = value {
                if language == .jsonata && Self.isJSONataExpression(text) {
                    checkExpression(text, location: fields.at("Timestamp"))
                    forms.append(.timestamp(text))
                } else if RFC3339.parse(text) != nil {
                    forms.append(.timestamp(text))
                } else {
                    report("String does not match RFC3339 timestamp", at: fields.at("Timestamp"))
                }
            } else {
                report("Expected value of type: String", at: fields.at("Timestamp"))
            }
        }
        if language == .jsonPath {
            if let path = referencePath(&fields, "SecondsPath").path { forms.append(.secondsPath(path)) }
            if let path = referencePath(&fields, "TimestampPath").path { forms.append(.timestampPath(path)) }
        } else {
            for key in ["SecondsPath", "TimestampPath"] where fields.has(key) {
                reportOtherLanguage(key, in: &fields, language: language)
            }
        }
        guard forms.count == 1 else {
            if forms.count > 1 {
                reportExclusive(["Seconds", "SecondsPath", "Timestamp", "TimestampPath"], at: fields.location)
            } else if !fields.members.keys.contains(where: { ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"].contains($0) }) {
                report("A Wait state must have exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath'", at: fields.location)
            }
            return nil
        }
        return .wait(forms[0])
    }

    mutating func parseFail(_ fields: inout ObjectFields, language: QueryLanguage) -> StateKind? {
        var fail = FailState()
        fail.error = string(&fields, "Error")
        fail.cause = string(&fields, "Cause")
        if language == .jsonata {
            if let error = fail.error { checkJSONataStrings(.string(error), location: fields.at("Error")) }
            if let cause = fail.cause { checkJSONataStrings(.string(cause), location: fields.at("Cause")) }
            for key in ["ErrorPath", "CausePath"] where fields.has(key) {
                reportOtherLanguage(key, in: &fields, language: language)
            }
        } else {
            for (key, value) in [("Error", fail.error), ("Cause", fail.cause)] {
                if let value, Self.looksLikePath(value) {
                    warn("The value of the field '\(key)' looks like a path, but the field name does not end with 'Path'",
                         at: fields.at(key), code: ASLDiagnostic.noPath)
                }
            }
            fail.errorPath = dynamicPath(&fields, "ErrorPath")
            fail.causePath = dynamicPath(&fields, "CausePath")
            if fail.error != nil && fail.errorPath != nil {
                reportExclusive(["Error", "ErrorPath"], at: fields.location)
            }
            if fail.cause != nil && fail.causePath != nil {
                reportExclusive(["Cause", "CausePath"], at: fields.location)
            }
        }
        return .fail(fail)
    }

    private mutating func dynamicPath(_ fields: inout ObjectFields, _ key: String) -> DynamicValue? {
        guard let text = string(&fields, key) else { return nil }
        do {
            let value = try DynamicValue(parsing: text, field: key)
            if case .path(let path) = value, !path.isDefinite {
                report("The value for the field '\(key)' must be a valid Reference Path or intrinsic function call", at: fields.at(key))
                return nil
            }
            return value
        } catch {
            report("The value for the field '\(key)' must be a valid JSONPath or a valid intrinsic function call", at: fields.at(key))
            return nil
        }
    }

    mutating func parseParallel(_ fields: inout ObjectFields, language: QueryLanguage) -> StateKind? {
        guard let value = fields.take("Branches") else {
            report("These fields are required: [Branches]", at: fields.location)
            return nil
        }
        guard case .array(let elements) = value else {
            report("Expected value of type: Array", at: fields.at("Branches"))
            return nil
        }
        if elements.isEmpty {
            report("Value cannot be empty", at: fields.at("Branches"))
            return nil
        }
        var branches: [StateGraph] = []
        for (offset, element) in elements.enumerated() {
            let location = "\(fields.at("Branches"))[\(offset)]"
            guard case .object(let members) = element else {
                report("Expected value of type: Object", at: location)
                continue
            }
            var branchFields = ObjectFields(members, location: location)
            let comment = string(&branchFields, "Comment")
            if var graph = parseGraph(&branchFields, language: machineLanguage) {
                graph.comment = comment
                branches.append(graph)
            }
            reportUnsupported(branchFields)
        }
        guard branches.count == elements.count else { return nil }
        return .parallel(ParallelState(branches: branches))
    }
}
