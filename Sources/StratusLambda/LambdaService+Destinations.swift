// LambdaService+Destinations: SQS access and the records Lambda sends to destinations and dead-letter queues.
import Foundation
import StratusAPIEventBridge
import StratusAPILambda
import StratusAPISNS
import StratusAPISQS
import OrderedCollections
import StratusAWSCore
import StratusJSON
import StratusServiceKit

extension LambdaService {
    /// A client acting in the queue's account and region, and the queue's URL.
    /// - Throws: `ServiceException` when no SQS is wired; SQS's errors (e.g. the queue does not exist).
    func sqs(_ queue: LambdaQueueArn) async throws -> (client: SQSClient, queueUrl: String) {
        guard let invoker else { throw LambdaFailure.service("No SQS service is wired to reach \(queue.name).") }
        let context = RequestContext(accountID: queue.accountID, region: queue.region, requestID: ids.next(),
                                     host: "localhost", receivedAt: clock.now())
        let client = SQSClient(invoker: invoker, context: context)
        let found = try await client.getQueueUrl(SQS.GetQueueUrlRequest(queueName: queue.name,
                                                                        queueOwnerAWSAccountId: queue.accountID))
        guard let url = found.queueUrl else { throw LambdaFailure.service("SQS answered no URL for \(queue.name).") }
        return (client, url)
    }

    /// Lambda's asynchronous invocation record (the body sent to an `OnSuccess`/`OnFailure` destination).
    static func invocationRecord(
        _ invocation: LambdaAsyncInvocationRecord, functionArn: String, condition: String, invokeCount: Int,
        outcome: LambdaInvocationOutcome?, executedVersion: String?, now: Int64
    ) -> JSONValue {
        let request = (try? JSONValue.parse(invocation.payload)) ?? .string(String(decoding: invocation.payload, as: UTF8.self))
        var record: [(String, JSONValue)] = [
            ("version", "1.0"),
            ("timestamp", .string(isoTimestamp(now))),
            ("requestContext", .object([
                "requestId": .string(invocation.id),
                "functionArn": .string(functionArn),
                "condition": .string(condition),
                "approximateInvokeCount": .number(JSONNumber(invokeCount)),
            ])),
            ("requestPayload", request),
        ]
        if let outcome {
            var response: [(String, JSONValue)] = [("statusCode", 200)]
            if let executedVersion { response.append(("executedVersion", .string(executedVersion))) }
            if let error = outcome.functionError { response.append(("functionError", .string(error))) }
            record.append(("responseContext", .object(.init(uniqueKeysWithValues: response))))
            let payload = (try? JSONValue.parse(outcome.payload)) ?? .string(String(decoding: outcome.payload, as: UTF8.self))
            record.append(("responsePayload", payload))
        }
        return .object(.init(uniqueKeysWithValues: record))
    }

    /// `2024-05-01T12:34:56.789Z`.
    static func isoTimestamp(_ milliseconds: Int64) -> String {
        String(LambdaTimestamp.text(milliseconds).dropLast(5)) + "Z"
    }

