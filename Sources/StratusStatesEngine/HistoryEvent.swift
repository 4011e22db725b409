import OrderedCollections
import StratusASL
import StratusJSON

/// One event of an execution's history, as `GetExecutionHistory` returns it.
///
/// Guarantees: `id` counts from 1 without gaps; `previousEventID` is the event this one follows in its thread
/// (0 for the first); `type` is AWS's `HistoryEventType`; `details` is `nil` or a one-member object whose key is
/// AWS's details member name (e.g. `stateEnteredEventDetails`) and whose `input`/`output` members are JSON text.
package struct HistoryEvent: Sendable {
    /// The event id.
    package var id: Int
    /// The id of the previous event in the same thread.
    package var previousEventID: Int
    /// When it happened.
    package var timestamp: RFC3339.Instant
    /// AWS's event type, e.g. `PassStateEntered`.
    package var type: String
    /// The details member, e.g. `{"stateEnteredEventDetails": {...}}`.
    package var details: JSONValue?

    /// Creates an event.
    package init(id: Int, previousEventID: Int, timestamp: RFC3339.Instant, type: String, details: JSONValue?) {
        self.id = id
        self.previousEventID = previousEventID
        self.timestamp = timestamp
        self.type = type
        self.details = details
    }

    /// The event as a `GetExecutionHistory` element (timestamp as epoch seconds, as the JSON protocol sends it).
    package var jsonValue: JSONValue {
        var object: [(String, JSONValue)] = [
            ("timestamp", .number(JSONNumber(Double(timestamp.milliseconds) / 1000))),
            ("type", .string(type)),
            ("id", .number(JSONNumber(id))),
            ("previousEventId", .number(JSONNumber(previousEventID))),
        ]
        if case .object(let members)? = details {
            for (key, value) in members { object.append((key, value)) }
        }
        return .object(.init(uniqueKeysWithValues: object))
    }
}
