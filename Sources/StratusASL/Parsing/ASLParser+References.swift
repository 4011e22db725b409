import OrderedCollections
import StratusJSON
import StratusJSONPath

extension ASLParser {
    /// The variables each state reads, as `DescribeStateMachine` reports them in `variableReferences`: state name →
    /// the names (without `$`), sorted and unique; states that read no variable are absent.
    ///
    /// Guarantees: meant for definitions ``parse(_:options:)`` accepted. JSONPath states contribute the variable
    /// roots (`$name…`) of `.$` template values, intrinsic arguments, `…Path` fields and Choice `Variable`s (not
    /// literal strings, not a Pass `Result`); JSONata states the `$name` references in `{% %}` expressions, except
    /// `$states`, `$`/`$$`, function calls and JSONata's built-in functions. A nested state's references belong to
    /// that state, not to the enclosing Map/Parallel.
    package static func variableReferences(_ definition: JSONValue) -> [String: [String]] {
        var collector = VariableReferenceCollector()
        let language = definition["QueryLanguage"]?.stringValue == QueryLanguage.jsonata.rawValue ? QueryLanguage.jsonata : .jsonPath
        collector.visitGraph(definition, machineLanguage: language)
        var result: [String: [String]] = [:]
        for (state, names) in collector.references where !names.isEmpty { result[state] = names.sorted() }
        return result
    }
}

/// Walks a definition collecting the variables each state reads (see ``ASLParser/variableReferences(_:)``).
struct VariableReferenceCollector {
    var references: [String: Set<String>] = [:]

    /// Members that hold payload templates (only `.$` values are dynamic there).
    static let templateMembers: Set<String> = ["Parameters", "ResultSelector", "ItemSelector", "Assign", "Credentials"]
    /// Members that hold nested `States` blocks, visited as graphs of their own.
    static let graphMembers: Set<String> = ["Branches", "ItemProcessor", "Iterator"]

    mutating func visitGraph(_ graph: JSONValue, machineLanguage: QueryLanguage) {
        guard case .object(let states)? = graph["States"] else { return }
        for (name, state) in states {
            guard case .object(let members) = state else { continue }
            let language = members["QueryLanguage"]?.stringValue.flatMap(QueryLanguage.init(rawValue:)) ?? machineLanguage
            var found: Set<String> = []
            for (key, value) in members {
                if Self.graphMembers.contains(key) {
                    if case .array(let branches) = value {
                        for branch in branches { visitGraph(branch, machineLanguage: machineLanguage) }
                    } else {
                        visitGraph(value, machineLanguage: machineLanguage)
                    }
                    continue
                }
                if key == "Result" || key == "Comment" { continue }
                if language == .jsonata {
                    Self.collectJSONata(value, into: &found)
                } else {
                    Self.collectJSONPath(key: key, value, inTemplate: Self.templateMembers.contains(key), into: &found)
                }
            }
            references[name, default: []].formUnion(found)
        }
    }

    /// JSONPath: `.$` values (paths and intrinsic calls) anywhere; outside templates also `…Path` and `Variable`.
    static func collectJSONPath(key: String, _ value: JSONValue, inTemplate: Bool, into found: inout Set<String>) {
        switch value {
        case .string(let text):
            if key.hasSuffix(".$") {
                if let dynamic = try? DynamicValue(parsing: text, field: key) { collect(dynamic, into: &found) }
            } else if !inTemplate, key.hasSuffix("Path") || key == "Variable" {
                if let path = try? JSONPath(text) { collect(path, into: &found) } else if key.hasSuffix("Path"),
                    let dynamic = try? DynamicValue(parsing: text, field: key) { collect(dynamic, into: &found) }
            }
        case .object(let members):
            for (member, inner) in members {
                collectJSONPath(key: member, inner, inTemplate: inTemplate || templateMembers.contains(member), into: &found)
            }
        case .array(let elements):
            for element in elements { collectJSONPath(key: key, element, inTemplate: inTemplate, into: &found) }
        default:
            break
        }
    }

