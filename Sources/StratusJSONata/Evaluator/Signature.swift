import OrderedCollections

/// A compiled function signature (`<s-nn?:s>`), validating and adjusting call arguments as jsonata-js does.
///
/// Symbols `b n s l o a f j x`, choices `(sn)`, subtypes `a<n>` / `f<…>`, modifiers `?` (optional), `+` (one or
/// more), `-` (use the context value when the argument is missing). Errors: S0401/S0402 when compiling, T0410
/// (argument does not match), T0411 (context value does not match), T0412 (array member type) when validating.
struct Signature: Sendable {
    struct Parameter: Sendable {
        /// Allowed type symbols (including `m` for missing where the regex allows it).
        var allowed: Set<UInt8> = []
        /// The declared type (`s`, `a`, `(sn)`, …).
        var type: String = ""
        var optional = false
        var oneOrMore = false
        var useContext = false
        var subtype: String?
    }

    let definition: String
    let parameters: [Parameter]

    init(_ text: String) throws(JSONataError) {
        definition = text
        let chars = Array(text.utf8)
        var params: [Parameter] = []
        var position = 1
        func findClosing(_ start: Int, _ open: UInt8, _ close: UInt8) -> Int {
            var depth = 1
            var p = start
            while p < chars.count {
                p += 1
                guard p < chars.count else { break }
                if chars[p] == close {
                    depth -= 1
                    if depth == 0 { break }
                } else if chars[p] == open {
                    depth += 1
                }
            }
            return p
        }
        func symbols(_ s: String) -> Set<UInt8> { Set(s.utf8) }
        while position < chars.count {
            let symbol = chars[position]
            if symbol == UInt8(ascii: ":") { break }
            switch symbol {
            case UInt8(ascii: "s"), UInt8(ascii: "n"), UInt8(ascii: "b"), UInt8(ascii: "l"), UInt8(ascii: "o"):
                params.append(Parameter(allowed: [symbol, UInt8(ascii: "m")], type: String(UnicodeScalar(symbol))))
            case UInt8(ascii: "a"):
                params.append(Parameter(allowed: symbols("asnblfom"), type: "a"))
            case UInt8(ascii: "f"):
                params.append(Parameter(allowed: [UInt8(ascii: "f")], type: "f"))
            case UInt8(ascii: "j"):
                params.append(Parameter(allowed: symbols("asnblom"), type: "j"))
            case UInt8(ascii: "x"):
                params.append(Parameter(allowed: symbols("asnblfom"), type: "x"))
            case UInt8(ascii: "-"):
                if !params.isEmpty {
                    params[params.count - 1].useContext = true
                    params[params.count - 1].optional = true
                }
            case UInt8(ascii: "?"):
                if !params.isEmpty { params[params.count - 1].optional = true }
            case UInt8(ascii: "+"):
                if !params.isEmpty { params[params.count - 1].oneOrMore = true }
            case UInt8(ascii: "("):
                let end = findClosing(position, UInt8(ascii: "("), UInt8(ascii: ")"))
                let choice = String(decoding: chars[(position + 1)..<min(end, chars.count)], as: UTF8.self)
                if choice.contains("<") {
                    throw JSONataError(code: "S0402", message: "Choice groups containing parameterized types are not supported",
                                       position: position, value: choice)
                }
                var allowed = symbols(choice)
                allowed.insert(UInt8(ascii: "m"))
                params.append(Parameter(allowed: allowed, type: "(" + choice + ")"))
                position = end
            case UInt8(ascii: "<"):
                if let last = params.last, last.type == "a" || last.type == "f" {
                    let end = findClosing(position, UInt8(ascii: "<"), UInt8(ascii: ">"))
                    params[params.count - 1].subtype = String(decoding: chars[(position + 1)..<min(end, chars.count)], as: UTF8.self)
                    position = end
                } else {
                    throw JSONataError(code: "S0401", message: "Type parameters can only be applied to functions and arrays",
                                       position: position, value: params.last?.type)
                }
            default:
                break
            }
            position += 1
        }
        parameters = params
    }

