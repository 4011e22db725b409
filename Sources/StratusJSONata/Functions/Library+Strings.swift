import OrderedCollections

/// JavaScript `Array.prototype.slice` index normalisation.
func sliceIndex(_ value: Double, _ count: Int) -> Int {
    if value.isNaN { return 0 }
    let truncated = value.rounded(.towardZero)
    if truncated < 0 { return Swift.max(0, count + Int(Swift.max(truncated, -Double(count) - 1))) }
    return Int(Swift.min(truncated, Double(count)))
}

/// Index of `needle` in `haystack` at or after `from` (scalar offsets), JavaScript `indexOf` style.
func indexOf(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar], from: Int = 0) -> Int? {
    if needle.isEmpty { return Swift.min(from, haystack.count) }
    guard haystack.count >= needle.count else { return nil }
    var start = from
    while start <= haystack.count - needle.count {
        if haystack[start] == needle[0] {
            var matched = true
            for offset in 1..<needle.count where haystack[start + offset] != needle[offset] {
                matched = false
                break
            }
            if matched { return start }
        }
        start += 1
    }
    return nil
}

func makeString<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars)
    return String(view)
}

extension Library {
    /// `$substring` on scalars (jsonata-js `substring`).
    static func substring(_ text: String, _ start: Double, _ length: Double?) -> String {
        let scalars = Array(text.unicodeScalars)
        let count = scalars.count
        var start = start
        if Double(count) + start < 0 { start = 0 }
        if let length {
            if length <= 0 { return "" }
            let end = start >= 0 ? start + length : Double(count) + start + length
            let from = sliceIndex(start, count)
            let to = sliceIndex(end, count)
            return from < to ? makeString(scalars[from..<to]) : ""
        }
        let from = sliceIndex(start, count)
        return makeString(scalars[from...])
    }