    static func collect(_ dynamic: DynamicValue, into found: inout Set<String>) {
        switch dynamic {
        case .path(let path): collect(path, into: &found)
        case .intrinsic(let call): collect(call, into: &found)
        }
    }

    static func collect(_ call: IntrinsicCall, into found: inout Set<String>) {
        for argument in call.arguments {
            switch argument {
            case .path(let path): collect(path, into: &found)
            case .call(let inner): collect(inner, into: &found)
            default: break
            }
        }
    }

    static func collect(_ path: JSONPath, into found: inout Set<String>) {
        if case .variable(let name) = path.root { found.insert(name) }
    }

    /// JSONata: every `{% %}` string at any depth.
    static func collectJSONata(_ value: JSONValue, into found: inout Set<String>) {
        switch value {
        case .string(let text) where ASLParser.isJSONataExpression(text):
            collectExpression(text, into: &found)
        case .object(let members):
            for (_, inner) in members { collectJSONata(inner, into: &found) }
        case .array(let elements):
            for element in elements { collectJSONata(element, into: &found) }
        default:
            break
        }
    }

    /// The `$name` references of one JSONata expression, skipping string literals, regular expressions,
    /// `$states`, `$`, `$$`, calls (`$name(`) and built-in function names.
    static func collectExpression(_ text: String, into found: inout Set<String>) {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var previousSignificant: Unicode.Scalar = "("
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\"", "'":
                index += 1
                while index < scalars.count && scalars[index] != scalar {
                    index += scalars[index] == "\\" ? 2 : 1
                }
                index += 1
                previousSignificant = "\""
                continue
            case "/" where "([,:;=!<>+-*/%&|?{".unicodeScalars.contains(previousSignificant):
                // A regular expression literal (where an operand is expected).
                index += 1
                while index < scalars.count && scalars[index] != "/" {
                    index += scalars[index] == "\\" ? 2 : 1
                }
                index += 1
                previousSignificant = "/"
                while index < scalars.count && scalars[index].properties.isAlphabetic { index += 1 }
                continue
            case "$":
                var end = index + 1
                while end < scalars.count && (scalars[end].properties.isXIDContinue || scalars[end] == "$") { end += 1 }
                let name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                var after = end
                while after < scalars.count && scalars[after].properties.isWhitespace { after += 1 }
                let isCall = after < scalars.count && scalars[after] == "("
                if !name.isEmpty, !name.hasPrefix("$"), name != "states", !isCall, !jsonataFunctions.contains(name) {
                    found.insert(name)
                }
                index = end
                previousSignificant = "a"
                continue
            default:
                if !scalar.properties.isWhitespace { previousSignificant = scalar }
                index += 1
            }
        }
    }

    /// JSONata's built-in functions (2.0) and the ones Step Functions adds; a bare `$name` of one of these is a
    /// function value, not a variable.
    static let jsonataFunctions: Set<String> = [
        "sum", "count", "max", "min", "average", "string", "substring", "substringBefore", "substringAfter",
        "lowercase", "uppercase", "length", "trim", "pad", "match", "contains", "replace", "split", "join",
        "formatNumber", "formatBase", "formatInteger", "parseInteger", "number", "floor", "ceil", "round", "abs",
        "sqrt", "power", "random", "boolean", "not", "map", "zip", "filter", "single", "reduce", "sift", "keys",
        "lookup", "append", "exists", "spread", "merge", "reverse", "each", "error", "assert", "type", "sort",
        "shuffle", "distinct", "base64encode", "base64decode", "encodeUrlComponent", "encodeUrl",
        "decodeUrlComponent", "decodeUrl", "eval", "toMillis", "fromMillis", "clone", "now", "millis",
        "partition", "range", "hash", "uuid", "parse",
    ]
}