    /// Whether `arn` can be an `OnSuccess`/`OnFailure` destination: an SQS queue, an SNS topic, a Lambda function or
    /// an EventBridge event bus.
    static func isDestination(_ arn: String) -> Bool {
        if LambdaQueueArn(arn) != nil { return true }
        let parts = arn.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0] == "arn", !parts[3].isEmpty, !parts[4].isEmpty else { return false }
        switch parts[2] {
        case "sns": return parts.count == 6 && !parts[5].isEmpty
        case "lambda": return parts[5] == "function" && parts.count == 7
        case "events": return parts.count == 6 && parts[5].hasPrefix("event-bus/")
        default: return false
        }
    }

    /// Sends `record` to the destination — an SQS queue (`SendMessage`), an SNS topic (`Publish`), a Lambda
    /// function (an `Event` invocation) or an EventBridge bus (`PutEvents`, source `lambda`, detail type `Lambda
    /// Function Invocation Result - Success`/`- Failure`); failures are reported to the caller.
    func deliver(_ record: JSONValue, to destination: String) async throws {
        guard let queue = LambdaQueueArn(destination) else {
            try await deliverElsewhere(record, to: destination)
            return
        }
        let (client, url) = try await sqs(queue)
        var request = SQS.SendMessageRequest(queueUrl: url, messageBody: record.serializedString())
        if queue.isFIFO {
            request.messageGroupId = "lambda"
            request.messageDeduplicationId = ids.next()
        }
        _ = try await client.sendMessage(request)
    }

    /// The topic, function and event-bus destinations of ``deliver(_:to:)``.
    private func deliverElsewhere(_ record: JSONValue, to destination: String) async throws {
        let parts = destination.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false).map(String.init)
        guard Self.isDestination(destination) else {
            throw LambdaFailure.invalidParameter("\(destination) is not an SQS, SNS, Lambda or EventBridge destination.")
        }
        let text = record.serializedString()
        let context = RequestContext(accountID: parts[4], region: parts[3], requestID: ids.next(), host: "localhost",
                                     receivedAt: clock.now())
        switch parts[2] {
        case "lambda":
            var request = Lambda.InvocationRequest(functionName: destination)
            request.invocationType = .event
            request.payload = Data(text.utf8)
            _ = try await invoke(request, context: context)
        case "sns":
            guard let invoker else { throw LambdaFailure.service("No SNS service is wired to reach \(destination).") }
            var request = SNS.PublishInput(message: text)
            request.topicArn = destination
            _ = try await SNSClient(invoker: invoker, context: context).publish(request)
        default:
            guard let invoker else { throw LambdaFailure.service("No EventBridge service is wired to reach \(destination).") }
            let succeeded = record["requestContext"]?["condition"]?.stringValue == "Success"
            var entry = EventBridge.PutEventsRequestEntry()
            entry.source = "lambda"
            entry.detailType = "Lambda Function Invocation Result - \(succeeded ? "Success" : "Failure")"
            entry.detail = text
            entry.eventBusName = destination
            entry.resources = [destination, record["requestContext"]?["functionArn"]?.stringValue].compactMap { $0 }
            let answer = try await EventBridgeClient(invoker: invoker, context: context)
                .putEvents(EventBridge.PutEventsRequest(entries: [entry]))
            if let failure = answer.entries?.first?.errorMessage, (answer.failedEntryCount ?? 0) > 0 {
                throw LambdaFailure.service("EventBridge refused the record: \(failure)")
            }
        }
    }

    /// Sends a failed event to the function's dead-letter queue as Lambda does: the event as the body, with the
    /// `RequestID`, `ErrorCode` and `ErrorMessage` attributes.
    func deliverToDeadLetterQueue(_ invocation: LambdaAsyncInvocationRecord, target: String,
                                  errorMessage: String) async throws
    {
        guard let queue = LambdaQueueArn(target) else {
            throw LambdaFailure.invalidParameter("Stratus sends dead letters to SQS queues only, not to \(target).")
        }
        let (client, url) = try await sqs(queue)
        var request = SQS.SendMessageRequest(
            queueUrl: url, messageBody: String(decoding: invocation.payload, as: UTF8.self),
            messageAttributes: [
                "RequestID": SQS.MessageAttributeValue(stringValue: invocation.id, dataType: "String"),
                "ErrorCode": SQS.MessageAttributeValue(stringValue: "200", dataType: "Number"),
                "ErrorMessage": SQS.MessageAttributeValue(stringValue: String(errorMessage.prefix(1024)), dataType: "String"),
            ])
        if queue.isFIFO {
            request.messageGroupId = "lambda"
            request.messageDeduplicationId = invocation.id
        }
        _ = try await client.sendMessage(request)
    }
}