    static let stringFunctions: [NativeFunction] = [
        NativeFunction("string", "<x-b?:s>", arity: 1) { args, _ in
            guard let value = argument(args, 0) else { return nil }
            let pretty = booleanValue(argument(args, 1)) == true
            return .string(try Stringify.string(value, pretty: pretty))
        },
        NativeFunction("substring", "<s-nn?:s>", arity: 3) { args, _ in
            guard let text = string(args, 0) else { return nil }
            return .string(substring(text, number(args, 1) ?? 0, number(args, 2)))
        },
        NativeFunction("substringBefore", "<s-s:s>", arity: 2) { args, _ in
            guard let text = string(args, 0) else { return nil }
            guard let chars = string(args, 1) else { return .string(text) }
            let scalars = Array(text.unicodeScalars)
            guard let position = indexOf(scalars, Array(chars.unicodeScalars)) else { return .string(text) }
            return .string(makeString(scalars[..<position]))
        },
        NativeFunction("substringAfter", "<s-s:s>", arity: 2) { args, _ in
            guard let text = string(args, 0) else { return nil }
            guard let chars = string(args, 1) else { return .string(text) }
            let scalars = Array(text.unicodeScalars)
            let needle = Array(chars.unicodeScalars)
            guard let position = indexOf(scalars, needle) else { return .string(text) }
            return .string(makeString(scalars[(position + needle.count)...]))
        },
        NativeFunction("lowercase", "<s-:s>", arity: 1) { args, _ in
            string(args, 0).map { .string($0.lowercased()) }
        },
        NativeFunction("uppercase", "<s-:s>", arity: 1) { args, _ in
            string(args, 0).map { .string($0.uppercased()) }
        },
        NativeFunction("length", "<s-:n>", arity: 1) { args, _ in
            string(args, 0).map { .number(Double($0.unicodeScalars.count)) }
        },
        NativeFunction("trim", "<s-:s>", arity: 1) { args, _ in
            guard let text = string(args, 0) else { return nil }
            var result = String.UnicodeScalarView()
            var inSpace = false
            for scalar in text.unicodeScalars {
                if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                    if !inSpace { result.append(" ") }
                    inSpace = true
                } else {
                    result.append(scalar)
                    inSpace = false
                }
            }
            if result.first == " " { result.removeFirst() }
            if result.last == " " { result.removeLast() }
            return .string(String(result))
        },
        NativeFunction("pad", "<s-ns?:s>", arity: 3) { args, _ in
            guard let text = string(args, 0) else { return nil }
            let width = number(args, 1) ?? 0
            var padChars = string(args, 2) ?? " "
            if padChars.isEmpty { padChars = " " }
            let padLength = Int((width.magnitude - Double(text.unicodeScalars.count)).rounded(.down))
            guard padLength > 0 else { return .string(text) }
            let padScalars = Array(padChars.unicodeScalars)
            var padding = String.UnicodeScalarView()
            for index in 0..<padLength { padding.append(padScalars[index % padScalars.count]) }
            return .string(width > 0 ? text + String(padding) : String(padding) + text)
        },
        NativeFunction("join", "<a<s>s?:s>", arity: 2) { args, _ in
            guard let strings = array(args, 0) else { return nil }
            let separator = string(args, 1) ?? ""
            return .string(strings.items.compactMap(\.stringValue).joined(separator: separator))
        },
        NativeFunction("contains", "<s-(sf):b>", arity: 2) { args, context in
            guard let text = string(args, 0), argument(args, 1) != nil else { return nil }
            if let token = string(args, 1) {
                return .bool(indexOf(Array(text.unicodeScalars), Array(token.unicodeScalars)) != nil)
            }
            return .bool(try context.evaluator.firstMatch(argument(args, 1), text) != nil)
        },
        NativeFunction("split", "<s-(sf)n?:a<s>>", arity: 3) { args, context in
            guard let text = string(args, 0) else { return nil }
            let limit = number(args, 2)
            if let limit, limit < 0 {
                throw JSONataError(code: "D3020", message: "Third argument of split function must evaluate to a positive number",
                                   value: JSNumber.string(limit))
            }
            var result: [Value] = []
            let maximum = limit.map { Int(Swift.min($0.rounded(.down), 4_294_967_295)) }
            if maximum == 0 { return .array(ArrayValue()) }
            let scalars = Array(text.unicodeScalars)
            if let separator = string(args, 1) {
                let needle = Array(separator.unicodeScalars)
                if needle.isEmpty {
                    result = scalars.map { .string(String($0)) }
                } else {
                    var start = 0
                    while let position = indexOf(scalars, needle, from: start) {
                        result.append(.string(makeString(scalars[start..<position])))
                        start = position + needle.count
                    }
                    result.append(.string(makeString(scalars[start...])))
                }
                if let maximum, result.count > maximum { result = Array(result[0..<maximum]) }
                return .array(ArrayValue(result))
            }
            var count = 0
            var match = try context.evaluator.firstMatch(argument(args, 1), text)
            if match == nil { return .array(ArrayValue([.string(text)])) }
            var start = 0
            while let current = match, maximum == nil || count < maximum! {
                result.append(.string(makeString(scalars[start..<Swift.min(Swift.max(start, current.start), scalars.count)])))
                start = current.end
                match = try context.evaluator.nextMatch(current)
                count += 1
            }
            if maximum == nil || count < maximum! {
                result.append(.string(makeString(scalars[Swift.min(start, scalars.count)...])))
            }
            return .array(ArrayValue(result))
        },
        NativeFunction("match", "<s-f<s:o>n?:a<o>>", arity: 3) { args, context in
            guard let text = string(args, 0) else { return nil }
            let limit = number(args, 2)
            if let limit, limit < 0 {
                throw JSONataError(code: "D3040", message: "Third argument of match function must evaluate to a positive number",
                                   value: JSNumber.string(limit))
            }
            let result = ArrayValue.sequence()
            if limit == nil || limit! > 0 {
                var count = 0.0
                var match = try context.evaluator.firstMatch(argument(args, 1), text)
                while let current = match, limit == nil || count < limit! {
                    result.items.append(.object(ObjectValue([
                        "match": .string(current.match), "index": .number(Double(current.start)),
                        "groups": .array(ArrayValue(current.groups.map { $0.map(Value.string) ?? .string("") })),
                    ])))
                    match = try context.evaluator.nextMatch(current)
                    count += 1
                }
            }
            return .array(result)
        },
        NativeFunction("replace", "<s-(sf)(sf)n?:s>", arity: 4) { args, context in
            guard let text = string(args, 0) else { return nil }
            let pattern = argument(args, 1)
            if case .string("")? = pattern {
                throw JSONataError(code: "D3010", message: "Second argument of replace function cannot be an empty string", value: "")
            }
            let limit = number(args, 3)
            if let limit, limit < 0 {
                throw JSONataError(code: "D3011", message: "Fourth argument of replace function must evaluate to a positive number",
                                   value: JSNumber.string(limit))
            }
            if let limit, limit == 0 { return .string(text) }
            let replacement = argument(args, 2)
            let scalars = Array(text.unicodeScalars)
            if case .string(let patternText)? = pattern {
                let needle = Array(patternText.unicodeScalars)
                let replacementText = try replacement.map { value in try Stringify.string(value, pretty: false) } ?? ""
                var result = ""
                var position = 0
                var count = 0.0
                while limit == nil || count < limit!, let index = indexOf(scalars, needle, from: position) {
                    result += makeString(scalars[position..<index])
                    result += replacementText
                    position = index + needle.count
                    count += 1
                }
                result += makeString(scalars[position...])
                return .string(result)
            }
            var match = try context.evaluator.firstMatch(pattern, text)
            guard match != nil else { return .string(text) }
            var result = ""
            var position = 0
            var count = 0.0
            while let current = match, limit == nil || count < limit! {
                result += makeString(scalars[Swift.min(position, scalars.count)..<Swift.min(Swift.max(position, current.start), scalars.count)])
                let substitute: Value?
                if case .string(let template)? = replacement {
                    substitute = .string(expandReplacement(template, current))
                } else {
                    substitute = try call(context, replacement, [.object(current.object())])
                }
                guard case .string(let piece)? = substitute else {
                    throw JSONataError(code: "D3012", message: "Attempted to replace a matched string with a non-string value",
                                       value: substitute.map(describe))
                }
                result += piece
                position = current.start + current.match.unicodeScalars.count
                count += 1
                match = try context.evaluator.nextMatch(current)
            }
            result += makeString(scalars[Swift.min(position, scalars.count)...])
            return .string(result)
        },
    ]

    /// `$0`…`$n` and `$$` substitution in a `$replace` template (jsonata-js rules).
    static func expandReplacement(_ template: String, _ match: RegexMatch) -> String {
        let chars = Array(template.unicodeScalars)
        var result = ""
        var position = 0
        var dollar = indexOf(chars, ["$"], from: 0)
        while let index = dollar, position < chars.count {
            result += makeString(chars[position..<index])
            position = index + 1
            let next: Unicode.Scalar? = position < chars.count ? chars[position] : nil
            if next == "$" {
                result += "$"
                position += 1
            } else if next == "0" {
                result += match.match
                position += 1
            } else {
                let groupCount = match.groups.count
                let maxDigits = groupCount == 0 ? 1 : String(groupCount).count
                func parseDigits(_ count: Int) -> Int? {
                    var digits = ""
                    var p = position
                    while p < chars.count && digits.count < count, ("0"..."9").contains(chars[p]) {
                        digits.unicodeScalars.append(chars[p])
                        p += 1
                    }
                    return Int(digits)
                }
                var groupIndex = parseDigits(maxDigits)
                if maxDigits > 1, let value = groupIndex, value > groupCount { groupIndex = parseDigits(maxDigits - 1) }
                if let groupIndex {
                    if groupCount > 0, groupIndex >= 1, groupIndex <= groupCount, let submatch = match.groups[groupIndex - 1] {
                        result += submatch
                    }
                    position += String(groupIndex).count
                } else {
                    result += "$"
                }
            }
            dollar = indexOf(chars, ["$"], from: position)
        }
        if position < chars.count { result += makeString(chars[position...]) }
        return result
    }
}
