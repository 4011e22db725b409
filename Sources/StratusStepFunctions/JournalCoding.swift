// JournalCoding: engine events as journal text.
import OrderedCollections
import StratusJSON
import StratusStatesEngine

/// Encodes ``EngineEvent``s as small JSON texts for the journal, and back.
///
/// Guarantees: `decode(encode(e)) == e` for every event; a text this type did not write decodes to `nil`.
package enum JournalCoding {
    /// The event as JSON text (`{"k":"timer","id":3}`, …).
    package static func encode(_ event: EngineEvent) -> String {
        var object: OrderedDictionary<String, JSONValue> = [:]
        switch event {
        case .taskSucceeded(let taskID, let output):
            object = ["k": "ok", "id": .number(JSONNumber(taskID)), "out": output]
        case .taskFailed(let taskID, let error, let cause):
            object = ["k": "fail", "id": .number(JSONNumber(taskID)), "err": .string(error)]
            if let cause { object["cause"] = .string(cause) }
        case .taskStarted(let taskID, let workerName):
            object = ["k": "started", "id": .number(JSONNumber(taskID)), "worker": .string(workerName)]
        case .taskSubmitted(let taskID, let output):
            object = ["k": "sub", "id": .number(JSONNumber(taskID)), "out": output]
        case .taskHeartbeat(let taskID):
            object = ["k": "beat", "id": .number(JSONNumber(taskID))]
        case .timerFired(let timerID):
            object = ["k": "timer", "id": .number(JSONNumber(timerID))]
        case .stop(let error, let cause):
            object = ["k": "stop"]
            if let error { object["err"] = .string(error) }
            if let cause { object["cause"] = .string(cause) }
        case .updateMapRun(let arn, let maxConcurrency, let count, let percentage):
            object = ["k": "mapRun", "arn": .string(arn)]
            if let maxConcurrency { object["mc"] = .number(JSONNumber(maxConcurrency)) }
            if let count { object["tfc"] = .number(JSONNumber(count)) }
            if let percentage { object["tfp"] = .number(JSONNumber(percentage)) }
        case .redrive(let clientToken):
            object = ["k": "redrive"]
            if let clientToken { object["token"] = .string(clientToken) }
        }
        return JSONValue.object(object).serializedString()
    }

    /// The event a journal text holds, or `nil` if it is not one.
    package static func decode(_ text: String) -> EngineEvent? {
        guard case .object(let object)? = try? JSONValue.parse(text), case .string(let kind)? = object["k"] else {
            return nil
        }
        func string(_ key: String) -> String? {
            if case .string(let value)? = object[key] { return value }
            return nil
        }
        var id: Int?
        if case .number(let number)? = object["id"] { id = number.intValue }
        switch kind {
        case "ok":
            guard let id, let output = object["out"] else { return nil }
            return .taskSucceeded(taskID: id, output: output)
        case "fail":
            guard let id, let error = string("err") else { return nil }
            return .taskFailed(taskID: id, error: error, cause: string("cause"))
        case "started":
            guard let id, let worker = string("worker") else { return nil }
            return .taskStarted(taskID: id, workerName: worker)
        case "sub":
            guard let id, let output = object["out"] else { return nil }
            return .taskSubmitted(taskID: id, output: output)
        case "beat":
            return id.map { .taskHeartbeat(taskID: $0) }
        case "timer":
            return id.map { .timerFired(timerID: $0) }
        case "stop":
            return .stop(error: string("err"), cause: string("cause"))
        case "mapRun":
            guard let arn = string("arn") else { return nil }
            func number(_ key: String) -> JSONNumber? {
                if case .number(let value)? = object[key] { return value }
                return nil
            }
            return .updateMapRun(mapRunARN: arn, maxConcurrency: number("mc")?.intValue,
                                 toleratedFailureCount: number("tfc")?.intValue,
                                 toleratedFailurePercentage: number("tfp")?.doubleValue)
        case "redrive":
            return .redrive(clientToken: string("token"))
        default:
            return nil
        }
    }
}
