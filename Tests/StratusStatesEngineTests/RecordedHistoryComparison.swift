import OrderedCollections
import StratusJSON

/// The one set of rules that decides whether a run matches an AWS recording of ../shared/conformance/localstack-sfn.
/// Both the in-process test (`RecordedExecutionTests`, the engine's own history) and the test through the HTTP API
/// (`RecordedExecutionsOverHTTPTests`, `GetExecutionHistory` of the built binary) compare with it, so the two can
/// only differ in how the execution ran, never in what counts as a match.
///
/// Histories are compared in the shape `GetExecutionHistory` answers (`HistoryEvent.jsonValue`): objects with
/// `type`, `id`, `previousEventId` and one `…EventDetails` member. Rules: the final event's type must match, and
/// its `output`, `error` and `cause` as JSON values (recorded text fields are sometimes already decoded by the
/// recorder); when the recording has more than one event, the sequence of event types must match, in order with
/// `previousEventId` links — or, where the recorder replaced ids with sorted ones (concurrent branches), as a
/// multiset of the same total size.
enum RecordedHistoryComparison {
    /// `nil` when `ours` (API-shaped events, in id order) matches the recording, else what differs.
    static func compare(_ ours: [JSONValue], expected: [JSONValue]) -> String? {
        guard let last = expected.max(by: { eventID($0) < eventID($1) }),
              case .string(let finalType)? = last["type"] else { return "recording has no final event" }
        guard let ourLast = ours.last else { return "no history" }
        let ourFinalType = ourLast["type"]?.stringValue ?? ""
        if ourFinalType != finalType { return "final event \(ourFinalType), expected \(finalType)" }
        let detailsKey = finalType.prefix(1).lowercased() + finalType.dropFirst() + "EventDetails"
        let expectedDetails = last[detailsKey] ?? .object([:])
        let ourDetails = ourLast[detailsKey] ?? .object([:])
        for field in ["output", "error", "cause"] {
            let want = normalize(expectedDetails[field])
            let got = normalize(ourDetails[field])
            if want != got {
                if let want, let got, let difference = firstDifference(got, want, path: "$") { return "\(field) differs at \(difference)" }
                return "\(field): got \(got?.serializedString() ?? "nil"), expected \(want?.serializedString() ?? "nil")"
            }
        }
        if expected.count == 1 { return nil }
        let sortedRegion = expected.contains { if case .array? = $0["id"] { true } else { false } }
        let expectedTypes = expected.compactMap { $0["type"]?.stringValue }
        let ourTypes = ours.map { $0["type"]?.stringValue ?? "" }
        if sortedRegion {
            let maxID = expected.map(eventID).max() ?? 0
            if ours.count != maxID { return "\(ours.count) events, expected \(maxID)" }
            var remaining = ourTypes
            for type in expectedTypes {
                guard let index = remaining.firstIndex(of: type) else { return "missing event \(type)" }
                remaining.remove(at: index)
            }
            return nil
        }
        if ourTypes != expectedTypes {
            return "events differ:\n    got      \(ourTypes.joined(separator: ","))\n    expected \(expectedTypes.joined(separator: ","))"
        }
        for (index, event) in expected.enumerated() {
            if case .number(let previous)? = event["previousEventId"] {
                let ourPrevious = previousEventID(ours[index])
                if Int(previous.doubleValue) != ourPrevious {
                    return "event \(index + 1) (\(ourTypes[index])) previousEventId \(ourPrevious), expected \(previous)"
                }
            }
        }
        return nil
    }

    /// Where two values first differ (`$.a[2]: got 1, expected 2`), or nil when equal.
    static func firstDifference(_ got: JSONValue, _ want: JSONValue, path: String) -> String? {
        switch (got, want) {
        case (.object(let a), .object(let b)):
            for key in Set(a.keys).union(b.keys).sorted() {
                guard let x = a[key] else { return "\(path).\(key): missing, expected \(b[key]!.serializedString().prefix(120))" }
                guard let y = b[key] else { return "\(path).\(key): unexpected \(x.serializedString().prefix(120))" }
                if let inner = firstDifference(x, y, path: "\(path).\(key)") { return inner }
            }
            return nil
        case (.array(let a), .array(let b)) where a.count == b.count:
            for (index, pair) in zip(a, b).enumerated() {
                if let inner = firstDifference(pair.0, pair.1, path: "\(path)[\(index)]") { return inner }
            }
            return nil
        default:
            return got == want ? nil : "\(path): got \(got.serializedString().prefix(150)), expected \(want.serializedString().prefix(150))"
        }
    }

    /// A recorded event's numeric `id` (0 when the recorder replaced it).
    static func eventID(_ event: JSONValue) -> Int {
        if case .number(let number)? = event["id"] { return Int(number.doubleValue) }
        return 0
    }

    static func previousEventID(_ event: JSONValue) -> Int {
        if case .number(let number)? = event["previousEventId"] { return Int(number.doubleValue) }
        return 0
    }

    /// Recorded input/output fields are JSON text, sometimes already decoded by the recorder: compare values.
    static func normalize(_ value: JSONValue?) -> JSONValue? {
        guard let value else { return nil }
        if case .string(let text) = value, let parsed = try? JSONValue.parse(text) { return parsed }
        return value
    }
}
