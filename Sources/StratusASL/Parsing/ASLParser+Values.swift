import OrderedCollections
import StratusJSON
import StratusJSONPath

extension ASLParser {
    /// Whether a string is a JSONata expression string: exactly `{%` … `%}`.
    static func isJSONataExpression(_ text: String) -> Bool {
        text.hasPrefix("{%") && text.hasSuffix("%}") && text.utf8.count >= 4
    }

    mutating func string(_ fields: inout ObjectFields, _ key: String) -> String? {
        guard let value = fields.take(key) else { return nil }
        guard case .string(let text) = value else {
            report("Expected value of type: String", at: fields.at(key))
            return nil
        }
        return text
    }

    mutating func boolean(_ fields: inout ObjectFields, _ key: String) -> Bool? {
        guard let value = fields.take(key) else { return nil }
        guard case .bool(let flag) = value else {
            report("Expected value of type: Boolean", at: fields.at(key))
            return nil
        }
        return flag
    }

    mutating func integer(_ fields: inout ObjectFields, _ key: String, range: ClosedRange<Int>) -> Int? {
        guard let value = fields.take(key) else { return nil }
        guard case .number(let number) = value, let integer = number.int64Value.map({ Int($0) }) else {
            report("Expected value of type: Integer", at: fields.at(key))
            return nil
        }
        guard range.contains(integer) else {
            if integer < range.lowerBound {
                report("Minimum value is \(range.lowerBound)", at: fields.at(key))
            } else {
                report("Maximum value is \(range.upperBound)", at: fields.at(key))
            }
            return nil
        }
        return integer
    }

    mutating func number(_ fields: inout ObjectFields, _ key: String) -> Double? {
        guard let value = fields.take(key) else { return nil }
        guard case .number(let number) = value else {
            report("Expected value of type: Number", at: fields.at(key))
            return nil
        }
        return number.doubleValue
    }

    /// A `Path` field (InputPath, OutputPath): `nil` result and `isNull` for JSON null.
    mutating func path(_ fields: inout ObjectFields, _ key: String) -> (present: Bool, path: JSONPath?) {
        guard let value = fields.take(key) else { return (false, nil) }
        if value == .null { return (true, nil) }
        guard case .string(let text) = value else {
            report("Expected value of type: String", at: fields.at(key))
            return (true, nil)
        }
        do {
            return (true, try JSONPath(text))
        } catch {
            report("The value for the field '\(key)' must be a valid JSONPath", at: fields.at(key))
            return (true, nil)
        }
    }

    /// A Reference Path field (ResultPath, ItemsPath, *SecondsPath, …).
    mutating func referencePath(_ fields: inout ObjectFields, _ key: String, allowContext: Bool = true, allowVariables: Bool = true) -> (present: Bool, path: JSONPath?) {
        guard let value = fields.take(key) else { return (false, nil) }
        if value == .null { return (true, nil) }
        guard case .string(let text) = value else {
            report("Expected value of type: String", at: fields.at(key))
            return (true, nil)
        }
        do {
            return (true, try JSONPath.referencePath(text, allowContext: allowContext, allowVariables: allowVariables))
        } catch {
            report("Value is not a Reference Path", at: fields.at(key))
            return (true, nil)
        }
    }

    /// A JSONPath payload template (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`).
    mutating func template(_ fields: inout ObjectFields, _ key: String) -> PayloadTemplate? {
        guard let value = fields.take(key) else { return nil }
        guard case .object = value else {
            report("Expected value of type: Object", at: fields.at(key))
            return nil
        }
        return compileTemplate(value, location: fields.at(key))
    }

    mutating func compileTemplate(_ value: JSONValue, location: String) -> PayloadTemplate? {
        switch value {
        case .object(let members):
            var compiled: OrderedDictionary<String, PayloadTemplate> = [:]
            compiled.reserveCapacity(members.count)
            var ok = true
            for (key, member) in members {
                if key.hasSuffix(".$") {
                    let name = String(key.dropLast(2))
                    guard case .string(let text) = member else {
                        report("The value for the field '\(key)' must be a STRING that contains a JSONPath but was an \(Self.typeWord(member))", at: location)
                        ok = false
                        continue
                    }
                    do {
                        let dynamic = try DynamicValue(parsing: text, field: key)
                        if compiled[name] != nil {
                            report("The field '\(name)' is defined more than once", at: location)
                            ok = false
                        }
                        compiled[name] = .dynamic(dynamic, field: key)
                    } catch {
                        report(error.message, at: location)
                        ok = false
                    }
                } else {
                    if case .string(let text) = member, Self.looksDynamic(text) {
                        warn("The field '\(key)' looks like a JSONPath or an intrinsic function call, but its name does not end with '.$'",
                             at: location, code: ASLDiagnostic.noDollar)
                    }
                    guard let inner = compileTemplate(member, location: location) else {
                        ok = false
                        continue
                    }
                    if compiled[key] != nil {
                        report("The field '\(key)' is defined more than once", at: location)
                        ok = false
                    }
                    compiled[key] = inner
                }
            }
            return ok ? .object(compiled) : nil
        case .array(let elements):
            var compiled: [PayloadTemplate] = []
            compiled.reserveCapacity(elements.count)
            for element in elements {
                guard let inner = compileTemplate(element, location: location) else { return nil }
                compiled.append(inner)
            }
            if compiled.allSatisfy({ if case .literal = $0 { true } else { false } }) { return .literal(value) }
            return .array(compiled)
        default:
            return .literal(value)
        }
    }