    /// Backtracking match of parameter patterns against the argument symbols (the jsonata-js regex, hand-run).
    /// Returns the matched length of each parameter, or nil. With `anchored == false` only a prefix must match.
    private func match(_ symbols: [UInt8], parameterCount: Int, anchored: Bool) -> [Int]? {
        var lengths = [Int](repeating: 0, count: parameterCount)
        func run(_ p: Int, _ position: Int) -> Int? {
            if p == parameterCount { return (!anchored || position == symbols.count) ? position : nil }
            let parameter = parameters[p]
            var maxCount = 0
            while position + maxCount < symbols.count && parameter.allowed.contains(symbols[position + maxCount]) {
                maxCount += 1
                if !parameter.oneOrMore { break }
            }
            let minCount = (parameter.optional && !parameter.oneOrMore) ? 0 : (parameter.oneOrMore ? (parameter.optional ? 0 : 1) : 1)
            var count = maxCount
            while count >= minCount {
                lengths[p] = count
                if let end = run(p + 1, position + count) { return end }
                count -= 1
            }
            return nil
        }
        return run(0, 0) != nil ? lengths : nil
    }

    /// The validated arguments: context substituted for `-` parameters, non-arrays wrapped for `a` parameters.
    func validate(_ args: [Value?], context: Value?) throws -> [Value?] {
        let supplied = args.map { $0?.signatureSymbol ?? UInt8(ascii: "m") }
        guard let lengths = match(supplied, parameterCount: parameters.count, anchored: true) else {
            var goodTo = 0
            for index in parameters.indices {
                guard let partial = match(supplied, parameterCount: index + 1, anchored: false) else { break }
                goodTo = partial.reduce(0, +)
            }
            throw argumentError(args, goodTo)
        }
        var validated: [Value?] = []
        validated.reserveCapacity(parameters.count)
        var argIndex = 0
        var symbolIndex = 0
        for (index, parameter) in parameters.enumerated() {
            let length = lengths[index]
            if length == 0 {
                if parameter.useContext {
                    let contextSymbol = context?.signatureSymbol ?? UInt8(ascii: "m")
                    if parameter.allowed.contains(contextSymbol) {
                        validated.append(context)
                    } else {
                        throw JSONataError(code: "T0411", message: "Context value is not a compatible type with argument \(argIndex + 1) of function",
                                           value: context.map(describe))
                    }
                } else {
                    validated.append(argIndex < args.count ? args[argIndex] : nil)
                    argIndex += 1
                }
                continue
            }
            let matched = Array(supplied[symbolIndex..<(symbolIndex + length)])
            symbolIndex += length
            for single in matched {
                var arg = argIndex < args.count ? args[argIndex] : nil
                if parameter.type == "a" {
                    if single == UInt8(ascii: "m") {
                        arg = nil
                    } else {
                        var arrayOK = true
                        if let subtype = parameter.subtype {
                            if single != UInt8(ascii: "a") && String(decoding: matched, as: UTF8.self) != subtype {
                                arrayOK = false
                            } else if single == UInt8(ascii: "a"), case .array(let array)? = arg, let first = array.items.first {
                                let itemType = first.signatureSymbol
                                if itemType != subtype.utf8.first {
                                    arrayOK = false
                                } else {
                                    arrayOK = array.items.allSatisfy { $0.signatureSymbol == itemType }
                                }
                            }
                        }
                        if !arrayOK {
                            throw JSONataError(code: "T0412", message: "Argument \(argIndex + 1) of function must be an array of \(Signature.plural(parameter.subtype))",
                                               value: arg.map(describe))
                        }
                        if single != UInt8(ascii: "a"), let value = arg {
                            arg = .array(ArrayValue([value]))
                        }
                    }
                }
                validated.append(arg)
                argIndex += 1
            }
        }
        return validated
    }

    private func argumentError(_ args: [Value?], _ goodTo: Int) -> JSONataError {
        let value = goodTo < args.count ? args[goodTo] : nil
        return JSONataError(code: "T0410", message: "Argument \(goodTo + 1) of function does not match function signature",
                            value: value.map(describe))
    }

    private static func plural(_ subtype: String?) -> String {
        switch subtype {
        case "a": return "arrays"
        case "b": return "booleans"
        case "f": return "functions"
        case "n": return "numbers"
        case "o": return "objects"
        case "s": return "strings"
        default: return subtype ?? "values"
        }
    }
}

/// A short printable form of a value for error messages.
func describe(_ value: Value) -> String {
    (try? Stringify.string(value, pretty: false)) ?? "value"
}
