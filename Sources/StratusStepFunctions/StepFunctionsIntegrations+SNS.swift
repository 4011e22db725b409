// StepFunctionsIntegrations+SNS: the optimized `sns:publish` integration.
import Foundation
import OrderedCollections
import StratusAPISNS
import StratusAWSCore
import StratusJSON
import StratusServiceKit
import StratusStatesEngine

extension StepFunctionsIntegrations {
    /// `arn:<partition>:states:::sns:publish[.waitForTaskToken]`.
    static func snsKind(of resource: String) -> Kind? {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 7, parts[0] == "arn", parts[2] == "states", parts[3].isEmpty, parts[4].isEmpty,
              parts[5] == "sns" else { return nil }
        switch parts[6] {
        case "publish": return .snsPublish(waitsForTaskToken: false)
        case "publish.waitForTaskToken": return .snsPublish(waitsForTaskToken: true)
        default: return nil
        }
    }

    /// Publishes the Task's parameters (`TopicArn`/`TargetArn`/`PhoneNumber`, `Message` — a non-string value as its
    /// JSON text —, `Subject`, `MessageStructure`, `MessageAttributes`, `MessageGroupId`, `MessageDeduplicationId`).
    /// The result is `{MessageId, SequenceNumber?, SdkHttpMetadata, SdkResponseMetadata}` as recorded from AWS (the
    /// headers of SNS's XML answer); errors are `SNS.<Code>Exception` with the SDK v1 cause.
    func invokeSNSPublish(_ invocation: TaskInvocation, waitsForTaskToken: Bool, invoker: any ServiceInvoker,
                          context: RequestContext, now: Date) async -> Outcome {
        let request: SNS.PublishInput
        switch Self.publishRequest(invocation.input) {
        case .success(let built): request = built
        case .failure(let problem): return .failed(error: "States.Runtime", cause: problem.reason)
        }
        do {
            let result = try await SNSClient(invoker: invoker, context: context).publish(request)
            let output = Self.publishOutput(result, requestID: context.requestID, date: now)
            return waitsForTaskToken ? .awaitingCallback(submitted: output) : .succeeded(output)
        } catch let error as AWSServiceError {
            return Self.snsFailure(error, requestID: context.requestID)
        } catch {
            return .failed(error: "States.Runtime", cause: "\(error)")
        }
    }

    /// The `Publish` request of a Task's effective parameters.
    static func publishRequest(_ input: JSONValue) -> Result<SNS.PublishInput, ParameterProblem> {
        guard case .object(let members) = input else {
            return .failure(ParameterProblem(reason: "The parameters of sns:publish must be an object."))
        }
        guard let message = members["Message"] else {
            return .failure(ParameterProblem(reason: "The field 'Message' is required."))
        }
        var request = SNS.PublishInput(message: text(of: message))
        for (key, value) in members where key != "Message" {
            switch (key, value) {
            case ("TopicArn", .string(let text)): request.topicArn = text
            case ("TargetArn", .string(let text)): request.targetArn = text
            case ("PhoneNumber", .string(let text)): request.phoneNumber = text
            case ("Subject", .string(let text)): request.subject = text
            case ("MessageStructure", .string(let text)): request.messageStructure = text
            case ("MessageGroupId", .string(let text)): request.messageGroupId = text
            case ("MessageDeduplicationId", .string(let text)): request.messageDeduplicationId = text
            case ("MessageAttributes", .object(let attributes)):
                var converted: [String: SNS.MessageAttributeValue] = [:]
                for (name, attribute) in attributes {
                    guard case .object(let fields) = attribute, case .string(let dataType)? = fields["DataType"] else {
                        return .failure(ParameterProblem(reason: "The message attribute '\(name)' must be an object with a string 'DataType'."))
                    }
                    var value = SNS.MessageAttributeValue(dataType: dataType)
                    if case .string(let text)? = fields["StringValue"] { value.stringValue = text }
                    if case .string(let text)? = fields["BinaryValue"] { value.binaryValue = Data(base64Encoded: text) }
                    converted[name] = value
                }
                request.messageAttributes = converted
            default:
                return .failure(ParameterProblem(
                    reason: "The field '\(key)' is not supported by the sns:publish integration, or has the wrong type."))
            }
        }
        return .success(request)
    }

    /// The task result of a `Publish` answer: `MessageId` (and `SequenceNumber`), then `SdkHttpMetadata` with the
    /// headers SNS sends for its XML answer (`Content-Length` of that document) and `SdkResponseMetadata`.
    static func publishOutput(_ result: SNS.PublishResponse, requestID: String, date: Date) -> JSONValue {
        var members: OrderedDictionary<String, JSONValue> = [:]
        var resultXML = ""
        if let id = result.messageId {
            members["MessageId"] = .string(id)
            resultXML += "\n    <MessageId>\(id)</MessageId>"
        }
        if let sequence = result.sequenceNumber {
            members["SequenceNumber"] = .string(sequence)
            resultXML += "\n    <SequenceNumber>\(sequence)</SequenceNumber>"
        }
        let document = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">\n  <PublishResult>"
            + resultXML + "\n  </PublishResult>\n  <ResponseMetadata>\n    <RequestId>\(requestID)</RequestId>\n"
            + "  </ResponseMetadata>\n</PublishResponse>\n"
        let headers: [(String, String)] = [
            ("x-amzn-RequestId", requestID), ("connection", "keep-alive"), ("Content-Length", String(document.utf8.count)),
            ("Date", httpDate(date)), ("Content-Type", "text/xml"),
        ]
        members["SdkHttpMetadata"] = sdkHttpMetadata(headers)
        members["SdkResponseMetadata"] = ["RequestId": .string(requestID)]
        return .object(members)
    }

    /// The task failure of an SNS error, as the AWS SDK (v1) names it: `SNS.<Code>Exception` for the model's
    /// exceptions (`SNS.NotFoundException`), `SNS.AmazonSNSException` for the others, with the cause `<message>
    /// (Service: AmazonSNS; Status Code: <status>; Error Code: <code>; Request ID: <id>; Proxy: null)`.
    static func snsFailure(_ error: AWSServiceError, requestID: String) -> Outcome {
        let code = error.code.code
        let modeled = SNSErrors.byShapeName.values.contains { $0.code == code }
        let name = modeled ? errorName(service: "SNS", code: code) : "SNS.AmazonSNSException"
        let cause = "\(error.message ?? "null") (Service: AmazonSNS; Status Code: \(error.code.httpStatus); "
            + "Error Code: \(code); Request ID: \(requestID); Proxy: null)"
        return .failed(error: name, cause: cause)
    }
}
