import OrderedCollections
import StratusASL
import StratusJSON

/// One event of an execution's history, as `GetExecutionHistory` returns it.
///
/// Guarantees: `id` counts from 1 without gaps; `previousEventID` is the event this one follows in its thread
/// (0 for the first); `type` is AWS's `HistoryEventType`; `details` is `nil` or a one-member object whose key is
/// AWS's details member name (e.g. `stateEnteredEventDetails`) and whose `input`/`output` members are JSON text.
package struct HistoryEvent: Sendable {
    /// How the details are stored: the two most frequent events compactly (their JSON is built on demand),
    /// the others as JSON.
    enum Payload: Sendable {
        case none
        case stateEntered(name: String, inputText: String)
        case stateExited(name: String, outputText: String, assigned: [(String, String)]?)
        /// `mapIteration{Started,Succeeded,Failed,Aborted}EventDetails`: `{"name", "index"}`.
        case mapIteration(detailsKey: String, name: String, index: Int)
        case json(JSONValue)
    }

    /// The event id.
    package var id: Int
    /// The id of the previous event in the same thread.
    package var previousEventID: Int
    /// When it happened.
    package var timestamp: RFC3339.Instant
    /// AWS's event type, e.g. `PassStateEntered`.
    package var type: String
    var payload: Payload

    /// Creates an event.
    package init(id: Int, previousEventID: Int, timestamp: RFC3339.Instant, type: String, details: JSONValue?) {
        self.init(id: id, previousEventID: previousEventID, timestamp: timestamp, type: type, payload: details.map { .json($0) } ?? .none)
    }

    init(id: Int, previousEventID: Int, timestamp: RFC3339.Instant, type: String, payload: Payload) {
        self.id = id
        self.previousEventID = previousEventID
        self.timestamp = timestamp
        self.type = type
        self.payload = payload
    }

    /// The details member, e.g. `{"stateEnteredEventDetails": {...}}`.
    package var details: JSONValue? {
        switch payload {
        case .none:
            return nil
        case .json(let value):
            return value
        case .stateEntered(let name, let inputText):
            return .object(["stateEnteredEventDetails": .object([
                "name": .string(name), "input": .string(inputText), "inputDetails": ExecutionMachine.notTruncated,
            ])])
        case .mapIteration(let key, let name, let index):
            return .object([key: .object(["name": .string(name), "index": .number(JSONNumber(index))])])
        case .stateExited(let name, let outputText, let assigned):
            var members: OrderedDictionary<String, JSONValue> = ["name": .string(name)]
            if let assigned, !assigned.isEmpty {
                members["assignedVariables"] = .object(OrderedDictionary(assigned.map { ($0.0, JSONValue.string($0.1)) },
                                                                         uniquingKeysWith: { _, last in last }))
                members["assignedVariablesDetails"] = ExecutionMachine.notTruncated
            }
            members["output"] = .string(outputText)
            members["outputDetails"] = ExecutionMachine.notTruncated
            return .object(["stateExitedEventDetails": .object(members)])
        }
    }

    /// The event as a `GetExecutionHistory` element (timestamp as epoch seconds, as the JSON protocol sends it).
    package var jsonValue: JSONValue {
        var object: OrderedDictionary<String, JSONValue> = [
            "timestamp": .number(JSONNumber(Double(timestamp.milliseconds) / 1000)),
            "type": .string(type),
            "id": .number(JSONNumber(id)),
            "previousEventId": .number(JSONNumber(previousEventID)),
        ]
        if case .object(let members)? = details {
            for (key, value) in members { object[key] = value }
        }
        return .object(object)
    }
}
