import OrderedCollections
import StratusJSON

extension JSONPath {
    /// The input with `value` written at this path, as `ResultPath` does.
    ///
    /// - `$` replaces the whole input with `value`.
    /// - `$.a.b` writes into a copy of `input`, creating missing intermediate objects and replacing an existing
    ///   member; `$.a[0]` replaces an existing array element.
    /// - Throws: ``JSONPathError/Code/notReferencePath`` when the path is not a Reference Path rooted at `$`;
    ///   ``JSONPathError/Code/resultPathMatchFailure`` when a node on the way is not an object (or, for an index,
    ///   not an array with that element), with AWS's wording
    ///   `Unable to apply ReferencePath $.a.b to input "text"`.
    public func assign(_ value: JSONValue, into input: JSONValue) throws(JSONPathError) -> JSONValue {
        guard case .input = root, isReferencePath else {
            throw JSONPathError(code: .notReferencePath, message: "The ResultPath '\(text)' must be a Reference Path rooted at '$'")
        }
        if segments.isEmpty { return value }
        var result = input
        try write(value, into: &result, at: segments[...], input: input)
        return result
    }

    private func write(
        _ value: JSONValue, into node: inout JSONValue, at segments: ArraySlice<Segment>, input: JSONValue
    ) throws(JSONPathError) {
        guard let segment = segments.first else {
            node = value
            return
        }
        let rest = segments.dropFirst()
        switch segment {
        case .property(let name):
            guard case .object(var members) = node else { throw matchFailure(input) }
            node = .null  // release the old storage so the members are uniquely referenced
            var child = members[name] ?? .object([:])
            if rest.isEmpty {
                child = value
            } else {
                try write(value, into: &child, at: rest, input: input)
            }
            members[name] = child
            node = .object(members)
        case .index(let index):
            guard case .array(var elements) = node else { throw matchFailure(input) }
            let effective = index < 0 ? elements.count + index : index
            guard elements.indices.contains(effective) else { throw matchFailure(input) }
            node = .null
            try write(value, into: &elements[effective], at: rest, input: input)
            node = .array(elements)
        default:
            throw matchFailure(input)
        }
    }

    private func matchFailure(_ input: JSONValue) -> JSONPathError {
        JSONPathError(
            code: .resultPathMatchFailure,
            message: "Unable to apply ReferencePath \(text) to input \(input.serializedString())"
        )
    }
}
