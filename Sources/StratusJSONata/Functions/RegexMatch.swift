import OrderedCollections

/// One match produced by a regex literal or a custom matcher function (jsonata-js's matcher result object).
struct RegexMatch {
    enum Continuation {
        /// Continue searching `regex` from `lastIndex`.
        case regex(JSONataRegex, scalars: [Unicode.Scalar], lastIndex: Int, position: Int)
        /// Call the matcher object's `next` function.
        case function(Value?)
    }

    var match: String
    /// Start and end, in Unicode-scalar offsets.
    var start: Int
    var end: Int
    var groups: [String?]
    var continuation: Continuation

    /// The first match of `regex` at or after `from` (JavaScript `exec` with `lastIndex = from`).
    static func first(_ regex: JSONataRegex, _ scalars: [Unicode.Scalar], from: Int, position: Int) throws -> RegexMatch? {
        guard let found = regex.firstMatch(in: scalars, from: from) else { return nil }
        let groups = found.groups.map { range in range.map { makeString(scalars[$0]) } }
        return RegexMatch(match: makeString(scalars[found.range]), start: found.range.lowerBound, end: found.range.upperBound,
                          groups: groups,
                          continuation: .regex(regex, scalars: scalars, lastIndex: found.range.upperBound, position: position))
    }

    /// The matcher result object `{match, start, end, groups}` handed to replacement functions.
    func object() -> ObjectValue {
        ObjectValue([
            "match": .string(match), "start": .number(Double(start)), "end": .number(Double(end)),
            "groups": .array(ArrayValue(groups.map { $0.map(Value.string) ?? .string("") })),
        ])
    }
}

extension Evaluator {
    /// The first match of `matcher` (a regex or a custom matcher function) in `text`.
    func firstMatch(_ matcher: Value?, _ text: String) throws -> RegexMatch? {
        guard case .function(let function)? = matcher else { return nil }
        if case .regex(let literal) = function {
            return try RegexMatch.first(literal.regex, Array(text.unicodeScalars), from: 0, position: literal.position)
        }
        let result = try apply(matcher, [.string(text)], nil, Frame(parent: nil))
        return try matcherResult(result)
    }

    /// The match after `previous` (D1004 when a regex would match the empty string forever).
    func nextMatch(_ previous: RegexMatch) throws -> RegexMatch? {
        switch previous.continuation {
        case .regex(let regex, let scalars, let lastIndex, let position):
            if lastIndex >= scalars.count { return nil }
            let next = try RegexMatch.first(regex, scalars, from: lastIndex, position: position)
            if let next, next.match.isEmpty {
                throw JSONataError(code: "D1004", message: "Regular expression matches zero length string",
                                   position: position, value: regex.pattern)
            }
            return next
        case .function(let next):
            guard next != nil else { return nil }
            return try matcherResult(try apply(next, [], nil, Frame(parent: nil)))
        }
    }

    private func matcherResult(_ result: Value?) throws -> RegexMatch? {
        guard let result else { return nil }
        guard case .object(let object) = result,
              object.members["start"]?.numberValue != nil || object.members["end"]?.numberValue != nil
                || object.members["groups"]?.arrayValue != nil || object.members["next"]?.isFunction == true
        else {
            throw JSONataError(code: "T1010", message: "The matcher function argument passed to function does not return the correct object structure")
        }
        let groups = object.members["groups"]?.arrayValue?.items.map(\.stringValue) ?? []
        return RegexMatch(match: object.members["match"]?.stringValue ?? "",
                          start: clampedIndex(object.members["start"]?.numberValue ?? 0),
                          end: clampedIndex(object.members["end"]?.numberValue ?? 0),
                          groups: groups, continuation: .function(object.members["next"]))
    }
}