    /// A JSONata-capable value (`Arguments`, `Output`, …): any JSON; every `{% %}` string is checked for shape.
    mutating func jsonataValue(_ fields: inout ObjectFields, _ key: String) -> JSONValue? {
        guard let value = fields.take(key) else { return nil }
        checkJSONataStrings(value, location: fields.at(key))
        return value
    }

    mutating func checkJSONataStrings(_ value: JSONValue, location: String) {
        switch value {
        case .string(let text):
            if Self.isJSONataExpression(text) {
                checkExpression(text, location: location)
            } else if text.hasPrefix("{%") != text.hasSuffix("%}") {
                report("The JSONata expression must start with '{%' and end with '%}' with no characters around them", at: location)
            }
        case .array(let elements):
            for (offset, element) in elements.enumerated() { checkJSONataStrings(element, location: "\(location)[\(offset)]") }
        case .object(let members):
            for (key, member) in members { checkJSONataStrings(member, location: "\(location)/\(key)") }
        default:
            break
        }
    }

    /// A numeric field with a `…Path` twin and a JSONata form, e.g. `TimeoutSeconds`/`TimeoutSecondsPath`.
    /// - Parameter integer: whether a literal must be a whole number (all but `ToleratedFailurePercentage`).
    /// - Parameter pathAllowsContext: whether the `…Path` twin may read the Context object (`$$`); AWS refuses it
    ///   for the Map number fields.
    mutating func numberSetting(_ fields: inout ObjectFields, _ key: String, pathKey: String?, language: QueryLanguage,
                                range: ClosedRange<Double>, integer: Bool = true, pathAllowsContext: Bool = true) -> NumberSetting? {
        var setting: NumberSetting?
        if let value = fields.take(key) {
            switch value {
            case .number(let number) where integer && number.int64Value == nil:
                report("Expected value of type: Integer", at: fields.at(key))
            case .number(let number):
                let double = number.doubleValue
                if !range.contains(double) {
                    let bound = double < range.lowerBound ? range.lowerBound : range.upperBound
                    let text = integer ? Self.render(bound) : Self.renderDecimal(bound)
                    report(double < range.lowerBound ? "Minimum value is \(text)" : "Maximum value is \(text)", at: fields.at(key))
                }
                setting = .literal(double)
            case .string(let text) where language == .jsonata && Self.isJSONataExpression(text):
                checkExpression(text, location: fields.at(key))
                setting = .jsonata(text)
            default:
                report(language == .jsonata ? "Expected value of type: Number or JSONata expression" : "Expected value of type: Number",
                       at: fields.at(key))
            }
        }
        if let pathKey, fields.has(pathKey) {
            if language == .jsonata {
                reportOtherLanguage(pathKey, in: &fields, language: language)
            } else {
                let (_, path) = referencePath(&fields, pathKey, allowContext: pathAllowsContext)
                if setting != nil {
                    reportExclusive([key, pathKey], at: fields.location)
                }
                if let path { setting = .path(path) }
            }
        }
        return setting
    }

    /// A field of the other query language, AWS's wording, at the object holding it.
    mutating func reportOtherLanguage(_ key: String, in fields: inout ObjectFields, language: QueryLanguage) {
        _ = fields.take(key)
        let other: QueryLanguage = language == .jsonata ? .jsonPath : .jsonata
        report("The QueryLanguage is set to '\(language.rawValue)', but field '\(key)' is only supported for the '\(other.rawValue)' QueryLanguage",
               at: fields.location)
    }

    /// Mutually exclusive fields, AWS's wording, at the object holding them.
    mutating func reportExclusive(_ keys: [String], at location: String) {
        report("There should only be one of the following fields: [\(keys.joined(separator: ", "))]", at: location)
    }

    /// A decimal bound as AWS prints it for decimal fields (`0.0`, `100.0`).
    static func renderDecimal(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int64(value)).0" : String(value)
    }

    static func render(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static func typeWord(_ value: JSONValue) -> String {
        switch value {
        case .null: "NULL"
        case .bool: "BOOLEAN"
        case .number: "NUMBER"
        case .string: "STRING"
        case .array: "ARRAY"
        case .object: "OBJECT"
        }
    }

    /// Whether a literal string looks like a path (`$.a`, `$$.a`, `$`) or an intrinsic call (`States.X(…)`).
    static func looksDynamic(_ text: String) -> Bool {
        looksLikePath(text) || IntrinsicCall.looksLikeCall(text)
    }

    /// Whether a literal string looks like a path into the input or the Context object.
    static func looksLikePath(_ text: String) -> Bool {
        text == "$" || text == "$$" || text.hasPrefix("$.") || text.hasPrefix("$$.") || text.hasPrefix("$[")
    }
}
