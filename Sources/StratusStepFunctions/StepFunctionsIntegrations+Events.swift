// StepFunctionsIntegrations+Events: the optimized `events:putEvents` integration.
import Foundation
import OrderedCollections
import StratusAPIEventBridge
import StratusJSON
import StratusServiceKit
import StratusStatesEngine

extension StepFunctionsIntegrations {
    /// `arn:<partition>:states:::events:putEvents[.waitForTaskToken]`.
    static func eventsKind(of resource: String) -> Kind? {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 7, parts[0] == "arn", parts[2] == "states", parts[3].isEmpty, parts[4].isEmpty,
              parts[5] == "events" else { return nil }
        switch parts[6] {
        case "putEvents": return .eventsPutEvents(waitsForTaskToken: false)
        case "putEvents.waitForTaskToken": return .eventsPutEvents(waitsForTaskToken: true)
        default: return nil
        }
    }

    /// Sends the Task's `Entries` (`Detail` as an object or JSON text, `DetailType`, `Source`, `EventBusName`,
    /// `Resources`, `Time`) to EventBridge; each event's `resources` gets the state machine's and the execution's ARNs
    /// after its own, as AWS adds them. The result is `{"Entries": […], "FailedEntryCount": n}`; an entry that failed
    /// fails the task with `EventBridge.FailedEntry` and that answer as the cause (as recorded).
    func invokePutEvents(_ invocation: TaskInvocation, waitsForTaskToken: Bool, executionArn: String,
                         invoker: any ServiceInvoker, context: RequestContext) async -> Outcome {
        guard case .array(let entries)? = invocation.input["Entries"] else {
            return .failed(error: "States.Runtime", cause: "The field 'Entries' of events:putEvents must be an array.")
        }
        let machineArn = Self.stateMachineArn(ofExecution: executionArn)
        var request = EventBridge.PutEventsRequest(entries: [])
        for entry in entries {
            guard case .object(let fields) = entry else {
                return .failed(error: "States.Runtime", cause: "Each entry of events:putEvents must be an object.")
            }
            var converted = EventBridge.PutEventsRequestEntry()
            for (key, value) in fields {
                switch (key, value) {
                case ("Detail", _): converted.detail = Self.text(of: value)
                case ("DetailType", .string(let text)): converted.detailType = text
                case ("Source", .string(let text)): converted.source = text
                case ("EventBusName", .string(let text)): converted.eventBusName = text
                case ("TraceHeader", .string(let text)): converted.traceHeader = text
                case ("Time", .number(let seconds)): converted.time = Date(timeIntervalSince1970: seconds.doubleValue)
                case ("Resources", .array(let resources)): converted.resources = resources.compactMap(\.stringValue)
                default:
                    return .failed(error: "States.Runtime",
                                   cause: "The field '\(key)' is not supported by the events:putEvents integration, or has the wrong type.")
                }
            }
            converted.resources = (converted.resources ?? []) + [machineArn, executionArn]
            request.entries.append(converted)
        }
        do {
            let response = try await EventBridgeClient(invoker: invoker, context: context).putEvents(request)
            let results: [JSONValue] = (response.entries ?? []).map { entry in
                var object: OrderedDictionary<String, JSONValue> = [:]
                if let id = entry.eventId { object["EventId"] = .string(id) }
                if let code = entry.errorCode { object["ErrorCode"] = .string(code) }
                if let message = entry.errorMessage { object["ErrorMessage"] = .string(message) }
                return .object(object)
            }
            let output: JSONValue = ["Entries": .array(results), "FailedEntryCount": .number(JSONNumber(response.failedEntryCount ?? 0))]
            if (response.failedEntryCount ?? 0) > 0 {
                return .failed(error: "EventBridge.FailedEntry", cause: output.serializedString())
            }
            return waitsForTaskToken ? .awaitingCallback(submitted: output) : .succeeded(output)
        } catch let error as AWSServiceError {
            return .failed(error: "EventBridge.\(error.code.code)", cause: error.message)
        } catch {
            return .failed(error: "States.Runtime", cause: "\(error)")
        }
    }

    /// `arn:aws:states:<region>:<account>:stateMachine:<name>` of an execution ARN.
    static func stateMachineArn(ofExecution arn: String) -> String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 7 else { return arn }
        return (parts[0..<5] + ["stateMachine", parts[6]]).joined(separator: ":")
    }
}
